package resultjson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/indicators/lang"
	"github.com/perfeval/perfeval/scoring"
	"github.com/shopspring/decimal"
)

// IsJSON reports whether data looks like a JSON document (rather than a
// workbook), after an optional byte-order mark and white space.
func IsJSON(data []byte) bool {
	return bytes.HasPrefix(bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n"), []byte("{"))
}

// Decode reads a result JSON written by Encode back into the result it
// encodes. Every figure is checked: a missing or unreadable one
// is an error naming the file and the key (2023.json: indicators[2].score),
// never a zero.
func Decode(file string, data []byte) (*scoring.Result, error) {
	var j Result
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	dec.UseNumber()
	if err := dec.Decode(&j); err != nil {
		return nil, indicators.Errorf(indicators.Pos{File: file}, "not a perfeval result JSON: %v", err)
	}
	if j.Tool != "perfeval" {
		return nil, &indicators.Error{Pos: indicators.Pos{File: file}, Msg: lang.T("not a perfeval result"), Hint: lang.T("write one with perfeval score --format json")}
	}
	d := &decoder{file: file}
	r := &scoring.Result{Project: d.project(j.Project)}
	for _, p := range j.Narrative {
		r.Narrative = append(r.Narrative, scoring.Paragraph{Section: p.Section, Text: p.Text})
	}
	if j.Precision == nil {
		d.fail("precision", lang.T("missing"))
	} else if *j.Precision < 0 || *j.Precision > indicators.MaxPrecision {
		d.fail("precision", lang.Sprintf("%d is not from 0 to %d", *j.Precision, indicators.MaxPrecision))
	} else {
		r.Precision = *j.Precision
	}
	r.Total = d.num("total", j.Total)
	r.Weight = d.num("weight", j.Weight)
	r.Excluded = d.num("excluded_weight", j.Excluded)
	r.Grade = j.Grade
	if len(j.Indicators) == 0 {
		d.fail("indicators", lang.T("missing or empty"))
	}
	r.Indicators = d.nodes("indicators", j.Indicators, r.Precision)
	parts := make([]decimal.Decimal, len(r.Indicators))
	for i, n := range r.Indicators {
		parts[i] = n.Score
	}
	r.TotalTrace = scoring.Trace{Calc: d.calc("total_calc", j.TotalCalc), Parts: parts, Value: r.Total, Score: r.Total, Precision: r.Precision}
	if r.TotalTrace.Calc.Kind == scoring.CalcRescaled {
		r.TotalTrace.Value = r.TotalTrace.Calc.Value
	}
	var top []*indicators.Indicator
	for _, n := range r.Indicators {
		top = append(top, n.Indicator)
	}
	fw, err := indicators.Assemble(file, j.Framework, r.Precision, top)
	d.errs.Add(err)
	r.Framework = fw
	r.Walk(func(n *scoring.Node) {
		if n.Execution != nil {
			r.ExecutionRules = append(r.ExecutionRules, n)
		}
	})
	if j.Execution != nil {
		r.Execution = d.execution(j.Execution)
	}
	if len(j.Items) > 0 {
		lines := make([]scoring.Line, len(j.Items))
		for i, l := range j.Items {
			at := fmt.Sprintf("items[%d]", i)
			lines[i] = scoring.Line{Code: l.Line, Name: l.Name, Budget: decimal.NewNullDecimal(d.num(at+".budget", l.Budget)), Paid: d.nullNum(at+".actual", l.Actual)}
		}
		r.Items = d.lines("items", lines, true)
	}
	for i, o := range j.Overspent {
		at := fmt.Sprintf("overspent[%d]", i)
		line := &scoring.LineNode{Code: o.Line, Name: o.Name, Budget: d.num(at+".budget", o.Budget), Paid: d.num(at+".actual", o.Actual), PaidKnown: true}
		r.Overspent = append(r.Overspent, scoring.Overspend{Line: line, Over: d.num(at+".over", o.Over), Ratio: d.num(at+".ratio", o.Ratio), Excess: d.num(at+".excess", o.Excess)})
	}
	for i, m := range j.Mismatches {
		at := fmt.Sprintf("mismatches[%d]", i)
		r.Mismatches = append(r.Mismatches, scoring.Mismatch{Sheet: m.Sheet, Code: m.Line, Name: m.Name, Column: m.Column,
			Stated: d.num(at+".stated", m.Stated), Sum: d.num(at+".sum", m.Sum), Pos: indicators.Pos{File: m.Cell}, Total: m.Total})
	}
	for _, in := range j.Inputs {
		r.Inputs = append(r.Inputs, scoring.File{Name: in.File, SHA256: in.SHA256})
	}
	for _, w := range j.Warnings {
		r.Warnings = append(r.Warnings, indicators.Warning{Msg: w})
	}
	if err := d.errs.Err(); err != nil {
		return nil, err
	}
	return r, nil
}

type decoder struct {
	file string
	errs indicators.Errors
}

func (d *decoder) fail(key, msg string) {
	d.errs.Addf(indicators.Pos{File: d.file}, "%s: %s", key, msg)
}

// num reads a required number.
func (d *decoder) num(key string, n json.Number) decimal.Decimal {
	if n == "" {
		d.fail(key, lang.T("missing"))
		return decimal.Zero
	}
	v, err := decimal.NewFromString(string(n))
	if err != nil || len(n) > 100 {
		d.fail(key, lang.Sprintf("%q is not a number", string(n)))
		return decimal.Zero
	}
	if !indicators.WithinRange(v) {
		d.fail(key, lang.Sprintf("%s is beyond the range of any figure", string(n)))
		return decimal.Zero
	}
	return v
}

// nullNum reads an optional number.
func (d *decoder) nullNum(key string, n *json.Number) decimal.NullDecimal {
	if n == nil {
		return decimal.NullDecimal{}
	}
	return decimal.NewNullDecimal(d.num(key, *n))
}

func (d *decoder) optNum(key string, n *json.Number) decimal.Decimal {
	return d.nullNum(key, n).Decimal
}

func (d *decoder) project(p Project) scoring.Project {
	out := scoring.Project{Name: p.Name, Code: p.Code, Department: p.Department, Implementer: p.Implementer, Evaluator: p.Evaluator,
		Goal: p.Goal, Achieved: p.Achieved, Kind: p.Kind, Year: p.Year, Unit: p.Unit}
	out.AsOf = d.date("project.as_of", p.AsOf)
	out.ReportDate = d.date("project.report_date", p.ReportDate)
	return out
}

// date reads an optional YYYY-MM-DD date.
func (d *decoder) date(key string, s *string) time.Time {
	if s == nil {
		return time.Time{}
	}
	t, err := time.Parse("2006-01-02", *s)
	if err != nil {
		d.fail(key, lang.Sprintf("%q is not a date (YYYY-MM-DD)", *s))
	}
	return t
}

func (d *decoder) nodes(key string, list []Indicator, p int32) []*scoring.Node {
	out := make([]*scoring.Node, 0, len(list))
	for i, j := range list {
		at := key + "[" + strconv.Itoa(i) + "]"
		if j.Code == "" {
			d.fail(at+".code", lang.T("missing"))
		}
		in := &indicators.Indicator{Code: j.Code, Name: j.Name, Weight: d.num(at+".weight", j.Weight), Pos: indicators.Pos{File: d.file}}
		n := &scoring.Node{Indicator: in, Score: d.num(at+".score", j.Score), NotApplicable: j.NotApplicable}
		n.Children = d.nodes(at+".children", j.Children, p)
		for _, c := range n.Children {
			in.Children = append(in.Children, c.Indicator)
			n.Excluded = n.Excluded.Add(c.Excluded)
		}
		if len(n.Children) == 0 {
			if j.Rule == nil || !slices.Contains(indicators.RuleTypes, indicators.RuleType(*j.Rule)) {
				d.fail(at+".rule", lang.T("missing or not a rule"))
			} else {
				in.Rule = &indicators.Rule{Type: indicators.RuleType(*j.Rule)}
			}
			if j.NotApplicable {
				n.Excluded = in.Weight
			}
		}
		n.Target, n.Actual = value(j.Target), value(j.Actual)
		n.Note, n.Claimed, n.Analysis = j.Note, d.nullNum(at+".claimed", j.Claimed), j.Analysis
		n.Ratio = d.nullNum(at+".ratio", j.Ratio)
		if j.Unscored != "" {
			n.Unscored = &indicators.Error{Msg: j.Unscored}
		}
		for _, part := range j.Breakdown {
			n.Parts = append(n.Parts, scoring.Part{Name: part.Name, Target: value(part.Target), Actual: value(part.Actual)})
		}
		for k, ded := range j.Deductions {
			n.Deductions = append(n.Deductions, scoring.Deduction{Code: j.Code, Points: d.num(fmt.Sprintf("%s.deductions[%d].points", at, k), ded.Points),
				Reason: ded.Reason, Pos: indicators.Pos{File: ded.Source}})
		}
		n.Trace = scoring.Trace{Calc: d.calc(at+".calc", j.Calc), Deductions: n.Deductions, Value: n.Score, Score: n.Score, Precision: p, Rounding: indicators.HalfUp}
		if j.Precision != nil {
			if *j.Precision < 0 || *j.Precision > indicators.MaxPrecision {
				d.fail(at+".precision", lang.Sprintf("%d is not from 0 to %d", *j.Precision, indicators.MaxPrecision))
			} else {
				n.Trace.Precision = *j.Precision
			}
		}
		if j.Rounding != "" {
			if r := indicators.Rounding(j.Rounding); slices.Contains(indicators.Roundings, r) {
				n.Trace.Rounding = r
			} else {
				d.fail(at+".rounding", lang.Sprintf("%q is not a rounding", j.Rounding))
			}
		}
		if len(n.Children) > 0 {
			for _, c := range n.Children {
				n.Trace.Parts = append(n.Trace.Parts, c.Score)
			}
		} else {
			n.Trace.Value = n.Trace.Calc.Value
			for _, ded := range n.Deductions {
				n.Trace.Value = n.Trace.Value.Sub(ded.Points)
			}
		}
		if in.Rule != nil && in.Rule.Type == indicators.Execution && n.Ratio.Valid {
			n.Execution = &scoring.ExecutionBasis{Rate: n.Ratio.Decimal, Budget: n.Trace.Calc.Den.Value, Executed: n.Trace.Calc.Num.Value}
		}
		out = append(out, n)
	}
	return out
}

// value reads a target or actual back as the grammar reads it.
func value(s *string) *indicators.Value {
	if s == nil {
		return nil
	}
	v, err := indicators.ParseValue(*s)
	if err != nil || v.Written == "" {
		v = indicators.Value{Written: *s}
	}
	return &v
}

func (d *decoder) calc(key string, c *Calc) scoring.Calc {
	if c == nil {
		d.fail(key, lang.T("missing"))
		return scoring.Calc{}
	}
	op := func(k string, o *Operand) scoring.Operand {
		if o == nil {
			return scoring.Operand{}
		}
		return scoring.Operand{Value: d.num(key+"."+k+".value", o.Value), Shown: o.Shown}
	}
	return scoring.Calc{
		Kind: scoring.CalcKind(c.Kind), Weight: d.optNum(key+".weight", c.Weight), Num: op("num", c.Num), Den: op("den", c.Den),
		Cmp: c.Cmp, Word: c.Word, Ratio: d.optNum(key+".ratio", c.Ratio), From: d.optNum(key+".from", c.From),
		Fraction: d.optNum(key+".fraction", c.Fraction), Reason: scoring.CalcKind(c.Reason), Excluded: d.optNum(key+".excluded", c.Excluded),
		Value: d.num(key+".value", c.Value),
	}
}

func (d *decoder) execution(j *Execution) *scoring.Execution {
	lines := make([]scoring.Line, len(j.Lines))
	for i, l := range j.Lines {
		at := fmt.Sprintf("execution.lines[%d]", i)
		lines[i] = scoring.Line{Code: l.Line, Name: l.Name, Budget: decimal.NewNullDecimal(d.num(at+".budget", l.Budget)),
			Paid: d.nullNum(at+".paid", l.Paid), Recovered: d.nullNum(at+".recovered", l.Recovered), Initial: d.nullNum(at+".initial", l.Initial)}
	}
	e := &scoring.Execution{
		Lines: d.lines("execution.lines", lines, false), Budget: d.num("execution.budget", j.Budget), Paid: d.num("execution.paid", j.Paid),
		Recovered: d.num("execution.recovered", j.Recovered), Executed: d.num("execution.executed", j.Executed),
		Rate: d.num("execution.rate", j.Rate), Progress: d.num("execution.progress", j.Progress),
		Thresholds: scoring.Thresholds{Red: d.num("execution.red", j.Red), Yellow: d.num("execution.yellow", j.Yellow)},
		Initial:    d.nullNum("execution.initial", j.Initial),
	}
	if j.AsOf != nil {
		t, err := time.Parse("2006-01-02", *j.AsOf)
		if err != nil {
			d.fail("execution.as_of", lang.Sprintf("%q is not a date (YYYY-MM-DD)", *j.AsOf))
		}
		e.AsOf, e.Warning = t, j.Warning
		e.Schedule, e.Gap = d.optNum("execution.schedule", j.Schedule), d.optNum("execution.gap", j.Gap)
		if j.Months != nil {
			e.Months = *j.Months
		}
	}
	return e
}

// lines rebuilds a line tree from the lines a result lists, parents with
// their figures as resolved.
func (d *decoder) lines(key string, lines []scoring.Line, spending bool) *scoring.LineTree {
	t, err := scoring.ResolveLines(key, lines, spending)
	if err != nil {
		d.fail(key, err.Error())
		return &scoring.LineTree{}
	}
	return t
}
