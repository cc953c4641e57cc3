package report

import (
	"github.com/perfeval/perfeval/internal/document"
	"github.com/perfeval/perfeval/internal/resultjson"
	"github.com/perfeval/perfeval/scoring"
	"github.com/shopspring/decimal"
)

// ExecutionOutput is what `perfeval execution` produces for a checked result.
func ExecutionOutput(r *scoring.Result, w *Wording) document.Output {
	return document.Output{
		Tables: func() (document.Document, error) { return ExecutionTables(r, w) },
		Report: w.inReport(func(w *Wording) (document.Document, error) { return ExecutionTables(r, w) }),
		JSON:   func() (any, error) { return ExecutionJSON(r, w) },
	}
}

// ExecutionJSON is the JSON value of an execution check, its traces in
// w's words.
func ExecutionJSON(r *scoring.Result, w *Wording) (resultjson.ExecutionCheck, error) {
	p := &phrases{w: w}
	j := resultjson.EncodeExecution(r, p.trace)
	return j, p.err
}

// ExecutionTables lays out `perfeval execution`: the totals and the time
// schedule, every fund line, overspent items, subtotals that do not add up,
// and the execution rule's deductions.
func ExecutionTables(r *scoring.Result, w *Wording) (document.Document, error) {
	p := &phrases{w: w}
	e := r.Execution
	f := p.fundingFigures(e)
	d := document.Document{Title: p.text("title.execution", r.Project.Name), Overview: p.label("table.overview"), WarningLabel: p.label("warning"), Reference: p.w.reference}
	d.Lines = []string{p.text("execution.totals", f), p.text("execution.rates", f), p.text("execution.schedule", p.schedule(e))}
	lines := document.Table{Name: p.label("table.funding"), Title: p.label("table.funding"), Columns: p.cols("execution")}
	for _, l := range e.Lines.All {
		lines.Rows = append(lines.Rows, []document.Cell{document.Str(l.Code), document.Indented(l.Name, l.Depth), document.Amount(l.Budget), document.Amount(l.Paid), document.Amount(l.Recovered), document.Amount(l.Executed(true)),
			p.lineRate(l.Executed(true), l.Budget), p.lineRate(l.Paid, l.Budget)})
	}
	lines.Rows = append(lines.Rows, []document.Cell{document.Str(p.label("row.sum")), document.Str(""), document.Amount(e.Budget), document.Amount(e.Paid), document.Amount(e.Recovered), document.Amount(e.Executed), document.Pct(e.Rate), document.Pct(e.Progress)})
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
		t := document.Table{Name: p.label("table.rules"), Title: p.label("table.rules"), Columns: p.cols("rules")}
		for _, n := range r.ExecutionRules {
			score := n.RuleScore()
			t.Rows = append(t.Rows, []document.Cell{document.Str(n.Indicator.Code), document.Str(n.Indicator.Name), document.Plain(n.Indicator.Weight), document.Pct(n.Execution.Rate),
				document.Num(score, r.Precision), document.Num(n.Indicator.Weight.Sub(score), r.Precision), document.Str(p.trace(n.Trace.Undeducted()))})
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
	s := scheduleFigures{Rate: document.Pct(e.Rate).Text, Progress: document.Pct(e.Progress).Text}
	if e.HasSchedule() {
		s.AsOf, s.Months = e.AsOf.Format("2006-01-02"), e.Months
		s.Schedule, s.Warning = document.Pct(e.Schedule).Text, e.Warning
		behind, ahead := gapCells(e)
		s.Gap, s.Ahead = behind.Text, ahead.Text
	}
	return s
}

// scheduleTable is the time schedule as figures: the as-of date, the
// months completed, 序时进度 against 支出进度, the gap when spending is
// behind or how far it is ahead, and the warning level.
func (p *phrases) scheduleTable(e *scoring.Execution) document.Table {
	t := document.Table{Name: p.label("table.schedule"), Title: p.label("table.schedule"), Columns: p.cols("schedule")}
	behind, ahead := gapCells(e)
	t.Rows = [][]document.Cell{{document.Str(e.AsOf.Format("2006-01-02")), document.Num(decimal.NewFromInt(int64(e.Months)), 0), document.Pct(e.Schedule), document.Pct(e.Progress), behind, ahead, document.Str(e.Warning)}}
	return t
}

// gapCells are how far spending is behind the time schedule (序时进度 −
// 支出进度) and how far ahead of it, one of them blank: never a negative gap.
func gapCells(e *scoring.Execution) (behind, ahead document.Cell) {
	if document.Pct(e.Gap).Num.IsNegative() {
		return document.Str(""), document.Pct(e.Gap.Neg())
	}
	return document.Pct(e.Gap), document.Str("")
}

// overspentTable lists the spending items whose actual exceeds the budget.
func (p *phrases) overspentTable(list []scoring.Overspend) document.Table {
	t := document.Table{Name: p.label("table.overspent"), Title: p.label("table.overspent"), Columns: p.cols("overspent")}
	for _, o := range list {
		t.Rows = append(t.Rows, []document.Cell{document.Str(o.Line.Code), document.Str(o.Line.Name), document.Amount(o.Line.Budget), document.Amount(o.Line.Paid), document.Amount(o.Over), document.Pct(o.Ratio), document.Pct(o.Excess)})
	}
	if len(list) == 0 {
		t.Notes = []string{p.label("note.no_overspent")}
	}
	return t
}

// mismatchTable lists the subtotals that do not add up.
func (p *phrases) mismatchTable(list []scoring.Mismatch) document.Table {
	t := document.Table{Name: p.label("table.mismatches"), Title: p.label("table.mismatches"), Columns: p.cols("mismatches")}
	for _, m := range list {
		t.Rows = append(t.Rows, []document.Cell{document.Str(m.Sheet), document.Str(m.Code), document.Str(m.Name), document.Str(m.Column), document.Amount(m.Stated), document.Amount(m.Sum), document.Amount(m.Stated.Sub(m.Sum)), document.Str(m.Pos.String())})
	}
	if len(list) == 0 {
		t.Notes = []string{p.label("note.no_mismatches")}
	}
	return t
}
