package form

import (
	"cmp"
	"slices"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/scoring"
	"github.com/shopspring/decimal"
)

// Severities of a finding: errors and warnings fail a check (exit 3); a
// note is the evaluator's judgement, stated, and an info a reading of the
// form worth knowing: both are only shown.
const (
	Error   = "error"
	Warning = "warning"
	Note    = "note"
	Info    = "info"
)

// Kinds of finding (SPEC §4.5).
const (
	ScoreAboveRule  = "score_above_rule"
	ScoreOverWeight = "score_over_weight"
	ScoreBelowRule  = "score_below_rule"
	RateMismatch    = "rate_mismatch"
	TotalMismatch   = "total_mismatch"
	Weights         = "weights"
	GradeMismatch   = "grade_mismatch"
	Unreadable      = "unreadable"
	FundsMismatch   = "funds_mismatch"
	DuplicateTotal  = "duplicate_total"
	BarePercent     = "bare_percent" // info: a bare number under a percentage target read as a percentage
)

// A Finding is a printed figure the rules do not support.
type Finding struct {
	Pos       diag.Pos
	Indicator string // the name as printed: 预算执行率 for the fund block, 总分 for the total row
	Kind      string
	Severity  string
	Printed   Shown // the figure as printed; empty when none is
	Computed  Shown // the rules' figure
	Message   string
}

// Shown is one side of a finding: the text a reader sees and, where it is
// a number, the number itself, so that JSON and XLSX store numbers.
type Shown struct {
	Text    string
	Num     decimal.NullDecimal
	Percent bool // Num is a fraction shown as a percentage
}

func number(d decimal.Decimal, text string) Shown {
	return Shown{Text: text, Num: decimal.NewNullDecimal(d)}
}

func word(s string) Shown { return Shown{Text: s} }

// printed is a figure of the form as a finding shows it.
func printed(f Figure) Shown {
	if !f.Valid {
		return Shown{}
	}
	return number(f.Value, f.Text)
}

// A Checked form (or workbook) and what its check found.
type Checked struct {
	File          string
	Project       string
	PrintedTotal  decimal.NullDecimal
	ComputedTotal decimal.NullDecimal
	Findings      []Finding
	Readings      []string // what the reader chose (see Form.Readings)

	// Risk is the sum of the findings' weights, for ranking screened
	// forms (SPEC §10); invalid unless the check was screened.
	Risk decimal.NullDecimal

	// Passages are a screened check's texts, kept until the texts reused
	// across projects are looked for (Reused, ReuseIndex).
	Passages []Passage
}

// Count returns how many findings have the severity.
func (c *Checked) Count(severity string) int {
	n := 0
	for _, f := range c.Findings {
		if f.Severity == severity {
			n++
		}
	}
	return n
}

// Check recomputes a form by the rules and lists every printed figure they
// do not support: scores, the execution rate, the total, the grade and the
// 分值. A printed figure agrees when it equals the rules' figure rounded
// half-up to the decimals it is printed with (scoring.Agrees).
func Check(f *Form, opts scoring.Options) (*Checked, error) {
	c, _, _, err := check(f, opts)
	return c, err
}

// Screen checks a form as Check does and adds the plausibility findings
// of SPEC §10 (Plausibility); it keeps the form's texts for Reused, which
// compares them with the other forms of the run.
func Screen(f *Form, opts scoring.Options) (*Checked, error) {
	c, in, res, err := check(f, opts)
	if err != nil {
		return nil, err
	}
	c.AddScreen(in, res)
	return c, nil
}

// AddScreen adds the plausibility findings of a scored input to its
// check, and keeps its texts for Reused.
func (c *Checked) AddScreen(in *scoring.Input, res *scoring.Result) {
	c.Findings = append(c.Findings, Plausibility(in, res)...)
	c.Passages = passages(in)
	c.sort()
}

func check(f *Form, opts scoring.Options) (*Checked, *scoring.Input, *scoring.Result, error) {
	fw, in, err := f.Derive()
	if err != nil {
		return nil, nil, nil, err
	}
	res, err := scoring.Score(fw, in, opts)
	if err != nil {
		return nil, nil, nil, err
	}
	c := &Checked{File: f.File, Project: f.Name, Readings: f.Readings, ComputedTotal: decimal.NewNullDecimal(res.Total)}
	if f.Total.Valid {
		c.PrintedTotal = decimal.NewNullDecimal(f.Total.Value)
	}
	c.Findings = Findings(f, res)
	return c, in, res, nil
}

