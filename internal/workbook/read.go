package workbook

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"slices"
	"strings"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/indicators/lang"
	"github.com/perfeval/perfeval/internal/files"
	"github.com/perfeval/perfeval/internal/form"
	"github.com/perfeval/perfeval/scoring"
	"github.com/richardlehane/mscfb"
	"github.com/xuri/excelize/v2"
)

// Limits that keep a hostile or broken file from exhausting the machine.
const (
	DefaultMaxRows  = 50_000    // rows per sheet
	MaxFileSize     = 256 << 20 // bytes of the .xlsx itself
	maxUnzippedSize = 512 << 20 // bytes its XML parts declare, unzipped: more is refused as a zip bomb
	maxEncrypted    = 64 << 20  // bytes of an encrypted workbook: decrypting takes a few times its size
	maxReadSize     = 128 << 20 // bytes of XML read, unzipped: 2.2 times a sheet of 50,000 rows by 40 columns
	maxXMLInMemory  = 16 << 20  // larger parts are streamed from a temp file
	headerSearch    = 10        // rows searched for the header row
)

// Options tune reading.
type Options struct {
	Password string // for an encrypted workbook
	MaxRows  int    // rows per sheet; 0 means DefaultMaxRows
}

// Contents is what a workbook holds: perfeval's own sheets, or a standard
// self-evaluation form (SPEC §8), which is its own framework.
type Contents struct {
	Input *scoring.Input // perfeval's sheets; nil for a form
	Form  *form.Form     // the form; nil for perfeval's sheets
}

// Read reads the workbook at path (see ReadBytes).
func Read(path string, opts Options) (*scoring.Input, error) {
	c, err := Open(path, opts)
	return c.input(), err
}

// ReadBytes reads a workbook held in memory (see OpenBytes) as data: a
// form gives the data it holds.
func ReadBytes(name string, data []byte, opts Options) (*scoring.Input, error) {
	c, err := OpenBytes(name, data, opts)
	return c.input(), err
}

func (c *Contents) input() *scoring.Input {
	switch {
	case c == nil:
		return nil
	case c.Form != nil:
		_, in, _ := c.Form.Derive()
		return in
	}
	return c.Input
}

// Open reads the workbook at path (see OpenBytes). Only a regular file
// of at most MaxFileSize bytes is read: a pipe or a device is refused
// before it is opened, so that neither can hang the run.
func Open(path string, opts Options) (*Contents, error) {
	data, err := files.Read(path, MaxFileSize, lang.T("workbook"))
	if err != nil {
		return nil, err
	}
	return OpenBytes(path, data, opts)
}

// OpenBytes reads a workbook held in memory; name is used in positions.
// A workbook without perfeval's 项目信息 sheet whose sheet has a form's
// indicator header (三级指标, 分值, 得分) is read as a standard form.
// When the workbook opens but holds mistakes, it returns what it could read
// with every mistake, so that validation can go on to find more; rows with
// a mistake are marked Invalid.
func OpenBytes(name string, data []byte, opts Options) (*Contents, error) {
	if opts.MaxRows <= 0 {
		opts.MaxRows = DefaultMaxRows
	}
	sum := sha256.Sum256(data)
	plain := data
	if isOLE(data) {
		if err := oleError(name, data); err != nil {
			return nil, err
		}
		var err error
		plain, err = excelize.Decrypt(data, &excelize.Options{Password: opts.Password})
		if err != nil || opts.Password == "" || !isZip(plain) {
			return nil, openError(name, data, opts, excelize.ErrWorkbookPassword)
		}
	}
	x, err := openPackage(plain)
	if err != nil {
		return nil, openError(name, plain, opts, err)
	}
	b := &book{
		x: x, data: plain, file: name, opts: opts, formats: map[int]numFormat{},
		in: &scoring.Input{File: name, Files: []scoring.File{{Name: name, SHA256: hex.EncodeToString(sum[:])}}},
	}
	defer b.close()
	if !slices.ContainsFunc(x.sheetNames(), projectSheet.matches) {
		if sheet := b.formSheet(); sheet != "" {
			b.visibleName(sheet)
			fm := b.readForm(sheet)
			fm.Files = b.in.Files
			if b.x.hidden(sheet) {
				w := indicators.Warnf(b.sheetPos(sheet), "the sheet %q is hidden; it is read as the form, the only sheet that is one", sheet)
				fm.Warnings, fm.Readings = append(fm.Warnings, w), append(fm.Readings, w.Msg)
			}
			return &Contents{Form: fm}, b.errs.Err()
		}
	}
	b.read()
	return &Contents{Input: b.in}, b.errs.Err()
}

