package report

import (
	"github.com/perfeval/perfeval/internal/document"
	"github.com/perfeval/perfeval/internal/form"
	"github.com/perfeval/perfeval/internal/targets"
	"github.com/shopspring/decimal"
)

// TargetsRun is what `perfeval targets` found: each table's review, or
// the error that kept it from being read, in the order given.
type TargetsRun struct {
	Files   []string
	Reviews []*targets.Reviewed // nil where Errors has the file's error
	Errors  []error
}

// TargetCounts are a review's totals.
type TargetCounts struct {
	Tables, WithFindings, Errors, Warnings, Notes, Failed int
}

// TargetTotals totals a review run.
func TargetTotals(r *TargetsRun) TargetCounts {
	var c TargetCounts
	for i, rv := range r.Reviews {
		if rv == nil {
			if r.Errors[i] != nil {
				c.Failed++
			}
			continue
		}
		c.Tables++
		if len(rv.Findings) > 0 {
			c.WithFindings++
		}
		c.Errors += rv.Count(form.Error)
		c.Warnings += rv.Count(form.Warning)
		c.Notes += rv.Count(form.Note)
	}
	return c
}

// TargetsOutput is what `perfeval targets` produces: text with one block
// per table, an XLSX of every finding and each table's counts, and JSON
// (SPEC §9).
func TargetsOutput(r *TargetsRun, w *Wording) document.Output {
	return document.Output{
		Tables:   func() (document.Document, error) { return targetTables(r, w) },
		Workbook: func() (document.Document, error) { return targetWorkbook(r, w) },
		Report:   w.inReport(func(w *Wording) (document.Document, error) { return targetTables(r, w) }),
		JSON:     func() (any, error) { return EncodeTargets(r), nil },
	}
}

func targetTables(r *TargetsRun, w *Wording) (document.Document, error) {
	p := &phrases{w: w}
	d := document.Document{Title: p.label("title.targets"), Lines: []string{p.text("review.summary", TargetTotals(r))}, Reference: p.w.reference}
	for i, rv := range r.Reviews {
		if rv == nil {
			continue
		}
		t := document.Table{Name: r.Files[i], Title: p.text("review.table", targetFigures(rv)), Columns: p.cols("review")}
		for _, f := range rv.Findings {
			t.Rows = append(t.Rows, []document.Cell{document.Str(place(f, f.Pos.File != rv.Table.File)), document.Str(f.Indicator), document.Str(p.label("kind." + f.Kind)),
				document.Str(p.severity(f.Severity)), document.Str(f.Printed.Text), document.Str(f.Computed.Text), document.Str(f.Message)})
		}
		if len(rv.Findings) == 0 {
			t.Notes = append(t.Notes, p.label("review.none"))
		}
		d.AddTable(t)
	}
	return d, p.err
}

type targetFigure struct{ File, Project, Year string }

func targetFigures(rv *targets.Reviewed) targetFigure {
	return targetFigure{File: rv.Table.File, Project: rv.Table.Name, Year: rv.Table.Year}
}

func targetWorkbook(r *TargetsRun, w *Wording) (document.Document, error) {
	p := &phrases{w: w}
	d := document.Document{Title: p.label("title.targets"), Lines: []string{p.text("review.summary", TargetTotals(r))}, Reference: p.w.reference}
	findings := document.Table{Name: p.label("table.findings"), Title: p.label("table.findings"), Columns: p.cols("review_findings")}
	tables := document.Table{Name: p.label("table.target_tables"), Title: p.label("table.target_tables"), Columns: p.cols("target_tables")}
	for i, rv := range r.Reviews {
		if rv == nil {
			tables.Rows = append(tables.Rows, []document.Cell{document.Str(r.Files[i]), document.Str(""), document.Str(""), document.Str(""), document.Str(""), document.Str(""), document.Str(r.Errors[i].Error())})
			continue
		}
		t := rv.Table
		for _, f := range rv.Findings {
			findings.Rows = append(findings.Rows, []document.Cell{document.Str(t.File), document.Str(t.Name), document.Str(place(f, true)), document.Str(f.Indicator),
				document.Str(p.label("kind." + f.Kind)), document.Str(f.Kind), document.Str(p.severity(f.Severity)), figureCell(f.Printed), figureCell(f.Computed), document.Str(f.Message)})
		}
		tables.Rows = append(tables.Rows, []document.Cell{document.Str(t.File), document.Str(t.Name), document.Str(t.Year),
			document.Plain(decimal.NewFromInt(int64(rv.Count(form.Error)))), document.Plain(decimal.NewFromInt(int64(rv.Count(form.Warning)))),
			document.Plain(decimal.NewFromInt(int64(rv.Count(form.Note)))), document.Str("")})
	}
	d.AddTable(findings)
	d.AddTable(tables)
	return d, p.err
}

// TargetsJSON is the review's JSON (SPEC §9).
type TargetsJSON struct {
	Tables  []TargetTableJSON  `json:"tables"`
	Summary TargetsSummaryJSON `json:"summary"`
}

type TargetTableJSON struct {
	File     string              `json:"file"`
	Project  string              `json:"project"`
	Year     string              `json:"year"`
	Findings []TargetFindingJSON `json:"findings"`
	Error    string              `json:"error,omitempty"` // the file could not be read
}

type TargetFindingJSON struct {
	Place     string `json:"place"`
	Indicator string `json:"indicator"`
	Kind      string `json:"kind"`
	Severity  string `json:"severity"`
	Value     any    `json:"value"`
	Expected  any    `json:"expected"`
	Message   string `json:"message"`
}

type TargetsSummaryJSON struct {
	Tables       int `json:"tables"`
	WithFindings int `json:"with_findings"`
	Errors       int `json:"errors"`
	Warnings     int `json:"warnings"`
	Notes        int `json:"notes"`
	Failed       int `json:"failed"`
}

// EncodeTargets builds the review's JSON value.
func EncodeTargets(r *TargetsRun) TargetsJSON {
	out := TargetsJSON{Tables: []TargetTableJSON{}}
	for i, rv := range r.Reviews {
		if rv == nil {
			out.Tables = append(out.Tables, TargetTableJSON{File: r.Files[i], Findings: []TargetFindingJSON{}, Error: r.Errors[i].Error()})
			continue
		}
		t := TargetTableJSON{File: rv.Table.File, Project: rv.Table.Name, Year: rv.Table.Year, Findings: []TargetFindingJSON{}}
		for _, f := range rv.Findings {
			t.Findings = append(t.Findings, TargetFindingJSON{Place: place(f, true), Indicator: f.Indicator, Kind: f.Kind, Severity: f.Severity,
				Value: figureJSON(f.Printed), Expected: figureJSON(f.Computed), Message: f.Message})
		}
		out.Tables = append(out.Tables, t)
	}
	n := TargetTotals(r)
	out.Summary = TargetsSummaryJSON{Tables: n.Tables, WithFindings: n.WithFindings, Errors: n.Errors, Warnings: n.Warnings, Notes: n.Notes, Failed: n.Failed}
	return out
}
