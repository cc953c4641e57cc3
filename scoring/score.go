package scoring

import (
	"slices"
	"strings"
	"time"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/shopspring/decimal"
)

var one = decimal.NewFromInt(1)

// Options are what a score depends on besides the framework and the input.
type Options struct {
	AsOf       time.Time  // the date of the time schedule; zero: the project's 评价基准日
	Thresholds Thresholds // the warning levels; zero: DefaultThresholds
}

func (o Options) thresholds() Thresholds {
	if o.Thresholds == (Thresholds{}) {
		return DefaultThresholds()
	}
	return o.Thresholds
}

// Score scores a project-year's input against a framework. It reports every
// problem it finds, each with its place, as diag.Errors.
func Score(f *indicators.Framework, in *Input, opts Options) (*Result, error) {
	s := &scorer{
		f:          f,
		in:         in,
		measures:   map[string]*Measure{},
		deductions: map[string][]Deduction{},
		analyses:   map[string][]string{},
		res: &Result{
			Framework: f,
			Project:   in.Project,
			Weight:    f.Total,
			Precision: f.DisplayPrecision(),
			Narrative: in.Narrative,
			Inputs:    in.Files,
			Warnings:  slices.Clone(in.Warnings),
		},
	}
	s.money(opts)
	s.readMeasures()
	s.readDeductions()
	s.readAnalyses()
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
	errs       diag.Errors
	measures   map[string]*Measure
	deductions map[string][]Deduction
	analyses   map[string][]string
}

func (s *scorer) warn(p diag.Pos, format string, args ...any) {
	s.res.Warnings = append(s.res.Warnings, diag.Warning{Pos: p, Msg: lang.Sprintf(format, args...)})
}

// money resolves the 预算执行 and 支出明细 sheets into res, and the time
// schedule at the as-of date (the option, else the project's 评价基准日).
func money(in *Input, res *Result, opts Options, errs *diag.Errors) {
	if in.HasFunding {
		t, err := ResolveLines("预算执行", in.Funding, false)
		errs.Add(err)
		if t != nil {
			res.Execution = newExecution(t)
			res.Mismatches = append(res.Mismatches, t.Mismatches...)
			asOf := opts.AsOf
			if asOf.IsZero() {
				asOf = in.Project.AsOf
			}
			res.Execution.schedule(in.Project, asOf, opts.thresholds())
		}
	}
	if in.HasItems {
		t, err := ResolveLines("支出明细", in.Items, true)
		errs.Add(err)
		if t != nil {
			res.Items = t
			res.Overspent = Overspending(t)
			res.Mismatches = append(res.Mismatches, t.Mismatches...)
		}
	}
	for _, m := range res.Mismatches {
		res.Warnings = append(res.Warnings, m.Warning())
	}
	if res.Execution != nil {
		for _, n := range res.Execution.Lines.All {
			if spent := n.Paid.Add(n.Recovered); n.Recovered.IsPositive() && spent.GreaterThan(n.Budget) && n.Budget.IsPositive() {
				res.Warnings = append(res.Warnings, diag.Warning{Pos: n.Line.Pos, Msg: lang.Sprintf("line %s: paid %s and recovered %s add up to %s, more than its budget %s", n.Code, n.Paid, n.Recovered, spent, n.Budget)})
			}
		}
	}
}

// money resolves the money sheets for scoring, where a parent line whose
// stated figure its lines contradict is an error (execution lists it among
// the mismatches and goes on).
func (s *scorer) money(opts Options) {
	money(s.in, s.res, opts, &s.errs)
	for _, m := range s.res.Mismatches {
		if !m.Total {
			s.errs.Add(m.AsError())
		}
	}
}

// newExecution sums a resolved 预算执行 sheet.
func newExecution(t *LineTree) *Execution {
	e := &Execution{Lines: t}
	e.Budget, e.Paid, e.Recovered = t.Total()
	e.Initial = t.Initial()
	e.Executed = e.Paid.Add(e.Recovered)
	if e.Budget.IsPositive() {
		e.Rate = indicators.Quo(e.Executed, e.Budget)
		e.Progress = indicators.Quo(e.Paid, e.Budget)
	}
	return e
}

// schedule sets the time schedule at asOf (nothing when asOf is zero).
func (e *Execution) schedule(p Project, asOf time.Time, th Thresholds) {
	e.Thresholds = th
	if asOf.IsZero() {
		return
	}
	e.AsOf = asOf
	e.Months, e.Schedule = p.Schedule(asOf)
	e.Gap = e.Schedule.Sub(e.Progress)
	e.Warning = th.Level(e.Progress, e.Schedule)
}

