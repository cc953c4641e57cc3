package form

import (
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/indicators/lang"
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
	sheet := indicators.Pos{File: f.File, Sheet: f.Sheet}
	in := &scoring.Input{
		File: f.File,
		Project: scoring.Project{Name: f.Name, Department: f.Department, Implementer: f.Implementer,
			Kind: scoring.SelfEvaluation, Year: f.Year, Unit: f.Unit, Goal: f.Planned, Achieved: f.Achieved},
		HasTargets: true, TargetsPos: sheet,
		Files:    f.Files,
		Warnings: slices.Clone(f.Warnings),
	}
	var top []*indicators.Indicator
	if f.hasFunds() {
		code := strconv.Itoa(len(top) + 1)
		at := f.FundWeight.Pos
		if at.IsZero() && len(f.Funds) > 0 {
			at = f.Funds[0].Pos
		}
		top = append(top, &indicators.Indicator{Code: code, Name: FundName, Weight: f.FundWeight.Value,
			Rule: indicators.NewRule(indicators.Execution, at), Pos: at, WeightPos: f.FundWeight.Pos})
		in.Targets = append(in.Targets, scoring.Measure{Code: code, Name: FundName, Note: f.FundNote,
			Claimed: amount(f.FundScore), Pos: at, NamePos: at, ClaimedPos: f.FundScore.Pos})
		in.HasFunding, in.FundingPos = true, sheet
		in.Funding = f.lines(code)
	}
	for _, g := range f.Groups {
		top = append(top, f.group(g, strconv.Itoa(len(top)+1), in))
	}
	fw, err := indicators.Assemble(f.File, FrameworkName, 2, top)
	return fw, in, err
}

func (f *Form) hasFunds() bool {
	return f.FundWeight.Valid || len(f.Funds) > 0 && (f.Funds[0].Budget.Valid || f.Funds[0].Paid.Valid)
}

// lines are the fund block as 预算执行 lines: 年度资金总额 is line 1 and
// each 其中 row with both a 全年预算数 and a 全年执行数 a line under it.
func (f *Form) lines(code string) []scoring.Line {
	var out []scoring.Line
	for i, fd := range f.Funds {
		l := scoring.Line{Code: code, Name: fd.Name, Budget: amount(fd.Budget), Paid: amount(fd.Paid), Initial: amount(fd.Initial),
			Pos: fd.Pos, BudgetPos: fd.Budget.Pos, PaidPos: fd.Paid.Pos, InitialPos: fd.Initial.Pos}
		if i > 0 {
			if !fd.Budget.Valid || !fd.Paid.Valid {
				continue
			}
			l.Code = fmt.Sprintf("%s.%d", code, len(out))
		}
		out = append(out, l)
	}
	return out
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
	in.Targets = append(in.Targets, scoring.Measure{
		Code: code, Name: r.Name, Target: r.Target, Actual: r.Actual, HasTarget: r.HasTarget, HasActual: r.HasActual,
		Note: r.Reason, Claimed: amount(r.Score),
		Pos: r.Pos, NamePos: r.Pos, TargetPos: r.TargetPos, ActualPos: r.ActualPos, ClaimedPos: r.Score.Pos,
	})
	return &indicators.Indicator{Code: code, Name: r.Name, Weight: r.Weight.Value, Rule: indicators.NewRule(r.rule(), r.Pos),
		Pos: r.Pos, WeightPos: r.Weight.Pos}
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

func amount(f Figure) decimal.NullDecimal {
	if !f.Valid {
		return decimal.NullDecimal{}
	}
	return decimal.NewNullDecimal(f.Value)
}

// Evaluate scores the form by the rules. A row whose target or actual the
// rules cannot read (units that do not compare, a pass target that is not
// a number…) is scored by review instead, with a warning, so that one such
// row does not stop the form; the other mistakes are errors.
func Evaluate(f *Form, opts scoring.Options) (*scoring.Result, error) {
	rows := map[int]*Row{}
	for _, r := range f.Leaves() {
		rows[r.Pos.Row] = r
	}
	for {
		fw, in, err := f.Derive()
		if err != nil {
			return nil, err
		}
		res, err := scoring.Score(fw, in, opts)
		if err == nil {
			for _, r := range f.Leaves() {
				if r.Unreadable != "" {
					res.Warnings = append(res.Warnings, indicators.Warning{Pos: r.UnreadablePos,
						Msg: lang.Sprintf("indicator %s %s: %s; scored by review (its full 分值)", r.code, r.Name, r.Unreadable)})
				}
			}
			return res, nil
		}
		var list indicators.Errors
		if !errors.As(err, &list) {
			return nil, err
		}
		moved := false
		for _, e := range list {
			r, ok := rows[e.Pos.Row]
			if !ok || e.Pos.Sheet != f.Sheet || r.Unreadable != "" || e.Pos.Row == 0 {
				continue
			}
			r.Unreadable, r.UnreadablePos, moved = e.Msg, e.Pos, true
		}
		if !moved {
			return nil, err
		}
	}
}

// A Problem is a mistake in the form's 分值.
type Problem struct {
	Pos       indicators.Pos
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
		at = indicators.Pos{File: f.File, Sheet: f.Sheet}
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
