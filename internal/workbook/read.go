package workbook

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/scoring"
	"github.com/shopspring/decimal"
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

// Read reads the workbook at path (see ReadBytes).
func Read(path string, opts Options) (*scoring.Input, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, indicators.Errorf(indicators.Pos{File: path}, "cannot read the workbook: %v", pathErr(err))
	}
	if fi.IsDir() {
		return nil, indicators.Errorf(indicators.Pos{File: path}, "is a directory, not a workbook")
	}
	if fi.Size() > MaxFileSize {
		return nil, indicators.Errorf(indicators.Pos{File: path}, "the file is %d MiB; perfeval reads workbooks of at most %d MiB", fi.Size()>>20, MaxFileSize>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, indicators.Errorf(indicators.Pos{File: path}, "cannot read the workbook: %v", pathErr(err))
	}
	return ReadBytes(path, data, opts)
}

func pathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// ReadBytes reads a workbook held in memory; name is used in positions.
// When the workbook opens but holds mistakes, it returns what it could read
// with every mistake, so that validation can go on to find more; rows with
// a mistake are marked Invalid.
func ReadBytes(name string, data []byte, opts Options) (*scoring.Input, error) {
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
	b.read()
	return b.in, b.errs.Err()
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
		return &indicators.Error{Pos: at, Msg: "the workbook is encrypted (or is an old .xls file)", Hint: "give its password with --password, or save it as .xlsx"}
	case strings.Contains(msg, "unzip size"):
		return indicators.Errorf(at, "the workbook unzips to more than %d MiB; refused as a possible zip bomb", maxUnzippedSize>>20)
	case !isZip:
		return &indicators.Error{Pos: at, Msg: "not an Excel workbook (.xlsx)", Hint: "save it from Excel or WPS as .xlsx"}
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
		b.errs.Add(&indicators.Error{Pos: indicators.Pos{File: b.file}, Msg: "the workbook has no 项目信息 (project) sheet", Hint: "perfeval init writes a workbook with every sheet"})
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
			b.errs.Add(&indicators.Error{Pos: b.sheetPos(name), Msg: fmt.Sprintf("the sheet has more than %d rows", b.opts.MaxRows), Hint: "delete the empty or unrelated rows below the data"})
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
		b.errs.Add(&indicators.Error{Pos: b.sheetPos(t.sheet), Msg: fmt.Sprintf("no header row with a %s (%s) column in the first %d rows", spec.columns[0].name, spec.columns[0].key, headerSearch), Hint: "the headers are " + headerList(spec)})
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
			b.errs.Add(&indicators.Error{Pos: b.sheetPos(t.sheet), Msg: fmt.Sprintf("missing column %s (%s)", c.name, c.key), Hint: "the headers are " + headerList(spec)})
			ok = false
		}
	}
	t.rows = t.rows[at+1:]
	return ok
}

