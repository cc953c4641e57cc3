package workbook

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/indicators/lang"
	"github.com/shopspring/decimal"
)

// A cellValue is a cell read raw, with what kind of value it holds.
type cellValue struct {
	text   string // raw: the number as stored, or the string
	number bool   // a numeric cell
	format numFormat
	style  int  // the cell's format, for showing a number as displayed
	bool   bool // a TRUE/FALSE cell
}

// cell reads one cell of a row. ok is false for a blank cell or a failure
// (recorded).
func (t *table) cell(r row, key string) (v cellValue, ok bool) {
	i, has := t.cols[key]
	if !has || i >= len(r.cells) {
		return v, false
	}
	raw, info, note := r.cells[i], r.info[i], r.note(i)
	if note.bad != "" {
		t.b.errs.Add(&indicators.Error{Pos: t.pos(r.n, i), Msg: note.bad})
		return v, false
	}
	if raw == "" && info.formula {
		computed, why := t.compute(r, i, note.expr)
		if why != "" {
			expr := "=" + note.expr
			if note.expr == "" {
				expr = lang.T("a formula")
			}
			t.b.errs.Add(&indicators.Error{Pos: t.pos(r.n, i), Msg: lang.Sprintf("%s has no saved value, and perfeval does not compute it: %s", expr, why), Hint: lang.T("open and save the workbook in Excel or WPS, which saves the values")})
			return v, false
		}
		raw, info.kind = excelDigits(computed), numberCell
		if _, err := decimal.NewFromString(computed); err != nil {
			raw, info.kind = computed, stringCell
		}
	}
	if strings.TrimSpace(raw) == "" {
		return v, false
	}
	if n := utf8.RuneCountInString(raw); n > MaxCellLength {
		t.b.errs.Addf(t.pos(r.n, i), "the cell holds %d characters, more than Excel's %d", n, MaxCellLength)
		return v, false
	}
	switch info.kind {
	case errorCell:
		t.b.errs.Addf(t.pos(r.n, i), "the cell holds the error %s", raw)
		return v, false
	case boolCell:
		return cellValue{text: raw, bool: true}, true
	case stringCell:
		return cellValue{text: raw}, true
	case dateCell:
		return cellValue{text: raw, format: dateFormat}, true
	}
	if _, err := decimal.NewFromString(raw); err != nil {
		return cellValue{text: raw}, true
	}
	return cellValue{text: raw, number: true, format: t.b.format(int(info.style)), style: int(info.style)}, true
}

// text reads a cell as text. A numeric cell reads as Excel displays it, so
// that a line code 1.10 stays 1.10.
func (t *table) text(r row, key string) string {
	v, ok := t.cell(r, key)
	if !ok {
		return ""
	}
	if v.number {
		if shown := strings.TrimSpace(t.b.display(v.text, v.style)); shown != "" {
			return shown
		}
	}
	if v.bool {
		return boolWord(v.text)
	}
	return strings.TrimSpace(v.text)
}

// code reads a code (指标编码, 编号) as text, in the form codes are
// compared in (indicators.NormalCode): full-width digits, letters and
// points made half-width, so that １.２ and 1.2 are one line. An invisible
// character in it is an error at the cell.
func (t *table) code(r row, key string) string {
	s := t.text(r, key)
	t.b.errs.Add(indicators.Visible(t.at(r, key), lang.T("the code"), s))
	return indicators.NormalCode(indicators.WithoutInvisible(s))
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
	if u := t.valueUnits[key]; u != "" && val.IsNumber {
		if val, err = val.Complete("", u); err != nil {
			t.b.errs.Addf(t.at(r, key), "%v (its column's header gives %s)", err, u)
			return indicators.Value{}, false
		}
	}
	return val, true
}

// readValue reads a cell by the value grammar.
func (t *table) readValue(v cellValue) (indicators.Value, error) {
	switch {
	case v.bool:
		return indicators.Value{Written: boolWord(v.text)}, nil
	case v.format == dateFormat:
		return indicators.Value{}, lang.Errorf("the cell is formatted as a date, not a value (write the number, or format the cell as a number)")
	case v.number:
		d, err := excelNumber(v.text)
		if err != nil {
			return indicators.Value{}, err
		}
		scale := ""
		if v.format == percentFormat {
			scale = "%"
		}
		return indicators.NumberValue(d, scale), nil
	}
	return indicators.ParseValue(v.text)
}

// amount reads a money cell: a number, or text such as 1,499.75,
// １４９９.７５ or 34.27万, in the workbook's unit (units.go).
func (t *table) amount(r row, key string) decimal.NullDecimal {
	return t.number(r, key, func(v cellValue) (decimal.Decimal, error) {
		if v.number {
			d, err := excelNumber(v.text)
			return t.toWorkbookUnit(d, key), err
		}
		return t.textAmount(v.text, key)
	})
}

