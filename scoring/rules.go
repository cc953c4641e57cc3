package scoring

import (
	"slices"
	"strings"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/diag"
	"github.com/shopspring/decimal"
)

// rule computes the leaf's Calc and Ratio. ok is false when a mistake was
// recorded instead.
func (s *scorer) rule(n *Node, m *Measure) (Calc, bool) {
	in := n.Indicator
	r := in.Rule
	w := in.Weight
	switch r.Type {
	case indicators.Review:
		return Calc{Kind: CalcFull, Weight: w, Value: w}, true
	case indicators.Execution:
		return s.execution(n)
	case indicators.Qualitative:
		return s.level(n, m)
	}
	t, a, ok := s.targetActual(in, m)
	if !ok {
		return Calc{}, false
	}
	if r.Type == indicators.Pass {
		return s.pass(n, m, t, a)
	}
	if !t.IsNumber || !a.IsNumber {
		s.errs.Add(s.needNumbers(in, m, t, a))
		return Calc{}, false
	}
	if t.Amount().IsNegative() {
		s.errs.Addf(m.TargetPos, "indicator %s: rule %s needs a target of 0 or more, not %s", in.Code, r.Type, t.Written)
		return Calc{}, false
	}
	c := complete(t, a)
	if c.full == "" {
		n.Ratio = decimal.NewNullDecimal(c.ratio())
	}
	if r.Type == indicators.Bands {
		return bandScore(w, r, c), true
	}
	out := Calc{Weight: w, Num: c.num, Den: c.den}
	switch {
	case c.full == CalcMissedZero:
		out.Kind, out.Value = c.full, decimal.Zero
	case c.full != "":
		out.Kind, out.Value = c.full, w
	case c.ratio().GreaterThanOrEqual(one):
		out.Kind, out.Value = CalcCapped, w
	default:
		out.Kind, out.Value = CalcRatio, c.of(w)
	}
	return out, true
}

// A completion is how far a numeric actual meets its target: actual ÷
// target for "at least", target ÷ actual for "at most", and for "="
// whichever is below 1. Full names the rule's outcome where no ratio is
// taken: a zero target to exceed, a zero actual to stay under, a "= 0"
// target missed.
type completion struct {
	num, den Operand
	full     CalcKind
}

// ratio is num ÷ den, never below 0.
func (c completion) ratio() decimal.Decimal {
	if c.full != "" || c.den.Value.IsZero() {
		return decimal.Zero
	}
	return decimal.Max(indicators.Quo(c.num.Value, c.den.Value), decimal.Zero)
}

// of is weight × num ÷ den, multiplied first so that no digit is lost.
func (c completion) of(w decimal.Decimal) decimal.Decimal {
	return decimal.Max(indicators.Quo(w.Mul(c.num.Value), c.den.Value), decimal.Zero)
}

func quantity(v indicators.Value) Operand { return Operand{Value: v.Amount(), Shown: v.Quantity()} }

func complete(t, a indicators.Value) completion {
	ta, aa := t.Amount(), a.Amount()
	reverse := t.Cmp.Reverse() || t.Cmp == indicators.Equal && aa.GreaterThan(ta)
	if !reverse {
		if ta.IsZero() {
			if t.Cmp == indicators.Equal && !aa.IsZero() {
				return completion{num: quantity(a), den: quantity(t), full: CalcMissedZero}
			}
			return completion{num: quantity(a), den: quantity(t), full: CalcZeroTarget}
		}
		return completion{num: quantity(a), den: quantity(t)}
	}
	if !aa.IsPositive() {
		return completion{num: quantity(a), den: quantity(t), full: CalcWithin}
	}
	return completion{num: quantity(t), den: quantity(a)}
}

func bandScore(w decimal.Decimal, r *indicators.Rule, c completion) Calc {
	out := Calc{Weight: w, Num: c.num, Den: c.den}
	if c.full == CalcZeroTarget || c.full == CalcWithin {
		out.Kind, out.Fraction, out.Reason = CalcTopBand, r.Bands[0].Score, c.full
		out.Value = w.Mul(out.Fraction)
		return out
	}
	out.Ratio = c.ratio()
	b, ok := r.Band(out.Ratio)
	if !ok {
		out.Kind, out.Value = CalcBelowBands, decimal.Zero
		return out
	}
	out.Kind, out.From, out.Fraction = CalcBand, b.From, b.Score
	out.Value = w.Mul(b.Score)
	return out
}

