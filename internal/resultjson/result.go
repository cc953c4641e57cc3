package resultjson

import (
	"encoding/json"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/scoring"
	"github.com/shopspring/decimal"
)

// A Result is the JSON of `perfeval score`: an encoding of scoring.Result,
// with Decode its decoder. Numbers are JSON numbers: scores with the
// result's decimals, amounts as given, rates as fractions rounded to four
// decimals (0.8154 is 81.54%). trace is the trace as a reader reads it;
// calc is the same computation as data.
type Result struct {
	Tool       string      `json:"tool"`
	Version    string      `json:"version"`
	Framework  string      `json:"framework"`
	Project    Project     `json:"project"`
	Total      json.Number `json:"total"`
	Weight     json.Number `json:"weight"`
	Grade      string      `json:"grade"`
	Excluded   json.Number `json:"excluded_weight"`
	TotalTrace string      `json:"total_trace"`
	TotalCalc  *Calc       `json:"total_calc"`
	Precision  *int32      `json:"precision"`
	Indicators []Indicator `json:"indicators"`
	Execution  *Execution  `json:"execution"`
	Items      []Line      `json:"items"`
	Overspent  []Overspend `json:"overspent"`
	Mismatches []Mismatch  `json:"mismatches"`
	Narrative  []Paragraph `json:"narrative,omitempty"` // 报告正文
	Inputs     []Input     `json:"inputs"`
	Warnings   []string    `json:"warnings"`
}

type Project struct {
	Name        string  `json:"name"`
	Code        string  `json:"code,omitempty"` // 项目编码
	Department  string  `json:"department"`
	Implementer string  `json:"implementer,omitempty"`
	Evaluator   string  `json:"evaluator,omitempty"`   // 评价机构
	ReportDate  *string `json:"report_date,omitempty"` // 报告日期
	Goal        string  `json:"goal,omitempty"`
	Achieved    string  `json:"achieved,omitempty"`
	Kind        string  `json:"kind"`
	Year        string  `json:"year"`
	AsOf        *string `json:"as_of"`
	Unit        string  `json:"unit"`
}

type Indicator struct {
	Code          string       `json:"code"`
	Name          string       `json:"name"`
	Description   string       `json:"description,omitempty"` // 指标解释
	Criteria      string       `json:"criteria,omitempty"`    // 评分标准
	Level         int          `json:"level"`
	Weight        json.Number  `json:"weight"`
	Score         json.Number  `json:"score"`
	Rate          json.Number  `json:"rate"`
	Rule          *string      `json:"rule"`
	Target        *string      `json:"target"`
	Actual        *string      `json:"actual"`
	Note          string       `json:"note,omitempty"`    // 备注 / 偏差原因
	Claimed       *json.Number `json:"claimed,omitempty"` // 自评得分
	Ratio         *json.Number `json:"ratio"`
	NotApplicable bool         `json:"not_applicable"`
	Trace         string       `json:"trace"`
	Calc          *Calc        `json:"calc"`
	Precision     *int32       `json:"precision,omitempty"` // when not the result's
	Rounding      string       `json:"rounding,omitempty"`  // when not half-up
	Deducted      json.Number  `json:"deducted"`
	Deductions    []Deduction  `json:"deductions"`
	Breakdown     []Part       `json:"breakdown,omitempty"` // a form's 其中 rows
	Unscored      string       `json:"unscored,omitempty"`  // why the rule its row calls for could not score it (reviewed instead)
	Analysis      []string     `json:"analysis,omitempty"`  // 指标说明, a paragraph each
	Children      []Indicator  `json:"children"`
}

// Part is a breakdown row (其中…) of a form under its indicator.
type Part struct {
	Name   string  `json:"name"`
	Target *string `json:"target"`
	Actual *string `json:"actual"`
}

// Paragraph is a paragraph of 报告正文 and its section.
type Paragraph struct {
	Section string `json:"section"`
	Text    string `json:"text"`
}

