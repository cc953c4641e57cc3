package scoring

import (
	"fmt"
	"slices"
	"strings"

	"github.com/perfeval/perfeval/indicators"
	"github.com/shopspring/decimal"
)

var one = decimal.NewFromInt(1)

// Score scores a project-year's input against a framework. It reports every
// problem it finds, each with its place, as indicators.Errors.
func Score(f *indicators.Framework, in *Input) (*Result, error) {
	s := &scorer{
		f:          f,
		in:         in,
		measures:   map[string]*Measure{},
		deductions: map[string][]Deduction{},
		res: &Result{
			Framework: f,
			Project:   in.Project,
			Weight:    f.Total,
			Inputs:    in.Files,
			Warnings:  slices.Clone(in.Warnings),
		},
	}
	s.money()
	s.readMeasures()
	s.readDeductions()
	s.res.Indicators = s.nodes(f.Indicators)
	s.total()
	if err := s.errs.Err(); err != nil {
		return nil, err
	}
	return s.res, nil
}

type scorer struct {
	f          *indicators.Framework
	in         *Input
	res        *Result
	errs       indicators.Errors
	measures   map[string]*Measure
	deductions map[string][]Deduction
}

func (s *scorer) warn(p indicators.Pos, format string, args ...any) {
	s.res.Warnings = append(s.res.Warnings, indicators.Warning{Pos: p, Msg: fmt.Sprintf(format, args...)})
}

// money resolves the 预算执行 and 支出明细 sheets.
func (s *scorer) money() {
	if s.in.HasFunding {
		t, err := ResolveLines("预算执行", s.in.Funding, false)
		s.errs.Add(err)
		if t != nil {
			s.res.Execution = NewExecution(t)
			s.res.Mismatches = append(s.res.Mismatches, t.Mismatches...)
		}
	}
	if s.in.HasItems {
		t, err := ResolveLines("支出明细", s.in.Items, true)
		s.errs.Add(err)
		if t != nil {
			s.res.Items = t
			s.res.Overspent = Overspending(t)
			s.res.Mismatches = append(s.res.Mismatches, t.Mismatches...)
		}
	}
	for _, m := range s.res.Mismatches {
		s.res.Warnings = append(s.res.Warnings, m.Warning())
	}
}

// NewExecution sums a resolved 预算执行 sheet.
func NewExecution(t *LineTree) *Execution {
	e := &Execution{Lines: t}
	e.Budget, e.Paid, e.Recovered = t.Total()
	e.Executed = e.Paid.Add(e.Recovered)
	if e.Budget.IsPositive() {
		e.Rate = e.Executed.Div(e.Budget)
		e.Progress = e.Paid.Div(e.Budget)
	}
	return e
}

// Overspending lists the spending items whose known actual exceeds their budget.
func Overspending(t *LineTree) []Overspend {
	var out []Overspend
	for _, n := range t.All {
		if n.PaidKnown && n.Budget.IsPositive() && n.Paid.GreaterThan(n.Budget) {
			over := n.Paid.Sub(n.Budget)
			out = append(out, Overspend{Line: n, Over: over, Ratio: n.Paid.Div(n.Budget), Excess: over.Div(n.Budget)})
		}
	}
	return out
}

func sameName(a, b string) bool {
	norm := func(s string) string { return strings.Join(strings.Fields(s), "") }
	return norm(a) == norm(b)
}

func (s *scorer) readMeasures() {
	for i := range s.in.Targets {
		m := &s.in.Targets[i]
		if prev, dup := s.measures[m.Code]; dup {
			s.errs.Addf(m.Pos, "indicator %s has a second row in 绩效目标 (first at %s)", m.Code, prev.Pos)
			continue
		}
		s.measures[m.Code] = m
		in, ok := s.f.Lookup(m.Code)
		switch {
		case !ok:
			s.warn(m.Pos, "indicator %s is not in the framework; its row is ignored", m.Code)
		case !in.IsLeaf():
			s.warn(m.Pos, "indicator %s has children in the framework; its row is ignored", m.Code)
		case m.Name != "" && !sameName(m.Name, in.Name):
			s.warn(m.NamePos, "indicator %s is named %q here but %q in the framework", m.Code, m.Name, in.Name)
		}
	}
}