// Overspending lists the spending items whose known actual exceeds their budget.
func Overspending(t *LineTree) []Overspend {
	var out []Overspend
	for _, n := range t.All {
		if n.PaidKnown && n.Budget.IsPositive() && n.Paid.GreaterThan(n.Budget) {
			over := n.Paid.Sub(n.Budget)
			out = append(out, Overspend{Line: n, Over: over, Ratio: indicators.Quo(n.Paid, n.Budget), Excess: indicators.Quo(over, n.Budget)})
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
		if m.HasActual && m.Actual.IsNumber && m.Actual.CmpGiven {
			s.warn(m.ActualPos, "indicator %s: the actual %q is written with a comparator; it is read as %s (an actual is a measurement, not a target)", m.Code, m.Actual.Written, m.Actual.Quantity())
		}
		if m.HasActual && m.Actual.IsNotApplicable() && m.Actual.Written != indicators.NotApplicable {
			s.warn(m.ActualPos, "indicator %s: the actual %q is read as 不适用 (not applicable), which takes the indicator out of the total; if it means \"not available\", fill in the figure", m.Code, m.Actual.Written)
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

// readAnalyses files the 指标说明 paragraphs under their indicators. A
// paragraph for a code the framework lacks is an error: the evaluator's
// prose is never dropped.
func (s *scorer) readAnalyses() {
	for _, a := range s.in.Analyses {
		in, ok := s.f.Lookup(a.Code)
		switch {
		case !ok:
			s.errs.Addf(a.Pos, "指标说明 for %q: no such indicator in the framework", a.Code)
			continue
		case a.Name != "" && !sameName(a.Name, in.Name):
			s.warn(a.NamePos, "indicator %s is named %q here but %q in the framework", a.Code, a.Name, in.Name)
		}
		s.analyses[a.Code] = append(s.analyses[a.Code], a.Text)
	}
}

func (s *scorer) nodes(list []*indicators.Indicator) []*Node {
	out := make([]*Node, len(list))
	for i, in := range list {
		if in.IsLeaf() {
			out[i] = s.leaf(in)
			if m := s.measures[in.Code]; m != nil {
				s.checkClaim(out[i], m)
			}
			if out[i].Execution != nil {
				s.res.ExecutionRules = append(s.res.ExecutionRules, out[i])
			}
			continue
		}
		n := &Node{Indicator: in, Children: s.nodes(in.Children), Analysis: s.analyses[in.Code]}
		parts := make([]decimal.Decimal, len(n.Children))
		prec := in.Precision
		for j, c := range n.Children {
			parts[j] = c.Score
			n.Excluded = n.Excluded.Add(c.Excluded)
			prec = max(prec, c.Trace.Precision)
		}
		n.Trace = sum(parts, prec)
		n.Score = n.Trace.Score
		n.NotApplicable = n.Excluded.Equal(in.Weight)
		out[i] = n
	}
	return out
}

func (s *scorer) leaf(in *indicators.Indicator) *Node {
	n := &Node{Indicator: in, Analysis: s.analyses[in.Code]}
	p, rounding := in.Precision, in.Rounding
	m := s.measures[in.Code]
	if m != nil {
		n.Target, n.Actual = given(m.HasTarget, &m.Target), given(m.HasActual, &m.Actual)
		n.Note, n.Claimed, n.ClaimedPos, n.Parts = m.Note, m.Claimed, m.ClaimedPos, m.Parts
	}
	deds := s.deductions[in.Code]
	if in.IsPlaceholder() || n.Actual != nil && n.Actual.IsNotApplicable() {
		// A unit's stated 扣N分 on a row that is not scored is its wording.
		deds = n.unstate(deds, m)
	}
	if in.IsPlaceholder() {
		n.Trace = finish(Calc{Kind: CalcPlaceholder}, nil, p, rounding)
		if n.Target != nil || n.Actual != nil {
			s.warn(m.Pos, "indicator %s has no weight (a placeholder row); its target and actual are shown, not scored", in.Code)
		}
		for _, d := range deds {
			s.errs.Addf(d.Pos, "deduction for %s: it has no weight (a placeholder row), so nothing can be deducted", in.Code)
		}
		return n
	}
	if n.Actual != nil && n.Actual.IsNotApplicable() {
		n.NotApplicable, n.Excluded = true, in.Weight
		n.Trace = finish(Calc{Kind: CalcNotApplicable, Weight: in.Weight}, nil, p, rounding)
		for _, d := range deds {
			s.errs.Addf(d.Pos, "deduction for %s: the indicator is 不适用 (not applicable)", in.Code)
		}
		return n
	}
	n.Deductions = deds
	c, ok := s.ruleOrReview(n, m)
	if !ok {
		return n
	}
	deds = n.stated(c, deds, m)
	n.Deductions = deds
	left := c.Value
	for _, d := range deds {
		left = left.Sub(d.Points)
		if left.IsNegative() {
			s.errs.Addf(d.PointsPos, "deductions for %s add up to more than the %s its rule gave", in.Code, Unrounded(c.Value, p))
			return n
		}
	}
	n.Trace = finish(c, deds, p, rounding)
	n.Score = n.Trace.Score
	if c.Kind == CalcLevel && len(deds) > 0 {
		if l, ok := in.Rule.Level(c.Word); ok {
			if floor := in.Rule.Floor(l).Mul(in.Weight); n.Trace.Value.LessThan(floor) {
				s.warn(deds[len(deds)-1].PointsPos, "indicator %s: the deductions take %q (%s of %s) to %s, below its band's floor %s: is the level right?",
					in.Code, c.Word, l.Fraction, in.Weight, Unrounded(n.Trace.Value, p), Unrounded(floor, p))
			}
		}
	}
	return n
}

// ruleOrReview applies the leaf's rule. An inferred rule the row's
// figures do not hold up to gives way to review, the first reason kept on
// the node (Node.Unscored), so that a form is scored once, whole.
func (s *scorer) ruleOrReview(n *Node, m *Measure) (Calc, bool) {
	in := n.Indicator
	before := len(s.errs)
	c, ok := s.rule(n, m)
	if !in.Rule.Inferred || ok && len(s.errs) == before {
		return c, ok
	}
	if len(s.errs) > before {
		n.Unscored = s.errs[before]
		s.errs = s.errs[:before]
	}
	n.Ratio = decimal.NullDecimal{}
	return Calc{Kind: CalcFull, Weight: in.Weight, Value: in.Weight}, true
}

// stated keeps the unit's stated deductions (Deduction.Stated) that count:
// all of them where they fit what the rule left and either the rule is
// review or the printed score takes them off; otherwise none, and the
// note is the reason as the unit wrote it.
func (n *Node) stated(c Calc, deds []Deduction, m *Measure) []Deduction {
	left, some := c.Value, false
	for _, d := range deds {
		left = left.Sub(d.Points)
		some = some || d.Stated
	}
	if !some {
		return deds
	}
	t := finish(c, deds, n.Indicator.Precision, n.Indicator.Rounding)
	if !left.IsNegative() && (c.Kind == CalcFull || n.Claimed.Valid && Agrees(n.Claimed.Decimal, t.Score)) {
		return deds
	}
	return n.unstate(deds, m)
}

// unstate drops the stated deductions from deds; the note is then the
// reason as the unit wrote it, 扣N分 and all.
func (n *Node) unstate(deds []Deduction, m *Measure) []Deduction {
	var kept []Deduction
	for _, d := range deds {
		if !d.Stated {
			kept = append(kept, d)
		}
	}
	if len(kept) < len(deds) && m != nil {
		n.Note = m.Reason
	}
	return kept
}

// checkClaim warns where the 自评得分 a unit wrote is not the score the
// rules give, compared at the decimals the claim is written with (Agrees).
func (s *scorer) checkClaim(n *Node, m *Measure) {
	if !n.Claimed.Valid {
		return
	}
	claimed, code := n.Claimed.Decimal, n.Indicator.Code
	score := n.Score.StringFixed(n.Trace.Precision)
	switch {
	case n.Indicator.IsPlaceholder():
		s.warn(m.ClaimedPos, "indicator %s: 自评得分 %s is written for a placeholder row, which has no weight and is not scored", code, claimed)
	case n.NotApplicable:
		s.warn(m.ClaimedPos, "indicator %s: 自评得分 %s is written, but the indicator is 不适用 (not applicable) and is not scored", code, claimed)
	case n.Trace.Calc.Kind == "":
		// not scored: the rule failed and said why
	case claimed.GreaterThan(n.Indicator.Weight):
		s.warn(m.ClaimedPos, "indicator %s: 自评得分 %s is more than its weight %s; the rules give %s", code, claimed, n.Indicator.Weight, score)
	case !Agrees(claimed, n.Score):
		s.warn(m.ClaimedPos, "indicator %s: 自评得分 %s differs from the %s the rules give", code, claimed, score)
	}
}

// given is v when the cell was filled in, else nil.
func given(has bool, v *indicators.Value) *indicators.Value {
	if !has {
		return nil
	}
	return v
}

func (s *scorer) total() {
	res, p := s.res, s.res.Precision
	parts := make([]decimal.Decimal, len(res.Indicators))
	for i, n := range res.Indicators {
		parts[i] = n.Score
		res.Excluded = res.Excluded.Add(n.Excluded)
	}
	t := sum(parts, p)
	w := res.Weight
	switch {
	case res.Excluded.GreaterThanOrEqual(w) && w.IsPositive():
		s.errs.Addf(diag.Pos{File: s.in.File}, "every indicator is 不适用 (not applicable): there is nothing to score")
		return
	case res.Excluded.IsPositive():
		total := indicators.Quo(t.Value.Mul(w), w.Sub(res.Excluded))
		t.Calc = Calc{Kind: CalcRescaled, Weight: w, Excluded: res.Excluded, Value: total}
		t.Rounding = s.f.Rounding
		t.Value, t.Score = total, s.f.Rounding.Round(total, s.f.Precision)
	}
	res.TotalTrace = t
	res.Total = t.Score
	res.Grade = s.f.Grade(res.Total)
}