// Calc is scoring.Calc: what a rule computed, before deductions and
// rounding. Value is unrounded.
type Calc struct {
	Kind     string       `json:"kind"`
	Weight   *json.Number `json:"weight,omitempty"`
	Num      *Operand     `json:"num,omitempty"`
	Den      *Operand     `json:"den,omitempty"`
	Cmp      string       `json:"cmp,omitempty"`
	Word     string       `json:"word,omitempty"`
	Ratio    *json.Number `json:"ratio,omitempty"`
	From     *json.Number `json:"from,omitempty"`
	Fraction *json.Number `json:"fraction,omitempty"`
	Reason   string       `json:"reason,omitempty"`
	Excluded *json.Number `json:"excluded,omitempty"`
	Value    json.Number  `json:"value"`
}

type Operand struct {
	Value json.Number `json:"value"`
	Shown string      `json:"shown"`
}

type Deduction struct {
	Points json.Number `json:"points"`
	Reason string      `json:"reason"`
	Source string      `json:"source"`
}

type Execution struct {
	Budget    json.Number  `json:"budget"`
	Initial   *json.Number `json:"initial,omitempty"`
	Paid      json.Number  `json:"paid"`
	Recovered json.Number  `json:"recovered"`
	Executed  json.Number  `json:"executed"`
	Rate      json.Number  `json:"rate"`
	Progress  json.Number  `json:"progress"`
	AsOf      *string      `json:"as_of,omitempty"`
	Months    *int         `json:"months,omitempty"`
	Schedule  *json.Number `json:"schedule,omitempty"`
	Gap       *json.Number `json:"gap,omitempty"`
	Warning   string       `json:"warning,omitempty"`
	// WarningCode is the warning as a code: green, yellow or red.
	WarningCode string      `json:"warning_code,omitempty"`
	Red         json.Number `json:"red"`
	Yellow      json.Number `json:"yellow"`
	Lines       []Line      `json:"lines"`
}

type Line struct {
	Line      string       `json:"line"`
	Name      string       `json:"name"`
	Level     int          `json:"level"`
	Budget    json.Number  `json:"budget"`
	Initial   *json.Number `json:"initial,omitempty"`
	Paid      *json.Number `json:"paid,omitempty"`
	Recovered *json.Number `json:"recovered,omitempty"`
	Actual    *json.Number `json:"actual,omitempty"`
	Rate      *json.Number `json:"rate"`
}

type Overspend struct {
	Line   string      `json:"line"`
	Name   string      `json:"name"`
	Budget json.Number `json:"budget"`
	Actual json.Number `json:"actual"`
	Over   json.Number `json:"over"`
	Ratio  json.Number `json:"ratio"`
	Excess json.Number `json:"excess"`
}

type Mismatch struct {
	Sheet  string      `json:"sheet"`
	Line   string      `json:"line"`
	Name   string      `json:"name"`
	Column string      `json:"column"`
	Stated json.Number `json:"stated"`
	Sum    json.Number `json:"sum"`
	Cell   string      `json:"cell"`
	Total  bool        `json:"total,omitempty"` // a 合计 / 小计 / 总计 row, not a parent line
}

type Input struct {
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
}

// fixed is d with the given decimals as a JSON number.
func fixed(d decimal.Decimal, places int32) json.Number {
	return json.Number(d.StringFixed(places))
}

// money is an amount as a JSON number with at least two decimals, more
// when the figure has them (as the tables show it).
func money(d decimal.Decimal) json.Number {
	return json.Number(d.StringFixed(max(int32(2), -d.Exponent())))
}

// rate is a fraction rounded to four decimals.
func rate(d decimal.Decimal) json.Number { return fixed(d, 4) }

func plain(d decimal.Decimal) json.Number { return json.Number(d.String()) }

func ptr[T any](v T) *T { return &v }

// A Tracer writes a trace as a reader reads it, in the user's wording
// (internal/report's): a JSON carries the words it is given and never
// reads the catalogue itself.
type Tracer func(scoring.Trace) string

