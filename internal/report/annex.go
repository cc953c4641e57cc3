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
		if r.GreaterThan(decimal.NewFromInt(1)) {
			c.Kind = scoring.CalcCapped
		} else {
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

// frameworkTable is 附件1: the indicator tree, one row a node, its name in
// the column of its level (the deepest column holding every level below),
// with its weight, 指标解释, 评分标准, score and the reasons of its
// deductions.
func (p *phrases) frameworkTable(r *scoring.Result, data reportData) document.Table {
	cols := strings.Split(p.text("cols.report_framework", data), "|")
	depth := min(len(data.Levels), 3)
	depth = max(depth, 1)
	// The name columns: 一级指标, 二级指标, 三级指标 as deep as the tree.
	t := document.Table{Columns: append(append([]string{}, cols[:depth]...), cols[3:]...)}
	r.Walk(func(n *scoring.Node) {
		in := n.Indicator
		row := make([]document.Cell, len(t.Columns))
		for i := range row {
			row[i] = document.Str("")
		}
		col := min(in.Level, depth) - 1
		row[col] = document.Str(in.Name)
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
	})
	t.Rows = append(t.Rows, func() []document.Cell {
		row := make([]document.Cell, len(t.Columns))
		for i := range row {
			row[i] = document.Str("")
		}
		row[0] = document.Str(p.label("row.total"))
		row[depth] = document.Plain(r.Weight)
		row[depth+3] = document.Num(r.Total, r.Precision)
		return row
	}())
	return t
}
