package scoring

import (
	"slices"
	"strconv"
	"time"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/lang"
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
	switch r := indicators.Quo(progress, schedule); {
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
	return months, indicators.Quo(decimal.NewFromInt(int64(months)), decimal.NewFromInt(12))
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

// CheckExecution is the finance officer's view of a workbook: the
// 预算执行 and 支出明细 sheets at the as-of date (the option, else the
// project's 评价基准日), which must be known. With a framework (f may be
// nil) every leaf that uses the execution rule is scored on its own, before
// any 扣分, into ExecutionRules; the result has no indicator tree.
func CheckExecution(in *Input, f *indicators.Framework, opts Options) (*Result, error) {
	var errs diag.Errors
	if !in.HasFunding {
		errs.Addf(diag.Pos{File: in.File}, "the workbook has no 预算执行 (funding) sheet")
		return nil, errs.Err()
	}
	if opts.AsOf.IsZero() && in.Project.AsOf.IsZero() {
		errs.Add(&diag.Error{Pos: diag.Pos{File: in.File, Sheet: "项目信息"}, Msg: lang.T("no 评价基准日 (as-of date)"), Hint: lang.T("fill it in, or give --as-of 2024-12-31")})
	}
	res := &Result{Framework: f, Project: in.Project, Precision: 2, Inputs: in.Files, Warnings: slices.Clone(in.Warnings)}
	if f != nil {
		res.Precision = f.DisplayPrecision()
	}
	money(in, res, opts, &errs)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if !res.Execution.Budget.IsPositive() {
		errs.Addf(in.FundingPos, "the 预算执行 lines have no budget")
		return nil, errs.Err()
	}
	if f != nil {
		for _, leaf := range f.Leaves() {
			if leaf.Rule.Type != indicators.Execution {
				continue
			}
			n := &Node{Indicator: leaf}
			c, err := executionRule(n, res.Execution.Lines)
			if err != nil {
				errs.Add(err)
				continue
			}
			n.Trace = finish(c, nil, leaf.Precision, leaf.Rounding)
			n.Score = n.Trace.Score
			res.ExecutionRules = append(res.ExecutionRules, n)
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return res, nil
}
