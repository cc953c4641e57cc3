package report

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/document"
	"github.com/perfeval/perfeval/internal/form"
	"github.com/perfeval/perfeval/internal/resultjson"
	"github.com/perfeval/perfeval/scoring"
	"github.com/shopspring/decimal"
)

// ScoreOutput is what `perfeval score` produces for a result.
func ScoreOutput(r *scoring.Result, w *Wording, version string) document.Output {
	return document.Output{
		Tables: func() (document.Document, error) { return ScoreTables(r, w) },
		Report: func() (document.Document, error) { return ScoreReport(r, w.forReport(), version) },
		JSON:   func() (any, error) { return ResultJSON(r, w, version) },
		Form:   func(out io.Writer) error { return form.Write(out, r) },
	}
}

// ResultJSON is the JSON value of a result, its traces in w's words.
func ResultJSON(r *scoring.Result, w *Wording, version string) (resultjson.Result, error) {
	p := &phrases{w: w}
	j := resultjson.Encode(r, version, p.trace)
	return j, p.err
}

// ScoreTables lays a result out as the four tables of `perfeval score`:
// 一级指标得分, 指标明细, 绩效目标完成情况 and 资金执行.
func ScoreTables(r *scoring.Result, w *Wording) (document.Document, error) {
	p := &phrases{w: w}
	d := document.Document{Title: p.text(kindTitle(r.Project.Kind), r.Project.Name), Lines: p.projectLines(r), Overview: p.label("table.overview"), WarningLabel: p.label("warning"), Reference: p.w.reference}
	d.AddTable(p.summaryTable(r))
	d.AddTable(p.detailTable(r))
	d.AddTable(p.targetTable(r, false))
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

// baseWarnings are the warnings as the report prints them: its body names
// no path, so a place names the file alone (2024.xlsx!自评表!H17), as 附件3
// lists the inputs.
func baseWarnings(r *scoring.Result) []string {
	out := make([]string, 0, len(r.Warnings))
	for _, w := range r.Warnings {
		if w.Pos.File != "" {
			w.Pos.File = filepath.Base(w.Pos.File)
		}
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
			out = append(out, p.text("line.pair", struct{ Label, Value string }{p.label("line." + label), v}))
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

func (p *phrases) summaryTable(r *scoring.Result) document.Table {
	prec := r.Precision
	t := document.Table{Name: p.label("table.summary"), Title: p.label("table.summary"), Columns: p.cols("summary")}
	for _, n := range r.Indicators {
		t.Rows = append(t.Rows, []document.Cell{document.Str(n.Indicator.Name), document.Plain(n.Indicator.Weight), document.Num(n.Score, prec), document.Pct(n.Rate())})
	}
	rate := decimal.Zero
	if r.Weight.IsPositive() {
		rate = indicators.Quo(r.Total, r.Weight)
	}
	t.Rows = append(t.Rows,
		[]document.Cell{document.Str(p.label("row.total")), document.Plain(r.Weight), document.Num(r.Total, prec), document.Pct(rate)},
		[]document.Cell{document.Str(p.label("row.grade")), document.Str(""), document.Str(r.Grade), document.Str("")},
	)
	t.Notes = append(t.Notes, p.text("note.total", p.trace(r.TotalTrace)))
	return t
}

func (p *phrases) detailTable(r *scoring.Result) document.Table {
	prec := r.Precision
	t := document.Table{Name: p.label("table.detail"), Title: p.label("table.detail"), Columns: p.cols("detail")}
	r.Walk(func(n *scoring.Node) {
		in := n.Indicator
		ded := document.Str("")
		if d := n.Deducted(); d.IsPositive() {
			ded = document.Num(d, prec)
		}
		score, rate := document.Num(n.Score, prec), document.Pct(n.Rate())
		switch {
		case n.NotApplicable:
			score, rate = document.Str(p.label("cell.na")), document.Str(p.label("cell.none"))
		case in.IsPlaceholder():
			score, rate = document.Str(p.label("cell.none")), document.Str(p.label("cell.none"))
		}
		t.Rows = append(t.Rows, []document.Cell{document.Str(in.Code), document.Indented(in.Name, in.Level-1), document.Plain(in.Weight), ded, score, rate, document.Str(p.trace(n.Trace))})
	})
	t.Notes = append(t.Notes, p.label("note.detail"))
	return t
}

// analysisTable lists the evaluator's analysis (指标说明), a row a paragraph.
func (p *phrases) analysisTable(r *scoring.Result) document.Table {
	t := document.Table{Name: p.label("table.analysis"), Title: p.label("table.analysis"), Columns: p.cols("analysis")}
	r.Walk(func(n *scoring.Node) {
		for _, a := range n.Analysis {
			t.Rows = append(t.Rows, []document.Cell{document.Str(n.Indicator.Code), document.Str(n.Indicator.Name), document.Str(a)})
		}
	})
	return t
}

// narrativeTable lists 报告正文 as written, a row a paragraph.
func (p *phrases) narrativeTable(list []scoring.Paragraph) document.Table {
	t := document.Table{Name: p.label("table.narrative"), Title: p.label("table.narrative"), Columns: p.cols("narrative")}
	for _, par := range list {
		t.Rows = append(t.Rows, []document.Cell{document.Str(par.Section), document.Str(par.Text)})
	}
	return t
}

// targetTable lists the indicators with a target or an actual. capped
// shows a completion above 100% as 100%（超额完成）, as the report does;
// the tables show the ratio itself.
func (p *phrases) targetTable(r *scoring.Result, capped bool) document.Table {
	prec := r.Precision
	t := document.Table{Name: p.label("table.targets"), Title: p.label("table.targets"), Columns: p.cols("targets")}
	var claims, notes []document.Cell
	hasClaim, hasNote := false, false
	seq := 0
	r.Walk(func(n *scoring.Node) {
		if n.Target == nil && n.Actual == nil && !n.Claimed.Valid && n.Note == "" {
			return
		}
		seq++
		score := document.Num(n.Score, prec)
		switch {
		case n.NotApplicable:
			score = document.Str(p.label("cell.na"))
		case n.Indicator.IsPlaceholder():
			score = document.Str(p.label("cell.none"))
		}
		ratio := p.nullPct(n.Ratio)
		if capped && n.Ratio.Valid && n.Ratio.Decimal.GreaterThan(decimal.NewFromInt(1)) {
			ratio = document.Cell{Text: p.label("cell.exceeded"), Kind: document.Percent, Num: decimal.NewFromInt(1), Places: 2}
		}
		t.Rows = append(t.Rows, []document.Cell{document.Str(fmt.Sprint(seq)), document.Str(n.Indicator.Name), document.Str(written(n.Target)), document.Str(written(n.Actual)), ratio, score})
		claim := document.Str("")
		if n.Claimed.Valid {
			claim, hasClaim = document.Plain(n.Claimed.Decimal), true
		}
		claims, notes = append(claims, claim), append(notes, document.Str(n.Note))
		hasNote = hasNote || n.Note != ""
		// A form's breakdown rows (其中…), under their indicator, unscored.
		for _, part := range n.Parts {
			t.Rows = append(t.Rows, []document.Cell{document.Str(""), document.Str("  " + part.Name), document.Str(written(part.Target)), document.Str(written(part.Actual)), document.Str(""), document.Str("")})
			claims, notes = append(claims, document.Str("")), append(notes, document.Str(""))
		}
	})
	// The columns a workbook may leave out are shown when it has them.
	if hasClaim {
		t.InsertColumn(len(t.Columns), p.label("col.claimed"), claims)
	}
	if hasNote {
		t.InsertColumn(len(t.Columns), p.label("col.note"), notes)
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
func (p *phrases) nullPct(d decimal.NullDecimal) document.Cell {
	if !d.Valid {
		return document.Str(p.label("cell.none"))
	}
	return document.Pct(d.Decimal)
}

// fundingTable lists every 预算执行 line with its execution rate, and the total.
func (p *phrases) fundingTable(e *scoring.Execution) document.Table {
	t := document.Table{Name: p.label("table.funding"), Title: p.label("table.funding"), Columns: p.cols("funding")}
	for _, l := range e.Lines.All {
		t.Rows = append(t.Rows, []document.Cell{document.Str(l.Code), document.Indented(l.Name, l.Depth), document.Amount(l.Budget), document.Amount(l.Paid), document.Amount(l.Recovered), p.lineRate(l.Executed(true), l.Budget)})
	}
	t.Rows = append(t.Rows, []document.Cell{document.Str(p.label("row.sum")), document.Str(""), document.Amount(e.Budget), document.Amount(e.Paid), document.Amount(e.Recovered), document.Pct(e.Rate)})
	p.initialColumn(&t, e)
	t.Notes = append(t.Notes, p.text("note.funding", p.fundingFigures(e)))
	return t
}

// initialColumn puts 年初预算数 before 预算数 (the third column) when a
// line gives it.
func (p *phrases) initialColumn(t *document.Table, e *scoring.Execution) {
	var cells []document.Cell
	has := false
	for _, l := range e.Lines.All {
		c := document.Str(p.label("cell.none"))
		if l.InitialKnown {
			c, has = document.Amount(l.Initial), true
		}
		cells = append(cells, c)
	}
	if !has {
		return
	}
	total := document.Str(p.label("cell.none"))
	if e.Initial.Valid {
		total = document.Amount(e.Initial.Decimal)
	}
	t.InsertColumn(2, p.label("col.initial"), append(cells, total))
}

// fundingFigures are an execution's totals, formatted, for the wording.
type fundingFigures struct {
	Budget, Paid, Recovered, Executed, Rate, Progress string
	HasRecovered                                      bool
}

func (p *phrases) fundingFigures(e *scoring.Execution) fundingFigures {
	return fundingFigures{Budget: document.Amount(e.Budget).Text, Paid: document.Amount(e.Paid).Text, Recovered: document.Amount(e.Recovered).Text,
		Executed: document.Amount(e.Executed).Text, Rate: document.Pct(e.Rate).Text, Progress: document.Pct(e.Progress).Text, HasRecovered: e.Recovered.IsPositive()}
}

// lineRate is part ÷ budget, or a dash for a line with no budget.
func (p *phrases) lineRate(part, budget decimal.Decimal) document.Cell {
	if !budget.IsPositive() {
		return document.Str(p.label("cell.none"))
	}
	return document.Pct(indicators.Quo(part, budget))
}