// Encode is the JSON value of a result, its traces written by trace.
func Encode(r *scoring.Result, version string, trace Tracer) Result {
	p := r.Precision
	out := Result{
		Tool:       "perfeval",
		Version:    version,
		Project:    encodeProject(r.Project),
		Total:      fixed(r.Total, p),
		Weight:     plain(r.Weight),
		Grade:      r.Grade,
		Excluded:   plain(r.Excluded),
		TotalTrace: trace(r.TotalTrace),
		TotalCalc:  encodeCalc(r.TotalTrace.Calc),
		Precision:  &p,
		Indicators: encodeIndicators(r.Indicators, p, trace),
		Items:      []Line{},
		Overspent:  encodeOverspent(r.Overspent),
		Mismatches: encodeMismatches(r.Mismatches),
		Inputs:     []Input{},
		Warnings:   []string{},
	}
	if r.Framework != nil {
		out.Framework = r.Framework.Name
	}
	if r.Execution != nil {
		out.Execution = encodeExecution(r.Execution)
	}
	if r.Items != nil {
		for _, l := range r.Items.All {
			lj := Line{Line: l.Code, Name: l.Name, Level: l.Depth + 1, Budget: money(l.Budget)}
			if l.PaidKnown {
				lj.Actual = ptr(money(l.Paid))
				if l.Budget.IsPositive() {
					lj.Rate = ptr(rate(indicators.Quo(l.Paid, l.Budget)))
				}
			}
			out.Items = append(out.Items, lj)
		}
	}
	for _, p := range r.Narrative {
		out.Narrative = append(out.Narrative, Paragraph{Section: p.Section, Text: p.Text})
	}
	for _, f := range r.Inputs {
		out.Inputs = append(out.Inputs, Input{File: f.Name, SHA256: f.SHA256})
	}
	out.Warnings = append(out.Warnings, warnings(r)...)
	return out
}

// warnings are a result's warnings as printed: place: message.
func warnings(r *scoring.Result) []string {
	out := make([]string, 0, len(r.Warnings))
	for _, w := range r.Warnings {
		out = append(out, w.String())
	}
	return out
}

func encodeProject(p scoring.Project) Project {
	out := Project{Name: p.Name, Code: p.Code, Department: p.Department, Implementer: p.Implementer, Evaluator: p.Evaluator,
		Goal: p.Goal, Achieved: p.Achieved, Kind: p.Kind, Year: p.Year, Unit: p.Unit}
	if !p.AsOf.IsZero() {
		out.AsOf = ptr(p.AsOf.Format("2006-01-02"))
	}
	if !p.ReportDate.IsZero() {
		out.ReportDate = ptr(p.ReportDate.Format("2006-01-02"))
	}
	return out
}

func encodeIndicators(list []*scoring.Node, p int32, trace Tracer) []Indicator {
	out := make([]Indicator, 0, len(list))
	for _, n := range list {
		in := n.Indicator
		j := Indicator{
			Code:          in.Code,
			Name:          in.Name,
			Description:   in.Description,
			Criteria:      in.Criteria,
			Level:         in.Level,
			Weight:        plain(in.Weight),
			Score:         fixed(n.Score, p),
			Rate:          rate(n.Rate()),
			NotApplicable: n.NotApplicable,
			Trace:         trace(n.Trace),
			Calc:          encodeCalc(n.Trace.Calc),
			Rounding:      encodeRounding(n.Trace.Rounding),
			Deducted:      plain(n.Deducted()),
			Deductions:    []Deduction{},
			Children:      encodeIndicators(n.Children, p, trace),
		}
		if n.Trace.Precision != p {
			j.Precision = ptr(n.Trace.Precision)
		}
		if in.Rule != nil {
			j.Rule = ptr(string(in.Rule.Type))
		}
		j.Target, j.Actual = writtenPtr(n.Target), writtenPtr(n.Actual)
		j.Note, j.Analysis = n.Note, n.Analysis
		if n.Claimed.Valid {
			j.Claimed = ptr(plain(n.Claimed.Decimal))
		}
		if n.Ratio.Valid {
			j.Ratio = ptr(rate(n.Ratio.Decimal))
		}
		for _, d := range n.Deductions {
			j.Deductions = append(j.Deductions, Deduction{Points: plain(d.Points), Reason: d.Reason, Source: d.Pos.String()})
		}
		if n.Unscored != nil {
			j.Unscored = n.Unscored.Error()
		}
		for _, part := range n.Parts {
			j.Breakdown = append(j.Breakdown, Part{Name: part.Name, Target: writtenPtr(part.Target), Actual: writtenPtr(part.Actual)})
		}
		out = append(out, j)
	}
	return out
}

