package scoring

import (
	"fmt"
	"slices"

	"github.com/perfeval/perfeval/indicators"
	"github.com/shopspring/decimal"
)

// rule computes n.Raw and n.Ratio and returns the trace's expression.
func (s *scorer) rule(n *Node, m *Measure) (string, bool) {
	in := n.Indicator
	r := in.Rule
	w := in.Weight
	switch r.Type {
	case indicators.Review:
		n.Raw = w
		if len(s.deductions[in.Code]) == 0 {
			return "满分 ", true
		}
		return "", true
	case indicators.Execution:
		return s.execution(n)
	}
	t, a, ok := s.targetActual(in, m)
	if !ok {
		return "", false
	}
	if r.Type == indicators.Pass {
		return s.pass(n, m, t, a)
	}
	if !t.IsNumber || !a.IsNumber {
		s.errs.Add(s.needNumbers(in, m, t, a))
		return "", false
	}
	if t.Amount().IsNegative() {
		s.errs.Addf(m.TargetPos, "indicator %s: rule %s needs a target of 0 or more, not %s", in.Code, r.Type, t.Written)
		return "", false
	}
	c := complete(t, a)
	if !c.full {
		n.Ratio = decimal.NewNullDecimal(c.ratio())
	}
	if r.Type == indicators.Bands {
		return bandScore(n, r, c)
	}
	switch {
	case c.full:
		n.Raw = w
		return c.reason + "，得满分 ", true
	case c.ratio().GreaterThanOrEqual(one):
		n.Raw = w
		return fmt.Sprintf("%s × min(%s, 1) = ", w, c.parts), true
	default:
		n.Raw = c.of(w)
		return fmt.Sprintf("%s × %s = ", w, c.parts), true
	}
}

// A completion is how far a numeric actual meets its target: actual ÷
// target for "at least", target ÷ actual for "at most", and for "="
// whichever is below 1. Full is set where the rule gives full marks without
// a ratio (a zero target to exceed, a zero actual to stay under), with the
// reason.
type completion struct {
	num, den decimal.Decimal
	full     bool
	reason   string
	parts    string // the division as written: "26.51% ÷ 30%"
}

// ratio is num ÷ den, never below 0.
func (c completion) ratio() decimal.Decimal {
	if c.full || c.den.IsZero() {
		return decimal.Zero
	}
	return decimal.Max(c.num.Div(c.den), decimal.Zero)
}

// of is weight × num ÷ den, multiplied first so that no digit is lost.
func (c completion) of(w decimal.Decimal) decimal.Decimal {
	return decimal.Max(w.Mul(c.num).Div(c.den), decimal.Zero)
}

func complete(t, a indicators.Value) completion {
	ta, aa := t.Amount(), a.Amount()
	reverse := t.Cmp.Reverse() || t.Cmp == indicators.Equal && aa.GreaterThan(ta)
	if !reverse {
		if ta.IsZero() {
			if t.Cmp == indicators.Equal && !aa.IsZero() {
				return completion{num: decimal.Zero, den: one, parts: a.Quantity() + " ≠ 0"}
			}
			return completion{full: true, reason: "目标值为 0"}
		}
		return completion{num: aa, den: ta, parts: a.Quantity() + " ÷ " + t.Quantity()}
	}
	if !aa.IsPositive() {
		return completion{full: true, reason: fmt.Sprintf("实际值 %s 不超过目标", a.Quantity())}
	}
	return completion{num: ta, den: aa, parts: t.Quantity() + " ÷ " + a.Quantity()}
}

func bandScore(n *Node, r *indicators.Rule, c completion) (string, bool) {
	w := n.Indicator.Weight
	if c.full {
		n.Raw = w.Mul(r.Bands[0].Score)
		return fmt.Sprintf("%s，取最高档：%s × %s = ", c.reason, w, r.Bands[0].Score), true
	}
	ratio := c.ratio()
	head := fmt.Sprintf("%s = %s", c.parts, mid(ratio, 3))
	b, ok := r.Band(ratio)
	if !ok {
		n.Raw = decimal.Zero
		return head + "，低于最低档，得 ", true
	}
	n.Raw = w.Mul(b.Score)
	return fmt.Sprintf("%s ≥ %s 档：%s × %s = ", head, b.From, w, b.Score), true
}

// yes and no words an actual may give for a pass indicator.
var (
	yesWords = []string{"是", "达成", "已达成", "达标", "完成", "已完成", "合格", "通过", "符合", "满足", "有"}
	noWords  = []string{"否", "未达成", "未达标", "未完成", "不合格", "未通过", "不符合", "不满足", "无"}
)

