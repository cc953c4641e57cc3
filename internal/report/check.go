package report

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/perfeval/perfeval/internal/document"
	"github.com/perfeval/perfeval/internal/form"
	"github.com/shopspring/decimal"
)

// A CheckRun is what `perfeval check` found: each file's check, or the
// error that kept it from being checked, in the order given.
type CheckRun struct {
	Files  []string
	Checks []*form.Checked // nil where Errors has the file's error
	Errors []error
	// Screened runs (check --screen) rate every form's risk by Weights
	// and end with the forms ranked for 抽查.
	Screened bool
	Weights  form.RiskWeights
}

// Counts are a run's totals.
type Counts struct {
	Forms, WithFindings, Errors, Warnings, Notes, Failed int
}

// Counts totals a run.
func (r *CheckRun) Counts() Counts {
	var c Counts
	for i, ch := range r.Checks {
		c.add(ch, r.Errors[i])
	}
	return c
}

// add counts one file: its check, or the error that stopped it.
func (c *Counts) add(ch *form.Checked, err error) {
	if ch == nil {
		if err != nil {
			c.Failed++
		}
		return
	}
	c.Forms++
	if len(ch.Findings) > ch.Count(form.Info) {
		c.WithFindings++ // an info is a reading, not a finding against the form
	}
	c.Errors += ch.Count(form.Error)
	c.Warnings += ch.Count(form.Warning)
	c.Notes += ch.Count(form.Note)
}

// CheckOutput is what `perfeval check` produces: text with one block per
// form, an XLSX of every finding and every form's totals, and JSON.
func CheckOutput(r *CheckRun, w *Wording, verbose bool) document.Output {
	return document.Output{
		Tables:   func() (document.Document, error) { return CheckTables(r, w, verbose) },
		Workbook: func() (document.Document, error) { return CheckWorkbook(r, w) },
		Report:   w.inReport(func(w *Wording) (document.Document, error) { return CheckTables(r, w, verbose) }),
		JSON:     func() (any, error) { return EncodeCheck(r), nil },
	}
}

func (p *phrases) checkLine(r *CheckRun) string {
	return p.text("check.summary", r.Counts())
}

func (p *phrases) severity(s string) string { return p.label("severity." + s) }

// kind is a kind of finding in words (得分高于规则); JSON keeps the code.
func (p *phrases) kind(k string) string { return p.label("kind." + k) }

// CheckTables lays out a check for the terminal: the totals, then per
// form its totals and findings (with the reader's choices when verbose).
func CheckTables(r *CheckRun, w *Wording, verbose bool) (document.Document, error) {
	p := &phrases{w: w}
	d := document.Document{Title: p.label("title.check"), Lines: []string{p.checkLine(r)}, Reference: p.w.reference}
	for i, ch := range r.Checks {
		if ch == nil {
			continue
		}
		t := document.Table{Name: r.Files[i], Title: p.text("check.form", checkFigures(ch)), Columns: p.cols("check")}
		for _, f := range ch.Findings {
			t.Rows = append(t.Rows, []document.Cell{document.Str(place(f, false)), document.Str(f.Indicator), document.Str(p.kind(f.Kind)), document.Str(p.severity(f.Severity)),
				document.Str(f.Printed.Text), document.Str(f.Computed.Text), document.Str(f.Message)})
		}
		if len(ch.Findings) == 0 {
			t.Notes = append(t.Notes, p.label("check.none"))
		}
		if verbose {
			for _, s := range ch.Readings {
				t.Notes = append(t.Notes, p.label("check.reading")+s)
			}
		}
		d.AddTable(t)
	}
	if r.Screened {
		d.AddTable(p.ranking(r))
	}
	return d, p.err
}

// ranking is the table of a screened run's forms in the order to visit
// them, each with the kinds of finding that weigh most.
func (p *phrases) ranking(r *CheckRun) document.Table {
	ranked := form.Rank(r.Checks)
	t := document.Table{Name: p.label("table.ranking"), Title: p.text("ranking.title", len(ranked)), Columns: p.cols("ranking"), Key: 1}
	for i, ch := range ranked {
		t.Rows = append(t.Rows, []document.Cell{document.Plain(decimal.NewFromInt(int64(i + 1))), document.Str(ch.File), document.Str(ch.Project),
			document.Plain(ch.Risk.Decimal), count(ch.Count(form.Error)), count(ch.Count(form.Warning)), count(ch.Count(form.Note)),
			document.Str(p.reasons(ch, r.Weights))})
	}
	return t
}

