package scoring

import (
	"slices"
	"strconv"
	"time"

	"github.com/perfeval/perfeval/indicators"
	"github.com/shopspring/decimal"
)

// Warning levels of spending progress against the time schedule.
const (
	Red    = "红"
	Yellow = "黄"
	Green  = "绿"
)

// Thresholds set the warning levels: progress ÷ schedule below Red is 红,
// below Yellow is 黄, else 绿.
type Thresholds struct {
	Red    decimal.Decimal
	Yellow decimal.Decimal
}

// Level compares spending progress with the time schedule: 红 below Red,
// 黄 below Yellow, else 绿 (and 绿 while nothing is scheduled yet).
func (th Thresholds) Level(progress, schedule decimal.Decimal) string {
	if !schedule.IsPositive() {
		return Green
	}
	switch r := progress.Div(schedule); {
	case r.LessThan(th.Red):
		return Red
	case r.LessThan(th.Yellow):
		return Yellow
	}
	return Green
}

// DefaultThresholds are 0.6 and 0.8.
func DefaultThresholds() Thresholds {
	return Thresholds{Red: decimal.RequireFromString("0.6"), Yellow: decimal.RequireFromString("0.8")}
}

// An ExecutionCheck is the finance officer's view of a workbook: execution
// by fund line, the gap to the time schedule (序时进度), overspent items,
// subtotals that do not add up, and what the execution rule deducts.
type ExecutionCheck struct {
	Execution
	Project    Project
	AsOf       time.Time
	Months     int             // months completed at AsOf
	Schedule   decimal.Decimal // Months ÷ 12
	Gap        decimal.Decimal // Schedule − Progress
	Warning    string          // 红, 黄 or 绿
	Items      *LineTree       // nil without 支出明细
	Overspent  []Overspend
	Mismatches []Mismatch
	Rules      []RuleExecution
	Warnings   []indicators.Warning
}

// A RuleExecution is one leaf scored by the execution rule.
type RuleExecution struct {
	Indicator *indicators.Indicator
	Basis     ExecutionBasis
	Score     decimal.Decimal // rounded, before any 扣分 deductions
	Deducted  decimal.Decimal // weight − score: the points the rule takes off
	Trace     string
}

// Schedule returns the months of year completed at asOf (a month counts on
// its last day) and that as a fraction of the year.
func Schedule(year int, asOf time.Time) (int, decimal.Decimal) {
	var months int
	switch {
	case asOf.Year() < year:
		months = 0
	case asOf.Year() > year:
		months = 12
	default:
		months = int(asOf.Month()) - 1
		if asOf.AddDate(0, 0, 1).Month() != asOf.Month() {
			months++
		}
	}
	return months, decimal.NewFromInt(int64(months)).Div(decimal.NewFromInt(12))
}

// Schedule is the time schedule of the project's budget year (年度, or the
// year of asOf when 年度 is not a number) at asOf.
func (p Project) Schedule(asOf time.Time) (int, decimal.Decimal) {
	year := asOf.Year()
	if y, err := strconv.Atoi(p.Year); err == nil {
		year = y
	}
	return Schedule(year, asOf)
}

// CheckExecution checks the 预算执行 and 支出明细 sheets at asOf. With a
// framework (f may be nil) it also scores every leaf that uses the
// execution rule.
func CheckExecution(in *Input, f *indicators.Framework, asOf time.Time, th Thresholds) (*ExecutionCheck, error) {
	var errs indicators.Errors
	if !in.HasFunding {
		errs.Addf(indicators.Pos{File: in.File}, "the workbook has no 预算执行 (funding) sheet")
		return nil, errs.Err()
	}
	if asOf.IsZero() {
		errs.Add(&indicators.Error{Pos: indicators.Pos{File: in.File, Sheet: "项目信息"}, Msg: "no 评价基准日 (as-of date)", Hint: "fill it in, or give --as-of 2024-12-31"})
	}
	t, err := ResolveLines("预算执行", in.Funding, false)
	errs.Add(err)
	var items *LineTree
	if in.HasItems {
		items, err = ResolveLines("支出明细", in.Items, true)
		errs.Add(err)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	c := &ExecutionCheck{Execution: *NewExecution(t), Project: in.Project, AsOf: asOf, Items: items, Warnings: slices.Clone(in.Warnings)}
	if !c.Budget.IsPositive() {
		errs.Addf(in.FundingPos, "the 预算执行 lines have no budget")
		return nil, errs.Err()
	}
	c.Months, c.Schedule = in.Project.Schedule(asOf)
	c.Gap = c.Schedule.Sub(c.Progress)
	c.Warning = th.Level(c.Progress, c.Schedule)
	c.Mismatches = append(c.Mismatches, t.Mismatches...)
	if items != nil {
		c.Overspent = Overspending(items)
		c.Mismatches = append(c.Mismatches, items.Mismatches...)
	}
	for _, m := range c.Mismatches {
		c.Warnings = append(c.Warnings, m.Warning())
	}
	if f != nil {
		for _, leaf := range f.Leaves() {
			if leaf.Rule.Type != indicators.Execution {
				continue
			}
			n := &Node{Indicator: leaf}
			expr, err := executionRule(n, t)
			if err != nil {
				errs.Add(err)
				continue
			}
			trace, score := compose(expr, n.Raw, nil, f.Precision)
			c.Rules = append(c.Rules, RuleExecution{Indicator: leaf, Basis: *n.Execution, Score: score, Deducted: leaf.Weight.Sub(score), Trace: trace})
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return c, nil
}
