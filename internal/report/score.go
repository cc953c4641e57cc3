package report

import (
	"fmt"
	"github.com/perfeval/perfeval/internal/form"
	"io"
	"strings"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/scoring"
	"github.com/shopspring/decimal"
)

// ScoreOutput is what `perfeval score` produces for a result.
func ScoreOutput(r *scoring.Result, w *Wording, version string) Output {
	return Output{
		Tables: func() (Document, error) { return ScoreTables(r, w) },
		Report: func() (Document, error) { return ScoreReport(r, w, version) },
		JSON:   func() (any, error) { return EncodeResult(r, w, version) },
		Form:   func(out io.Writer) error { return form.Write(out, r) },
	}
}

// ScoreTables lays a result out as the four tables of `perfeval score`:
// 一级指标得分, 指标明细, 绩效目标完成情况 and 资金执行.
func ScoreTables(r *scoring.Result, w *Wording) (Document, error) {
	p := &phrases{w: w}
	d := Document{Title: p.text(kindTitle(r.Project.Kind), r.Project.Name), Lines: p.projectLines(r), Overview: p.label("table.overview"), WarningLabel: p.label("warning"), Reference: p.w.reference}
	d.AddTable(p.summaryTable(r))
	d.AddTable(p.detailTable(r))
	d.AddTable(p.targetTable(r))
	if r.Execution != nil {
		d.AddTable(p.fundingTable(r.Execution))
	}
	if r.Items != nil {
		items := p.itemsTable(r.Items)
		items.Name, items.Title = p.label("table.items"), p.label("table.items")
		d.AddTable(items)
	}
	// The evaluator's prose, where written.
	if t := p.analysisTable(r); len(t.Rows) > 0 {
		d.AddTable(t)
	}
	if len(r.Narrative) > 0 {
		d.AddTable(p.narrativeTable(r.Narrative))
	}
	d.Warnings = warnings(r)
	return d, p.err
}

func warnings(r *scoring.Result) []string {
	out := make([]string, 0, len(r.Warnings))
	for _, w := range r.Warnings {
		out = append(out, w.String())
	}
	return out
}

func kindTitle(kind string) string {
	if kind == scoring.SelfEvaluation {
		return "title.self-evaluation"
	}
	return "title.evaluation"
}

func (p *phrases) projectLines(r *scoring.Result) []string {
	var out []string
	pr := r.Project
	add := func(label, v string) {
		if v != "" {
			out = append(out, p.label("line."+label)+"："+v)
		}
	}
	add("code", pr.Code)
	add("department", pr.Department)
	add("implementer", pr.Implementer)
	add("kind", pr.Kind)
	add("evaluator", pr.Evaluator)
	add("year", pr.Year)
	if !pr.AsOf.IsZero() {
		add("as_of", pr.AsOf.Format("2006-01-02"))
	}
	if !pr.ReportDate.IsZero() {
		add("report_date", pr.ReportDate.Format("2006-01-02"))
	}
	add("unit", pr.Unit)
	if r.Framework != nil {
		add("framework", r.Framework.Name)
	}
	add("goal", pr.Goal)
	add("achieved", pr.Achieved)
	out = append(out, p.text("line.total", map[string]string{"Total": r.Total.StringFixed(r.Precision), "Grade": r.Grade}))
	return out
}

func (p *phrases) summaryTable(r *scoring.Result) Table {
	prec := r.Precision
	t := Table{Name: p.label("table.summary"), Title: p.label("table.summary"), Columns: p.cols("summary")}
	for _, n := range r.Indicators {
		t.Rows = append(t.Rows, []Cell{Str(n.Indicator.Name), Plain(n.Indicator.Weight), Num(n.Score, prec), Pct(n.Rate())})
	}
	rate := decimal.Zero
	if r.Weight.IsPositive() {
		rate = indicators.Quo(r.Total, r.Weight)
	}
	t.Rows = append(t.Rows,
		[]Cell{Str(p.label("row.total")), Plain(r.Weight), Num(r.Total, prec), Pct(rate)},
		[]Cell{Str(p.label("row.grade")), Str(""), Str(r.Grade), Str("")},
	)
	t.Notes = append(t.Notes, p.text("note.total", p.trace(r.TotalTrace)))
	return t
}

func (p *phrases) detailTable(r *scoring.Result) Table {
	prec := r.Precision
	t := Table{Name: p.label("table.detail"), Title: p.label("table.detail"), Columns: p.cols("detail")}
	r.Walk(func(n *scoring.Node) {
		in := n.Indicator
		ded := Str("")
		if d := n.Deducted(); d.IsPositive() {
			ded = Num(d, prec)
		}
		score, rate := Num(n.Score, prec), Pct(n.Rate())
		switch {
		case n.NotApplicable:
			score, rate = Str(p.label("cell.na")), Str(p.label("cell.none"))
		case in.IsPlaceholder():
			score, rate = Str(p.label("cell.none")), Str(p.label("cell.none"))
		}
		t.Rows = append(t.Rows, []Cell{Str(in.Code), Indented(in.Name, in.Level-1), Plain(in.Weight), ded, score, rate, Str(p.trace(n.Trace))})
	})
	t.Notes = append(t.Notes, p.label("note.detail"))
	return t
}

