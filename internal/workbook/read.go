package workbook

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"slices"
	"strings"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/indicators/lang"
	"github.com/perfeval/perfeval/internal/form"
	"github.com/perfeval/perfeval/scoring"
	"github.com/xuri/excelize/v2"
)

// Limits that keep a hostile or broken file from exhausting the machine.
const (
	DefaultMaxRows  = 50_000    // rows per sheet
	MaxFileSize     = 256 << 20 // bytes of the .xlsx itself
	maxUnzippedSize = 512 << 20 // bytes of all its parts, unzipped
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

// Open reads the workbook at path (see OpenBytes).
func Open(path string, opts Options) (*Contents, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, indicators.Errorf(indicators.Pos{File: path}, "cannot read the workbook: %v", lang.Cause(err))
	}
	if fi.IsDir() {
		return nil, indicators.Errorf(indicators.Pos{File: path}, "is a directory, not a workbook")
	}
	if fi.Size() > MaxFileSize {
		return nil, indicators.Errorf(indicators.Pos{File: path}, "the file is %d MiB; perfeval reads workbooks of at most %d MiB", fi.Size()>>20, MaxFileSize>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, indicators.Errorf(indicators.Pos{File: path}, "cannot read the workbook: %v", lang.Cause(err))
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
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		Password:          opts.Password,
		UnzipSizeLimit:    maxUnzippedSize,
		UnzipXMLSizeLimit: maxXMLInMemory,
	})
	if err != nil {
		return nil, openError(name, data, opts, err)
	}
	defer f.Close()
	b := &book{
		f: f, file: name, opts: opts, formats: map[int]numFormat{},
		in: &scoring.Input{File: name, Files: []scoring.File{{Name: name, SHA256: hex.EncodeToString(sum[:])}}},
	}
	if props, err := f.GetWorkbookProps(); err == nil {
		b.date1904 = props.Date1904 != nil && *props.Date1904
	}
	if !slices.ContainsFunc(f.GetSheetList(), projectSheet.matches) {
		if sheet := b.formSheet(); sheet != "" {
			fm := b.readForm(sheet)
			fm.Files = b.in.Files
			return &Contents{Form: fm}, b.errs.Err()
		}
	}
	b.read()
	return &Contents{Input: b.in}, b.errs.Err()
}

// openError explains why excelize could not open a file.
func openError(name string, data []byte, opts Options, err error) error {
	at := indicators.Pos{File: name}
	isZip := bytes.HasPrefix(data, []byte("PK\x03\x04"))
	isOLE := bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	msg := err.Error()
	switch {
	case errors.Is(err, excelize.ErrWorkbookPassword) || isOLE && opts.Password != "":
		return indicators.Errorf(at, "the workbook is encrypted and the password given does not open it")
	case isOLE:
		return &indicators.Error{Pos: at, Msg: lang.T("the workbook is encrypted (or is an old .xls file)"), Hint: lang.T("give its password with --password, or save it as .xlsx")}
	case strings.Contains(msg, "unzip size"):
		return indicators.Errorf(at, "the workbook unzips to more than %d MiB; refused as a possible zip bomb", maxUnzippedSize>>20)
	case !isZip:
		return &indicators.Error{Pos: at, Msg: lang.T("not an Excel workbook (.xlsx)"), Hint: lang.T("save it from Excel or WPS as .xlsx")}
	default:
		return indicators.Errorf(at, "the workbook is damaged or truncated: %v", err)
	}
}

type book struct {
	f        *excelize.File
	file     string
	opts     Options
	in       *scoring.Input
	errs     indicators.Errors
	formats  map[int]numFormat
	date1904 bool
}

func (b *book) sheetPos(sheet string) indicators.Pos {
	return indicators.Pos{File: b.file, Sheet: sheet}
}

func (b *book) read() {
	if t := b.table(projectSheet); t != nil {
		b.project(t)
	} else {
		b.errs.Add(&indicators.Error{Pos: indicators.Pos{File: b.file}, Msg: lang.T("the workbook has no 项目信息 (project) sheet"), Hint: lang.T("perfeval init writes a workbook with every sheet")})
	}
	if t := b.table(targetsSheet); t != nil {
		b.in.HasTargets, b.in.TargetsPos = true, b.sheetPos(t.sheet)
		b.targets(t)
	}
	if t := b.table(deductionsSheet); t != nil {
		b.deductions(t)
	}
	if t := b.table(fundingSheet); t != nil {
		b.in.HasFunding, b.in.FundingPos = true, b.sheetPos(t.sheet)
		b.in.Funding = b.lines(t, "paid", "recovered")
	}
	if t := b.table(itemsSheet); t != nil {
		b.in.HasItems = true
		b.in.Items = b.lines(t, "actual", "")
	}
	if t := b.table(narrativeSheet); t != nil {
		b.narrative(t)
	}
	if t := b.table(analysisSheet); t != nil {
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
}

type row struct {
	n     int // 1-based row number
	cells []string
}

// table finds and streams a sheet. It returns nil when the workbook has no
// such sheet, and records an error when the sheet is unusable.
func (b *book) table(spec sheet) *table {
	name := ""
	for _, s := range b.f.GetSheetList() {
		if spec.matches(s) {
			name = s
			break
		}
	}
	if name == "" {
		return nil
	}
	t := &table{b: b, sheet: name, cols: map[string]int{}}
	rows, err := b.f.Rows(name)
	if err != nil {
		b.errs.Addf(b.sheetPos(name), "cannot read the sheet: %v", err)
		return nil
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
		if n > b.opts.MaxRows {
			b.errs.Add(&indicators.Error{Pos: b.sheetPos(name), Msg: lang.Sprintf("the sheet has more than %d rows", b.opts.MaxRows), Hint: lang.T("delete the empty or unrelated rows below the data")})
			return nil
		}
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			b.errs.Addf(b.sheetPos(name), "row %d cannot be read: %v", n, err)
			return nil
		}
		if !hasContent(cells) {
			continue
		}
		t.rows = append(t.rows, row{n: n, cells: cells})
	}
	if err := rows.Error(); err != nil {
		b.errs.Addf(b.sheetPos(name), "the sheet is damaged: %v", err)
		return nil
	}
	if !t.findHeader(spec) {
		return nil
	}
	return t
}

func hasContent(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return true
		}
	}
	return false
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
	for i, text := range h.cells {
		for _, c := range spec.columns {
			if !c.matches(text) {
				continue
			}
			if prev, dup := t.cols[c.key]; dup {
				b.errs.Addf(t.pos(h.n, i), "column %s appears twice (also in %s)", c.name, cellName(prev, h.n))
				ok = false
			}
			t.cols[c.key] = i
		}
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