func (s *scorer) pass(n *Node, m *Measure, t, a indicators.Value) (string, bool) {
	in := n.Indicator
	w := in.Weight
	var met bool
	var expr string
	switch {
	case t.IsNumber && a.IsNumber:
		if err := s.checkUnits(in, m, t, a); err != nil {
			s.errs.Add(err)
			return "", false
		}
		met = t.Cmp.Holds(a.Amount(), t.Amount())
		if c := complete(t, a); !c.full {
			n.Ratio = decimal.NewNullDecimal(c.ratio())
		}
		sym := t.Cmp.Symbol()
		if !met {
			sym = "未达到 " + sym
		}
		expr = fmt.Sprintf("%s %s %s", a.Quantity(), sym, t.Quantity())
	case !a.IsNumber && slices.Contains(yesWords, a.Written):
		met, expr = true, fmt.Sprintf("实际“%s”", a.Written)
	case !a.IsNumber && slices.Contains(noWords, a.Written):
		met, expr = false, fmt.Sprintf("实际“%s”", a.Written)
	default:
		if a.IsNumber {
			s.errs.Addf(m.TargetPos, "indicator %s: target %q is not a number to compare the actual %s with", in.Code, t.Written, a.Written)
		} else {
			s.errs.Addf(m.ActualPos, "indicator %s: actual %q is neither a number nor a yes/no word (是/否, 达成/未达成)", in.Code, a.Written)
		}
		return "", false
	}
	if met {
		n.Raw = w
		return expr + "，达标，得 ", true
	}
	n.Raw = decimal.Zero
	return expr + "，未达标，得 ", true
}

// targetActual returns the leaf's target and actual, reporting what is missing.
func (s *scorer) targetActual(in *indicators.Indicator, m *Measure) (t, a indicators.Value, ok bool) {
	if !s.in.HasTargets {
		s.errs.Addf(indicators.Pos{File: s.in.File}, "indicator %s (rule %s) needs a target and an actual, but the workbook has no 绩效目标 (targets) sheet", in.Code, in.Rule.Type)
		return t, a, false
	}
	if m == nil {
		s.errs.Addf(s.in.TargetsPos, "no row for indicator %s %s, whose rule %s needs a target and an actual", in.Code, in.Name, in.Rule.Type)
		return t, a, false
	}
	if m.Invalid {
		return t, a, false // its cells' mistakes are reported already
	}
	ok = true
	if !m.HasTarget {
		s.errs.Addf(m.TargetPos, "indicator %s: the target (目标值) is blank", in.Code)
		ok = false
	}
	if !m.HasActual {
		s.errs.Addf(m.ActualPos, "indicator %s: the actual (实际值) is blank", in.Code)
		ok = false
	}
	if !ok {
		return t, a, false
	}
	t, a = m.Target, m.Actual
	if t.IsNumber && a.IsNumber {
		if err := s.checkUnits(in, m, t, a); err != nil {
			s.errs.Add(err)
			return t, a, false
		}
	}
	return t, a, true
}

func (s *scorer) needNumbers(in *indicators.Indicator, m *Measure, t, a indicators.Value) error {
	if !t.IsNumber {
		return indicators.Errorf(m.TargetPos, "indicator %s: rule %s needs a numeric target, not %q", in.Code, in.Rule.Type, t.Written)
	}
	return indicators.Errorf(m.ActualPos, "indicator %s: rule %s needs a numeric actual, not %q", in.Code, in.Rule.Type, a.Written)
}

// checkUnits reports a target and an actual that cannot be compared: two
// different units, or a percentage held against a plain number above 1.
func (s *scorer) checkUnits(in *indicators.Indicator, m *Measure, t, a indicators.Value) error {
	if t.Unit != "" && a.Unit != "" && t.Unit != a.Unit {
		return indicators.Errorf(m.ActualPos, "indicator %s: unit %q of the actual %s does not match unit %q of the target %s", in.Code, a.Unit, a.Written, t.Unit, t.Written)
	}
	pct := func(v indicators.Value) bool { return v.Scale == "%" || v.Scale == "‰" }
	plainAbove1 := func(v indicators.Value) bool {
		return v.Scale == "" && v.Unit == "" && v.Amount().Abs().GreaterThan(one)
	}
	if pct(t) && !pct(a) && a.Unit != "" || pct(a) && !pct(t) && t.Unit != "" {
		return indicators.Errorf(m.ActualPos, "indicator %s: the target %s and the actual %s cannot be compared: one is a percentage, the other a count of %s", in.Code, t.Written, a.Written, t.Unit+a.Unit)
	}
	if pct(t) && plainAbove1(a) {
		return indicators.Errorf(m.ActualPos, "indicator %s: the target %s is a percentage but the actual %s is not (write %s%%)", in.Code, t.Written, a.Written, a.Digits)
	}
	if pct(a) && plainAbove1(t) {
		return indicators.Errorf(m.TargetPos, "indicator %s: the actual %s is a percentage but the target %s is not (write %s%%)", in.Code, a.Written, t.Written, t.Digits)
	}
	return nil
}

