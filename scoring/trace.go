package scoring

import (
	"github.com/perfeval/perfeval/indicators"
	"github.com/shopspring/decimal"
)

// A Trace is how a score was reached, kept as data so that a reader can
// redo it by hand: the rule's computation (Calc), the deductions taken from
// it, the unrounded value and its rounding. The wording layer
// (internal/report) writes it out, for example
//
//	6 × 1222.84 ÷ 1499.75 = 4.892 → 4.89
//	3 − 0.5（信息化项目咨询服务超支2.44万元）= 2.50
type Trace struct {
	Calc       Calc
	Deductions []Deduction       // leaves: taken from Calc.Value, in sheet order
	Parts      []decimal.Decimal // parents and the total: the scores added up
	Value      decimal.Decimal   // unrounded: Calc.Value less the deductions, or the sum of Parts
	Score      decimal.Decimal   // Value rounded to Precision by Rounding
	Precision  int32
	Rounding   indicators.Rounding
}

// A CalcKind names what a rule computed.
type CalcKind string

const (
	CalcFull          CalcKind = "full"           // review: the full weight
	CalcRatio         CalcKind = "ratio"          // weight × num ÷ den
	CalcCapped        CalcKind = "capped"         // weight × min(num ÷ den, 1), the ratio being ≥ 1
	CalcZeroTarget    CalcKind = "zero_target"    // a target of 0 to reach: the full weight
	CalcWithin        CalcKind = "within"         // an "at most" target and an actual of 0 or less: the full weight
	CalcMissedZero    CalcKind = "missed_zero"    // "= 0" missed: nothing
	CalcBand          CalcKind = "band"           // num ÷ den = ratio ≥ from: weight × fraction
	CalcTopBand       CalcKind = "top_band"       // full marks without a ratio: weight × the top band's fraction
	CalcBelowBands    CalcKind = "below_bands"    // the ratio reaches no band: nothing
	CalcMet           CalcKind = "met"            // pass: the target is met (num against den, or Word)
	CalcMissed        CalcKind = "missed"         // pass: the target is missed
	CalcNotApplicable CalcKind = "not_applicable" // 不适用: left out, its weight excluded
	CalcLevel         CalcKind = "level"          // grade: weight × the fraction of the level Word names
	CalcPlaceholder   CalcKind = "placeholder"    // a row with no weight, shown and never scored
	CalcSum           CalcKind = "sum"            // a parent: its children's scores added up
	CalcRescaled      CalcKind = "rescaled"       // the total: Σ × W ÷ (W − excluded)
)

// A Calc is the computation of a rule, or a parent's sum.
type Calc struct {
	Kind     CalcKind
	Weight   decimal.Decimal // the indicator's weight; W for the rescaled total
	Num, Den Operand         // the ratio's terms: actual ÷ target, target ÷ actual, executed ÷ budget
	Cmp      string          // pass with numbers: the target's comparator sign
	Word     string          // pass with a word: the actual as written
	Ratio    decimal.Decimal // bands: num ÷ den, unrounded
	From     decimal.Decimal // bands: the band reached
	Fraction decimal.Decimal // bands and grade: the share of the weight the band or level gives
	Reason   CalcKind        // top band: why full marks (zero_target or within)
	Excluded decimal.Decimal // the rescaled total: the 不适用 weight taken out
	Value    decimal.Decimal // what the rule gives, unrounded
}

// An Operand is a figure a computation used: its value and how it is shown
// (the quantity as written, 26.51% or 34.27万个, or an amount).
type Operand struct {
	Value decimal.Decimal
	Shown string
}

// finish completes a leaf's trace: the deductions are taken from the rule's
// value, which is then rounded as the indicator says.
func finish(c Calc, deds []Deduction, p int32, r indicators.Rounding) Trace {
	t := Trace{Calc: c, Deductions: deds, Value: c.Value, Precision: p, Rounding: r}
	for _, d := range deds {
		t.Value = t.Value.Sub(d.Points)
	}
	t.Score = r.Round(t.Value, p)
	return t
}

// Undeducted is the trace of what the rule alone gave, before any 扣分:
// its Calc, rounded as the indicator rounds.
func (t Trace) Undeducted() Trace { return finish(t.Calc, nil, t.Precision, t.Rounding) }

// Unrounded writes a value that is yet to be rounded to p decimals: exact,
// or cut (not rounded) to p+1 decimals and at least 3, so that rounding
// the value shown, in any of the roundings, gives what rounding the value
// gives: a cut that would end in a false tie (4.1251 cut to 4.125) keeps
// one more digit. Traces and messages both use it.
func Unrounded(x decimal.Decimal, p int32) string {
	tie := decimal.New(5, -(p + 1))
	for d := max(p+1, 3); ; d++ {
		cut := x.Truncate(d)
		if cut.Equal(x) {
			return x.String()
		}
		if !cut.Sub(cut.Truncate(p)).Abs().Equal(tie) || d >= p+16 {
			return cut.StringFixed(d)
		}
	}
}

// sum is a parent's trace: the exact sum of its children's rounded scores,
// shown with p decimals (the most any of them has).
func sum(parts []decimal.Decimal, p int32) Trace {
	t := Trace{Calc: Calc{Kind: CalcSum}, Parts: parts, Precision: p, Rounding: indicators.HalfUp}
	for _, x := range parts {
		t.Value = t.Value.Add(x)
	}
	t.Calc.Value = t.Value
	t.Score = t.Value
	return t
}

// amount is an operand holding an amount of money, shown with at least
// two decimals: 129 → 129.00.
func amount(d decimal.Decimal) Operand {
	return Operand{Value: d, Shown: d.StringFixed(max(2, -d.Exponent()))}
}
