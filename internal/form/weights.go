package form

import (
	"bytes"
	"cmp"
	"io"
	"slices"
	"strings"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/shopspring/decimal"
	"go.yaml.in/yaml/v3"
)

// RiskWeights are what each finding adds to a form's risk when forms are
// screened (SPEC §10): by severity, and by kind where a kind is given,
// which then wins over its severity.
type RiskWeights struct {
	Severity map[string]decimal.Decimal
	Kind     map[string]decimal.Decimal
}

// DefaultWeights are SPEC §10's: error 10, warning 3, note 1, info 0.
func DefaultWeights() RiskWeights {
	return RiskWeights{Severity: map[string]decimal.Decimal{
		Error: decimal.NewFromInt(10), Warning: decimal.NewFromInt(3), Note: decimal.NewFromInt(1), Info: decimal.Zero,
	}, Kind: map[string]decimal.Decimal{}}
}

// Severities and Kinds are every severity and kind of finding, for
// validating weights and for help.
var (
	Severities = []string{Error, Warning, Note, Info}
	Kinds      = []string{ScoreAboveRule, ScoreOverWeight, ScoreBelowRule, RateMismatch, TotalMismatch, Weights, GradeMismatch,
		Unreadable, FundsMismatch, DuplicateTotal, BarePercent,
		MissedWithoutReason, LowExecutionWithoutReason, AllFullMarks, ExecutionVsOutputs, Ceiling, ReusedText}
)

// maxWeight bounds a weight, so that a risk stays a figure a person reads.
var maxWeight = decimal.NewFromInt(1_000_000)

// Of is the weight of a finding.
func (w RiskWeights) Of(f Finding) decimal.Decimal {
	if v, ok := w.Kind[f.Kind]; ok {
		return v
	}
	return w.Severity[f.Severity]
}

// Rate sets a check's Risk: the sum of its findings' weights.
func (w RiskWeights) Rate(c *Checked) {
	risk := decimal.Zero
	for _, f := range c.Findings {
		risk = risk.Add(w.Of(f))
	}
	c.Risk = decimal.NewNullDecimal(risk)
}

// ParseWeights reads a weights file (name is how errors call it): a
// mapping of severities and kinds to non-negative numbers, flat
// (`warning: 5`, `reused_text: 2`) or under `severity:` and `kind:`.
// Those not given keep their default. Every mistake is reported, at its
// line and column.
func ParseWeights(name string, data []byte) (RiskWeights, error) {
	w := DefaultWeights()
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil && err != io.EOF {
		return w, indicators.YAMLError(name, data, err)
	}
	var errs diag.Errors
	at := func(n *yaml.Node) diag.Pos { return diag.Pos{File: name, Line: n.Line, Col: n.Column} }
	if len(doc.Content) == 0 {
		return w, nil // an empty file: the defaults
	}
	var mapping func(n *yaml.Node, only string)
	mapping = func(n *yaml.Node, only string) {
		if n.Kind != yaml.MappingNode {
			errs.Addf(at(n), "the weights must be a mapping of severities and kinds to numbers")
			return
		}
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if seen[k.Value] {
				errs.Addf(at(k), "the key %q is given twice", k.Value)
				continue
			}
			seen[k.Value] = true
			if only == "" && (k.Value == "severity" || k.Value == "kind") {
				mapping(v, k.Value)
				continue
			}
			var into map[string]decimal.Decimal
			switch {
			case only != "kind" && slices.Contains(Severities, k.Value):
				into = w.Severity
			case only != "severity" && slices.Contains(Kinds, k.Value):
				into = w.Kind
			default:
				errs.Add(&diag.Error{Pos: at(k), Msg: lang.Sprintf("%q is neither a severity nor a kind of finding", k.Value),
					Hint: lang.Sprintf("severities: %s; kinds: see perfeval check --help", strings.Join(Severities, ", "))})
				continue
			}
			d, err := decimal.NewFromString(v.Value)
			if v.Kind != yaml.ScalarNode || err != nil || len(v.Value) > 32 {
				errs.Addf(at(v), "the weight of %s must be a number, not %q", k.Value, v.Value)
				continue
			}
			if d.IsNegative() || d.GreaterThan(maxWeight) {
				errs.Addf(at(v), "the weight of %s must be from 0 to %s, not %s", k.Value, maxWeight, v.Value)
				continue
			}
			into[k.Value] = d
		}
	}
	mapping(doc.Content[0], "")
	return w, errs.Err()
}

// Rank orders screened checks for a visit: the highest risk first, ties
// by file name. Checks that are nil (files that could not be read) are
// left out.
func Rank(checks []*Checked) []*Checked {
	var out []*Checked
	for _, c := range checks {
		if c != nil {
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(a, b *Checked) int {
		return cmp.Or(b.Risk.Decimal.Cmp(a.Risk.Decimal), cmp.Compare(a.File, b.File))
	})
	return out
}