// An ExecutionBasis is what the execution rule of one leaf computed over.
type ExecutionBasis struct {
	Lines          []string // the selected lines; empty for every line
	CountRecovered bool
	Budget         decimal.Decimal
	Paid           decimal.Decimal
	Recovered      decimal.Decimal
	Executed       decimal.Decimal
	Rate           decimal.Decimal // executed ÷ budget, unrounded
}

func (s *scorer) execution(n *Node) (string, bool) {
	in := n.Indicator
	if s.res.Execution == nil {
		if !s.in.HasFunding {
			s.errs.Addf(indicators.Pos{File: s.in.File}, "indicator %s (rule execution) needs the 预算执行 (funding) sheet, which the workbook lacks", in.Code)
		}
		return "", false
	}
	if len(s.res.Execution.Lines.All) == 0 {
		s.errs.Addf(s.in.FundingPos, "indicator %s (rule execution): the 预算执行 sheet has no lines", in.Code)
		return "", false
	}
	expr, err := executionRule(n, s.res.Execution.Lines)
	if err != nil {
		s.errs.Add(err)
		return "", false
	}
	return expr, true
}

// executionRule scores a leaf by the execution rule over a 预算执行 tree:
// it sets the node's Raw, Ratio and Execution and returns the trace's
// expression.
func executionRule(n *Node, t *LineTree) (string, error) {
	in := n.Indicator
	r := in.Rule
	b, err := ExecutionOf(t, r)
	if err != nil {
		return "", err
	}
	n.Ratio = decimal.NewNullDecimal(b.Rate)
	n.Execution = &b
	w := in.Weight
	parts := money(b.Executed) + " ÷ " + money(b.Budget)
	if len(r.Bands) > 0 {
		expr, _ := bandScore(n, r, completion{num: b.Executed, den: b.Budget, parts: parts})
		return expr, nil
	}
	if b.Rate.GreaterThanOrEqual(one) {
		n.Raw = w
		return fmt.Sprintf("%s × min(%s, 1) = ", w, parts), nil
	}
	n.Raw = w.Mul(b.Executed).Div(b.Budget)
	return fmt.Sprintf("%s × %s = ", w, parts), nil
}

// ExecutionOf sums the lines an execution rule selects: its lines option
// (each with its children) or every line.
func ExecutionOf(t *LineTree, r *indicators.Rule) (ExecutionBasis, error) {
	b := ExecutionBasis{Lines: r.Lines, CountRecovered: r.Recovered != indicators.RecoveredUnspent}
	selected := t.Roots
	if len(r.Lines) > 0 {
		var errs indicators.Errors
		selected = nil
		chosen := map[*LineNode]bool{}
		for _, code := range r.Lines {
			n, ok := t.Lookup(code)
			if !ok {
				errs.Addf(r.Pos, "rule execution: line %q is not in the 预算执行 sheet", code)
				continue
			}
			chosen[n] = true
		}
		if err := errs.Err(); err != nil {
			return b, err
		}
		for _, n := range t.All {
			if !chosen[n] {
				continue
			}
			covered := false
			for a := n.Parent; a != nil; a = a.Parent {
				covered = covered || chosen[a]
			}
			if !covered {
				selected = append(selected, n)
			}
		}
	}
	b.Budget, b.Paid, b.Recovered = sumLines(selected)
	b.Executed = b.Paid
	if b.CountRecovered {
		b.Executed = b.Executed.Add(b.Recovered)
	}
	if !b.Budget.IsPositive() {
		return b, indicators.Errorf(r.Pos, "rule execution: the selected lines have no budget to execute against")
	}
	b.Rate = b.Executed.Div(b.Budget)
	return b, nil
}
