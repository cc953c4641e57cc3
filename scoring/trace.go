package scoring

import (
	"strings"

	"github.com/shopspring/decimal"
)

// A trace is written so that a reader can redo it by hand:
//
//	6 × 1222.84 ÷ 1499.75 = 4.892 → 4.89
//	3 − 0.5（信息化项目咨询服务超支2.44万元）= 2.50
//
// Values that are not exact at the score's precision are shown cut (not
// rounded) to one more decimal, so the arrow's rounding is always the
// half-up rounding of the value shown.

// mid shows an intermediate value: exact, or cut to p+1 decimals.
func mid(x decimal.Decimal, p int32) string {
	if x.Equal(x.Round(p)) {
		return x.String()
	}
	return x.Truncate(p + 1).StringFixed(p + 1)
}

// final shows a value and, when rounding changes it, its rounding.
func final(x decimal.Decimal, p int32) string {
	r := x.Round(p)
	if x.Equal(r) {
		return r.StringFixed(p)
	}
	return x.Truncate(p+1).StringFixed(p+1) + " → " + r.StringFixed(p)
}

// compose finishes a leaf's trace: the rule's expression and value, then
// each deduction with its reason, then the rounded score. It returns the
// trace and the rounded score.
func compose(expr string, raw decimal.Decimal, deds []Deduction, p int32) (string, decimal.Decimal) {
	var b strings.Builder
	b.WriteString(expr)
	cur := raw
	if len(deds) == 0 {
		b.WriteString(final(raw, p))
		return b.String(), raw.Round(p)
	}
	b.WriteString(mid(raw, p))
	for i, d := range deds {
		if i == 0 || deds[i-1].Reason == "" {
			b.WriteString(" ")
		}
		b.WriteString("− ")
		b.WriteString(d.Points.String())
		if d.Reason != "" {
			b.WriteString("（" + d.Reason + "）")
		}
		cur = cur.Sub(d.Points)
	}
	if deds[len(deds)-1].Reason == "" {
		b.WriteString(" ")
	}
	b.WriteString("= ")
	b.WriteString(final(cur, p))
	return b.String(), cur.Round(p)
}

// money shows an amount with at least two decimals: 129 → 129.00.
func money(d decimal.Decimal) string {
	return d.StringFixed(max(2, -d.Exponent()))
}
