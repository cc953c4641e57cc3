package scoring

import (
	"fmt"
	"strings"

	"github.com/perfeval/perfeval/indicators"
	"github.com/shopspring/decimal"
)

// A LineNode is a fund line or spending item placed in its hierarchy, with
// blank parent figures filled in from its children.
type LineNode struct {
	Line      Line // as read
	Code      string
	Name      string
	Budget    decimal.Decimal
	Paid      decimal.Decimal // 实际支出
	Recovered decimal.Decimal // 财政收回 (fund lines only)
	PaidKnown bool            // false for a spending item whose actual was not given
	paidGiven bool            // written, or the sum of children that all have theirs written
	Depth     int             // 0 for a top-level line
	Parent    *LineNode
	Children  []*LineNode
}

// Executed is what counts as executed: paid, plus recovered when the
// execution rule counts it (recovered: executed, the default).
func (n *LineNode) Executed(countRecovered bool) decimal.Decimal {
	if countRecovered {
		return n.Paid.Add(n.Recovered)
	}
	return n.Paid
}

// A Mismatch is a subtotal that does not add up: a parent line whose stated
// figure differs from the sum of its children's.
type Mismatch struct {
	Sheet  string // 预算执行 or 支出明细
	Code   string
	Name   string
	Column string // 预算数, 实际支出, 财政收回
	Stated decimal.Decimal
	Sum    decimal.Decimal
	Pos    indicators.Pos
}

// Warning words the mismatch for the warnings list.
func (m Mismatch) Warning() indicators.Warning {
	return indicators.Warning{Pos: m.Pos, Msg: fmt.Sprintf("line %s %s: stated %s, but its lines add up to %s", m.Code, m.Column, m.Stated, m.Sum)}
}

// A LineTree is a sheet's lines in order, with their hierarchy.
type LineTree struct {
	All        []*LineNode // in sheet order
	Roots      []*LineNode
	Mismatches []Mismatch
	byCode     map[string]*LineNode
}

// Lookup returns the line with the given code.
func (t *LineTree) Lookup(code string) (*LineNode, bool) {
	n, ok := t.byCode[code]
	return n, ok
}

// Total sums the top-level lines.
func (t *LineTree) Total() (budget, paid, recovered decimal.Decimal) {
	return sumLines(t.Roots)
}

func sumLines(list []*LineNode) (budget, paid, recovered decimal.Decimal) {
	for _, n := range list {
		budget = budget.Add(n.Budget)
		paid = paid.Add(n.Paid)
		recovered = recovered.Add(n.Recovered)
	}
	return budget, paid, recovered
}

// parentCode returns the code one level up: 1.1.2 → 1.1; "" at the top.
func parentCode(code string) string {
	if i := strings.LastIndexByte(code, '.'); i > 0 {
		return code[:i]
	}
	return ""
}

// ResolveLines places lines in their hierarchy (1.1 under 1, or under the
// nearest listed ancestor), fills a parent's blank figures with its
// children's sums and records every subtotal that does not add up. sheet
// names the sheet in mismatches. spending is true for 支出明细, whose blank
// actuals stay unknown rather than zero.
func ResolveLines(sheet string, lines []Line, spending bool) (*LineTree, error) {
	var errs indicators.Errors
	t := &LineTree{byCode: map[string]*LineNode{}}
	for _, l := range lines {
		if prev, dup := t.byCode[l.Code]; dup {
			errs.Addf(l.Pos, "line code %q is used twice (first at %s)", l.Code, prev.Line.Pos.String())
			continue
		}
		for _, a := range []struct {
			v   decimal.NullDecimal
			pos indicators.Pos
		}{{l.Budget, l.BudgetPos}, {l.Paid, l.PaidPos}, {l.Recovered, l.RecoveredPos}} {
			if a.v.Valid && a.v.Decimal.IsNegative() {
				errs.Addf(a.pos, "line %s: negative amount %s", l.Code, a.v.Decimal)
			}
		}
		n := &LineNode{Line: l, Code: l.Code, Name: l.Name}
		t.byCode[l.Code] = n
		t.All = append(t.All, n)
	}
	for _, n := range t.All {
		for p := parentCode(n.Code); p != ""; p = parentCode(p) {
			if parent, ok := t.byCode[p]; ok {
				n.Parent = parent
				parent.Children = append(parent.Children, n)
				break
			}
		}
		if n.Parent == nil {
			t.Roots = append(t.Roots, n)
		}
	}
	var resolve func(n *LineNode, depth int)
	resolve = func(n *LineNode, depth int) {
		n.Depth = depth
		l := n.Line
		if len(n.Children) == 0 {
			if !l.Budget.Valid && !l.Invalid {
				errs.Addf(l.BudgetPos, "line %s has no budget (预算数)", l.Code)
			}
			n.Budget = l.Budget.Decimal
			n.Paid, n.PaidKnown, n.paidGiven = l.Paid.Decimal, l.Paid.Valid || !spending, l.Paid.Valid
			n.Recovered = l.Recovered.Decimal
			spent := n.Paid.Add(n.Recovered)
			if l.Budget.Valid && n.Budget.IsZero() && spent.IsPositive() {
				errs.Addf(l.BudgetPos, "line %s: a budget of 0 with spending of %s", l.Code, spent)
			}
			return
		}
		budget, paid, recovered := decimal.Zero, decimal.Zero, decimal.Zero
		known, given := true, true
		for _, c := range n.Children {
			resolve(c, depth+1)
			budget, paid, recovered = budget.Add(c.Budget), paid.Add(c.Paid), recovered.Add(c.Recovered)
			known = known && c.PaidKnown
			given = given && c.paidGiven
		}
		pick := func(stated decimal.NullDecimal, sum decimal.Decimal, column string, pos indicators.Pos, sumKnown bool) decimal.Decimal {
			if !stated.Valid {
				return sum
			}
			if sumKnown && !stated.Decimal.Equal(sum) {
				t.Mismatches = append(t.Mismatches, Mismatch{Sheet: sheet, Code: n.Code, Name: n.Name, Column: column, Stated: stated.Decimal, Sum: sum, Pos: pos})
			}
			return stated.Decimal
		}
		n.Budget = pick(l.Budget, budget, "预算数", l.BudgetPos, true)
		// A parent's paid is checked only against children that all state
		// theirs: a total paid written on the parent alone is no mismatch.
		n.Paid = pick(l.Paid, paid, "实际支出", l.PaidPos, known && given)
		n.PaidKnown = l.Paid.Valid || known
		n.paidGiven = l.Paid.Valid || given
		n.Recovered = pick(l.Recovered, recovered, "财政收回", l.RecoveredPos, true)
		if spent := n.Paid.Add(n.Recovered); n.Budget.IsZero() && spent.IsPositive() {
			errs.Addf(l.BudgetPos, "line %s: a budget of 0 with spending of %s", l.Code, spent)
		}
	}
	for _, r := range t.Roots {
		resolve(r, 0)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return t, nil
}
