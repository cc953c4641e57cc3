package report

import (
	"strings"

	"github.com/perfeval/perfeval/internal/diff"
	"github.com/perfeval/perfeval/internal/document"
	"github.com/perfeval/perfeval/internal/resultjson"
	"github.com/shopspring/decimal"
)

// DiffOutput is what `perfeval diff` produces: the comparison's tables
// (every indicator that moved, or all of them), a short report, and JSON.
func DiffOutput(d *diff.Diff, all bool, w *Wording) document.Output {
	return document.Output{
		Tables: func() (document.Document, error) { return DiffTables(d, all, w) },
		Report: func() (document.Document, error) { return DiffReport(d, all, w.forReport()) },
		JSON:   func() (any, error) { return DiffJSON(d, w) },
	}
}

func signed(d decimal.Decimal, places int32) string {
	s := d.StringFixed(places)
	if d.IsPositive() {
		return "+" + s
	}
	if d.IsZero() {
		return d.StringFixed(places)
	}
	return "−" + d.Neg().StringFixed(places)
}

func signedCell(d decimal.Decimal, places int32) document.Cell {
	c := document.Num(d, places)
	c.Text = signed(d, places)
	return c
}

func (p *phrases) nullNum(d decimal.NullDecimal, places int32) document.Cell {
	if !d.Valid {
		return document.Str(p.label("cell.none"))
	}
	return document.Num(d.Decimal, places)
}

// DiffTables lays the comparison out: totals side by side, then every
// indicator that moved (all of them with all), grouped by top-level
// dimension, and the reconciliation of the leaves with the total.
func DiffTables(d *diff.Diff, all bool, w *Wording) (document.Document, error) {
	p := &phrases{w: w}
	doc := document.Document{Title: p.text("title.diff", map[string]string{"Old": d.Old.Result.Project.Name, "New": d.New.Result.Project.Name}), Overview: p.label("table.overview"), WarningLabel: p.label("warning"), Reference: p.w.reference}
	doc.AddTable(p.totalsTable(d))
	doc.AddTable(p.changesTable(d, all))
	return doc, p.err
}

// diffData is what the diff report's sentences are given.
type diffData struct {
	OldName, NewName, OldTotal, NewTotal, Delta, OldGrade, NewGrade string
}

// DiffReport is a short comparison report: the summary sentence, the
// totals side by side and every indicator that moved.
func DiffReport(d *diff.Diff, all bool, w *Wording) (document.Document, error) {
	p := &phrases{w: w}
	o, n, prec := d.Old.Result, d.New.Result, d.Precision
	data := diffData{OldName: o.Project.Name, NewName: n.Project.Name, OldTotal: o.Total.StringFixed(o.Precision), NewTotal: n.Total.StringFixed(n.Precision),
		Delta: signed(d.TotalDelta, prec), OldGrade: o.Grade, NewGrade: n.Grade}
	doc := document.Document{Title: p.text("diff.title", data), Footer: p.footer(), Reference: w.reference}
	doc.AddParagraph(document.Body, p.text("diff.summary", data))
	doc.AddGap()
	for _, t := range []document.Table{p.totalsTable(d), p.changesTable(d, all)} {
		doc.AddHeading(2, t.Title)
		doc.AddTable(untitled(t))
	}
	return doc, p.err
}

func (p *phrases) totalsTable(d *diff.Diff) document.Table {
	prec := d.Precision
	o, n := d.Old.Result, d.New.Result
	t := document.Table{Name: p.label("table.totals"), Title: p.label("table.totals"), Columns: p.cols("totals")}
	row := func(label, a, b string) []document.Cell {
		return []document.Cell{document.Str(p.label(label)), document.Str(a), document.Str(b), document.Str("")}
	}
	grade := p.label("grade.same")
	if o.Grade != n.Grade {
		grade = o.Grade + " → " + n.Grade
	}
	t.Rows = [][]document.Cell{
		row("row.name", o.Project.Name, n.Project.Name),
		row("line.year", o.Project.Year, n.Project.Year),
		row("line.kind", o.Project.Kind, n.Project.Kind),
		row("row.source", d.Old.Source, d.New.Source),
		{document.Str(p.label("row.total")), document.Num(o.Total, prec), document.Num(n.Total, prec), signedCell(d.TotalDelta, prec)},
		{document.Str(p.label("row.grade")), document.Str(o.Grade), document.Str(n.Grade), document.Str(grade)},
	}
	t.Notes = []string{p.reconciliation(d)}
	return t
}

func (p *phrases) changesTable(d *diff.Diff, all bool) document.Table {
	prec := d.Precision
	t := document.Table{Name: p.label("table.changes"), Title: p.label("table.changes"), Columns: p.cols("changes")}
	for _, g := range d.Groups() {
		first := true
		for _, in := range d.Indicators {
			if in.Group != g || (!all && in.Status == diff.Unchanged) {
				continue
			}
			if first {
				row := make([]document.Cell, len(t.Columns))
				for i := range row {
					row[i] = document.Str("")
				}
				row[1] = document.Str(p.text("row.group", g))
				t.Rows = append(t.Rows, row)
				first = false
			}
			oldW, newW := document.Str(p.label("cell.none")), document.Str(p.label("cell.none"))
			if in.Old != nil {
				oldW = document.Plain(in.Old.Weight)
			}
			if in.New != nil {
				newW = document.Plain(in.New.Weight)
			}
			t.Rows = append(t.Rows, []document.Cell{document.Str(in.Code), document.Indented(in.Name, in.Level-1), document.Str(p.label("status." + in.Status)),
				oldW, newW, p.nullNum(in.OldScore, prec), p.nullNum(in.NewScore, prec), signedCell(in.Delta, prec), document.Str(strings.Join(p.changeNotes(in), "；"))})
		}
	}
	if len(t.Rows) == 0 {
		t.Notes = []string{p.label("note.no_changes")}
	}
	return t
}

// change words one change: 分值 4 → 6, 目标值 ≥50场 → ≥60场.
func (p *phrases) change(c diff.Change) string {
	label := p.label("change." + c.Field)
	if c.Field == diff.Structure {
		return label
	}
	none := p.label("cell.none")
	if c.Field == diff.Deductions {
		none = p.label("change.none")
	}
	return label + " " + or(c.Old, none) + " → " + or(c.New, none)
}

func (p *phrases) changes(list []diff.Change) []string {
	out := make([]string, len(list))
	for i, c := range list {
		out[i] = p.change(c)
	}
	return out
}

// changeNotes are an indicator's framework changes, then its other changes.
func (p *phrases) changeNotes(in *diff.Indicator) []string {
	notes := p.changes(in.Changes)
	if len(in.Framework) > 0 {
		notes = append([]string{p.text("change.framework", strings.Join(p.changes(in.Framework), "，"))}, notes...)
	}
	return notes
}

func or(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// reconciliation says how the leaves' changes add up to the total's.
func (p *phrases) reconciliation(d *diff.Diff) string {
	prec := d.Precision
	data := map[string]string{"Leaves": signed(d.LeafSum, prec), "Total": signed(d.TotalDelta, prec), "Rescale": ""}
	if !d.Rescale.IsZero() {
		data["Rescale"] = signed(d.Rescale, prec)
	}
	return p.text("reconciliation", data)
}

// DiffJSON is the JSON value of a comparison, its changes and
// reconciliation in w's words.
func DiffJSON(d *diff.Diff, w *Wording) (resultjson.Diff, error) {
	p := &phrases{w: w}
	j := resultjson.EncodeDiff(d, p.reconciliation(d), p.change)
	return j, p.err
}
