package form

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/scoring"
	"github.com/shopspring/decimal"
)

// FrameworkName names every framework a form stands for.
const FrameworkName = "项目支出绩效自评表"

// Full is the weight a form's 分值 add up to.
var Full = decimal.NewFromInt(100)

// Derive makes the framework the form stands for (SPEC §8) and the data it
// holds. It gives every row its code.
func (f *Form) Derive() (*indicators.Framework, *scoring.Input, error) {
	sheet := diag.Pos{File: f.File, Sheet: f.Sheet}
	in := &scoring.Input{
		File: f.File,
		Project: scoring.Project{Name: f.Name, Department: f.Department, Implementer: f.Implementer,
			Kind: scoring.SelfEvaluation, Year: f.Year, Unit: f.Unit, Goal: f.Planned, Achieved: f.Achieved},
		AchievedPos: f.AchievedPos, TotalPos: f.Total.Pos,
		HasTargets: true, TargetsPos: sheet,
		Files:    f.Files,
		Warnings: slices.Clone(f.Warnings),
	}
	var top []*indicators.Indicator
	use := f.FundUse()
	if use.Lines != nil {
		in.HasFunding, in.FundingPos = true, sheet
	}
	if f.FundWeight.Valid || f.FundScore.Valid {
		code := strconv.Itoa(len(top) + 1)
		at := f.FundWeight.Pos
		if at.IsZero() && len(f.Funds) > 0 {
			at = f.Funds[0].Pos
		}
		rule := indicators.Execution
		if use.Lines == nil {
			rule = indicators.Review
		}
		f.fundCode = code
		top = append(top, &indicators.Indicator{Code: code, Name: FundName, Weight: f.FundWeight.Value,
			Rule: indicators.NewRule(rule, at), Pos: at, WeightPos: f.FundWeight.Pos})
		in.Targets = append(in.Targets, scoring.Measure{Code: code, Name: FundName, Note: f.FundNote,
			Claimed: amount(f.FundScore), Pos: at, NamePos: at, ClaimedPos: f.FundScore.Pos, ActualPos: f.FundRate.Pos})
	}
	in.Funding = use.Lines
	for _, g := range f.Groups {
		top = append(top, f.group(g, strconv.Itoa(len(top)+1), in))
	}
	fw, err := indicators.Assemble(f.File, FrameworkName, f.precision(), top)
	return fw, in, err
}

// precision is the decimals the form scores at: 2, or more where a
// printed 分值 or 得分 has more, so that no score exceeds its 分值.
func (f *Form) precision() int32 {
	p := int32(2)
	places := func(fg Figure) {
		if fg.Valid {
			p = max(p, -fg.Value.Exponent())
		}
	}
	places(f.FundWeight)
	places(f.FundScore)
	for _, r := range f.Leaves() {
		places(r.Weight)
		places(r.Score)
	}
	return p
}

// A FundUse is the fund block as the rules use it (SPEC §8): the
// 年度资金总额 row when it has figures, else the sums of its 其中 rows.
type FundUse struct {
	Budget, Paid decimal.NullDecimal
	// Lines are 年度资金总额 as line 1 and its 其中 rows under it where
	// they add up to it; none when no 执行率 can be computed.
	Lines []scoring.Line
	// Mismatch says how the 年度资金总额 row and its 其中 rows disagree
	// (a funds_mismatch finding), and which figures are used.
	Mismatch string
	// Unreadable says why no 执行率 can be computed (0 ÷ 0, spending
	// against a budget of 0, a figure missing): the fund row is reviewed.
	Unreadable string
	Pos        diag.Pos // the 年度资金总额 row
}

// fundColumn is one money column of the fund block.
type fundColumn struct {
	name       string
	of         func(Fund) Figure
	total, sum decimal.NullDecimal // the 年度资金总额 row's figure; the sum of its 其中 rows'
}

