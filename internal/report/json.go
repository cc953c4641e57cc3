package report

import (
	"encoding/json"
	"io"

	"github.com/perfeval/perfeval/scoring"
	"github.com/shopspring/decimal"
)

// The JSON result of `perfeval score`. Numbers are JSON numbers: scores
// with the framework's decimals, amounts as given, rates as fractions
// rounded to four decimals (0.8154 is 81.54%).
type ResultJSON struct {
	Tool       string          `json:"tool"`
	Version    string          `json:"version"`
	Framework  string          `json:"framework"`
	Project    ProjectJSON     `json:"project"`
	Total      json.Number     `json:"total"`
	Weight     json.Number     `json:"weight"`
	Grade      string          `json:"grade"`
	Excluded   json.Number     `json:"excluded_weight"`
	TotalTrace string          `json:"total_trace"`
	Precision  int32           `json:"precision"`
	Indicators []IndicatorJSON `json:"indicators"`
	Execution  *ExecutionJSON  `json:"execution"`
	Items      []LineJSON      `json:"items"`
	Overspent  []OverspendJSON `json:"overspent"`
	Mismatches []MismatchJSON  `json:"mismatches"`
	Inputs     []InputJSON     `json:"inputs"`
	Warnings   []string        `json:"warnings"`
}

type ProjectJSON struct {
	Name       string  `json:"name"`
	Department string  `json:"department"`
	Kind       string  `json:"kind"`
	Year       string  `json:"year"`
	AsOf       *string `json:"as_of"`
	Unit       string  `json:"unit"`
}

type IndicatorJSON struct {
	Code          string          `json:"code"`
	Name          string          `json:"name"`
	Level         int             `json:"level"`
	Weight        json.Number     `json:"weight"`
	Score         json.Number     `json:"score"`
	Rate          json.Number     `json:"rate"`
	Rule          *string         `json:"rule"`
	Target        *string         `json:"target"`
	Actual        *string         `json:"actual"`
	Ratio         *json.Number    `json:"ratio"`
	NotApplicable bool            `json:"not_applicable"`
	Trace         string          `json:"trace"`
	Deducted      json.Number     `json:"deducted"`
	Deductions    []DeductionJSON `json:"deductions"`
	Children      []IndicatorJSON `json:"children"`
}

type DeductionJSON struct {
	Points json.Number `json:"points"`
	Reason string      `json:"reason"`
	Source string      `json:"source"`
}

type ExecutionJSON struct {
	Budget    json.Number `json:"budget"`
	Paid      json.Number `json:"paid"`
	Recovered json.Number `json:"recovered"`
	Executed  json.Number `json:"executed"`
	Rate      json.Number `json:"rate"`
	Progress  json.Number `json:"progress"`
	Lines     []LineJSON  `json:"lines"`
}

type LineJSON struct {
	Line      string       `json:"line"`
	Name      string       `json:"name"`
	Level     int          `json:"level"`
	Budget    json.Number  `json:"budget"`
	Paid      *json.Number `json:"paid,omitempty"`
	Recovered *json.Number `json:"recovered,omitempty"`
	Actual    *json.Number `json:"actual,omitempty"`
	Rate      *json.Number `json:"rate"`
}

type OverspendJSON struct {
	Line   string      `json:"line"`
	Name   string      `json:"name"`
	Budget json.Number `json:"budget"`
	Actual json.Number `json:"actual"`
	Over   json.Number `json:"over"`
	Ratio  json.Number `json:"ratio"`
	Excess json.Number `json:"excess"`
}

type MismatchJSON struct {
	Sheet  string      `json:"sheet"`
	Line   string      `json:"line"`
	Name   string      `json:"name"`
	Column string      `json:"column"`
	Stated json.Number `json:"stated"`
	Sum    json.Number `json:"sum"`
	Cell   string      `json:"cell"`
}

type InputJSON struct {
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
}

// Fixed is d with the given decimals as a JSON number.
func Fixed(d decimal.Decimal, places int32) json.Number {
	return json.Number(d.StringFixed(places))
}

// Money is an amount as a JSON number with at least two decimals.
func Money(d decimal.Decimal) json.Number { return json.Number(Amount(d).Text) }

// Rate is a fraction rounded to four decimals.
func Rate(d decimal.Decimal) json.Number { return Fixed(d, 4) }

func plain(d decimal.Decimal) json.Number { return json.Number(d.String()) }

func ptr[T any](v T) *T { return &v }

