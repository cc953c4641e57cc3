package workbook

import (
	"strings"
	"unicode/utf8"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/xlsx"
	"github.com/shopspring/decimal"
)

// A CellValue is a cell read raw, with what kind of value it holds.
type CellValue struct {
	Text   string // raw: the number as stored (at 15 digits), or the string
	Number bool   // a numeric cell
	Format xlsx.Format
	Style  int  // the cell's format, for showing a number as displayed
	Bool   bool // a TRUE/FALSE cell
}

// cell reads one cell of a row. ok is false for a blank cell or a failure
// (recorded).
func (t *Table) Cell(r xlsx.Row, key string) (v CellValue, ok bool) {
	i, has := t.Cols[key]
	if !has || i >= len(r.Cells) {
		return v, false
	}
	raw, info, note := r.Cells[i], r.Info[i], r.Note(i)
	if note.Bad != "" {
		t.b.Errs.Add(&diag.Error{Pos: t.Pos(r.N, i), Msg: note.Bad})
		return v, false
	}
	if raw == "" && info.Formula {
		computed, why := t.b.X.Compute(t.Sheet, t.All, r, i, note.Expr)
		if why != "" {
			expr := "=" + note.Expr
			if note.Expr == "" {
				expr = lang.T("a formula")
			}
			t.b.Errs.Add(&diag.Error{Pos: t.Pos(r.N, i), Msg: lang.Sprintf("%s has no saved value, and perfeval does not compute it: %s", expr, why), Hint: lang.T("open and save the workbook in Excel or WPS, which saves the values")})
			return v, false
		}
		raw, info.Kind = computed, xlsx.NumberCell
		if _, err := decimal.NewFromString(computed); err != nil {
			info.Kind = xlsx.StringCell
		}
	}
	if strings.TrimSpace(raw) == "" {
		return v, false
	}
	if n := utf8.RuneCountInString(raw); n > MaxCellLength {
		t.b.Errs.Addf(t.Pos(r.N, i), "the cell holds %d characters, more than Excel's %d", n, MaxCellLength)
		return v, false
	}
	switch info.Kind {
	case xlsx.ErrorCell:
		t.b.Errs.Addf(t.Pos(r.N, i), "the cell holds the error %s", raw)
		return v, false
	case xlsx.BoolCell:
		return CellValue{Text: raw, Bool: true}, true
	case xlsx.StringCell:
		return CellValue{Text: raw}, true
	case xlsx.DateCell:
		return CellValue{Text: raw, Format: xlsx.Date}, true
	}
	if _, err := decimal.NewFromString(raw); err != nil {
		return CellValue{Text: raw}, true
	}
	return CellValue{Text: raw, Number: true, Format: t.b.X.Format(int(info.Style)), Style: int(info.Style)}, true
}

// text reads a cell as text. A numeric cell reads as Excel displays it, so
// that a line code 1.10 stays 1.10.
func (t *Table) Text(r xlsx.Row, key string) string {
	v, ok := t.Cell(r, key)
	if !ok {
		return ""
	}
	if v.Number {
		if shown := strings.TrimSpace(t.b.X.Display(v.Text, v.Style)); shown != "" {
			return shown
		}
	}
	if v.Bool {
		return boolWord(v.Text)
	}
	return strings.TrimSpace(v.Text)
}

// code reads a code (指标编码, 编号) as text, in the form codes are
// compared in (indicators.NormalCode): full-width digits, letters and
// points made half-width, so that １.２ and 1.2 are one line. An invisible
// character in it is an error at the cell.
func (t *Table) code(r xlsx.Row, key string) string {
	s := t.Text(r, key)
	t.b.Errs.Add(diag.Visible(t.At(r, key), lang.T("the code"), s))
	return indicators.NormalCode(diag.WithoutInvisible(s))
}

func boolWord(raw string) string {
	if raw == "1" || strings.EqualFold(raw, "true") {
		return "是"
	}
	return "否"
}

// value reads a 目标值 or 实际值 cell.
func (t *Table) value(r xlsx.Row, key string) (indicators.Value, bool) {
	v, ok := t.Cell(r, key)
	if !ok {
		return indicators.Value{}, false
	}
	val, err := t.ReadValue(v)
	if err != nil {
		t.b.Errs.Addf(t.At(r, key), "%v", err)
		return indicators.Value{}, false
	}
	if u := t.valueUnits[key]; u != "" && val.IsNumber {
		if val, err = val.Complete("", u); err != nil {
			t.b.Errs.Addf(t.At(r, key), "%v (its column's header gives %s)", err, u)
			return indicators.Value{}, false
		}
	}
	return val, true
}

// readValue reads a cell by the value grammar.
func (t *Table) ReadValue(v CellValue) (indicators.Value, error) {
	switch {
	case v.Bool:
		return indicators.Value{Written: boolWord(v.Text)}, nil
	case v.Format == xlsx.Date:
		return indicators.Value{}, lang.Errorf("the cell is formatted as a date, not a value (write the number, or format the cell as a number)")
	case v.Number:
		d, err := xlsx.Number(v.Text)
		if err != nil {
			return indicators.Value{}, err
		}
		scale := ""
		if v.Format == xlsx.Percent {
			scale = "%"
		}
		return indicators.NumberValue(d, scale), nil
	}
	return indicators.ParseValue(v.Text)
}

// amount reads a money cell: a number, or text such as 1,499.75,
// １４９９.７５ or 34.27万, in the workbook's unit (units.go).
func (t *Table) Amount(r xlsx.Row, key string) decimal.NullDecimal {
	return t.number(r, key, func(v CellValue) (decimal.Decimal, error) {
		if v.Number {
			d, err := xlsx.Number(v.Text)
			return t.toWorkbookUnit(d, key), err
		}
		return t.textAmount(v.Text, key)
	})
}

// points reads a 扣分 cell: a number, which may be written with 分 (0.5分).
func (t *Table) points(r xlsx.Row, key string) decimal.NullDecimal {
	return t.number(r, key, func(v CellValue) (decimal.Decimal, error) {
		if v.Number {
			return xlsx.Number(v.Text)
		}
		val, err := indicators.ParseValue(v.Text)
		if err != nil {
			return decimal.Decimal{}, err
		}
		if !val.IsNumber || val.CmpGiven || val.Scale != "" || val.Unit != "" && val.Unit != "分" {
			return decimal.Decimal{}, lang.Errorf("%q is not a number of points", strings.TrimSpace(v.Text))
		}
		return val.Amount(), nil
	})
}

// number reads a cell once, by parse, recording its one mistake. A yes/no
// or a date-formatted cell is never a number.
func (t *Table) number(r xlsx.Row, key string, parse func(CellValue) (decimal.Decimal, error)) decimal.NullDecimal {
	v, ok := t.Cell(r, key)
	if !ok {
		return decimal.NullDecimal{}
	}
	var d decimal.Decimal
	var err error
	switch {
	case v.Bool:
		err = lang.Errorf("the cell is a yes/no (TRUE/FALSE) value, not an amount")
	case v.Format == xlsx.Date:
		err = lang.Errorf("the cell is formatted as a date, not an amount")
	default:
		d, err = parse(v)
	}
	if err != nil {
		t.b.Errs.Addf(t.At(r, key), "%v", err)
		return decimal.NullDecimal{}
	}
	return decimal.NewNullDecimal(d)
}