func headerList(spec sheet) string {
	var parts []string
	for _, c := range spec.columns {
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

// A cellValue is a cell read raw, with what kind of value it holds.
type cellValue struct {
	text   string // raw: the number as stored, or the string
	number bool   // a numeric cell
	format numFormat
	bool   bool // a TRUE/FALSE cell
}

// cell reads one cell of a row. ok is false for a blank cell or a failure
// (recorded).
func (t *table) cell(r row, key string) (v cellValue, ok bool) {
	i, has := t.cols[key]
	if !has {
		return v, false
	}
	raw := ""
	if i < len(r.cells) {
		raw = r.cells[i]
	}
	axis := cellName(i, r.n)
	f := t.b.f
	if raw == "" {
		formula, _ := f.GetCellFormula(t.sheet, axis)
		if formula == "" {
			return v, false
		}
		computed, err := f.CalcCellValue(t.sheet, axis, excelize.Options{RawCellValue: true})
		if err != nil || computed == "" {
			t.b.errs.Addf(t.pos(r.n, i), "the formula =%s has no saved value and cannot be computed (open and save the workbook in Excel or WPS)", formula)
			return v, false
		}
		raw = computed
	}
	if strings.TrimSpace(raw) == "" {
		return v, false
	}
	typ, _ := f.GetCellType(t.sheet, axis)
	switch typ {
	case excelize.CellTypeError:
		t.b.errs.Addf(t.pos(r.n, i), "the cell holds the error %s", raw)
		return v, false
	case excelize.CellTypeBool:
		return cellValue{text: raw, bool: true}, true
	case excelize.CellTypeSharedString, excelize.CellTypeInlineString:
		return cellValue{text: raw}, true
	case excelize.CellTypeFormula:
		// A formula's string result; a number if it reads as one.
		if _, err := decimal.NewFromString(raw); err != nil {
			return cellValue{text: raw}, true
		}
	}
	if _, err := decimal.NewFromString(raw); err != nil {
		return cellValue{text: raw}, true
	}
	return cellValue{text: raw, number: true, format: t.b.format(t.sheet, axis)}, true
}

// text reads a cell as text. A numeric cell reads as Excel displays it, so
// that a line code 1.10 stays 1.10.
func (t *table) text(r row, key string) string {
	v, ok := t.cell(r, key)
	if !ok {
		return ""
	}
	if v.number {
		i := t.cols[key]
		if shown, err := t.b.f.GetCellValue(t.sheet, cellName(i, r.n)); err == nil && strings.TrimSpace(shown) != "" {
			return strings.TrimSpace(shown)
		}
	}
	if v.bool {
		return boolWord(v.text)
	}
	return strings.TrimSpace(v.text)
}

func boolWord(raw string) string {
	if raw == "1" || strings.EqualFold(raw, "true") {
		return "是"
	}
	return "否"
}

// value reads a 目标值 or 实际值 cell.
func (t *table) value(r row, key string) (indicators.Value, bool) {
	v, ok := t.cell(r, key)
	if !ok {
		return indicators.Value{}, false
	}
	switch {
	case v.bool:
		return indicators.Value{Written: boolWord(v.text)}, true
	case v.number:
		d, err := excelNumber(v.text)
		if err != nil {
			t.b.errs.Addf(t.at(r, key), "%q is not a number", v.text)
			return indicators.Value{}, false
		}
		scale := ""
		if v.format == percentFormat {
			scale = "%"
		}
		return indicators.NumberValue(d, scale), true
	}
	val, err := indicators.ParseValue(v.text)
	if err != nil {
		t.b.errs.Addf(t.at(r, key), "%v", err)
		return indicators.Value{}, false
	}
	return val, true
}

// amount reads a money or points cell: a number, or text such as
// 1,499.75, １４９９.７５ or 34.27万.
func (t *table) amount(r row, key string) decimal.NullDecimal {
	v, ok := t.cell(r, key)
	if !ok {
		return decimal.NullDecimal{}
	}
	var d decimal.Decimal
	var err error
	if v.number {
		d, err = excelNumber(v.text)
	} else {
		d, err = indicators.ParseNumber(v.text)
	}
	if err != nil {
		t.b.errs.Addf(t.at(r, key), "%q is not a number", strings.TrimSpace(v.text))
		return decimal.NullDecimal{}
	}
	return decimal.NewNullDecimal(d)
}

// points reads a 扣分 cell: an amount, which may be written with 分 (0.5分).
func (t *table) points(r row, key string) decimal.NullDecimal {
	if v, ok := t.cell(r, key); ok && !v.number {
		if val, err := indicators.ParseValue(v.text); err == nil && val.IsNumber && !val.CmpGiven && val.Unit == "分" && val.Scale == "" {
			return decimal.NewNullDecimal(val.Amount())
		}
	}
	return t.amount(r, key)
}

// excelNumber reads a number as stored in a cell. Excel keeps 15
// significant digits and may store 4.54% as 4.5400000000000003E-2; the
// digits past the 15th are binary noise, not data.
func excelNumber(raw string) (decimal.Decimal, error) {
	d, err := decimal.NewFromString(strings.TrimSpace(raw))
	if err != nil {
		return d, err
	}
	if d.IsZero() {
		return decimal.Zero, nil
	}
	digits := int32(len(d.Coefficient().String()))
	if d.Coefficient().Sign() < 0 {
		digits--
	}
	if digits > 15 {
		// The most significant digit sits at 10^(digits+exp-1).
		d = d.Round(15 - (digits + d.Exponent()))
	}
	return d, nil
}

// numFormat is what a cell's number format says about its value.
type numFormat int

const (
	plainFormat numFormat = iota
	percentFormat
	dateFormat
)

func (b *book) format(sheet, axis string) numFormat {
	id, err := b.f.GetCellStyle(sheet, axis)
	if err != nil {
		return plainFormat
	}
	if nf, ok := b.formats[id]; ok {
		return nf
	}
	nf := plainFormat
	if st, err := b.f.GetStyle(id); err == nil && st != nil {
		nf = classify(st.NumFmt, st.CustomNumFmt)
	}
	b.formats[id] = nf
	return nf
}

var quotedOrBracketed = regexp.MustCompile(`"[^"]*"|\[[^\]]*\]|\\.`)

// classify reads a number format: built-in ids 9 and 10 are percentages,
// 14–22 and others dates; a custom code is a percentage when it shows a %
// and a date when it has date or time letters (outside quotes).
func classify(id int, custom *string) numFormat {
	if custom != nil {
		code := quotedOrBracketed.ReplaceAllString(*custom, "")
		if i := strings.IndexByte(code, ';'); i >= 0 {
			code = code[:i]
		}
		switch {
		case strings.Contains(code, "%"):
			return percentFormat
		case strings.ContainsAny(strings.ToLower(code), "ymdhs"):
			return dateFormat
		}
		return plainFormat
	}
	switch {
	case id == 9 || id == 10:
		return percentFormat
	case id >= 14 && id <= 22, id >= 27 && id <= 36, id >= 45 && id <= 47, id >= 50 && id <= 58:
		return dateFormat
	}
	return plainFormat
}

func (b *book) project(t *table) {
	p := &b.in.Project
	seen := map[string]indicators.Pos{}
	for _, r := range t.rows {
		field := t.text(r, "field")
		key := ""
		for _, pf := range projectFields {
			if normalize(field) == normalize(pf.name) || normalize(field) == pf.key {
				key = pf.key
			}
		}
		if key == "" {
			continue
		}
		at := t.at(r, "value")
		if prev, dup := seen[key]; dup {
			b.errs.Addf(t.at(r, "field"), "%s is given twice (also at %s)", field, prev)
			continue
		}
		seen[key] = at
		switch key {
		case "name":
			p.Name = t.text(r, "value")
		case "department":
			p.Department = t.text(r, "value")
		case "kind":
			p.Kind = t.text(r, "value")
			if p.Kind != "" && p.Kind != scoring.SelfEvaluation && p.Kind != "绩效评价" {
				b.errs.Addf(at, "评价类型 %q must be 绩效自评 or 绩效评价", p.Kind)
			}
		case "year":
			p.Year = strings.TrimSuffix(t.text(r, "value"), "年")
		case "as_of":
			p.AsOf = b.date(t, r, "value")
		case "unit":
			p.Unit = t.text(r, "value")
		}
	}
	if p.Name == "" {
		at := b.sheetPos(t.sheet)
		if pos, ok := seen["name"]; ok {
			at = pos
		}
		b.errs.Addf(at, "项目名称 (the project's name) is missing")
	}
}

var textDate = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$`)

// date reads a date cell, a serial number, 2024-12-31 or 2024年12月31日.
func (b *book) date(t *table, r row, key string) time.Time {
	v, ok := t.cell(r, key)
	if !ok {
		return time.Time{}
	}
	at := t.at(r, key)
	if v.number {
		d, err := decimal.NewFromString(v.text)
		if err == nil && d.IsPositive() && d.LessThan(decimal.NewFromInt(2958466)) {
			base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
			if b.date1904 {
				base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
			}
			return base.AddDate(0, 0, int(d.IntPart()))
		}
		b.errs.Addf(at, "%q is not a date", v.text)
		return time.Time{}
	}
	s := strings.TrimSpace(v.text)
	if tm, err := time.Parse(time.RFC3339, s); err == nil {
		return time.Date(tm.Year(), tm.Month(), tm.Day(), 0, 0, 0, 0, time.UTC)
	}
	if m := textDate.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		tm := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		if tm.Year() == y && int(tm.Month()) == mo && tm.Day() == d {
			return tm
		}
	}
	b.errs.Add(&indicators.Error{Pos: at, Msg: fmt.Sprintf("%q is not a date", s), Hint: "write 2024-12-31 or 2024年12月31日"})
	return time.Time{}
}

func (b *book) targets(t *table) {
	for _, r := range t.rows {
		before := len(b.errs)
		m := scoring.Measure{
			Code:      t.text(r, "code"),
			Name:      t.text(r, "name"),
			Note:      t.text(r, "note"),
			Pos:       t.at(r, "code"),
			NamePos:   t.at(r, "name"),
			TargetPos: t.at(r, "target"),
			ActualPos: t.at(r, "actual"),
		}
		m.Target, m.HasTarget = t.value(r, "target")
		m.Actual, m.HasActual = t.value(r, "actual")
		m.Invalid = len(b.errs) > before
		if m.Code == "" {
			if m.HasTarget || m.HasActual {
				b.errs.Addf(m.Pos, "a row with values but no 指标编码 (code)")
			}
			continue
		}
		b.in.Targets = append(b.in.Targets, m)
	}
}

func (b *book) deductions(t *table) {
	for _, r := range t.rows {
		d := scoring.Deduction{
			Code:      t.text(r, "code"),
			Reason:    t.text(r, "reason"),
			Pos:       t.at(r, "code"),
			PointsPos: t.at(r, "points"),
			ReasonPos: t.at(r, "reason"),
		}
		points := t.points(r, "points")
		if d.Code == "" {
			if points.Valid || d.Reason != "" {
				b.errs.Addf(d.Pos, "a deduction without a 指标编码 (code)")
			}
			continue
		}
		if !points.Valid {
			if d.Reason == "" {
				continue // a pre-filled row left empty
			}
			b.errs.Addf(d.PointsPos, "deduction for %s has a reason but no points (扣分)", d.Code)
			continue
		}
		d.Points = points.Decimal
		b.in.Deductions = append(b.in.Deductions, d)
	}
}

// lines reads 预算执行 (paid, recovered) or 支出明细 (actual).
func (b *book) lines(t *table, paidKey, recoveredKey string) []scoring.Line {
	var out []scoring.Line
	for _, r := range t.rows {
		before := len(b.errs)
		l := scoring.Line{
			Code:      t.text(r, "line"),
			Name:      t.text(r, "name"),
			Budget:    t.amount(r, "budget"),
			Paid:      t.amount(r, paidKey),
			Pos:       t.at(r, "line"),
			BudgetPos: t.at(r, "budget"),
			PaidPos:   t.at(r, paidKey),
		}
		if recoveredKey != "" {
			l.Recovered = t.amount(r, recoveredKey)
			l.RecoveredPos = t.at(r, recoveredKey)
		}
		l.Invalid = len(b.errs) > before
		if l.Code == "" {
			if l.Budget.Valid || l.Paid.Valid || l.Recovered.Valid {
				b.errs.Addf(l.Pos, "a line with amounts but no 编号 (line code)")
			}
			continue
		}
		out = append(out, l)
	}
	return out
}
