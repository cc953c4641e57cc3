package workbook

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"slices"
	"strings"

	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/files"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/third_party/excelize"
	"github.com/perfeval/perfeval/internal/xlsx"
	"github.com/perfeval/perfeval/scoring"
)

// headerSearch is how many rows are searched for a sheet's header row.
const headerSearch = 10

// Caps on what one workbook may hold, as xlsx reads it.
const (
	DefaultMaxRows = xlsx.DefaultMaxRows // rows per sheet
	MaxFileSize    = xlsx.MaxFileSize    // bytes of the .xlsx itself
	MaxCellLength  = xlsx.MaxCellLength  // characters in a cell
)

// Options tune reading.
type Options = xlsx.Options

// Read reads perfeval's sheets of the workbook at path (see Book.Read).
func Read(path string, opts Options) (*scoring.Input, error) {
	data, err := files.Read(path, MaxFileSize, lang.T("workbook"))
	if err != nil {
		return nil, err
	}
	return ReadBytes(path, data, opts)
}

// ReadBytes reads perfeval's sheets of a workbook held in memory.
func ReadBytes(name string, data []byte, opts Options) (*scoring.Input, error) {
	b, err := Open(name, data, opts)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	return b.Read()
}

// NewTable makes a table of a sheet whose rows are all, with the columns
// given (more may be added, with SetUnit for money columns).
func (b *Book) NewTable(sheet string, all []xlsx.Row, cols map[string]int) *Table {
	return &Table{b: b, Sheet: sheet, Cols: cols, All: all}
}

// A Book is a workbook being read: its sheets through xlsx, the mistakes
// found so far (each at its cell), and the unit its money is read in.
// perfeval's own sheets are read by Read; a standard form by the form
// package, through the same tables (Table).
type Book struct {
	X    *xlsx.Book
	File string // as named by the user
	// Errs are the mistakes found so far, each at its cell.
	Errs  diag.Errors
	Files []scoring.File // the input and its SHA-256, for the record

	in       *scoring.Input
	place    func(sheet string, rowN, col0 int) diag.Pos // places cells of sheets held in memory (FromGrids); nil for A1 names
	unitExp  int32                                       // the workbook's money unit, a power of ten of 元
	hasUnit  bool                                        // whether it is known
	proseLen int                                         // characters of prose read, against MaxProse
}

// Open opens a workbook held in memory; name is used in positions. Only a
// workbook that cannot be opened at all is an error here.
func Open(name string, data []byte, opts Options) (*Book, error) {
	sum := sha256.Sum256(data)
	x, err := xlsx.Open(data, opts)
	if err != nil {
		return nil, openError(name, data, opts, err)
	}
	files := []scoring.File{{Name: name, SHA256: hex.EncodeToString(sum[:])}}
	return &Book{X: x, File: name, Files: files, in: &scoring.Input{File: name, Files: files}}, nil
}

// FromGrids is a book whose sheets are held in memory, read from another
// kind of file (a Word document's tables): data is the file, for its
// SHA-256; place names a cell of a sheet as that file's reader counts it
// (file.docx!表2!行7列5), and the sheet's own place when the cell is not
// known.
func FromGrids(name string, data []byte, x *xlsx.Book, place func(sheet string, rowN, col0 int) diag.Pos) *Book {
	sum := sha256.Sum256(data)
	files := []scoring.File{{Name: name, SHA256: hex.EncodeToString(sum[:])}}
	return &Book{X: x, File: name, Files: files, in: &scoring.Input{File: name, Files: files}, place: place}
}

// PlacesCells reports whether the book's cells are placed by the reader
// of another kind of file (FromGrids) rather than by A1 names.
func (b *Book) PlacesCells() bool { return b.place != nil }

// Close releases what reading made.
func (b *Book) Close() { b.X.Close() }

// IsProject reports whether the workbook has perfeval's 项目信息 sheet:
// it is then read as perfeval's sheets, never as a form.
func (b *Book) IsProject() bool { return slices.ContainsFunc(b.X.Sheets(), projectSheet.matches) }

// Read reads perfeval's sheets. When the workbook holds mistakes, it
// returns what it could read with every mistake, so that validation can
// go on to find more; rows with a mistake are marked Invalid.
func (b *Book) Read() (*scoring.Input, error) {
	b.read()
	return b.in, b.Errs.Err()
}

// openError explains why a file could not be opened as a workbook.
func openError(name string, data []byte, opts Options, err error) error {
	at := diag.Pos{File: name}
	var re *xlsx.Error
	switch {
	case errors.Is(err, excelize.ErrWorkbookPassword) && opts.Password != "":
		return diag.Errorf(at, "the workbook is encrypted and the password given does not open it")
	case errors.Is(err, excelize.ErrWorkbookPassword):
		return &diag.Error{Pos: at, Msg: lang.T("the workbook is encrypted"), Hint: lang.T("give its password with --password, or save it as .xlsx")}
	case errors.As(err, &re):
		return &diag.Error{Pos: at, Msg: re.Msg, Hint: re.Hint}
	case !xlsx.IsZip(data) && !xlsx.IsOLE(data):
		return &diag.Error{Pos: at, Msg: lang.T("not an Excel workbook (.xlsx)"), Hint: lang.T("save it from Excel or WPS as .xlsx")}
	default:
		return diag.Errorf(at, "the workbook is damaged or truncated: %v", err)
	}
}

