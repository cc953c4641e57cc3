package xlsx

import (
	"bytes"
	"strings"

	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/third_party/excelize"
	"github.com/richardlehane/mscfb"
)

// Limits that keep a hostile or broken file from exhausting the machine;
// the README lists them.
const (
	DefaultMaxRows  = 50_000    // rows per sheet
	MaxFileSize     = 256 << 20 // bytes of the .xlsx itself
	maxUnzippedSize = 512 << 20 // bytes its XML parts declare, unzipped: more is refused as a zip bomb
	MaxEncrypted    = 64 << 20  // bytes of an encrypted workbook: decrypting takes a few times its size
	maxReadSize     = 128 << 20 // bytes of XML read, unzipped: 2.2 times a sheet of 50,000 rows by 40 columns
	maxXMLInMemory  = 16 << 20  // larger parts are streamed from a temp file
)

// Options tune opening.
type Options struct {
	Password string // for an encrypted workbook
	MaxRows  int    // rows per sheet; 0 means DefaultMaxRows
}

// A Book is an opened workbook: its package, and what reading it makes
// (number formats classified, a copy opened to compute formulas, each
// sheet's merged ranges).
type Book struct {
	x        *pkg
	data     []byte // the package, decrypted
	maxRows  int
	formats  map[int]Format
	calc     *excelize.File     // computes gated formulas, opened when first needed
	computed int                // formulas computed, against maxComputed
	merges   map[string][]Range // each sheet's merged ranges, as last read whole
	held     map[string]Grid    // sheets held in memory (FromGrids), by name
	kept     map[string][]Row   // small sheets read whole, until streamed to the end
}

// Open opens a workbook held in memory, decrypting it with the password
// given. An encrypted workbook without the right password gives
// excelize.ErrWorkbookPassword; a package perfeval cannot read, or an old
// binary Office file (.xls, .doc: an OLE2 file that is no encrypted
// workbook), an *Error saying why.
func Open(data []byte, opts Options) (*Book, error) {
	if opts.MaxRows <= 0 {
		opts.MaxRows = DefaultMaxRows
	}
	plain := data
	if IsOLE(data) {
		if err := oleError(data); err != nil {
			return nil, err
		}
		var err error
		plain, err = excelize.Decrypt(data, &excelize.Options{Password: opts.Password})
		if err != nil || opts.Password == "" || !IsZip(plain) {
			return nil, excelize.ErrWorkbookPassword
		}
	}
	x, err := openPackage(plain)
	if err != nil {
		return nil, err
	}
	return &Book{x: x, data: plain, maxRows: opts.MaxRows, formats: map[int]Format{}}, nil
}

// Close releases what reading made.
func (b *Book) Close() {
	if b.calc != nil {
		b.calc.Close()
	}
}

// Sheets lists the workbook's sheets in its order.
func (b *Book) Sheets() []string { return b.x.sheetNames() }

// Hidden reports whether a sheet is hidden or very hidden.
func (b *Book) Hidden(name string) bool { return b.x.hidden(name) }

// IsZip reports whether data starts as a zip package does.
func IsZip(data []byte) bool { return bytes.HasPrefix(data, []byte("PK\x03\x04")) }

// IsOLE reports whether data is an OLE2 compound file: an encrypted
// workbook, or an old binary document.
func IsOLE(data []byte) bool {
	return bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
}

// CellName is the A1 name of the cell in column col0 (0-based) of row.
func CellName(col0, row int) string {
	name, _ := excelize.CoordinatesToCellName(col0+1, row)
	return name
}

// An oleKind is what an OLE2 compound file (D0CF11E0…) holds, told by the
// streams its directory lists, whatever the file's name.
type oleKind int

const (
	oleDamaged   oleKind = iota // its directory does not read
	oleEncrypted                // EncryptionInfo and EncryptedPackage: an encrypted .xlsx
	oleWorkbook                 // Workbook (BIFF8) or Book (BIFF5): .xls, WPS's .et
	oleDocument                 // WordDocument: .doc, WPS's .wps
	oleOther                    // any other: .ppt, .msg…
)

// oleContents reads an OLE2 file's directory. mscfb is guarded: a
// directory no reader expects is damaged, never a panic.
func oleContents(data []byte) (kind oleKind) {
	defer func() {
		if recover() != nil {
			kind = oleDamaged
		}
	}()
	r, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return oleDamaged
	}
	kind = oleOther
	for _, f := range r.File {
		switch {
		case strings.EqualFold(f.Name, "EncryptionInfo"), strings.EqualFold(f.Name, "EncryptedPackage"):
			return oleEncrypted
		case strings.EqualFold(f.Name, "Workbook"), strings.EqualFold(f.Name, "Book"):
			kind = oleWorkbook
		case strings.EqualFold(f.Name, "WordDocument") && kind != oleWorkbook:
			kind = oleDocument
		}
	}
	return kind
}

// oleError is why an OLE2 file is not read, or nil for an encrypted
// workbook that may be decrypted. Only a file of at most MaxEncrypted
// bytes is looked into: decrypting takes a few times its size, and a
// directory's entries cost memory.
func oleError(data []byte) error {
	saveAs := lang.T("save it as .xlsx (or .docx) and try again")
	if len(data) > MaxEncrypted {
		return &Error{Msg: lang.Sprintf("an encrypted workbook or an old binary Office file (.xls, .et, .doc, .wps) of %d MiB; perfeval opens at most %d MiB of these", len(data)>>20, MaxEncrypted>>20), Hint: saveAs}
	}
	switch oleContents(data) {
	case oleWorkbook:
		return &Error{Msg: lang.T("an old binary Excel workbook (.xls, or WPS's .et), which perfeval does not read"), Hint: saveAs}
	case oleDocument:
		return &Error{Msg: lang.T("an old binary Word document (.doc, or WPS's .wps), which perfeval does not read"), Hint: saveAs}
	case oleOther:
		return &Error{Msg: lang.T("an old binary Office file (such as .ppt), not an Excel workbook (.xlsx)"), Hint: saveAs}
	case oleDamaged:
		return &Error{Msg: lang.T("an encrypted workbook or an old binary Office file whose directory is damaged or truncated"), Hint: saveAs}
	}
	return nil
}