// yes and no words an actual may give for a pass indicator.
var (
	yesWords = []string{"是", "达成", "已达成", "达成预期指标", "达到预期", "达标", "完成", "已完成", "有效", "效果明显",
		"符合", "合格", "通过", "满足", "有"}
	noWords = []string{"否", "未达成", "未达到", "未达标", "未完成", "无效", "不合格", "不符合", "未通过", "不满足", "无"}
)

// PassWord reports whether an actual is a yes/no word a pass indicator
// takes (是, 达成, 完成…; 否, 未完成…), and which.
func PassWord(word string) (met, ok bool) {
	switch {
	case slices.Contains(yesWords, word):
		return true, true
	case slices.Contains(noWords, word):
		return false, true
	}
	return false, false
}

// level scores a qualitative indicator: the actual names a level, which
// gives its share of the weight. The target may be any text, or none.
func (s *scorer) level(n *Node, m *Measure) (Calc, bool) {
	in := n.Indicator
	if !s.in.HasTargets || m == nil || m.Invalid || !m.HasActual {
		switch {
		case m != nil && m.Invalid:
		case m != nil:
			s.errs.Addf(m.ActualPos, "indicator %s: the actual (实际值) is blank; rule grade needs a level (%s)", in.Code, levelWords(in.Rule))
		default:
			s.targetActual(in, m) // reports the missing sheet or row
		}
		return Calc{}, false
	}
	word := strings.TrimSpace(m.Actual.Written)
	l, ok := in.Rule.Level(word)
	if !ok {
		s.errs.Addf(m.ActualPos, "indicator %s: actual %q is not a level of its rule grade (%s)", in.Code, word, levelWords(in.Rule))
		return Calc{}, false
	}
	return Calc{Kind: CalcLevel, Weight: in.Weight, Word: word, Fraction: l.Fraction, Value: in.Weight.Mul(l.Fraction)}, true
}

func levelWords(r *indicators.Rule) string {
	words := make([]string, len(r.Levels))
	for i, l := range r.Levels {
		words[i] = l.Word
	}
	return strings.Join(words, ", ")
}

func (s *scorer) pass(n *Node, m *Measure, t, a indicators.Value) (Calc, bool) {
	in := n.Indicator
	out := Calc{Weight: in.Weight}
	var met bool
	switch {
	case t.IsNumber && a.IsNumber:
		if err := s.checkUnits(in, m, t, a); err != nil {
			s.errs.Add(err)
			return Calc{}, false
		}
		met = t.Cmp.Holds(a.Amount(), t.Amount())
		if c := complete(t, a); c.full == "" {
			n.Ratio = decimal.NewNullDecimal(c.ratio())
		}
		out.Num, out.Den, out.Cmp = quantity(a), quantity(t), t.Cmp.Symbol()
	case !a.IsNumber && slices.Contains(yesWords, a.Written):
		met, out.Word = true, a.Written
	case !a.IsNumber && slices.Contains(noWords, a.Written):
		met, out.Word = false, a.Written
	default:
		if a.IsNumber {
			s.errs.Addf(m.TargetPos, "indicator %s: target %q is not a number to compare the actual %s with", in.Code, t.Written, a.Written)
		} else {
			s.errs.Addf(m.ActualPos, "indicator %s: actual %q is neither a number nor a yes/no word (是/否, 达成/未达成)", in.Code, a.Written)
		}
		return Calc{}, false
	}
	if met {
		out.Kind, out.Value = CalcMet, in.Weight
	} else {
		out.Kind, out.Value = CalcMissed, decimal.Zero
	}
	return out, true
}

// targetActual returns the leaf's target and actual, reporting what is missing.
func (s *scorer) targetActual(in *indicators.Indicator, m *Measure) (t, a indicators.Value, ok bool) {
	if !s.in.HasTargets {
		if slices.Contains(s.in.Unread, "绩效目标") {
			return t, a, false
		}
		s.errs.Addf(diag.Pos{File: s.in.File}, "indicator %s (rule %s) needs a target and an actual, but the workbook has no 绩效目标 (targets) sheet", in.Code, in.Rule.Type)
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
		return diag.Errorf(m.TargetPos, "indicator %s: rule %s needs a numeric target, not %q", in.Code, in.Rule.Type, t.Written)
	}
	return diag.Errorf(m.ActualPos, "indicator %s: rule %s needs a numeric actual, not %q", in.Code, in.Rule.Type, a.Written)
}