// SheetPos is the place of a sheet.
func (b *Book) SheetPos(sheet string) diag.Pos {
	return diag.Pos{File: b.File, Sheet: sheet}
}

// Rows reads a sheet's rows that hold anything. A sheet that cannot be
// read is recorded, at its cell when known, and gives false.
func (b *Book) Rows(name string) ([]xlsx.Row, bool) {
	rows, err := b.X.Rows(name)
	if err == nil {
		return rows, true
	}
	at := b.SheetPos(name)
	var re *xlsx.Error
	switch {
	case errors.As(err, &re):
		if re.Row > 0 && re.Col > 0 {
			at.Cell, at.Row, at.ColNo = xlsx.CellName(re.Col-1, re.Row), re.Row, re.Col
		}
		b.Errs.Add(&diag.Error{Pos: at, Msg: re.Msg, Hint: re.Hint})
	default:
		b.Errs.Addf(at, "the sheet is damaged: %v", err)
	}
	return nil, false
}

func (b *Book) read() {
	if t, tried := b.table(projectSheet); t != nil {
		b.project(t)
	} else if !tried {
		b.Errs.Add(&diag.Error{Pos: diag.Pos{File: b.File}, Msg: lang.T("the workbook has no 项目信息 (project) sheet"), Hint: lang.T("perfeval init writes a workbook with every sheet")})
	}
	if t, tried := b.table(targetsSheet); t != nil {
		b.in.HasTargets, b.in.TargetsPos = true, b.SheetPos(t.Sheet)
		b.targets(t)
	} else if tried {
		b.in.Unread = append(b.in.Unread, targetsSheet.name)
	}
	if t, _ := b.table(deductionsSheet); t != nil {
		b.deductions(t)
	}
	if t, tried := b.table(fundingSheet); t != nil {
		b.in.HasFunding, b.in.FundingPos = true, b.SheetPos(t.Sheet)
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

// A Table is a sheet's rows under its header row, its columns by key:
// perfeval's sheets found by layout, or a form's blocks found by their
// header words. Its cells read as perfeval's values (Cell, Text, Amount,
// ReadValue…), each mistake recorded at its cell.
type Table struct {
	b      *Book
	Sheet  string
	Cols   map[string]int // column key → 0-based index
	Header int            // 1-based row of the headers
	rows   []xlsx.Row
	All    []xlsx.Row       // every row of the sheet, for a formula's references
	units  map[string]int32 // money columns' header units, as powers of ten
	// valueUnits are the units 目标值 and 实际值 headers give (目标值（%）).
	valueUnits map[string]string
}

// table finds and streams a sheet. It returns nil when the workbook has no
// such sheet or the sheet is unusable (recorded); tried says a sheet was
// found, or was ambiguous (recorded too).
func (b *Book) table(spec sheet) (t *Table, tried bool) {
	before := len(b.Errs)
	name := b.findSheet(spec)
	if name == "" {
		return nil, len(b.Errs) > before
	}
	b.VisibleName(name)
	t = &Table{b: b, Sheet: name, Cols: map[string]int{}}
	rows, ok := b.Rows(name)
	if !ok {
		return nil, true
	}
	t.rows, t.All = rows, rows
	if !t.findHeader(spec) {
		return nil, true
	}
	return t, true
}

// findHeader locates the header row (the first of the first rows that
// names the sheet's first column) and maps every known column.
func (t *Table) findHeader(spec sheet) bool {
	b := t.b
	at := -1
	for i, r := range t.rows {
		if r.N > headerSearch {
			break
		}
		for _, c := range r.Cells {
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
		b.Errs.Add(&diag.Error{Pos: b.SheetPos(t.Sheet), Msg: lang.Sprintf("no header row with a %s (%s) column in the first %d rows", spec.columns[0].name, spec.columns[0].key, headerSearch), Hint: lang.Sprintf("the headers are %s", headerList(spec))})
		return false
	}
	h := t.rows[at]
	t.Header = h.N
	ok := true
	near := map[string][]int{} // column key → headers that contain its name
	for i, text := range h.Cells {
		b.Errs.Add(diag.Visible(t.Pos(h.N, i), lang.T("the header"), text))
		matched := false
		for _, c := range spec.columns {
			if !c.matches(text) {
				continue
			}
			matched = true
			if prev, dup := t.Cols[c.key]; dup {
				b.Errs.Add(&diag.Error{Pos: t.Pos(h.N, i), Msg: lang.Sprintf("column %s appears twice (also in %s)", c.name, xlsx.CellName(prev, h.N)), Hint: lang.T("keep one column for it and rename or delete the other")})
				ok = false
			}
			t.Cols[c.key] = i
			t.setUnit(c, i, text)
		}
		if key, found := nearMiss(text, spec.names()); !matched && found {
			near[key] = append(near[key], i)
		}
	}
	for _, c := range spec.columns {
		if _, found := t.Cols[c.key]; found || len(near[c.key]) == 0 {
			continue
		}
		if hs := near[c.key]; len(hs) > 1 {
			e := diag.Errorf(t.Pos(h.N, hs[1]), "no column is headed %s, and both %s and %s could be it", c.name, strings.TrimSpace(h.Cells[hs[0]]), strings.TrimSpace(h.Cells[hs[1]]))
			e.Hint = lang.Sprintf("rename the one to read %s", c.name)
			b.Errs.Add(e)
			ok = false
			continue
		}
		i := near[c.key][0]
		b.in.Warnings = append(b.in.Warnings, diag.Warnf(t.Pos(h.N, i), "no column is headed %s; the column %s is read as it", c.name, strings.TrimSpace(h.Cells[i])))
		t.Cols[c.key] = i
		t.setUnit(c, i, h.Cells[i])
	}
	for _, c := range spec.columns {
		if _, found := t.Cols[c.key]; !found && c.required {
			b.Errs.Add(&diag.Error{Pos: b.SheetPos(t.Sheet), Msg: lang.Sprintf("missing column %s (%s)", c.name, c.key), Hint: lang.Sprintf("the headers are %s", headerList(spec))})
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

// Pos is the place of the cell in column col0 (0-based) of row rowN.
func (t *Table) Pos(rowN, col0 int) diag.Pos {
	if t.b.place != nil {
		return t.b.place(t.Sheet, rowN, col0)
	}
	return diag.Pos{File: t.b.File, Sheet: t.Sheet, Cell: xlsx.CellName(col0, rowN), Row: rowN, ColNo: col0 + 1}
}

// at returns the position of a column in a row (the sheet when the optional
// column is absent).
func (t *Table) At(r xlsx.Row, key string) diag.Pos {
	i, ok := t.Cols[key]
	if !ok {
		return t.b.SheetPos(t.Sheet)
	}
	return t.Pos(r.N, i)
}

// VisibleName records an error for a sheet read whose name holds an
// invisible character; it is placed in the file, for the name itself
// would print it.
func (b *Book) VisibleName(sheet string) {
	b.Errs.Add(diag.Visible(diag.Pos{File: b.File}, lang.T("the sheet's name"), sheet))
}

// findSheet returns the sheet that spec names: the one whose name is its
// Chinese name or English alias or, when none is, the one whose name
// holds its Chinese name (扣分表 for 扣分, nearMiss), with a warning. Two sheets
// for one thing are an error, never "first wins"; so are two near misses.
// A hidden sheet is never read in place of a visible one: a hidden 扣分
// and a visible 扣分表 are two candidates, an error; a hidden sheet that
// is the only candidate is read, with a warning.
func (b *Book) findSheet(spec sheet) string {
	var exact, near []string
	for _, s := range b.X.Sheets() {
		key, held := nearMiss(s, knownSheets())
		switch {
		case spec.matches(s):
			exact = append(exact, s)
		case held && key == spec.alias && !slices.ContainsFunc(sheets, func(k sheet) bool { return k.matches(s) }):
			near = append(near, s)
		}
	}
	visibleNear := slices.DeleteFunc(slices.Clone(near), b.X.Hidden)
	switch {
	case len(exact) > 1:
		b.Errs.Add(&diag.Error{Pos: b.SheetPos(exact[1]), Msg: lang.Sprintf("a second %s sheet (also %q)", spec.name, exact[0]), Hint: lang.T("keep one sheet for it and rename or delete the other")})
	case len(exact) == 1 && !b.X.Hidden(exact[0]):
		return exact[0]
	case len(exact) == 1 && len(visibleNear) > 0:
		b.Errs.Add(&diag.Error{Pos: b.SheetPos(visibleNear[0]), Msg: lang.Sprintf("the sheet %q and the hidden sheet %q could both be the %s sheet", visibleNear[0], exact[0], spec.name),
			Hint: lang.T("delete the one not to read, or rename it; a hidden sheet is shown by right-clicking a sheet tab and choosing Unhide")})
	case len(exact) == 1:
		b.in.Warnings = append(b.in.Warnings, diag.Warnf(b.SheetPos(exact[0]), "the sheet %q is hidden; it is read as %s, the only sheet that could be it", exact[0], spec.name))
		return exact[0]
	case len(near) == 1 && b.X.Hidden(near[0]):
		b.in.Warnings = append(b.in.Warnings, diag.Warnf(b.SheetPos(near[0]), "no sheet is named %s; the hidden sheet %q is read as it", spec.name, near[0]))
		return near[0]
	case len(near) == 1:
		b.in.Warnings = append(b.in.Warnings, diag.Warnf(b.SheetPos(near[0]), "no sheet is named %s; the sheet %q is read as it", spec.name, near[0]))
		return near[0]
	case len(near) > 1:
		b.Errs.Add(&diag.Error{Pos: b.SheetPos(near[1]), Msg: lang.Sprintf("no sheet is named %s, and both %q and %q could be it", spec.name, near[0], near[1]), Hint: lang.Sprintf("rename the one to read %s", spec.name)})
	}
	return ""
}