func writtenPtr(v *indicators.Value) *string {
	if v == nil {
		return nil
	}
	return ptr(v.Written)
}

func encodeRounding(r indicators.Rounding) string {
	if r == indicators.HalfUp {
		return ""
	}
	return string(r)
}

func encodeCalc(c scoring.Calc) *Calc {
	if c.Kind == "" {
		return nil
	}
	out := &Calc{Kind: string(c.Kind), Cmp: c.Cmp, Word: c.Word, Reason: string(c.Reason), Value: plain(c.Value.Round(jsonPlaces))}
	num := func(d decimal.Decimal) *json.Number {
		if d.IsZero() {
			return nil
		}
		return ptr(plain(d))
	}
	op := func(o scoring.Operand) *Operand {
		if o.Shown == "" {
			return nil
		}
		return &Operand{Value: plain(o.Value), Shown: o.Shown}
	}
	out.Weight, out.Num, out.Den = num(c.Weight), op(c.Num), op(c.Den)
	out.Ratio, out.From, out.Fraction, out.Excluded = num(c.Ratio), num(c.From), num(c.Fraction), num(c.Excluded)
	return out
}

func encodeExecution(e *scoring.Execution) *Execution {
	out := &Execution{
		Budget:    money(e.Budget),
		Paid:      money(e.Paid),
		Recovered: money(e.Recovered),
		Executed:  money(e.Executed),
		Rate:      rate(e.Rate),
		Progress:  rate(e.Progress),
		Red:       plain(e.Thresholds.Red),
		Yellow:    plain(e.Thresholds.Yellow),
		Lines:     []Line{},
	}
	if e.Initial.Valid {
		out.Initial = ptr(money(e.Initial.Decimal))
	}
	if e.HasSchedule() {
		out.AsOf, out.Months = ptr(e.AsOf.Format("2006-01-02")), ptr(e.Months)
		out.Schedule, out.Gap, out.Warning = ptr(rate(e.Schedule)), ptr(rate(e.Gap)), e.Warning
		out.WarningCode = warningCodes[e.Warning]
	}
	for _, l := range e.Lines.All {
		lj := Line{Line: l.Code, Name: l.Name, Level: l.Depth + 1, Budget: money(l.Budget),
			Paid: ptr(money(l.Paid)), Recovered: ptr(money(l.Recovered))}
		if l.InitialKnown {
			lj.Initial = ptr(money(l.Initial))
		}
		if l.Budget.IsPositive() {
			lj.Rate = ptr(rate(indicators.Quo(l.Executed(true), l.Budget)))
		}
		out.Lines = append(out.Lines, lj)
	}
	return out
}

// encodeOverspent lists overspent items.
func encodeOverspent(list []scoring.Overspend) []Overspend {
	out := []Overspend{}
	for _, o := range list {
		out = append(out, Overspend{Line: o.Line.Code, Name: o.Line.Name, Budget: money(o.Line.Budget), Actual: money(o.Line.Paid),
			Over: money(o.Over), Ratio: rate(o.Ratio), Excess: rate(o.Excess)})
	}
	return out
}

// encodeMismatches lists subtotals that do not add up.
func encodeMismatches(list []scoring.Mismatch) []Mismatch {
	out := []Mismatch{}
	for _, m := range list {
		out = append(out, Mismatch{Sheet: m.Sheet, Line: m.Code, Name: m.Name, Column: m.Column,
			Stated: money(m.Stated), Sum: money(m.Sum), Cell: m.Pos.String(), Total: m.Total})
	}
	return out
}

// jsonPlaces is how many places an unrounded calculation shows in the
// result JSON. Scores are rounded from the exact quotient (carried to
// indicators.QuoPlaces); the JSON shows it to 16 places, as decimal's
// own division would.
const jsonPlaces = 16

// warningCodes are the codes of the execution warning levels.
var warningCodes = map[string]string{scoring.Green: "green", scoring.Yellow: "yellow", scoring.Red: "red"}