// FundUse works out which figures of the fund block the rules use.
func (f *Form) FundUse() FundUse {
	u := FundUse{Unreadable: lang.T("the fund block gives no 全年预算数 or 全年执行数")}
	if len(f.Funds) == 0 {
		return u
	}
	total, parts := f.Funds[0], f.Funds[1:]
	u.Pos = total.Pos
	columns := []fundColumn{
		{name: "年初预算数", of: func(fd Fund) Figure { return fd.Initial }},
		{name: "全年预算数", of: func(fd Fund) Figure { return fd.Budget }},
		{name: "全年执行数", of: func(fd Fund) Figure { return fd.Paid }},
	}
	totalGiven, partsGiven, partsWhole := false, false, true
	for i := range columns {
		c := &columns[i]
		c.total = amount(c.of(total))
		totalGiven = totalGiven || c.total.Valid && !c.total.Decimal.IsZero()
		for _, p := range parts {
			if v := c.of(p); v.Valid {
				c.sum = decimal.NewNullDecimal(c.sum.Decimal.Add(v.Value))
				partsGiven = true
			}
		}
	}
	for _, p := range parts {
		if p.Budget.Valid != p.Paid.Valid {
			partsWhole = false
		}
	}
	line := scoring.Line{Code: "1", Name: total.Name, Pos: total.Pos, BudgetPos: total.Budget.Pos, PaidPos: total.Paid.Pos, InitialPos: total.Initial.Pos}
	used := func(c fundColumn) decimal.NullDecimal { return c.total }
	switch {
	case !totalGiven && partsGiven:
		used = func(c fundColumn) decimal.NullDecimal { return c.sum }
		var sums []string
		for _, c := range columns {
			if c.sum.Valid {
				sums = append(sums, fmt.Sprintf("%s %s", c.name, c.sum.Decimal))
			}
		}
		u.Mismatch = lang.Sprintf("%s is blank or 0 while its 其中 rows have figures; their sums are used: %s", total.Name, strings.Join(sums, ", "))
	case totalGiven:
		var diff []string
		for _, c := range columns {
			if c.total.Valid && c.sum.Valid && !c.total.Decimal.Equal(c.sum.Decimal) {
				diff = append(diff, lang.Sprintf("%s %s against %s", c.name, c.total.Decimal, c.sum.Decimal))
			}
		}
		if len(diff) > 0 {
			u.Mismatch = lang.Sprintf("%s is not the sum of its 其中 rows (%s); the %s row is used", total.Name, strings.Join(diff, ", "), total.Name)
		}
	}
	line.Initial, line.Budget, line.Paid = used(columns[0]), used(columns[1]), used(columns[2])
	u.Budget, u.Paid = line.Budget, line.Paid
	switch {
	case !u.Budget.Valid && !u.Paid.Valid:
		return u
	case !u.Paid.Valid:
		u.Unreadable = lang.Sprintf("no 全年执行数 is written beside 全年预算数 %s", u.Budget.Decimal)
		return u
	case !u.Budget.Valid:
		u.Unreadable = lang.Sprintf("no 全年预算数 is written beside 全年执行数 %s", u.Paid.Decimal)
		return u
	case u.Budget.Decimal.IsZero() && u.Paid.Decimal.IsZero():
		u.Unreadable = lang.T("全年预算数 and 全年执行数 are both 0: there is no 执行率 to compute")
		return u
	case !u.Budget.Decimal.IsPositive():
		u.Unreadable = lang.Sprintf("全年执行数 %s is spent against a 全年预算数 of %s", u.Paid.Decimal, u.Budget.Decimal)
		return u
	}
	u.Unreadable, u.Lines = "", []scoring.Line{line}
	if u.Mismatch == "" && partsWhole {
		for _, p := range parts {
			if p.Budget.Valid && p.Paid.Valid {
				u.Lines = append(u.Lines, scoring.Line{Code: fmt.Sprintf("1.%d", len(u.Lines)), Name: p.Name,
					Budget: amount(p.Budget), Paid: amount(p.Paid), Initial: amount(p.Initial),
					Pos: p.Pos, BudgetPos: p.Budget.Pos, PaidPos: p.Paid.Pos, InitialPos: p.Initial.Pos})
			}
		}
	}
	return u
}

func (f *Form) group(g *Group, code string, in *scoring.Input) *indicators.Indicator {
	node := &indicators.Indicator{Code: code, Name: g.Name, Pos: g.Pos, WeightPos: g.Points.Pos}
	for _, r := range g.Rows {
		node.Children = append(node.Children, f.leaf(r, fmt.Sprintf("%s.%d", code, len(node.Children)+1), in))
	}
	for _, c := range g.Groups {
		node.Children = append(node.Children, f.group(c, fmt.Sprintf("%s.%d", code, len(node.Children)+1), in))
	}
	for _, c := range node.Children {
		node.Weight = node.Weight.Add(c.Weight)
	}
	return node
}

func (f *Form) leaf(r *Row, code string, in *scoring.Input) *indicators.Indicator {
	r.code = code
	m := scoring.Measure{
		Code: code, Name: r.Name, Target: r.Target, Actual: r.Actual, HasTarget: r.HasTarget, HasActual: r.HasActual,
		Note: r.Note, Claimed: amount(r.Score),
		Pos: r.Pos, NamePos: r.Pos, TargetPos: r.TargetPos, ActualPos: r.ActualPos, ClaimedPos: r.Score.Pos, NotePos: r.ReasonPos,
	}
	if len(r.Deductions) > 0 {
		m.Reason = r.Reason
	}
	for _, d := range r.Deductions {
		in.Deductions = append(in.Deductions, scoring.Deduction{Code: code, Points: d.Points, Reason: d.Reason, Stated: true,
			Pos: d.Pos, PointsPos: d.Pos, ReasonPos: d.Pos})
	}
	for _, p := range r.Parts {
		m.Parts = append(m.Parts, scoring.Part{Name: p.Name, Target: given(p.HasTarget, p.Target), Actual: given(p.HasActual, p.Actual), Pos: p.Pos})
	}
	in.Targets = append(in.Targets, m)
	rule := indicators.NewRule(r.rule(), r.Pos)
	rule.Inferred = true
	return &indicators.Indicator{Code: code, Name: r.Name, Weight: r.Weight.Value, Rule: rule, Pos: r.Pos, WeightPos: r.Weight.Pos}
}