func count(n int) document.Cell { return document.Plain(decimal.NewFromInt(int64(n))) }

// topReasons is how many kinds of finding a ranked form is shown with.
const topReasons = 3

// reasons names the kinds of finding that add most to a form's risk, in
// words, with how many of each: 得分高于规则×2、文字雷同×1.
func (p *phrases) reasons(ch *form.Checked, w form.RiskWeights) string {
	type reason struct {
		kind   string
		count  int
		weight decimal.Decimal
	}
	var list []*reason
	byKind := map[string]*reason{}
	for _, f := range ch.Findings {
		r := byKind[f.Kind]
		if r == nil {
			r = &reason{kind: f.Kind}
			byKind[f.Kind] = r
			list = append(list, r)
		}
		r.count++
		r.weight = r.weight.Add(w.Of(f))
	}
	slices.SortStableFunc(list, func(a, b *reason) int { return b.weight.Cmp(a.weight) })
	var out []string
	for _, r := range list {
		if len(out) == topReasons || !r.weight.IsPositive() {
			break
		}
		out = append(out, p.text("ranking.reason", struct {
			Kind  string
			Count int
		}{p.kind(r.kind), r.count}))
	}
	return strings.Join(out, "、")
}

type checkFigure struct {
	File, Project, Printed, Computed string
}

func checkFigures(ch *form.Checked) checkFigure {
	f := checkFigure{File: ch.File, Project: ch.Project, Printed: "—", Computed: "—"}
	if ch.PrintedTotal.Valid {
		f.Printed = ch.PrintedTotal.Decimal.String()
	}
	if ch.ComputedTotal.Valid {
		f.Computed = ch.ComputedTotal.Decimal.StringFixed(max(2, -ch.ComputedTotal.Decimal.Exponent()))
	}
	return f
}

// place is a finding's cell: file!Sheet!G12, or Sheet!G12 under its file.
func place(f form.Finding, withFile bool) string {
	if withFile {
		return f.Pos.String()
	}
	s := f.Pos
	s.File = ""
	return strings.TrimPrefix(s.String(), "!")
}

// CheckWorkbook lays out a check as a workbook: one sheet of every
// finding over all forms, one of each form's totals.
func CheckWorkbook(r *CheckRun, w *Wording) (document.Document, error) {
	p := &phrases{w: w}
	d := document.Document{Title: p.label("title.check"), Lines: []string{p.checkLine(r)}, Reference: p.w.reference}
	findings := document.Table{Name: p.label("table.findings"), Title: p.label("table.findings"), Columns: p.cols("findings")}
	forms := document.Table{Name: p.label("table.forms"), Title: p.label("table.forms"), Columns: p.cols("forms")}
	for i, ch := range r.Checks {
		if ch == nil {
			forms.Rows = append(forms.Rows, []document.Cell{document.Str(r.Files[i]), document.Str(""), document.Str(""), document.Str(""), document.Str(""), document.Str(""), document.Str(""), document.Str(r.Errors[i].Error())})
			continue
		}
		for _, f := range ch.Findings {
			findings.Rows = append(findings.Rows, []document.Cell{document.Str(ch.File), document.Str(ch.Project), document.Str(place(f, true)), document.Str(f.Indicator), document.Str(p.kind(f.Kind)),
				document.Str(p.severity(f.Severity)), figureCell(f.Printed), figureCell(f.Computed), document.Str(f.Message)})
		}
		row := []document.Cell{document.Str(ch.File), document.Str(ch.Project), nullCell(ch.PrintedTotal, -1), nullCell(ch.ComputedTotal, 2),
			document.Plain(decimal.NewFromInt(int64(ch.Count(form.Error)))), document.Plain(decimal.NewFromInt(int64(ch.Count(form.Warning)))),
			document.Plain(decimal.NewFromInt(int64(ch.Count(form.Note)))), document.Str("")}
		forms.Rows = append(forms.Rows, row)
	}
	if r.Screened {
		d.AddTable(p.ranking(r))
	}
	d.AddTable(findings)
	d.AddTable(forms)
	return d, p.err
}

func nullCell(d decimal.NullDecimal, places int32) document.Cell {
	switch {
	case !d.Valid:
		return document.Str("")
	case places < 0:
		return document.Plain(d.Decimal)
	}
	return document.Num(d.Decimal, places)
}

