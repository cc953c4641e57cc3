package report

import (
	"strings"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/scoring"
	"github.com/shopspring/decimal"
)

// A trace is written so that a reader can redo it by hand:
//
//	6 × 1222.84 ÷ 1499.75 = 4.892 → 4.89
//	3 − 0.5（信息化项目咨询服务超支2.44万元）= 2.50
//
// The words of each computation come from the catalogue (trace.* blocks);
// the arithmetic notation is written here. Values that are not exact at the
// score's precision are shown cut (not rounded) to one more decimal
// (scoring.Unrounded), so the arrow's rounding is the rounding of the value
// shown: half-up, or the one named after it.

// final shows a value and, when rounding changes it, its rounding: half-up
// (the default) as an arrow, any other rounding named after it.
func (p *phrases) final(x decimal.Decimal, prec int32, rounding indicators.Rounding) string {
	if rounding == "" {
		rounding = indicators.HalfUp
	}
	r := rounding.Round(x, prec)
	if x.Equal(r) {
		return r.StringFixed(prec)
	}
	shown := scoring.Unrounded(x, prec) + " → " + r.StringFixed(prec)
	if rounding != indicators.HalfUp {
		shown += p.label("rounding." + string(rounding))
	}
	return shown
}

// traceData is what a trace.* block is given.
type traceData struct {
	Weight, Num, Den, Cmp, Word, Ratio, From, Fraction string
	Within                                             bool
	Parts, Sum, Excluded, Left                         string
}

// TraceText writes a trace with the built-in wording.
func TraceText(t scoring.Trace) string {
	w, err := LoadWording("")
	if err != nil {
		return err.Error()
	}
	p := &phrases{w: w}
	return p.trace(t)
}

func (p *phrases) trace(t scoring.Trace) string {
	c, prec := t.Calc, t.Precision
	d := traceData{Weight: c.Weight.String(), Num: c.Num.Shown, Den: c.Den.Shown, Cmp: c.Cmp, Word: c.Word,
		From: c.From.String(), Fraction: c.Fraction.String(), Within: c.Reason == scoring.CalcWithin}
	switch c.Kind {
	case scoring.CalcBand, scoring.CalcBelowBands:
		d.Ratio = scoring.Unrounded(c.Ratio, 3)
	case scoring.CalcNotApplicable, scoring.CalcPlaceholder:
		return p.text("trace."+string(c.Kind), d)
	case scoring.CalcSum:
		if len(t.Parts) == 1 {
			return t.Score.StringFixed(prec)
		}
		return joinParts(t.Parts, prec) + " = " + t.Score.StringFixed(prec)
	case scoring.CalcRescaled:
		sum := decimal.Sum(decimal.Zero, t.Parts...)
		d.Parts = joinParts(t.Parts, prec)
		if len(t.Parts) > 1 {
			d.Parts = "(" + d.Parts + ")"
		}
		d.Sum, d.Excluded, d.Left = sum.StringFixed(prec), c.Excluded.String(), c.Weight.Sub(c.Excluded).String()
		return p.text("trace.rescaled", d) + " " + p.final(t.Value, prec, t.Rounding)
	}
	expr := p.text("trace."+string(c.Kind), d)
	if c.Kind == scoring.CalcFull && len(t.Deductions) > 0 {
		expr = "" // "3 − 0.5（…）= 2.50" says it all
	}
	var b strings.Builder
	if expr != "" {
		b.WriteString(expr + " ")
	}
	if len(t.Deductions) == 0 {
		b.WriteString(p.final(c.Value, prec, t.Rounding))
		return b.String()
	}
	b.WriteString(scoring.Unrounded(c.Value, prec))
	for i, ded := range t.Deductions {
		if i == 0 || t.Deductions[i-1].Reason == "" {
			b.WriteString(" ")
		}
		b.WriteString("− " + ded.Points.String())
		if ded.Reason != "" {
			b.WriteString("（" + ded.Reason + "）")
		}
	}
	if t.Deductions[len(t.Deductions)-1].Reason == "" {
		b.WriteString(" ")
	}
	b.WriteString("= " + p.final(t.Value, prec, t.Rounding))
	return b.String()
}

func joinParts(parts []decimal.Decimal, prec int32) string {
	s := make([]string, len(parts))
	for i, x := range parts {
		s[i] = x.StringFixed(prec)
	}
	return strings.Join(s, " + ")
}
