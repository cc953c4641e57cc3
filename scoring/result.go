package scoring

import (
	"github.com/perfeval/perfeval/indicators"
	"github.com/shopspring/decimal"
)

// A Result is a scored project-year: every indicator with its score and
// trace, the total and grade, and the money figures. Renderers only read it.
type Result struct {
	Framework *indicators.Framework
	Project   Project

	Total      decimal.Decimal // rounded to the framework's precision, rescaled for 不适用
	Weight     decimal.Decimal // the framework's full weight W
	Excluded   decimal.Decimal // weight of 不适用 leaves taken out
	Grade      string
	TotalTrace string

	Indicators []*Node // the top level
	Execution  *Execution
	Items      *LineTree // 支出明细; nil when the sheet is absent
	Overspent  []Overspend
	Mismatches []Mismatch

	Inputs   []File
	Warnings []indicators.Warning
}

// A Node is a scored indicator.
type Node struct {
	Indicator *indicators.Indicator
	Score     decimal.Decimal // rounded; a parent's is the sum of its children's
	Raw       decimal.Decimal // leaves: the rule's score before deductions, unrounded
	Excluded  decimal.Decimal // weight of 不适用 leaves at or under this node

	// Ratio is the completion rate (完成率) the rule used: actual ÷ target,
	// or target ÷ actual for an "at most" target; the execution rate for
	// the execution rule. Invalid where the rule uses none.
	Ratio decimal.NullDecimal

	Target, Actual *indicators.Value // leaves with a 绩效目标 row
	Execution      *ExecutionBasis   // leaves scored by the execution rule
	Deductions     []Deduction
	Trace          string
	NotApplicable  bool
	Children       []*Node
}

// Rate is the 得分率: score ÷ the weight left after 不适用 exclusions.
// It is zero for a node that is wholly not applicable.
func (n *Node) Rate() decimal.Decimal {
	w := n.Indicator.Weight.Sub(n.Excluded)
	if !w.IsPositive() {
		return decimal.Zero
	}
	return n.Score.Div(w)
}

// Deducted is the sum of the node's own deductions (leaves) or of its
// descendants' (parents).
func (n *Node) Deducted() decimal.Decimal {
	sum := decimal.Zero
	for _, d := range n.Deductions {
		sum = sum.Add(d.Points)
	}
	for _, c := range n.Children {
		sum = sum.Add(c.Deducted())
	}
	return sum
}

// Walk calls fn on every node, parents first.
func (r *Result) Walk(fn func(*Node)) {
	var walk func([]*Node)
	walk = func(list []*Node) {
		for _, n := range list {
			fn(n)
			walk(n.Children)
		}
	}
	walk(r.Indicators)
}

// Node returns the scored indicator with the given code.
func (r *Result) Node(code string) (*Node, bool) {
	var found *Node
	r.Walk(func(n *Node) {
		if n.Indicator.Code == code {
			found = n
		}
	})
	return found, found != nil
}

// Execution sums the 预算执行 sheet: every line, and the total of the top
// level, with recovered funds counted as executed.
type Execution struct {
	Lines     *LineTree
	Budget    decimal.Decimal
	Paid      decimal.Decimal
	Recovered decimal.Decimal
	Executed  decimal.Decimal // paid + recovered
	Rate      decimal.Decimal // executed ÷ budget, unrounded
	Progress  decimal.Decimal // paid ÷ budget, unrounded: the spending progress
}

// An Overspend is a 支出明细 item whose actual exceeds its budget.
type Overspend struct {
	Line   *LineNode
	Over   decimal.Decimal // actual − budget
	Ratio  decimal.Decimal // actual ÷ budget
	Excess decimal.Decimal // over ÷ budget
}