// points reads a 扣分 cell: a number, which may be written with 分 (0.5分).
func (t *table) points(r row, key string) decimal.NullDecimal {
	return t.number(r, key, func(v cellValue) (decimal.Decimal, error) {
		if v.number {
			return excelNumber(v.text)
		}
		val, err := indicators.ParseValue(v.text)
		if err != nil {
			return decimal.Decimal{}, err
		}
		if !val.IsNumber || val.CmpGiven || val.Scale != "" || val.Unit != "" && val.Unit != "分" {
			return decimal.Decimal{}, lang.Errorf("%q is not a number of points", strings.TrimSpace(v.text))
		}
		return val.Amount(), nil
	})
}

// number reads a cell once, by parse, recording its one mistake. A yes/no
// or a date-formatted cell is never a number.
func (t *table) number(r row, key string, parse func(cellValue) (decimal.Decimal, error)) decimal.NullDecimal {
	v, ok := t.cell(r, key)
	if !ok {
		return decimal.NullDecimal{}
	}
	var d decimal.Decimal
	var err error
	switch {
	case v.bool:
		err = lang.Errorf("the cell is a yes/no (TRUE/FALSE) value, not an amount")
	case v.format == dateFormat:
		err = lang.Errorf("the cell is formatted as a date, not an amount")
	default:
		d, err = parse(v)
	}
	if err != nil {
		t.b.errs.Addf(t.at(r, key), "%v", err)
		return decimal.NullDecimal{}
	}
	return decimal.NewNullDecimal(d)
}

// excelNumber reads a number cell's text (excelDigits has read it at
// Excel's 15 digits) as a decimal.
func excelNumber(raw string) (decimal.Decimal, error) {
	raw = strings.TrimSpace(raw)
	if len(raw) > maxStoredNumber {
		return decimal.Decimal{}, lang.Errorf("%q is not a number a workbook stores", raw)
	}
	d, err := decimal.NewFromString(raw)
	if err != nil {
		return d, err
	}
	if !indicators.WithinRange(d) {
		return decimal.Decimal{}, lang.Errorf("%s is beyond the range of Excel's numbers (±1E308)", raw)
	}
	return d, nil
}

// maxStoredNumber is the longest number a cell stores: 17 digits, a sign,
// a point and an exponent, with room to spare.
const maxStoredNumber = 64

// excelDigits reads a number cell's stored text as Excel shows it and
// computes with it: at 15 significant digits, with no trailing zeros.
// Excel stores a typed 96.6 as 96.599999999999994 and 4.54% as
// 4.5400000000000003E-2; the digits past the 15th are binary noise, not
// data, and 96.6 and 0.0454 are what every reader after this one sees.
// A number is written out in full unless its leading digit lies beyond
// 10^±maxPlainPower (then 1.5E+300). Text that is no number, or a number
// beyond Excel's range, is kept as stored, for excelNumber to refuse.
func excelDigits(raw string) string {
	s := strings.TrimSpace(raw)
	if len(s) > maxStoredNumber {
		return raw
	}
	d, err := decimal.NewFromString(s)
	if err != nil || !indicators.WithinRange(d) {
		return raw
	}
	if d.IsZero() {
		return "0"
	}
	if len(coefficient(d)) > 15 {
		d = d.Round(14 - leadingPower(d))
	}
	top := leadingPower(d)
	if -maxPlainPower <= top && top <= maxPlainPower {
		return d.String()
	}
	digits := strings.TrimRight(coefficient(d), "0")
	var b strings.Builder
	if d.IsNegative() {
		b.WriteByte('-')
	}
	b.WriteString(digits[:1])
	if len(digits) > 1 {
		b.WriteString("." + digits[1:])
	}
	b.WriteString("E")
	if top > 0 {
		b.WriteString("+")
	}
	b.WriteString(strconv.Itoa(int(top)))
	return b.String()
}

// maxPlainPower bounds the numbers excelDigits writes out in full: at
// most 20 digits before the point or 20 zeros after it.
const maxPlainPower = 20

// coefficient is a number's digits, without its sign or point.
func coefficient(d decimal.Decimal) string {
	return strings.TrimPrefix(d.Coefficient().String(), "-")
}

// leadingPower is the power of ten of a non-zero number's leading digit.
func leadingPower(d decimal.Decimal) int32 {
	return int32(len(coefficient(d))) - 1 + d.Exponent()
}

// numFormat is what a cell's number format says about its value.
type numFormat int

const (
	plainFormat numFormat = iota
	percentFormat
	dateFormat
)

func (b *book) format(style int) numFormat {
	if nf, ok := b.formats[style]; ok {
		return nf
	}
	nf := classify(b.x.numFmt(style))
	b.formats[style] = nf
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
