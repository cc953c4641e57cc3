package report

import (
	"strings"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/document"
	"github.com/perfeval/perfeval/scoring"
	"github.com/shopspring/decimal"
)

// wordsData is what a words.* block is given: a leaf's computation as a
// sentence for the body and 附件3, with no formula in it.
type wordsData struct {
	Weight, Num, Den, Rate, Cmp, Word, From, Fraction, Score string
	Within                                                   bool
	Deductions                                               []deductionWords
}

type deductionWords struct {
	Points, Reason string
}

// scoreWords is a leaf's score in words: how the rule scored it ("资金执行率
// 81.54%（1,222.84 ÷ 1,499.75），按比例计分"), each deduction with its
// reason, and the score.
func (p *phrases) scoreWords(n *scoring.Node, prec int32) string {
	t := n.Trace
	c := t.Calc
	d := wordsData{Weight: c.Weight.String(), Num: document.Grouped(c.Num.Shown), Den: document.Grouped(c.Den.Shown), Cmp: c.Cmp, Word: c.Word,
		From: pct(c.From), Fraction: c.Fraction.String(), Within: c.Reason == scoring.CalcWithin, Score: t.Score.StringFixed(prec)}
	switch c.Kind {
	case scoring.CalcRatio, scoring.CalcCapped:
		if c.Den.Value.IsZero() {
			break
		}
		r := indicators.Quo(c.Num.Value, c.Den.Value)
		d.Rate = document.Pct(r).Text
		switch {
		case n.Indicator.Rule != nil && n.Indicator.Rule.Type == indicators.Execution:
			c.Kind = "execution"
		case r.GreaterThan(decimal.NewFromInt(1)):
			c.Kind = scoring.CalcCapped
		default:
			c.Kind = scoring.CalcRatio
		}
	case scoring.CalcBand, scoring.CalcBelowBands:
		d.Rate = document.Pct(c.Ratio).Text
	case scoring.CalcSum, scoring.CalcRescaled:
		return p.trace(t)
	}
	for _, ded := range t.Deductions {
		d.Deductions = append(d.Deductions, deductionWords{Points: ded.Points.String(), Reason: strings.TrimRight(ded.Reason, "。；;，, ")})
	}
	return p.text("words."+string(c.Kind), d)
}

// pct is a fraction as a percentage, as written (0.8 is 80%).
func pct(d decimal.Decimal) string {
	return d.Mul(decimal.NewFromInt(100)).String() + "%"
}

// frameworkTable is 附件1: one row a leaf, under the names of its 一级
// and 二级 indicators (printed where they change; the levels between the
// second and the leaf joined by —), with its weight, 指标解释, 评分标准,
// score and the reasons of its deductions; a parent's own 指标解释 and
// 评分标准, where written, are a row of their own above its leaves.
func (p *phrases) frameworkTable(r *scoring.Result, data reportData) document.Table {
	cols := p.colsWith("report_framework", data)
	depth := max(min(len(data.Levels), 3), 1)
	t := document.Table{Columns: append(append([]string{}, cols[:depth]...), cols[3:]...)}
	blank := func() []document.Cell {
		row := make([]document.Cell, len(t.Columns))
		for i := range row {
			row[i] = document.Str("")
		}
		return row
	}
	shown := make([]string, depth) // the names last printed in each column
	var walk func(n *scoring.Node, path []string)
	walk = func(n *scoring.Node, path []string) {
		in := n.Indicator
		path = append(path, in.Name)
		leaf := len(n.Children) == 0
		if !leaf && in.Description == "" && in.Criteria == "" {
			for _, c := range n.Children {
				walk(c, path)
			}
			return
		}
		// The names: the first column the top level, the last the leaf,
		// the middle one every level between.
		names := make([]string, depth)
		names[0] = path[0]
		switch {
		case depth == 1 || len(path) == 1:
		case depth == 2 || !leaf:
			names[1] = strings.Join(path[1:], "—")
		default:
			names[1] = strings.Join(path[1:len(path)-1], "—")
			names[2] = path[len(path)-1]
		}
		row := blank()
		for i, nm := range names {
			if nm != shown[i] || i == depth-1 {
				row[i] = document.Str(nm)
			}
			if nm != shown[i] {
				clear(shown[i+1:])
			}
			shown[i] = nm
		}
		score := document.Num(n.Score, r.Precision)
		switch {
		case n.NotApplicable:
			score = document.Str(p.label("cell.na"))
		case in.IsPlaceholder():
			score = document.Str(p.label("cell.none"))
		}
		var reasons []string
		for _, ded := range n.Trace.Deductions {
			reasons = append(reasons, p.text("deduction", deductionWords{Points: ded.Points.String(), Reason: ded.Reason}))
		}
		row[depth] = document.Plain(in.Weight)
		row[depth+1] = document.Str(in.Description)
		row[depth+2] = document.Str(in.Criteria)
		row[depth+3] = score
		row[depth+4] = document.Str(strings.Join(reasons, "；"))
		t.Rows = append(t.Rows, row)
		for _, c := range n.Children {
			walk(c, path)
		}
	}
	for _, n := range r.Indicators {
		walk(n, nil)
	}
	total := blank()
	total[0] = document.Str(p.label("row.total"))
	total[depth] = document.Plain(r.Weight)
	total[depth+3] = document.Num(r.Total, r.Precision)
	t.Rows = append(t.Rows, total)
	return t
}
