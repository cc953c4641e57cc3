package resultjson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime/debug"
	"slices"
	"strconv"
	"time"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/diff"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/scoring"
	"github.com/shopspring/decimal"
)

// IsJSON reports whether data looks like a JSON document (rather than a
// workbook), after an optional byte-order mark and white space.
func IsJSON(data []byte) bool {
	return bytes.HasPrefix(bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n"), []byte("{"))
}

// Decode reads a result JSON written by Encode back into what a
// comparison reads of the result it encodes, without loss (places are
// kept as written). The whole document is checked, as strictly as when
// it was read back into a scoring.Result: a missing or unreadable figure,
// a leaf without a rule, a code used twice or fund lines that do not add
// up is an error naming the file and the key (2023.json:
// indicators[2].score), never a zero.
func Decode(file string, data []byte) (*diff.Result, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	// A JSON at the 256 MiB cap leaves about as much garbage as it holds:
	// collect it sooner than GOGC would, so that the peak stays under 1 GiB.
	if prev := debug.SetMemoryLimit(-1); prev > decodeMemory {
		debug.SetMemoryLimit(decodeMemory)
		defer debug.SetMemoryLimit(prev)
	}
	if err := strict(file, data); err != nil {
		return nil, err
	}
	var j Result
	if err := json.Unmarshal(data, &j); err != nil {
		return nil, diag.Errorf(diag.Pos{File: file}, "not a perfeval result JSON: %v", err)
	}
	if j.Tool != "perfeval" {
		return nil, &diag.Error{Pos: diag.Pos{File: file}, Msg: lang.T("not a perfeval result"), Hint: lang.T("write one with perfeval score --format json")}
	}
	d := &decoder{file: file}
	r := &diff.Result{Project: d.project(j.Project)}
	if len(j.Warnings) > 0 {
		r.Warnings = j.Warnings
	}
	r.Precision = d.precision("precision", j.Precision)
	r.Total = d.num("total", j.Total)
	r.Weight = d.num("weight", j.Weight)
	excluded := d.num("excluded_weight", j.Excluded)
	r.Grade = j.Grade
	if len(j.Indicators) == 0 {
		d.fail("indicators", lang.T("missing or empty"))
	}
	r.Indicators = d.nodes("indicators", j.Indicators, 1)
	d.calc("total_calc", j.TotalCalc)
	d.codes(r.Indicators, map[string]bool{})
	d.sums(r, j.Indicators, r.Precision, excluded)
	if j.Execution != nil {
		d.execution(j.Execution)
	}
	if len(j.Items) > 0 {
		lines := make([]scoring.Line, len(j.Items))
		for i, l := range j.Items {
			at := fmt.Sprintf("items[%d]", i)
			lines[i] = scoring.Line{Code: l.Line, Name: l.Name, Budget: decimal.NewNullDecimal(d.num(at+".budget", l.Budget)), Paid: d.nullNum(at+".actual", l.Actual)}
		}
		d.lines("items", lines, true)
	}
	for i, o := range j.Overspent {
		at := fmt.Sprintf("overspent[%d].", i)
		d.num(at+"budget", o.Budget)
		d.num(at+"actual", o.Actual)
		d.num(at+"over", o.Over)
		d.num(at+"ratio", o.Ratio)
		d.num(at+"excess", o.Excess)
	}
	for i, m := range j.Mismatches {
		at := fmt.Sprintf("mismatches[%d]", i)
		d.num(at+".stated", m.Stated)
		d.num(at+".sum", m.Sum)
	}
	if err := d.errs.Err(); err != nil {
		return nil, err
	}
	return r, nil
}

// decodeMemory is the soft memory limit while a result JSON is decoded.
const decodeMemory = 768 << 20

type decoder struct {
	file string
	errs diag.Errors
}

func (d *decoder) fail(key, msg string) {
	d.errs.Addf(diag.Pos{File: d.file}, "%s: %s", key, msg)
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

func (d *decoder) nodes(key string, list []Indicator, level int) []*diff.Node {
	out := make([]*diff.Node, 0, len(list))
	for i, j := range list {
		at := key + "[" + strconv.Itoa(i) + "]"
		if j.Code == "" {
			d.fail(at+".code", lang.T("missing"))
		}
		n := &diff.Node{Code: j.Code, Name: j.Name, Level: level, Weight: d.num(at+".weight", j.Weight), Score: d.num(at+".score", j.Score),
			Target: j.Target, Actual: j.Actual, NotApplicable: j.NotApplicable}
		n.Children = d.nodes(at+".children", j.Children, level+1)
		if n.IsLeaf() {
			if j.Rule == nil || !slices.Contains(indicators.RuleTypes, indicators.RuleType(*j.Rule)) {
				d.fail(at+".rule", lang.T("missing or not a rule"))
			} else {
				n.Rule = *j.Rule
			}
		}
		d.nullNum(at+".claimed", j.Claimed)
		d.nullNum(at+".ratio", j.Ratio)
		for k, ded := range j.Deductions {
			n.Deductions = append(n.Deductions, diff.Deduction{Points: d.num(fmt.Sprintf("%s.deductions[%d].points", at, k), ded.Points),
				Reason: ded.Reason, Place: ded.Source})
		}
		calc := d.calc(at+".calc", j.Calc)
		if n.ExecutionRule() {
			n.Executed, n.Budget = calc.Num.Shown, calc.Den.Shown
		}
		if j.Precision != nil {
			d.precision(at+".precision", j.Precision)
		}
		if j.Rounding != "" && !slices.Contains(indicators.Roundings, indicators.Rounding(j.Rounding)) {
			d.fail(at+".rounding", lang.Sprintf("%q is not a rounding", j.Rounding))
		}
		out = append(out, n)
	}
	return out
}

// precision reads a number of decimals, which must be one a framework may
// give.
func (d *decoder) precision(key string, p *int32) int32 {
	switch {
	case p == nil:
		d.fail(key, lang.T("missing"))
	case *p < 0 || *p > indicators.MaxPrecision:
		d.fail(key, lang.Sprintf("%d is not from 0 to %d", *p, indicators.MaxPrecision))
	default:
		return *p
	}
	return 0
}

// codes checks that no two indicators share a code, parents first, as a
// framework is checked.
func (d *decoder) codes(list []*diff.Node, seen map[string]bool) {
	for _, n := range list {
		if seen[n.Code] {
			at := diag.Pos{File: d.file}
			d.errs.Addf(at, "duplicate code %q (first at %s)", n.Code, at)
		}
		seen[n.Code] = true
		d.codes(n.Children, seen)
	}
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

// execution checks an execution's figures and its fund lines.
func (d *decoder) execution(j *Execution) {
	lines := make([]scoring.Line, len(j.Lines))
	for i, l := range j.Lines {
		at := fmt.Sprintf("execution.lines[%d]", i)
		lines[i] = scoring.Line{Code: l.Line, Name: l.Name, Budget: decimal.NewNullDecimal(d.num(at+".budget", l.Budget)),
			Paid: d.nullNum(at+".paid", l.Paid), Recovered: d.nullNum(at+".recovered", l.Recovered), Initial: d.nullNum(at+".initial", l.Initial)}
	}
	d.lines("execution.lines", lines, false)
	d.num("execution.budget", j.Budget)
	d.num("execution.paid", j.Paid)
	d.num("execution.recovered", j.Recovered)
	d.num("execution.executed", j.Executed)
	d.num("execution.rate", j.Rate)
	d.num("execution.progress", j.Progress)
	d.num("execution.red", j.Red)
	d.num("execution.yellow", j.Yellow)
	d.nullNum("execution.initial", j.Initial)
	if j.AsOf != nil {
		d.date("execution.as_of", j.AsOf)
		d.nullNum("execution.schedule", j.Schedule)
		d.nullNum("execution.gap", j.Gap)
	}
}

// lines checks that the lines a result lists make a line tree: no amount
// negative, no code used twice, every stated total adding up.
func (d *decoder) lines(key string, lines []scoring.Line, spending bool) {
	if _, err := scoring.ResolveLines(key, lines, spending); err != nil {
		d.fail(key, err.Error())
	}
}