// rule is what the row's writing calls for: a numeric target and actual
// are a ratio, a level word (达成, 部分达成, 优…) a grade, a yes/no word
// a pass; anything else, and a row the rules cannot read, is reviewed.
// Level words come before yes/no words because 未达成 is a level of the
// national rule (up to 60% of the points), not a plain no.
func (r *Row) rule() indicators.RuleType {
	levels := indicators.NewRule(indicators.Qualitative, r.Pos)
	_, isLevel := levels.Level(r.Actual.Written)
	_, isYesNo := scoring.PassWord(r.Actual.Written)
	switch {
	case r.Unreadable != "" || !r.HasActual:
		return indicators.Review
	case r.Actual.IsNumber && r.HasTarget && r.Target.IsNumber:
		return indicators.Ratio
	case !r.Actual.IsNumber && isLevel:
		return indicators.Qualitative
	case !r.Actual.IsNumber && isYesNo && r.HasTarget:
		return indicators.Pass
	}
	return indicators.Review
}

// given is a copy of v when the cell was filled in, else nil.
func given(has bool, v indicators.Value) *indicators.Value {
	if !has {
		return nil
	}
	return &v
}

func amount(f Figure) decimal.NullDecimal {
	if !f.Valid {
		return decimal.NullDecimal{}
	}
	return decimal.NewNullDecimal(f.Value)
}

// Evaluate scores the form by the rules, once. A row whose figures do not
// hold up to the rule its writing calls for (units that do not compare, a
// pass target that is not a number…) is reviewed instead, its reason on
// its node (scoring.Node.Unscored), so that one such row does not stop
// the form: Findings reports it.
func Evaluate(f *Form, opts scoring.Options) (*scoring.Result, error) {
	fw, in, err := f.Derive()
	if err != nil {
		return nil, err
	}
	return scoring.Score(fw, in, opts)
}

// Score scores a form for `score` (SPEC §8): 分值 that do not add up are
// errors here, with the cells that did not read (often why); check
// reports them as findings instead. Every other finding of check is a
// warning of the result.
func Score(f *Form, opts scoring.Options) (*scoring.Result, error) {
	if problems := f.WeightProblems(); len(problems) > 0 {
		var errs diag.Errors
		for _, u := range f.Unreadables() {
			errs.Addf(u.Pos, "%s", u.Msg)
		}
		for _, p := range problems {
			errs.Addf(p.Pos, "%s", p.Msg)
		}
		return nil, errs.Err()
	}
	res, err := Evaluate(f, opts)
	if err != nil {
		return nil, err
	}
	res.Warnings = append(res.Warnings, Warnings(f, res)...)
	return res, nil
}

// Unreadables lists every cell of the form that did not read: those
// outside the rows, then each row's.
func (f *Form) Unreadables() []Problem {
	out := slices.Clone(f.Unread)
	for _, r := range f.Leaves() {
		if r.Unreadable != "" {
			out = append(out, Problem{Pos: r.UnreadablePos, Indicator: r.Name, Msg: r.Unreadable})
		}
	}
	return out
}

// A Problem is a mistake in the form: a 分值 that does not add up, or a
// cell that does not read.
type Problem struct {
	Pos       diag.Pos
	Indicator string
	Printed   Figure // the points printed, if any
	Computed  decimal.Decimal
	Msg       string
}

// WeightProblems lists where the 分值 do not add up: a 一级 or 二级 whose
// printed points are not the sum of its rows', the whole not 100, and a
// 总分 row whose 分值 is not the sum.
func (f *Form) WeightProblems() []Problem {
	var out []Problem
	var walk func(g *Group) decimal.Decimal
	walk = func(g *Group) decimal.Decimal {
		sum := decimal.Zero
		for _, r := range g.Rows {
			sum = sum.Add(r.Weight.Value)
		}
		for _, c := range g.Groups {
			sum = sum.Add(walk(c))
		}
		if g.Points.Valid && !g.Points.Value.Equal(sum) {
			out = append(out, Problem{Pos: g.Points.Pos, Indicator: g.Name, Printed: g.Points, Computed: sum,
				Msg: lang.Sprintf("%s is printed with %s分 but the 分值 of its rows add up to %s", g.Name, g.Points.Text, sum)})
		}
		return sum
	}
	sum := f.FundWeight.Value
	for _, g := range f.Groups {
		sum = sum.Add(walk(g))
	}
	at := f.TotalWeight.Pos
	if at.IsZero() {
		at = diag.Pos{File: f.File, Sheet: f.Sheet}
	}
	switch {
	case !sum.Equal(Full):
		out = append(out, Problem{Pos: at, Indicator: TotalName, Printed: f.TotalWeight, Computed: sum,
			Msg: lang.Sprintf("the 分值 add up to %s, not %s", sum, Full)})
	case f.TotalWeight.Valid && !f.TotalWeight.Value.Equal(sum):
		out = append(out, Problem{Pos: at, Indicator: TotalName, Printed: f.TotalWeight, Computed: sum,
			Msg: lang.Sprintf("the 总分 row gives 分值 %s, but the 分值 add up to %s", f.TotalWeight.Text, sum)})
	}
	return out
}
