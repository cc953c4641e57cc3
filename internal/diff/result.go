package diff

import (
	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/scoring"
	"github.com/shopspring/decimal"
)

// A Result is what a comparison reads of one scored result: the project,
// its total and grade, and each indicator with what it scored and why. A
// scored result (FromResult) and a saved result JSON (resultjson.Decode)
// both turn into one without loss, so that comparing workbooks and
// comparing saved results compare the same values.
type Result struct {
	Project    scoring.Project
	Total      decimal.Decimal
	Weight     decimal.Decimal // the framework's total weight
	Grade      string
	Precision  int32 // the decimals of its scores
	Indicators []*Node
	Warnings   []string // each as printed: its place, then its message
}

// A Node is one indicator of a Result, with its children.
type Node struct {
	Code          string
	Name          string
	Level         int // 1 at the top
	Weight        decimal.Decimal
	Score         decimal.Decimal
	Rule          string  // a leaf's rule; "" for a parent
	Target        *string // as written; nil where none is given
	Actual        *string
	NotApplicable bool
	Deductions    []Deduction
	// Executed and Budget are an execution-rule leaf's 执行数 and 预算数 as
	// its calculation shows them; "" for any other indicator.
	Executed, Budget string
	Children         []*Node
}

// A Deduction is points taken off a leaf (扣分), with its reason and the
// place it was written.
type Deduction struct {
	Points decimal.Decimal
	Reason string
	Place  string // 2024.xlsx!扣分!A2
}

// IsLeaf reports whether the indicator is scored by its rule rather than
// by its children.
func (n *Node) IsLeaf() bool { return len(n.Children) == 0 }

// FromResult is what a comparison reads of a scored result.
func FromResult(r *scoring.Result) *Result {
	out := &Result{Project: r.Project, Total: r.Total, Weight: r.Weight, Grade: r.Grade, Precision: r.Precision,
		Indicators: fromNodes(r.Indicators)}
	for _, w := range r.Warnings {
		out.Warnings = append(out.Warnings, w.String())
	}
	return out
}

func fromNodes(list []*scoring.Node) []*Node {
	out := make([]*Node, 0, len(list))
	for _, n := range list {
		in := n.Indicator
		c := &Node{Code: in.Code, Name: in.Name, Level: in.Level, Weight: in.Weight, Score: n.Score,
			Target: written(n.Target), Actual: written(n.Actual), NotApplicable: n.NotApplicable, Children: fromNodes(n.Children)}
		if c.IsLeaf() && in.Rule != nil {
			c.Rule = string(in.Rule.Type)
		}
		if c.ExecutionRule() {
			c.Executed, c.Budget = n.Trace.Calc.Num.Shown, n.Trace.Calc.Den.Shown
		}
		for _, d := range n.Deductions {
			c.Deductions = append(c.Deductions, Deduction{Points: d.Points, Reason: d.Reason, Place: d.Pos.String()})
		}
		out = append(out, c)
	}
	return out
}

// ExecutionRule reports whether a leaf is scored by the execution rule,
// whose figures are the 预算执行 sheet's rather than a target and an actual.
func (n *Node) ExecutionRule() bool {
	return n.IsLeaf() && n.Rule == string(indicators.Execution)
}

func written(v *indicators.Value) *string {
	if v == nil {
		return nil
	}
	s := v.Written
	return &s
}