func (s *scorer) readDeductions() {
	for _, d := range s.in.Deductions {
		in, ok := s.f.Lookup(d.Code)
		switch {
		case !ok:
			s.errs.Addf(d.Pos, "deduction for %q: no such indicator in the framework", d.Code)
			continue
		case !in.IsLeaf():
			s.errs.Addf(d.Pos, "deduction for %s: it has children; deduct from one of its leaves", d.Code)
			continue
		}
		bad := false
		if !d.Points.IsPositive() {
			s.errs.Addf(d.PointsPos, "deduction for %s: points must be more than 0, not %s", d.Code, d.Points)
			bad = true
		}
		if strings.TrimSpace(d.Reason) == "" {
			s.errs.Addf(d.ReasonPos, "deduction for %s: a reason (扣分理由) is required", d.Code)
			bad = true
		}
		if !bad {
			s.deductions[d.Code] = append(s.deductions[d.Code], d)
		}
	}
}

func (s *scorer) nodes(list []*indicators.Indicator) []*Node {
	out := make([]*Node, len(list))
	for i, in := range list {
		if in.IsLeaf() {
			out[i] = s.leaf(in)
			continue
		}
		n := &Node{Indicator: in, Children: s.nodes(in.Children)}
		var parts []string
		for _, c := range n.Children {
			n.Score = n.Score.Add(c.Score)
			n.Excluded = n.Excluded.Add(c.Excluded)
			parts = append(parts, c.Score.StringFixed(s.f.Precision))
		}
		n.NotApplicable = n.Excluded.Equal(in.Weight)
		n.Trace = strings.Join(parts, " + ") + " = " + n.Score.StringFixed(s.f.Precision)
		if len(parts) == 1 {
			n.Trace = n.Score.StringFixed(s.f.Precision)
		}
		out[i] = n
	}
	return out
}

func (s *scorer) leaf(in *indicators.Indicator) *Node {
	n := &Node{Indicator: in}
	p := s.f.Precision
	m := s.measures[in.Code]
	if m != nil {
		if m.HasTarget {
			n.Target = &m.Target
		}
		if m.HasActual {
			n.Actual = &m.Actual
		}
	}
	deds := s.deductions[in.Code]
	if n.Actual != nil && n.Actual.IsNotApplicable() {
		n.NotApplicable, n.Excluded = true, in.Weight
		n.Trace = fmt.Sprintf("不适用：不计分，分值 %s 从总分中剔除", in.Weight)
		for _, d := range deds {
			s.errs.Addf(d.Pos, "deduction for %s: the indicator is 不适用 (not applicable)", in.Code)
		}
		return n
	}
	n.Deductions = deds
	expr, ok := s.rule(n, m)
	if !ok {
		return n
	}
	left := n.Raw
	for _, d := range deds {
		left = left.Sub(d.Points)
		if left.IsNegative() {
			s.errs.Addf(d.PointsPos, "deductions for %s add up to more than the %s its rule gave", in.Code, mid(n.Raw, p))
			return n
		}
	}
	n.Trace, n.Score = compose(expr, n.Raw, deds, p)
	return n
}

func (s *scorer) total() {
	res, p := s.res, s.f.Precision
	sum := decimal.Zero
	var parts []string
	for _, n := range res.Indicators {
		sum = sum.Add(n.Score)
		res.Excluded = res.Excluded.Add(n.Excluded)
		parts = append(parts, n.Score.StringFixed(p))
	}
	trace := strings.Join(parts, " + ")
	w := res.Weight
	switch {
	case res.Excluded.IsZero():
		res.Total = sum
		res.TotalTrace = trace + " = " + sum.StringFixed(p)
	case res.Excluded.GreaterThanOrEqual(w):
		s.errs.Addf(indicators.Pos{File: s.in.File}, "every indicator is 不适用 (not applicable): there is nothing to score")
		return
	default:
		left := w.Sub(res.Excluded)
		total := sum.Mul(w).Div(left)
		res.Total = total.Round(p)
		if len(parts) > 1 {
			trace = "(" + trace + ")"
		}
		res.TotalTrace = fmt.Sprintf("%s × %s ÷ (%s − %s 不适用) = %s × %s ÷ %s = %s",
			trace, w, w, res.Excluded, sum.StringFixed(p), w, left, final(total, p))
	}
	res.Grade = s.f.Grade(res.Total)
}