// Findings lists what a form printed that its scored result does not
// support, in the form's reading order.
func Findings(f *Form, res *scoring.Result) []Finding {
	c := &Checked{}
	for _, p := range f.WeightProblems() {
		c.add(Finding{Pos: p.Pos, Indicator: p.Indicator, Kind: Weights, Severity: Error,
			Printed: printed(p.Printed), Computed: number(p.Computed, p.Computed.String()), Message: p.Msg})
	}
	for _, p := range f.Unread {
		c.add(Finding{Pos: p.Pos, Indicator: p.Indicator, Kind: Unreadable, Severity: Warning, Message: p.Msg})
	}
	for _, p := range f.Notes {
		c.add(Finding{Pos: p.Pos, Indicator: p.Indicator, Kind: BarePercent, Severity: Info, Message: p.Msg})
	}
	unreadable := map[string]bool{}
	for _, r := range f.Leaves() {
		why, at := r.Unreadable, r.UnreadablePos
		if n, ok := res.Node(r.code); why == "" && ok && n.Unscored != nil {
			why, at = n.Unscored.Msg, n.Unscored.Pos
		}
		if why != "" {
			unreadable[r.code] = true
			c.add(Finding{Pos: at, Indicator: r.Name, Kind: Unreadable, Severity: Warning,
				Printed: printed(r.Score), Message: lang.Sprintf("%s; the row is left as review", why)})
		}
	}
	use := f.FundUse()
	fundRow := f.FundWeight.Valid || f.FundScore.Valid
	if fundRow && use.Unreadable != "" {
		at := use.Pos
		if f.FundRate.Valid {
			at = f.FundRate.Pos
		}
		c.add(Finding{Pos: at, Indicator: FundName, Kind: Unreadable, Severity: Warning, Printed: printed(f.FundScore),
			Message: lang.Sprintf("%s; the row is left as review", use.Unreadable)})
	}
	if use.Mismatch != "" {
		c.add(Finding{Pos: use.Pos, Indicator: f.Funds[0].Name, Kind: FundsMismatch, Severity: Warning, Message: use.Mismatch})
	}
	if fundRow && use.Lines == nil {
		unreadable[f.fundCode] = true
	}
	c.Findings = append(c.Findings, Claims(res, func(n *scoring.Node) bool { return unreadable[n.Indicator.Code] })...)
	c.rate(f, use)
	c.total(f, res)
	c.sort()
	return c.Findings
}

// sort puts the findings in the form's reading order.
func (c *Checked) sort() {
	slices.SortStableFunc(c.Findings, func(a, b Finding) int { return cmp.Or(a.Pos.Row-b.Pos.Row, a.Pos.ColNo-b.Pos.ColNo) })
}

func (c *Checked) add(f Finding) { c.Findings = append(c.Findings, f) }

// Claims lists the printed scores (自评得分) of a result's leaves that the
// rules do not support: above the 分值, above the rules' score, or below
// it (a note when a reason is written beside it). skip leaves out leaves
// whose figures could not be read.
func Claims(res *scoring.Result, skip func(*scoring.Node) bool) []Finding {
	var out []Finding
	res.Walk(func(n *scoring.Node) {
		in := n.Indicator
		if !in.IsLeaf() || !n.Claimed.Valid || in.IsPlaceholder() || n.NotApplicable || n.Trace.Calc.Kind == "" || skip != nil && skip(n) {
			return
		}
		claimed, score := n.Claimed.Decimal, n.Score
		shown := score.StringFixed(n.Trace.Precision)
		fd := Finding{Pos: n.ClaimedPos, Indicator: in.Name, Printed: number(claimed, claimed.String()), Computed: number(score, shown)}
		switch {
		case claimed.GreaterThan(in.Weight):
			fd.Kind, fd.Severity = ScoreOverWeight, Error
			fd.Message = lang.Sprintf("得分 %s is above the indicator's 分值 %s (the rules give %s)", claimed, in.Weight, shown)
		case scoring.Agrees(claimed, score):
			return
		case claimed.GreaterThan(score):
			fd.Kind, fd.Severity = ScoreAboveRule, Error
			fd.Message = lang.Sprintf("得分 %s is above the %s the rules give", claimed, shown)
		case n.Note != "":
			fd.Kind, fd.Severity = ScoreBelowRule, Note
			fd.Message = lang.Sprintf("得分 %s is below the %s the rules give; the reason written: %s", claimed, shown, n.Note)
		default:
			fd.Kind, fd.Severity = ScoreBelowRule, Warning
			fd.Message = lang.Sprintf("得分 %s is below the %s the rules give, with no reason written", claimed, shown)
		}
		out = append(out, fd)
	})
	return out
}

