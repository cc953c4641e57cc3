package workbook

import (
	"strings"
	"unicode/utf8"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/shopspring/decimal"
)

// Money is read in one unit for the whole workbook: 项目信息's 金额单位,
// else the unit the first money column's header gives (预算数（万元）).
// A money column whose header gives another unit (实际支出（元）) is
// converted to it, exactly; so is an amount written with its unit or
// scale (80万 in a 万元 workbook is 80, 1500元 is 0.15). A unit is never
// dropped: a header unit that is not money (预算数（个）) is an error, and
// so is a percentage written as money.

// moneyUnits is each money unit's power of ten, in 元.
var moneyUnits = map[string]int32{
	"元": 0, "千元": 3, "万元": 4, "百万元": 6, "亿元": 8,
	"万": 4, "亿": 8, "yuan": 0, "rmb": 0, "人民币元": 0,
}

// moneyUnit reads a money unit (万元, 万, yuan…): the name it is shown by
// (万 is 万元) and its power of ten of 元; ok is false for any other unit.
func moneyUnit(u string) (name string, exp int32, ok bool) {
	u = strings.ToLower(strings.TrimSpace(u))
	if exp, ok = moneyUnits[u]; !ok {
		return "", 0, false
	}
	switch u {
	case "万", "亿":
		u += "元"
	case "yuan", "rmb", "人民币元":
		u = "元"
	}
	return u, exp, true
}

// bracketUnit returns the text in a header's closing brackets: 万元 from
// 预算数（万元）.
func bracketUnit(header string) string {
	m := unitSuffix().FindString(Normalize(header))
	if m == "" {
		return ""
	}
	_, size := utf8.DecodeRuneInString(m)
	_, last := utf8.DecodeLastRuneInString(m)
	return m[size : len(m)-last]
}

// isLabel reports whether a bracket holds a column's label rather than a
// unit: (A), (B/A), （1）, as printed forms letter their columns.
func isLabel(s string) bool {
	for _, r := range s {
		if !(r < 0x80 && r != '%') && !strings.ContainsRune("×÷－＋／", r) {
			return false
		}
	}
	return true
}

// SetMoneyUnit records the unit a money column's header gives (全年执行数（元）
// beside 全年预算数（万元） converts), or an error.
func (t *Table) SetMoneyUnit(key string, col int, header string) {
	t.setUnit(column{key: key, kind: amountKind}, col, header)
}

// setUnit records a money or value column's header unit, or an error.
func (t *Table) setUnit(c column, col int, header string) {
	if c.kind == valueKind {
		t.setValueUnit(c, col, header)
		return
	}
	if c.kind != amountKind {
		return
	}
	u := bracketUnit(header)
	name, exp, ok := moneyUnit(u)
	switch {
	case u == "", !ok && isLabel(u):
		return
	case !ok:
		t.b.Errs.Add(&diag.Error{Pos: t.Pos(t.Header, col), Msg: lang.Sprintf("the column %s gives the unit %s, which is not money", strings.TrimSpace(header), u), Hint: lang.T("write 元, 万元 or 亿元, or no unit")})
		return
	}
	if t.units == nil {
		t.units = map[string]int32{}
	}
	t.units[c.key] = exp
	t.b.useUnit(name, exp)
}

// useUnit makes a money unit the workbook's when none is set yet.
func (b *Book) useUnit(name string, exp int32) {
	if b.hasUnit {
		return
	}
	b.unitExp, b.hasUnit = exp, true
	if b.in.Project.Unit == "" {
		b.in.Project.Unit = name
	}
}

// toWorkbookUnit converts an amount of the column key, as its cell holds
// it, to the workbook's unit.
func (t *Table) toWorkbookUnit(d decimal.Decimal, key string) decimal.Decimal {
	if exp, ok := t.units[key]; ok && t.b.hasUnit {
		return shift(d, exp-t.b.unitExp)
	}
	return d
}

// shift multiplies d by a power of ten, exactly, keeping no more decimals
// than the result needs: 500000 元 is 50 万元, not 50.0000.
func shift(d decimal.Decimal, exp int32) decimal.Decimal {
	if exp == 0 {
		return d
	}
	return decimal.RequireFromString(d.Shift(exp).String())
}

// textAmount reads money written as text: a number, with a scale (万, 亿)
// and a money unit (元, 万元) when given, converted to the workbook's
// unit. Without a workbook unit, 34.27万 is 342700 as written.
func (t *Table) textAmount(s, key string) (decimal.Decimal, error) {
	v, err := indicators.ParseValue(s)
	if err != nil {
		return decimal.Decimal{}, err
	}
	switch {
	case !v.IsNumber || v.CmpGiven:
		return decimal.Decimal{}, lang.Errorf("%q is not a number", strings.TrimSpace(s))
	case v.Scale == "%" || v.Scale == "‰":
		return decimal.Decimal{}, lang.Errorf("%q is a percentage, not an amount of money", strings.TrimSpace(s))
	}
	_, exp, money := moneyUnit(v.Unit)
	switch {
	case v.Unit != "" && !money:
		return decimal.Decimal{}, lang.Errorf("%q is in %s, not in money", strings.TrimSpace(s), v.Unit)
	case v.Unit == "" && v.Scale == "":
		return t.toWorkbookUnit(v.Amount(), key), nil // as the column holds it
	case !t.b.hasUnit:
		return shift(v.Amount(), exp), nil
	}
	return shift(v.Amount(), exp-t.b.unitExp), nil
}

// setValueUnit records the unit a 目标值 or 实际值 header gives (目标值（%）):
// a bare number in the column takes it, as from a 计量单位 column, and a
// number in another unit is an error.
func (t *Table) setValueUnit(c column, col int, header string) {
	u := bracketUnit(header)
	if u == "" || isLabel(u) {
		return
	}
	if _, err := indicators.NumberValue(decimal.NewFromInt(1), "").Complete("", u); err != nil {
		t.b.Errs.Addf(t.Pos(t.Header, col), "the column %s gives %s, which is not a unit", strings.TrimSpace(header), u)
		return
	}
	if t.valueUnits == nil {
		t.valueUnits = map[string]string{}
	}
	t.valueUnits[c.key] = u
}
