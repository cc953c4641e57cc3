package xlsx

import (
	"bytes"

	"github.com/perfeval/perfeval/internal/lang"
	"github.com/xuri/excelize/v2"
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
// (number formats classified, a formatter to show numbers as displayed,
// a copy opened to compute formulas, each sheet's merged ranges).
type Book struct {
	x        *pkg
	data     []byte // the package, decrypted
	maxRows  int
	formats  map[int]Format
	shown    *formatter         // shows numbers as displayed, made when first needed
	calc     *excelize.File     // computes gated formulas, opened when first needed
	computed int                // formulas computed, against maxComputed
	merges   map[string][]Range // each sheet's merged ranges, as last read whole
}

// Open opens a workbook held in memory, decrypting it with the password
// given. An encrypted workbook without the right password gives
// excelize.ErrWorkbookPassword; a package perfeval cannot read, an *Error
// saying why.
func Open(data []byte, opts Options) (*Book, error) {
	if opts.MaxRows <= 0 {
		opts.MaxRows = DefaultMaxRows
	}
	plain := data
	if IsOLE(data) {
		if len(data) > MaxEncrypted {
			return nil, &Error{Msg: lang.Sprintf("an encrypted workbook or an old binary Office file (.xls, .doc) of %d MiB; perfeval opens at most %d MiB of these", len(data)>>20, MaxEncrypted>>20)}
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
	if b.shown != nil {
		b.shown.close()
	}
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
