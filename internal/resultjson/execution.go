package resultjson

import (
	"encoding/json"

	"github.com/perfeval/perfeval/scoring"
)

// ExecutionCheck is the JSON of `perfeval execution`.
type ExecutionCheck struct {
	Project Project `json:"project"`
	Execution
	Overspent  []Overspend     `json:"overspent"`
	Mismatches []Mismatch      `json:"mismatches"`
	Deductions []RuleExecution `json:"deductions"`
	Warnings   []string        `json:"warnings"`
}

type RuleExecution struct {
	Code      string      `json:"code"`
	Name      string      `json:"name"`
	Weight    json.Number `json:"weight"`
	Lines     []string    `json:"lines"`
	Recovered string      `json:"recovered"`
	Budget    json.Number `json:"budget"`
	Executed  json.Number `json:"executed"`
	Rate      json.Number `json:"rate"`
	Score     json.Number `json:"score"`
	Deducted  json.Number `json:"deducted"`
	Trace     string      `json:"trace"`
}

// EncodeExecution is the JSON value of an execution check, its traces
// written by trace.
func EncodeExecution(r *scoring.Result, trace Tracer) ExecutionCheck {
	out := ExecutionCheck{
		Project: encodeProject(r.Project), Execution: *encodeExecution(r.Execution),
		Overspent: encodeOverspent(r.Overspent), Mismatches: encodeMismatches(r.Mismatches),
		Deductions: []RuleExecution{}, Warnings: warnings(r),
	}
	for _, n := range r.ExecutionRules {
		b := n.Execution
		lines := b.Lines
		if lines == nil {
			lines = []string{}
		}
		score := n.RuleScore()
		out.Deductions = append(out.Deductions, RuleExecution{
			Code: n.Indicator.Code, Name: n.Indicator.Name, Weight: plain(n.Indicator.Weight), Lines: lines,
			Recovered: n.Indicator.Rule.Recovered, Budget: money(b.Budget), Executed: money(b.Executed),
			Rate: rate(b.Rate), Score: fixed(score, r.Precision), Deducted: fixed(n.Indicator.Weight.Sub(score), r.Precision),
			Trace: trace(n.Trace.Undeducted()),
		})
	}
	return out
}