// checkUnits reports a target and an actual that cannot be compared: two
// different units, or a percentage held against a plain number above 1.
func (s *scorer) checkUnits(in *indicators.Indicator, m *Measure, t, a indicators.Value) error {
	if t.Unit != "" && a.Unit != "" && t.Unit != a.Unit {
		return diag.Errorf(m.ActualPos, "indicator %s: unit %q of the actual %s does not match unit %q of the target %s", in.Code, a.Unit, a.Written, t.Unit, t.Written)
	}
	pct := func(v indicators.Value) bool { return v.Scale == "%" || v.Scale == "‰" }
	plainAbove1 := func(v indicators.Value) bool {
		return v.Scale == "" && v.Unit == "" && v.Amount().Abs().GreaterThan(one)
	}
	// A plain 1 against a percentage could be 1% or 100%.
	plainOne := func(v indicators.Value) bool {
		return v.Scale == "" && v.Unit == "" && v.Amount().Abs().Equal(one)
	}
	if pct(t) && !pct(a) && a.Unit != "" || pct(a) && !pct(t) && t.Unit != "" {
		return diag.Errorf(m.ActualPos, "indicator %s: the target %s and the actual %s cannot be compared: one is a percentage, the other is in %s", in.Code, t.Written, a.Written, t.Unit+a.Unit)
	}
	if pct(t) && plainOne(a) {
		return diag.Errorf(m.ActualPos, "indicator %s: the target %s is a percentage but the actual %s could be 1%% or 100%% (write it with %%)", in.Code, t.Written, a.Written)
	}
	if pct(a) && plainOne(t) {
		return diag.Errorf(m.TargetPos, "indicator %s: the actual %s is a percentage but the target %s could be 1%% or 100%% (write it with %%)", in.Code, a.Written, t.Written)
	}
	if pct(t) && plainAbove1(a) {
		return diag.Errorf(m.ActualPos, "indicator %s: the target %s is a percentage but the actual %s is not (write %s%%)", in.Code, t.Written, a.Written, a.Digits)
	}
	if pct(a) && plainAbove1(t) {
		return diag.Errorf(m.TargetPos, "indicator %s: the actual %s is a percentage but the target %s is not (write %s%%)", in.Code, a.Written, t.Written, t.Digits)
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

func (s *scorer) execution(n *Node) (Calc, bool) {
	in := n.Indicator
	if s.res.Execution == nil {
		if !s.in.HasFunding && !slices.Contains(s.in.Unread, "预算执行") {
			s.errs.Addf(diag.Pos{File: s.in.File}, "indicator %s (rule execution) needs the 预算执行 (funding) sheet, which the workbook lacks", in.Code)
		}
		return Calc{}, false
	}
	if len(s.res.Execution.Lines.All) == 0 {
		s.errs.Addf(s.in.FundingPos, "indicator %s (rule execution): the 预算执行 sheet has no lines", in.Code)
		return Calc{}, false
	}
	c, err := executionRule(n, s.res.Execution.Lines)
	if err != nil {
		s.errs.Add(err)
		return Calc{}, false
	}
	return c, true
}

// executionRule scores a leaf by the execution rule over a 预算执行 tree:
// it sets the node's Ratio and Execution and returns the rule's Calc.
func executionRule(n *Node, t *LineTree) (Calc, error) {
	in := n.Indicator
	r := in.Rule
	b, err := ExecutionOf(t, r)
	if err != nil {
		return Calc{}, err
	}
	n.Ratio = decimal.NewNullDecimal(b.Rate)
	n.Execution = &b
	w := in.Weight
	c := completion{num: amount(b.Executed), den: amount(b.Budget)}
	if len(r.Bands) > 0 {
		return bandScore(w, r, c), nil
	}
	if b.Rate.GreaterThanOrEqual(one) {
		return Calc{Kind: CalcCapped, Weight: w, Num: c.num, Den: c.den, Value: w}, nil
	}
	return Calc{Kind: CalcRatio, Weight: w, Num: c.num, Den: c.den, Value: c.of(w)}, nil
}

// ExecutionOf sums the lines an execution rule selects: its lines option
// (each with its children) or every line.
func ExecutionOf(t *LineTree, r *indicators.Rule) (ExecutionBasis, error) {
	b := ExecutionBasis{Lines: r.Lines, CountRecovered: r.Recovered != indicators.RecoveredUnspent}
	selected := t.Roots
	if len(r.Lines) > 0 {
		var errs diag.Errors
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
	sum := sumOf(selected)
	b.Budget, b.Paid, b.Recovered = sum.budget, sum.paid, sum.recovered
	b.Executed = b.Paid
	if b.CountRecovered {
		b.Executed = b.Executed.Add(b.Recovered)
	}
	if !b.Budget.IsPositive() {
		return b, diag.Errorf(r.Pos, "rule execution: the selected lines have no budget to execute against")
	}
	b.Rate = indicators.Quo(b.Executed, b.Budget)
	return b, nil
}
