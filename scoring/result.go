package scoring

import (
	"time"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/diag"
	"github.com/shopspring/decimal"
)

// A Result is a scored project-year: every indicator with its score and
// trace, the total and grade, and the money figures. Renderers only read it.
type Result struct {
	Framework *indicators.Framework
	Project   Project

	Total      decimal.Decimal // rounded to Precision, rescaled for 不适用
	Weight     decimal.Decimal // the framework's full weight W
	Excluded   decimal.Decimal // weight of 不适用 leaves taken out
	Grade      string
	TotalTrace Trace
	Precision  int32 // decimals scores are shown with: the most any indicator has (2 without a framework)

	Indicators []*Node // the top level; none for an execution check alone
	Execution  *Execution
	Items      *LineTree // 支出明细; nil when the sheet is absent
	Overspent  []Overspend
	Mismatches []Mismatch
	// ExecutionRules are the leaves scored by the execution rule, in the
	// framework's order: in the tree after Score, on their own (before any
	// 扣分) after CheckExecution.
	ExecutionRules []*Node

	// Narrative is the evaluator's prose (报告正文), in the order written.
	Narrative []Paragraph

	Inputs   []File
	Warnings []diag.Warning
}

// A Node is a scored indicator.
type Node struct {
	Indicator *indicators.Indicator
	Score     decimal.Decimal // rounded; a parent's is the sum of its children's
	Excluded  decimal.Decimal // weight of 不适用 leaves at or under this node

	// Ratio is the completion rate (完成率) the rule used: actual ÷ target,
	// or target ÷ actual for an "at most" target; the execution rate for
	// the execution rule. Invalid where the rule uses none.
	Ratio decimal.NullDecimal

	Target, Actual *indicators.Value   // leaves with a 绩效目标 row
	Note           string              // the row's 备注 / 偏差原因: the deviation reason
	Claimed        decimal.NullDecimal // the row's 自评得分: the score the unit wrote down
	ClaimedPos     diag.Pos            // where it is written
	Execution      *ExecutionBasis     // leaves scored by the execution rule
	Deductions     []Deduction
	Parts          []Part // a form's breakdown rows (其中…)
	// Unscored says why an inferred rule (Rule.Inferred) could not score
	// the leaf, which was reviewed instead; nil when it could.
	Unscored      *diag.Error
	Analysis      []string // the evaluator's analysis (指标说明), a paragraph each
	Trace         Trace
	NotApplicable bool
	Children      []*Node
}

// Rate is the 得分率: score ÷ the weight left after 不适用 exclusions.
// It is zero for a node that is wholly not applicable.
func (n *Node) Rate() decimal.Decimal {
	w := n.Indicator.Weight.Sub(n.Excluded)
	if !w.IsPositive() {
		return decimal.Zero
	}
	return indicators.Quo(n.Score, w)
}

// RuleScore is what the rule gave before any 扣分, rounded as the
// indicator rounds: the points a rule such as execution takes off are
// Weight − RuleScore.
func (n *Node) RuleScore() decimal.Decimal { return n.Trace.Undeducted().Score }

// Lost is every point the node did not get: its weight (less any 不适用
// weight) minus its score, whether a rule or a 扣分 took it.
func (n *Node) Lost() decimal.Decimal {
	return n.Indicator.Weight.Sub(n.Excluded).Sub(n.Score)
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

// Agrees reports whether a printed figure agrees with the rule's (a
// score, as the indicator rounds it): it equals the rule's figure rounded
// half-up to the decimals it is printed with. A form that prints 9 for 8.62 agrees; one that prints 9 for 9.8
// does not.
func Agrees(printed, rule decimal.Decimal) bool {
	places := max(0, -printed.Exponent())
	return indicators.HalfUp.Round(rule, places).Equal(printed)
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
// level, with recovered funds counted as executed; and, at an as-of date,
// spending progress against the time schedule (序时进度).
type Execution struct {
	Lines     *LineTree
	Budget    decimal.Decimal     // 预算数: the full-year budget rates use
	Initial   decimal.NullDecimal // 年初预算数, when every top-level line gives it
	Paid      decimal.Decimal
	Recovered decimal.Decimal
	Executed  decimal.Decimal // paid + recovered
	Rate      decimal.Decimal // executed ÷ budget, unrounded
	Progress  decimal.Decimal // paid ÷ budget, unrounded: the spending progress

	AsOf       time.Time       // the date of the schedule; zero when none is known
	Months     int             // months completed at AsOf
	Schedule   decimal.Decimal // Months ÷ 12
	Gap        decimal.Decimal // Schedule − Progress
	Warning    string          // 红, 黄 or 绿
	Thresholds Thresholds      // what set Warning
}

// HasSchedule reports whether the time schedule is known (an as-of date was given).
func (e *Execution) HasSchedule() bool { return !e.AsOf.IsZero() }

// An Overspend is a 支出明细 item whose actual exceeds its budget.
type Overspend struct {
	Line   *LineNode
	Over   decimal.Decimal // actual − budget
	Ratio  decimal.Decimal // actual ÷ budget
	Excess decimal.Decimal // over ÷ budget
}
