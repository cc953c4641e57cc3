package workbook

import (
	"regexp"
	"strings"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/indicators/lang"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

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
	val, err := t.readValue(v)
	if err != nil {
		t.b.errs.Addf(t.at(r, key), "%v", err)
		return indicators.Value{}, false
	}
	return val, true
}

// readValue reads a cell by the value grammar.
func (t *table) readValue(v cellValue) (indicators.Value, error) {
	switch {
	case v.bool:
		return indicators.Value{Written: boolWord(v.text)}, nil
	case v.number:
		d, err := excelNumber(v.text)
		if err != nil {
			return indicators.Value{}, lang.Errorf("%q is not a number", v.text)
		}
		scale := ""
		if v.format == percentFormat {
			scale = "%"
		}
		return indicators.NumberValue(d, scale), nil
	}
	return indicators.ParseValue(v.text)
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