// figureCell stores a printed or computed figure as a number where it is one.
func figureCell(s form.Shown) document.Cell {
	switch {
	case !s.Num.Valid:
		return document.Str(s.Text)
	case s.Percent:
		return document.Cell{Text: s.Text, Kind: document.Percent, Num: s.Num.Decimal, Places: max(0, -s.Num.Decimal.Exponent()-2)}
	}
	return document.Cell{Text: s.Text, Kind: document.Number, Num: s.Num.Decimal, Places: max(0, -s.Num.Decimal.Exponent())}
}

// CheckJSON is the check's JSON (SPEC §4.5).
type CheckJSON struct {
	Forms   []CheckedJSON    `json:"forms"`
	Summary CheckSummaryJSON `json:"summary"`
}

type CheckedJSON struct {
	File          string        `json:"file"`
	Project       string        `json:"project"`
	PrintedTotal  *json.Number  `json:"printed_total"`
	ComputedTotal *json.Number  `json:"computed_total"`
	Findings      []FindingJSON `json:"findings"`
	Readings      []string      `json:"readings"`
	Risk          *json.Number  `json:"risk,omitempty"`  // screened runs only
	Error         string        `json:"error,omitempty"` // the file could not be checked
}

type FindingJSON struct {
	Place     string `json:"place"`
	Indicator string `json:"indicator"`
	Kind      string `json:"kind"`
	Severity  string `json:"severity"`
	Printed   any    `json:"printed"`
	Computed  any    `json:"computed"`
	Message   string `json:"message"`
}

type CheckSummaryJSON struct {
	Forms        int `json:"forms"`
	WithFindings int `json:"with_findings"`
	Errors       int `json:"errors"`
	Warnings     int `json:"warnings"`
	Notes        int `json:"notes"`
	Failed       int `json:"failed"`
	// Ranking is a screened run's forms, the highest risk first.
	Ranking []RankedJSON `json:"ranking,omitempty"`
}

type RankedJSON struct {
	File    string      `json:"file"`
	Project string      `json:"project"`
	Risk    json.Number `json:"risk"`
}

// EncodeCheck builds the check's JSON value.
func EncodeCheck(r *CheckRun) CheckJSON {
	out := CheckJSON{Forms: []CheckedJSON{}}
	for i, ch := range r.Checks {
		out.Forms = append(out.Forms, encodeChecked(r.Files[i], ch, r.Errors[i]))
	}
	out.Summary = summaryJSON(r.Counts())
	if r.Screened {
		out.Summary.Ranking = []RankedJSON{}
		for _, ch := range form.Rank(r.Checks) {
			out.Summary.Ranking = append(out.Summary.Ranking, RankedJSON{File: ch.File, Project: ch.Project, Risk: json.Number(ch.Risk.Decimal.String())})
		}
	}
	return out
}

func summaryJSON(n Counts) CheckSummaryJSON {
	return CheckSummaryJSON{Forms: n.Forms, WithFindings: n.WithFindings, Errors: n.Errors, Warnings: n.Warnings, Notes: n.Notes, Failed: n.Failed}
}

// encodeChecked is one file's entry in the JSON: its check, or the error
// that stopped it.
func encodeChecked(file string, ch *form.Checked, err error) CheckedJSON {
	if ch == nil {
		return CheckedJSON{File: file, Findings: []FindingJSON{}, Readings: []string{}, Error: err.Error()}
	}
	c := CheckedJSON{File: ch.File, Project: ch.Project, Findings: []FindingJSON{}, Readings: append([]string{}, ch.Readings...)}
	if ch.PrintedTotal.Valid {
		n := json.Number(ch.PrintedTotal.Decimal.String())
		c.PrintedTotal = &n
	}
	if ch.ComputedTotal.Valid {
		n := json.Number(ch.ComputedTotal.Decimal.StringFixed(2))
		c.ComputedTotal = &n
	}
	if ch.Risk.Valid {
		n := json.Number(ch.Risk.Decimal.String())
		c.Risk = &n
	}
	for _, f := range ch.Findings {
		c.Findings = append(c.Findings, FindingJSON{Place: place(f, true), Indicator: f.Indicator, Kind: f.Kind, Severity: f.Severity,
			Printed: figureJSON(f.Printed), Computed: figureJSON(f.Computed), Message: f.Message})
	}
	return c
}

// figureJSON is a figure in JSON: its number (a rate as a fraction), else
// its text, null when nothing is printed.
func figureJSON(s form.Shown) any {
	switch {
	case s.Num.Valid:
		return json.Number(s.Num.Decimal.String())
	case s.Text == "":
		return nil
	}
	return s.Text
}