func isZip(data []byte) bool { return bytes.HasPrefix(data, []byte("PK\x03\x04")) }

func isOLE(data []byte) bool {
	return bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
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
// workbook that may be decrypted. Only a file of at most maxEncrypted
// bytes is looked into: decrypting takes a few times its size, and a
// directory's entries cost memory.
func oleError(name string, data []byte) error {
	at := indicators.Pos{File: name}
	saveAs := lang.T("save it as .xlsx (or .docx) and try again")
	if len(data) > maxEncrypted {
		return &indicators.Error{Pos: at, Msg: lang.Sprintf("an encrypted workbook or an old binary Office file (.xls, .doc) of %d MiB; perfeval opens at most %d MiB of these", len(data)>>20, maxEncrypted>>20), Hint: saveAs}
	}
	switch oleContents(data) {
	case oleWorkbook:
		return &indicators.Error{Pos: at, Msg: lang.T("an old binary Excel workbook (.xls, or WPS's .et), which perfeval does not read"), Hint: saveAs}
	case oleDocument:
		return &indicators.Error{Pos: at, Msg: lang.T("an old binary Word document (.doc, or WPS's .wps), which perfeval does not read"), Hint: saveAs}
	case oleOther:
		return &indicators.Error{Pos: at, Msg: lang.T("an old binary Office file (such as .ppt), not an Excel workbook (.xlsx)"), Hint: saveAs}
	case oleDamaged:
		return &indicators.Error{Pos: at, Msg: lang.T("an encrypted workbook or an old binary Office file whose directory is damaged or truncated"), Hint: saveAs}
	}
	return nil
}

// openError explains why a file could not be opened as a workbook.
func openError(name string, data []byte, opts Options, err error) error {
	at := indicators.Pos{File: name}
	var re *readError
	switch {
	case errors.Is(err, excelize.ErrWorkbookPassword) && opts.Password != "":
		return indicators.Errorf(at, "the workbook is encrypted and the password given does not open it")
	case errors.Is(err, excelize.ErrWorkbookPassword):
		return &indicators.Error{Pos: at, Msg: lang.T("the workbook is encrypted"), Hint: lang.T("give its password with --password, or save it as .xlsx")}
	case errors.As(err, &re):
		return &indicators.Error{Pos: at, Msg: re.msg, Hint: re.hint}
	case !isZip(data):
		return &indicators.Error{Pos: at, Msg: lang.T("not an Excel workbook (.xlsx)"), Hint: lang.T("save it from Excel or WPS as .xlsx")}
	default:
		return indicators.Errorf(at, "the workbook is damaged or truncated: %v", err)
	}
}

type book struct {
	x        *pkg
	data     []byte // the package, decrypted
	file     string
	opts     Options
	in       *scoring.Input
	errs     indicators.Errors
	formats  map[int]numFormat
	unitExp  int32          // the workbook's money unit, a power of ten of 元
	hasUnit  bool           // whether it is known
	proseLen int            // characters of prose read, against MaxProse
	computed int            // formulas computed, against maxComputed
	shown    *formatter     // shows numbers as displayed, made when first needed
	calc     *excelize.File // computes gated formulas, opened when first needed
}

// close releases what reading made.
func (b *book) close() {
	if b.shown != nil {
		b.shown.close()
	}
	if b.calc != nil {
		b.calc.Close()
	}
}

func (b *book) sheetPos(sheet string) indicators.Pos {
	return indicators.Pos{File: b.file, Sheet: sheet}
}

func (b *book) read() {
	if t, tried := b.table(projectSheet); t != nil {
		b.project(t)
	} else if !tried {
		b.errs.Add(&indicators.Error{Pos: indicators.Pos{File: b.file}, Msg: lang.T("the workbook has no 项目信息 (project) sheet"), Hint: lang.T("perfeval init writes a workbook with every sheet")})
	}
	if t, tried := b.table(targetsSheet); t != nil {
		b.in.HasTargets, b.in.TargetsPos = true, b.sheetPos(t.sheet)
		b.targets(t)
	} else if tried {
		b.in.Unread = append(b.in.Unread, targetsSheet.name)
	}
	if t, _ := b.table(deductionsSheet); t != nil {
		b.deductions(t)
	}
	if t, tried := b.table(fundingSheet); t != nil {
		b.in.HasFunding, b.in.FundingPos = true, b.sheetPos(t.sheet)
		b.in.Funding = b.lines(t, "paid", "recovered")
	} else if tried {
		b.in.Unread = append(b.in.Unread, fundingSheet.name)
	}
	if t, tried := b.table(itemsSheet); t != nil {
		b.in.HasItems = true
		b.in.Items = b.lines(t, "actual", "")
	} else if tried {
		b.in.Unread = append(b.in.Unread, itemsSheet.name)
	}
	if t, _ := b.table(narrativeSheet); t != nil {
		b.narrative(t)
	}
	if t, _ := b.table(analysisSheet); t != nil {
		b.analyses(t)
	}
}

// A table is a sheet's rows under its header row.
type table struct {
	b      *book
	sheet  string
	cols   map[string]int // column key → 0-based index
	header int            // 1-based row of the headers
	rows   []row
	all    []row            // every row of the sheet, for a formula's references
	units  map[string]int32 // money columns' header units, as powers of ten
	// valueUnits are the units 目标值 and 实际值 headers give (目标值（%）).
	valueUnits map[string]string
}

// table finds and streams a sheet. It returns nil when the workbook has no
// such sheet or the sheet is unusable (recorded); tried says a sheet was
// found, or was ambiguous (recorded too).
func (b *book) table(spec sheet) (t *table, tried bool) {
	before := len(b.errs)
	name := b.findSheet(spec)
	if name == "" {
		return nil, len(b.errs) > before
	}
	b.visibleName(name)
	t = &table{b: b, sheet: name, cols: map[string]int{}}
	rows, ok := b.sheetRows(name)
	if !ok {
		return nil, true
	}
	t.rows, t.all = rows, rows
	if !t.findHeader(spec) {
		return nil, true
	}
	return t, true
}

// findHeader locates the header row (the first of the first rows that
// names the sheet's first column) and maps every known column.
func (t *table) findHeader(spec sheet) bool {
	b := t.b
	at := -1
	for i, r := range t.rows {
		if r.n > headerSearch {
			break
		}
		for _, c := range r.cells {
			if spec.columns[0].matches(c) {
				at = i
				break
			}
		}
		if at >= 0 {
			break
		}
	}
	if at < 0 {
		b.errs.Add(&indicators.Error{Pos: b.sheetPos(t.sheet), Msg: lang.Sprintf("no header row with a %s (%s) column in the first %d rows", spec.columns[0].name, spec.columns[0].key, headerSearch), Hint: lang.Sprintf("the headers are %s", headerList(spec))})
		return false
	}
	h := t.rows[at]
	t.header = h.n
	ok := true
	near := map[string][]int{} // column key → headers that contain its name
	for i, text := range h.cells {
		b.errs.Add(indicators.Visible(t.pos(h.n, i), lang.T("the header"), text))
		matched := false
		for _, c := range spec.columns {
			if !c.matches(text) {
				continue
			}
			matched = true
			if prev, dup := t.cols[c.key]; dup {
				b.errs.Add(&indicators.Error{Pos: t.pos(h.n, i), Msg: lang.Sprintf("column %s appears twice (also in %s)", c.name, cellName(prev, h.n)), Hint: lang.T("keep one column for it and rename or delete the other")})
				ok = false
			}
			t.cols[c.key] = i
			t.setUnit(c, i, text)
		}
		if key, found := nearMiss(text, spec.names()); !matched && found {
			near[key] = append(near[key], i)
		}
	}
	for _, c := range spec.columns {
		if _, found := t.cols[c.key]; found || len(near[c.key]) == 0 {
			continue
		}
		if hs := near[c.key]; len(hs) > 1 {
			e := indicators.Errorf(t.pos(h.n, hs[1]), "no column is headed %s, and both %s and %s could be it", c.name, strings.TrimSpace(h.cells[hs[0]]), strings.TrimSpace(h.cells[hs[1]]))
			e.Hint = lang.Sprintf("rename the one to read %s", c.name)
			b.errs.Add(e)
			ok = false
			continue
		}
		i := near[c.key][0]
		b.in.Warnings = append(b.in.Warnings, indicators.Warnf(t.pos(h.n, i), "no column is headed %s; the column %s is read as it", c.name, strings.TrimSpace(h.cells[i])))
		t.cols[c.key] = i
		t.setUnit(c, i, h.cells[i])
	}
	for _, c := range spec.columns {
		if _, found := t.cols[c.key]; !found && c.required {
			b.errs.Add(&indicators.Error{Pos: b.sheetPos(t.sheet), Msg: lang.Sprintf("missing column %s (%s)", c.name, c.key), Hint: lang.Sprintf("the headers are %s", headerList(spec))})
			ok = false
		}
	}
	t.rows = t.rows[at+1:]
	return ok
}

func headerList(spec sheet) string {
	var parts []string
	for _, c := range spec.blankColumns() {
		parts = append(parts, c.name)
	}
	return strings.Join(parts, ", ")
}

func cellName(col0, row int) string {
	name, _ := excelize.CoordinatesToCellName(col0+1, row)
	return name
}

func (t *table) pos(rowN, col0 int) indicators.Pos {
	return indicators.Pos{File: t.b.file, Sheet: t.sheet, Cell: cellName(col0, rowN), Row: rowN, ColNo: col0 + 1}
}

// at returns the position of a column in a row (the sheet when the optional
// column is absent).
func (t *table) at(r row, key string) indicators.Pos {
	i, ok := t.cols[key]
	if !ok {
		return t.b.sheetPos(t.sheet)
	}
	return t.pos(r.n, i)
}

// visibleName records an error for a sheet read whose name holds an
// invisible character; it is placed in the file, for the name itself
// would print it.
func (b *book) visibleName(sheet string) {
	b.errs.Add(indicators.Visible(indicators.Pos{File: b.file}, lang.T("the sheet's name"), sheet))
}

// findSheet returns the sheet that spec names: the one whose name is its
// Chinese name or English alias or, when none is, the one whose name
// holds its Chinese name (扣分表 for 扣分, nearMiss), with a warning. Two sheets
// for one thing are an error, never "first wins"; so are two near misses.
// A hidden sheet is never read in place of a visible one: a hidden 扣分
// and a visible 扣分表 are two candidates, an error; a hidden sheet that
// is the only candidate is read, with a warning.
func (b *book) findSheet(spec sheet) string {
	var exact, near []string
	for _, s := range b.x.sheetNames() {
		key, held := nearMiss(s, knownSheets())
		switch {
		case spec.matches(s):
			exact = append(exact, s)
		case held && key == spec.alias && !slices.ContainsFunc(sheets, func(k sheet) bool { return k.matches(s) }):
			near = append(near, s)
		}
	}
	visibleNear := slices.DeleteFunc(slices.Clone(near), b.x.hidden)
	switch {
	case len(exact) > 1:
		b.errs.Add(&indicators.Error{Pos: b.sheetPos(exact[1]), Msg: lang.Sprintf("a second %s sheet (also %q)", spec.name, exact[0]), Hint: lang.T("keep one sheet for it and rename or delete the other")})
	case len(exact) == 1 && !b.x.hidden(exact[0]):
		return exact[0]
	case len(exact) == 1 && len(visibleNear) > 0:
		b.errs.Add(&indicators.Error{Pos: b.sheetPos(visibleNear[0]), Msg: lang.Sprintf("the sheet %q and the hidden sheet %q could both be the %s sheet", visibleNear[0], exact[0], spec.name),
			Hint: lang.T("delete the one not to read, or rename it; a hidden sheet is shown by right-clicking a sheet tab and choosing Unhide")})
	case len(exact) == 1:
		b.in.Warnings = append(b.in.Warnings, indicators.Warnf(b.sheetPos(exact[0]), "the sheet %q is hidden; it is read as %s, the only sheet that could be it", exact[0], spec.name))
		return exact[0]
	case len(near) == 1 && b.x.hidden(near[0]):
		b.in.Warnings = append(b.in.Warnings, indicators.Warnf(b.sheetPos(near[0]), "no sheet is named %s; the hidden sheet %q is read as it", spec.name, near[0]))
		return near[0]
	case len(near) == 1:
		b.in.Warnings = append(b.in.Warnings, indicators.Warnf(b.sheetPos(near[0]), "no sheet is named %s; the sheet %q is read as it", spec.name, near[0]))
		return near[0]
	case len(near) > 1:
		b.errs.Add(&indicators.Error{Pos: b.sheetPos(near[1]), Msg: lang.Sprintf("no sheet is named %s, and both %q and %q could be it", spec.name, near[0], near[1]), Hint: lang.Sprintf("rename the one to read %s", spec.name)})
	}
	return ""
}