// NewResultJSON converts a result.
func NewResultJSON(r *scoring.Result, version string) ResultJSON {
	p := r.Framework.Precision
	out := ResultJSON{
		Tool:       "perfeval",
		Version:    version,
		Framework:  r.Framework.Name,
		Project:    projectJSON(r.Project),
		Total:      Fixed(r.Total, p),
		Weight:     plain(r.Weight),
		Grade:      r.Grade,
		Excluded:   plain(r.Excluded),
		TotalTrace: r.TotalTrace,
		Precision:  p,
		Indicators: indicatorsJSON(r.Indicators, p),
		Items:      []LineJSON{},
		Overspent:  OverspentJSON(r.Overspent),
		Mismatches: MismatchesJSON(r.Mismatches),
		Inputs:     []InputJSON{},
		Warnings:   []string{},
	}
	if r.Execution != nil {
		out.Execution = executionJSON(r.Execution)
	}
	if r.Items != nil {
		for _, l := range r.Items.All {
			lj := LineJSON{Line: l.Code, Name: l.Name, Level: l.Depth + 1, Budget: Money(l.Budget)}
			if l.PaidKnown {
				lj.Actual = ptr(Money(l.Paid))
				if l.Budget.IsPositive() {
					lj.Rate = ptr(Rate(l.Paid.Div(l.Budget)))
				}
			}
			out.Items = append(out.Items, lj)
		}
	}
	for _, f := range r.Inputs {
		out.Inputs = append(out.Inputs, InputJSON{File: f.Name, SHA256: f.SHA256})
	}
	for _, w := range r.Warnings {
		out.Warnings = append(out.Warnings, w.String())
	}
	return out
}

func projectJSON(p scoring.Project) ProjectJSON {
	out := ProjectJSON{Name: p.Name, Department: p.Department, Kind: p.Kind, Year: p.Year, Unit: p.Unit}
	if !p.AsOf.IsZero() {
		out.AsOf = ptr(p.AsOf.Format("2006-01-02"))
	}
	return out
}

func indicatorsJSON(list []*scoring.Node, p int32) []IndicatorJSON {
	out := make([]IndicatorJSON, 0, len(list))
	for _, n := range list {
		in := n.Indicator
		j := IndicatorJSON{
			Code:          in.Code,
			Name:          in.Name,
			Level:         in.Level,
			Weight:        plain(in.Weight),
			Score:         Fixed(n.Score, p),
			Rate:          Rate(n.Rate()),
			NotApplicable: n.NotApplicable,
			Trace:         n.Trace,
			Deducted:      plain(n.Deducted()),
			Deductions:    []DeductionJSON{},
			Children:      indicatorsJSON(n.Children, p),
		}
		if in.Rule != nil {
			j.Rule = ptr(string(in.Rule.Type))
		}
		if n.Target != nil {
			j.Target = ptr(n.Target.Written)
		}
		if n.Actual != nil {
			j.Actual = ptr(n.Actual.Written)
		}
		if n.Ratio.Valid {
			j.Ratio = ptr(Rate(n.Ratio.Decimal))
		}
		for _, d := range n.Deductions {
			j.Deductions = append(j.Deductions, DeductionJSON{Points: plain(d.Points), Reason: d.Reason, Source: d.Pos.String()})
		}
		out = append(out, j)
	}
	return out
}

func executionJSON(e *scoring.Execution) *ExecutionJSON {
	out := &ExecutionJSON{
		Budget:    Money(e.Budget),
		Paid:      Money(e.Paid),
		Recovered: Money(e.Recovered),
		Executed:  Money(e.Executed),
		Rate:      Rate(e.Rate),
		Progress:  Rate(e.Progress),
		Lines:     []LineJSON{},
	}
	for _, l := range e.Lines.All {
		lj := LineJSON{Line: l.Code, Name: l.Name, Level: l.Depth + 1, Budget: Money(l.Budget),
			Paid: ptr(Money(l.Paid)), Recovered: ptr(Money(l.Recovered))}
		if l.Budget.IsPositive() {
			lj.Rate = ptr(Rate(l.Executed(true).Div(l.Budget)))
		}
		out.Lines = append(out.Lines, lj)
	}
	return out
}

// OverspentJSON lists overspent items.
func OverspentJSON(list []scoring.Overspend) []OverspendJSON {
	out := []OverspendJSON{}
	for _, o := range list {
		out = append(out, OverspendJSON{Line: o.Line.Code, Name: o.Line.Name, Budget: Money(o.Line.Budget), Actual: Money(o.Line.Paid),
			Over: Money(o.Over), Ratio: Rate(o.Ratio), Excess: Rate(o.Excess)})
	}
	return out
}

// MismatchesJSON lists subtotals that do not add up.
func MismatchesJSON(list []scoring.Mismatch) []MismatchJSON {
	out := []MismatchJSON{}
	for _, m := range list {
		out = append(out, MismatchJSON{Sheet: m.Sheet, Line: m.Code, Name: m.Name, Column: m.Column,
			Stated: Money(m.Stated), Sum: Money(m.Sum), Cell: m.Pos.String()})
	}
	return out
}

// WriteJSON writes v indented, with Chinese left readable.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
