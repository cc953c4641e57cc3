package report

import (
	"github.com/perfeval/perfeval/scoring"
	"github.com/shopspring/decimal"
)

// ExecutionOutput is what `perfeval execution` produces for a checked result.
func ExecutionOutput(r *scoring.Result, w *Wording) Output {
	return Output{
		Tables: func() (Document, error) { return ExecutionTables(r, w) },
		JSON:   func() (any, error) { return EncodeExecution(r, w) },
	}
}

// ExecutionTables lays out `perfeval execution`: the totals and the time
// schedule, every fund line, overspent items, subtotals that do not add up,
// and the execution rule's deductions.
func ExecutionTables(r *scoring.Result, w *Wording) (Document, error) {
	p := &phrases{w: w}
	e := r.Execution
	f := p.fundingFigures(e)
	d := Document{Title: p.text("title.execution", r.Project.Name), Overview: p.label("table.overview"), WarningLabel: p.label("warning"), Reference: p.w.reference}
	d.Lines = []string{p.text("execution.totals", f), p.text("execution.rates", f), p.text("execution.schedule", p.schedule(e))}
	lines := Table{Name: p.label("table.funding"), Title: p.label("table.funding"), Columns: p.cols("execution")}
	for _, l := range e.Lines.All {
		lines.Rows = append(lines.Rows, []Cell{Str(l.Code), Indented(l.Name, l.Depth), Amount(l.Budget), Amount(l.Paid), Amount(l.Recovered), Amount(l.Executed(true)),
			p.lineRate(l.Executed(true), l.Budget), p.lineRate(l.Paid, l.Budget)})
	}
	lines.Rows = append(lines.Rows, []Cell{Str(p.label("row.sum")), Str(""), Amount(e.Budget), Amount(e.Paid), Amount(e.Recovered), Amount(e.Executed), Pct(e.Rate), Pct(e.Progress)})
	p.initialColumn(&lines, e)
	d.AddTable(lines)
	if e.HasSchedule() {
		d.AddTable(p.scheduleTable(e))
	}

	over := p.overspentTable(r.Overspent)
	if r.Items == nil {
		over.Notes = []string{p.label("note.no_items")}
	}
	d.AddTable(over)
	d.AddTable(p.mismatchTable(r.Mismatches))
	if len(r.ExecutionRules) > 0 {
		t := Table{Name: p.label("table.rules"), Title: p.label("table.rules"), Columns: p.cols("rules")}
		for _, n := range r.ExecutionRules {
			score := n.RuleScore()
			t.Rows = append(t.Rows, []Cell{Str(n.Indicator.Code), Str(n.Indicator.Name), Plain(n.Indicator.Weight), Pct(n.Execution.Rate),
				Num(score, r.Precision), Num(n.Indicator.Weight.Sub(score), r.Precision), Str(p.trace(n.Trace.Undeducted()))})
		}
		d.AddTable(t)
	}
	d.Warnings = warnings(r)
	return d, p.err
}

// scheduleFigures are the time schedule's figures, formatted. Spending
// behind the schedule has a Gap (序时进度 − 支出进度); spending ahead of it
// has Ahead (支出进度 − 序时进度) instead, never a negative gap.
type scheduleFigures struct {
	AsOf, Rate, Progress, Schedule, Gap, Ahead, Warning string
	Months                                              int
}

func (p *phrases) schedule(e *scoring.Execution) scheduleFigures {
	s := scheduleFigures{Rate: Pct(e.Rate).Text, Progress: Pct(e.Progress).Text}
	if e.HasSchedule() {
		s.AsOf, s.Months = e.AsOf.Format("2006-01-02"), e.Months
		s.Schedule, s.Warning = Pct(e.Schedule).Text, e.Warning
		behind, ahead := gapCells(e)
		s.Gap, s.Ahead = behind.Text, ahead.Text
	}
	return s
}

// scheduleTable is the time schedule as figures: the as-of date, the
// months completed, 序时进度 against 支出进度, the gap when spending is
// behind or how far it is ahead, and the warning level.
func (p *phrases) scheduleTable(e *scoring.Execution) Table {
	t := Table{Name: p.label("table.schedule"), Title: p.label("table.schedule"), Columns: p.cols("schedule")}
	behind, ahead := gapCells(e)
	t.Rows = [][]Cell{{Str(e.AsOf.Format("2006-01-02")), Num(decimal.NewFromInt(int64(e.Months)), 0), Pct(e.Schedule), Pct(e.Progress), behind, ahead, Str(e.Warning)}}
	return t
}

// gapCells are how far spending is behind the time schedule (序时进度 −
// 支出进度) and how far ahead of it, one of them blank: never a negative gap.
func gapCells(e *scoring.Execution) (behind, ahead Cell) {
	if Pct(e.Gap).Num.IsNegative() {
		return Str(""), Pct(e.Gap.Neg())
	}
	return Pct(e.Gap), Str("")
}

// overspentTable lists the spending items whose actual exceeds the budget.
func (p *phrases) overspentTable(list []scoring.Overspend) Table {
	t := Table{Name: p.label("table.overspent"), Title: p.label("table.overspent"), Columns: p.cols("overspent")}
	for _, o := range list {
		t.Rows = append(t.Rows, []Cell{Str(o.Line.Code), Str(o.Line.Name), Amount(o.Line.Budget), Amount(o.Line.Paid), Amount(o.Over), Pct(o.Ratio), Pct(o.Excess)})
	}
	if len(list) == 0 {
		t.Notes = []string{p.label("note.no_overspent")}
	}
	return t
}

// mismatchTable lists the subtotals that do not add up.
func (p *phrases) mismatchTable(list []scoring.Mismatch) Table {
	t := Table{Name: p.label("table.mismatches"), Title: p.label("table.mismatches"), Columns: p.cols("mismatches")}
	for _, m := range list {
		t.Rows = append(t.Rows, []Cell{Str(m.Sheet), Str(m.Code), Str(m.Name), Str(m.Column), Amount(m.Stated), Amount(m.Sum), Amount(m.Stated.Sub(m.Sum)), Str(m.Pos.String())})
	}
	if len(list) == 0 {
		t.Notes = []string{p.label("note.no_mismatches")}
	}
	return t
}