// rate checks the printed 执行率 against 全年执行数 ÷ 全年预算数 of the
// figures the rules use.
func (c *Checked) rate(f *Form, use FundUse) {
	if !f.FundRate.Valid || use.Lines == nil {
		return
	}
	budget, paid := use.Budget.Decimal, use.Paid.Decimal
	rate := indicators.Quo(paid, budget)
	printed := f.FundRate.Value
	if scoring.Agrees(printed, rate) {
		return
	}
	places := max(0, -printed.Exponent())
	computed := indicators.HalfUp.Round(rate, places)
	c.add(Finding{Pos: f.FundRate.Pos, Indicator: FundName, Kind: RateMismatch, Severity: Error,
		Printed:  Shown{Text: f.FundRate.Text, Num: decimal.NewNullDecimal(printed), Percent: true},
		Computed: Shown{Text: pct(computed, places), Num: decimal.NewNullDecimal(computed), Percent: true},
		Message:  lang.Sprintf("执行率 %s is not 全年执行数 %s ÷ 全年预算数 %s = %s", f.FundRate.Text, paid, budget, pct(computed, places))})
}

func pct(d decimal.Decimal, places int32) string {
	return d.Shift(2).StringFixed(max(0, places-2)) + "%"
}

// total checks the printed 总分 against the sum of the printed scores
// (rescaled as the rules rescale where rows are 不适用), and the printed
// grade against the grade of the printed 总分.
func (c *Checked) total(f *Form, res *scoring.Result) {
	sum, weight, excluded := f.FundScore.Value, f.FundWeight.Value, decimal.Zero
	for _, r := range f.Leaves() {
		weight = weight.Add(r.Weight.Value)
		if r.HasActual && r.Actual.IsNotApplicable() {
			excluded = excluded.Add(r.Weight.Value)
			continue
		}
		sum = sum.Add(r.Score.Value)
	}
	if excluded.IsPositive() && weight.GreaterThan(excluded) {
		sum = indicators.Quo(sum.Mul(weight), weight.Sub(excluded))
	}
	for _, t := range f.MoreTotals {
		for _, pair := range [][2]Figure{{f.TotalWeight, t.Weight}, {f.Total, t.Score}} {
			first, again := pair[0], pair[1]
			if again.Valid && (!first.Valid || !first.Value.Equal(again.Value)) {
				c.add(Finding{Pos: again.Pos, Indicator: TotalName, Kind: DuplicateTotal, Severity: Error,
					Printed: printed(again), Computed: printed(first),
					Message: lang.Sprintf("a second 总分 row gives %s where the first gives %s", again.Text, cmp.Or(first.Text, "—"))})
			}
		}
	}
	if f.Total.Valid {
		if !scoring.Agrees(f.Total.Value, sum) {
			places := max(0, -f.Total.Value.Exponent())
			shown := indicators.HalfUp.Round(sum, places).StringFixed(places)
			if !sum.Equal(sum.Round(places)) {
				shown = sum.Round(places+2).String() + " → " + shown
			}
			rounded := indicators.HalfUp.Round(sum, places)
			c.add(Finding{Pos: f.Total.Pos, Indicator: TotalName, Kind: TotalMismatch, Severity: Error,
				Printed: printed(f.Total), Computed: number(rounded, rounded.StringFixed(places)),
				Message: lang.Sprintf("总分 %s is not the sum of the printed scores (%s)", f.Total.Text, shown)})
		}
	}
	if f.Grade == "" {
		return
	}
	total := sum
	if f.Total.Valid {
		total = f.Total.Value
	}
	if g := res.Framework.Grade(total); g != f.Grade {
		c.add(Finding{Pos: f.GradePos, Indicator: TotalName, Kind: GradeMismatch, Severity: Error,
			Printed: word(f.Grade), Computed: word(g),
			Message: lang.Sprintf("等级 %s is not the grade of 总分 %s, which is %s", f.Grade, total, g)})
	}
}

// Warnings are what score says of a form besides the rules' scores: every
// finding of Findings but the printed scores (which scoring itself warns
// of, per indicator) and the readings worth knowing, as warnings.
func Warnings(f *Form, res *scoring.Result) []diag.Warning {
	var out []diag.Warning
	for _, fd := range Findings(f, res) {
		switch fd.Kind {
		case ScoreAboveRule, ScoreOverWeight, ScoreBelowRule:
			continue
		}
		if fd.Severity == Info {
			continue
		}
		msg := fd.Message
		if fd.Indicator != "" {
			msg = fd.Indicator + ": " + msg
		}
		out = append(out, diag.Warning{Pos: fd.Pos, Msg: msg})
	}
	return out
}