// analysisTable lists the evaluator's analysis (指标说明), a row a paragraph.
func (p *phrases) analysisTable(r *scoring.Result) Table {
	t := Table{Name: p.label("table.analysis"), Title: p.label("table.analysis"), Columns: p.cols("analysis")}
	r.Walk(func(n *scoring.Node) {
		for _, a := range n.Analysis {
			t.Rows = append(t.Rows, []Cell{Str(n.Indicator.Code), Str(n.Indicator.Name), Str(a)})
		}
	})
	return t
}

// narrativeTable lists 报告正文 as written, a row a paragraph.
func (p *phrases) narrativeTable(list []scoring.Paragraph) Table {
	t := Table{Name: p.label("table.narrative"), Title: p.label("table.narrative"), Columns: p.cols("narrative")}
	for _, par := range list {
		t.Rows = append(t.Rows, []Cell{Str(par.Section), Str(par.Text)})
	}
	return t
}

func (p *phrases) targetTable(r *scoring.Result) Table {
	prec := r.Precision
	t := Table{Name: p.label("table.targets"), Title: p.label("table.targets"), Columns: p.cols("targets")}
	var claims, notes []Cell
	hasClaim, hasNote := false, false
	seq := 0
	r.Walk(func(n *scoring.Node) {
		if n.Target == nil && n.Actual == nil && !n.Claimed.Valid && n.Note == "" {
			return
		}
		seq++
		score := Num(n.Score, prec)
		switch {
		case n.NotApplicable:
			score = Str(p.label("cell.na"))
		case n.Indicator.IsPlaceholder():
			score = Str(p.label("cell.none"))
		}
		t.Rows = append(t.Rows, []Cell{Str(fmt.Sprint(seq)), Str(n.Indicator.Name), Str(written(n.Target)), Str(written(n.Actual)), p.nullPct(n.Ratio), score})
		claim := Str("")
		if n.Claimed.Valid {
			claim, hasClaim = Plain(n.Claimed.Decimal), true
		}
		claims, notes = append(claims, claim), append(notes, Str(n.Note))
		hasNote = hasNote || n.Note != ""
		// A form's breakdown rows (其中…), under their indicator, unscored.
		for _, part := range n.Parts {
			t.Rows = append(t.Rows, []Cell{Str(""), Str("  " + part.Name), Str(written(part.Target)), Str(written(part.Actual)), Str(""), Str("")})
			claims, notes = append(claims, Str("")), append(notes, Str(""))
		}
	})
	// The columns a workbook may leave out are shown when it has them.
	if hasClaim {
		t.insertColumn(len(t.Columns), p.label("col.claimed"), claims)
	}
	if hasNote {
		t.insertColumn(len(t.Columns), p.label("col.note"), notes)
	}
	return t
}

func written(v *indicators.Value) string {
	if v == nil {
		return ""
	}
	return v.Written
}

// nullPct is Pct, or a dash where there is no rate.
func (p *phrases) nullPct(d decimal.NullDecimal) Cell {
	if !d.Valid {
		return Str(p.label("cell.none"))
	}
	return Pct(d.Decimal)
}

// fundingTable lists every 预算执行 line with its execution rate, and the total.
func (p *phrases) fundingTable(e *scoring.Execution) Table {
	t := Table{Name: p.label("table.funding"), Title: p.label("table.funding"), Columns: p.cols("funding")}
	for _, l := range e.Lines.All {
		t.Rows = append(t.Rows, []Cell{Str(l.Code), Indented(l.Name, l.Depth), Amount(l.Budget), Amount(l.Paid), Amount(l.Recovered), p.lineRate(l.Executed(true), l.Budget)})
	}
	t.Rows = append(t.Rows, []Cell{Str(p.label("row.sum")), Str(""), Amount(e.Budget), Amount(e.Paid), Amount(e.Recovered), Pct(e.Rate)})
	p.initialColumn(&t, e)
	t.Notes = append(t.Notes, p.text("note.funding", p.fundingFigures(e)))
	return t
}

// initialColumn puts 年初预算数 before 预算数 (the third column) when a
// line gives it.
func (p *phrases) initialColumn(t *Table, e *scoring.Execution) {
	var cells []Cell
	has := false
	for _, l := range e.Lines.All {
		c := Str(p.label("cell.none"))
		if l.InitialKnown {
			c, has = Amount(l.Initial), true
		}
		cells = append(cells, c)
	}
	if !has {
		return
	}
	total := Str(p.label("cell.none"))
	if e.Initial.Valid {
		total = Amount(e.Initial.Decimal)
	}
	t.insertColumn(2, p.label("col.initial"), append(cells, total))
}

// fundingFigures are an execution's totals, formatted, for the wording.
type fundingFigures struct {
	Budget, Paid, Recovered, Executed, Rate, Progress string
	HasRecovered                                      bool
}

func (p *phrases) fundingFigures(e *scoring.Execution) fundingFigures {
	return fundingFigures{Budget: Amount(e.Budget).Text, Paid: Amount(e.Paid).Text, Recovered: Amount(e.Recovered).Text,
		Executed: Amount(e.Executed).Text, Rate: Pct(e.Rate).Text, Progress: Pct(e.Progress).Text, HasRecovered: e.Recovered.IsPositive()}
}

// lineRate is part ÷ budget, or a dash for a line with no budget.
func (p *phrases) lineRate(part, budget decimal.Decimal) Cell {
	if !budget.IsPositive() {
		return Str(p.label("cell.none"))
	}
	return Pct(indicators.Quo(part, budget))
}

// Indent is how a level of the tree is shown in text.
func Indent(level int) string { return strings.Repeat("  ", level) }
