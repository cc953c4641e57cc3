package scoring

import (
	"strings"

	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/lang"
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
	Initial   decimal.Decimal // 年初预算数 (fund lines only); see InitialKnown
	PaidKnown bool            // false for a spending item whose actual was not given
	// InitialKnown: the initial budget was written, or is the sum of
	// children that all have theirs.
	InitialKnown bool
	paidGiven    bool // written, or the sum of children that all have theirs written
	Depth        int  // 0 for a top-level line
	Parent       *LineNode
	Children     []*LineNode
}

// Executed is what counts as executed: paid, plus recovered when the
// execution rule counts it (recovered: executed, the default).
func (n *LineNode) Executed(countRecovered bool) decimal.Decimal {
	if countRecovered {
		return n.Paid.Add(n.Recovered)
	}
	return n.Paid
}

// A Mismatch is a subtotal that does not add up: a parent line, or a
// 合计 / 小计 / 总计 row, whose stated figure differs from the sum of the
// lines under it.
type Mismatch struct {
	Sheet  string // 预算执行 or 支出明细
	Code   string // the line's code; a total row's 编号, else its word (合计)
	Name   string
	Column string // 预算数, 实际支出, 财政收回, 年初预算数
	Stated decimal.Decimal
	Sum    decimal.Decimal
	Pos    diag.Pos
	Total  bool // a stated total row rather than a parent line
}

// Warning words the mismatch for the warnings list.
func (m Mismatch) Warning() diag.Warning {
	if m.Total {
		return diag.Warning{Pos: m.Pos, Msg: lang.Sprintf("the %s row's %s is stated as %s, but the lines it totals add up to %s; the lines are used", m.Code, m.Column, m.Stated, m.Sum)}
	}
	return diag.Warning{Pos: m.Pos, Msg: lang.Sprintf("line %s %s: stated %s, but its lines add up to %s; the lines are used", m.Code, m.Column, m.Stated, m.Sum)}
}

// AsError words a parent line's mismatch as a mistake: scoring does not go on
// from figures that contradict each other.
func (m Mismatch) AsError() *diag.Error {
	return &diag.Error{Pos: m.Pos, Msg: lang.Sprintf("line %s %s: stated %s, but its lines add up to %s", m.Code, m.Column, m.Stated, m.Sum),
		Hint: lang.T("correct the line or the lines under it; rates come from the lines")}
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
	s := sumOf(t.Roots)
	return s.budget, s.paid, s.recovered
}

// Initial sums the top-level lines' initial budgets (年初预算数); it is
// invalid unless every one of them is known.
func (t *LineTree) Initial() decimal.NullDecimal {
	s := sumOf(t.Roots)
	if len(t.Roots) == 0 || !s.initialKnown {
		return decimal.NullDecimal{}
	}
	return decimal.NewNullDecimal(s.initial)
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
//
// A stated total (Line.Total) is checked, never added: 合计 and 总计
// against the top-level lines; 小计 against the lines since the previous
// total row (or, when it comes first, those up to the next one).
func ResolveLines(sheet string, lines []Line, spending bool) (*LineTree, error) {
	var errs diag.Errors
	t := &LineTree{byCode: map[string]*LineNode{}}
	var totals []statedTotal
	for _, l := range lines {
		for _, a := range []struct {
			v   decimal.NullDecimal
			pos diag.Pos
		}{{l.Budget, l.BudgetPos}, {l.Paid, l.PaidPos}, {l.Recovered, l.RecoveredPos}, {l.Initial, l.InitialPos}} {
			if a.v.Valid && a.v.Decimal.IsNegative() {
				errs.Addf(a.pos, "line %s: negative amount %s", l.Code, a.v.Decimal)
			}
		}
		if l.Total != "" {
			totals = append(totals, statedTotal{line: l, at: len(t.All)})
			continue
		}
		if prev, dup := t.byCode[l.Code]; dup {
			errs.Addf(l.Pos, "line code %q is used twice (first at %s)", l.Code, prev.Line.Pos.String())
			continue
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
			n.Initial, n.InitialKnown = l.Initial.Decimal, l.Initial.Valid
			spent := n.Paid.Add(n.Recovered)
			if l.Budget.Valid && n.Budget.IsZero() && spent.IsPositive() {
				errs.Addf(l.BudgetPos, "line %s: a budget of 0 with spending of %s", l.Code, spent)
			}
			return
		}
		for _, c := range n.Children {
			resolve(c, depth+1)
		}
		sum := sumOf(n.Children)
		// A parent's paid is checked only against children that all state
		// theirs: a total paid written on the parent alone is no mismatch.
		childrenPaid := sum.paidKnown && sum.paidGiven
		t.check(Mismatch{Sheet: sheet, Code: n.Code, Name: n.Name}, l, sum, childrenPaid)
		// Figures come from the leaves: a parent's stated figure is only
		// checked against its lines (a contradiction is a Mismatch), and
		// used only where its lines do not all state theirs.
		n.Budget = sum.budget
		n.Paid = sum.paid
		if !childrenPaid {
			n.Paid = statedOr(l.Paid, sum.paid)
		}
		n.PaidKnown = l.Paid.Valid || sum.paidKnown
		n.paidGiven = l.Paid.Valid || sum.paidGiven
		n.Recovered = sum.recovered
		n.Initial = sum.initial
		if !sum.initialKnown {
			n.Initial = statedOr(l.Initial, sum.initial)
		}
		n.InitialKnown = l.Initial.Valid || sum.initialKnown
		if spent := n.Paid.Add(n.Recovered); n.Budget.IsZero() && spent.IsPositive() {
			errs.Addf(l.BudgetPos, "line %s: a budget of 0 with spending of %s", l.Code, spent)
		}
	}
	for _, r := range t.Roots {
		resolve(r, 0)
	}
	for i, st := range totals {
		t.checkTotal(sheet, st, totals[:i], totals[i+1:], &errs)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return t, nil
}

// A statedTotal is a 合计 / 小计 / 总计 row, and where it stood among the lines.
type statedTotal struct {
	line Line
	at   int // the number of lines above it
}

// lineSums are the sums of a set of lines' resolved figures.
type lineSums struct {
	budget, paid, recovered, initial   decimal.Decimal
	paidKnown, paidGiven, initialKnown bool
}

func sumOf(list []*LineNode) lineSums {
	s := lineSums{paidKnown: true, paidGiven: true, initialKnown: true}
	for _, n := range list {
		s.budget, s.paid, s.recovered, s.initial = s.budget.Add(n.Budget), s.paid.Add(n.Paid), s.recovered.Add(n.Recovered), s.initial.Add(n.Initial)
		s.paidKnown = s.paidKnown && n.PaidKnown
		s.paidGiven = s.paidGiven && n.paidGiven
		s.initialKnown = s.initialKnown && n.InitialKnown
	}
	return s
}

// checkTotal holds a stated total against the lines it covers, given the
// total rows before and after it.
func (t *LineTree) checkTotal(sheet string, st statedTotal, before, after []statedTotal, errs *diag.Errors) {
	l := st.line
	covered := t.Roots
	if l.Total == Subtotal {
		from, to := 0, st.at
		if len(before) > 0 {
			from = before[len(before)-1].at
		}
		if from == to { // a 小计 above its lines
			to = len(t.All)
			if len(after) > 0 {
				to = after[0].at
			}
		}
		covered = topmost(t.All[from:to])
	}
	code := l.Code
	if code == "" {
		code = l.Total
	}
	if len(covered) == 0 {
		errs.Add(&diag.Error{Pos: l.Pos, Msg: lang.Sprintf("the %s row has no lines to check it against: a stated total is never counted as a line", code),
			Hint: lang.T("list the lines it totals, or give the row its own 编号 and name")})
		return
	}
	t.check(Mismatch{Sheet: sheet, Code: code, Name: l.Name, Total: true}, l, sumOf(covered), true)
}

// check records each figure a line or total row states that the sum of the
// lines under it contradicts. at is the mismatch with its sheet, code and
// name; paidKnown says whether the paid sum can be held against (a
// spending item's actual may be unknown).
func (t *LineTree) check(at Mismatch, l Line, sum lineSums, paidKnown bool) {
	for _, c := range []struct {
		stated decimal.NullDecimal
		sum    decimal.Decimal
		column string
		pos    diag.Pos
		known  bool
	}{
		{l.Budget, sum.budget, "预算数", l.BudgetPos, true},
		{l.Paid, sum.paid, "实际支出", l.PaidPos, paidKnown && sum.paidKnown},
		{l.Recovered, sum.recovered, "财政收回", l.RecoveredPos, true},
		{l.Initial, sum.initial, "年初预算数", l.InitialPos, sum.initialKnown},
	} {
		if c.stated.Valid && c.known && !c.stated.Decimal.Equal(c.sum) {
			m := at
			m.Column, m.Stated, m.Sum, m.Pos = c.column, c.stated.Decimal, c.sum, c.pos
			t.Mismatches = append(t.Mismatches, m)
		}
	}
}

// statedOr is a figure as stated, or the sum of the lines under it when
// left blank.
func statedOr(stated decimal.NullDecimal, sum decimal.Decimal) decimal.Decimal {
	if stated.Valid {
		return stated.Decimal
	}
	return sum
}

// topmost are the lines of list whose parent is not in list.
func topmost(list []*LineNode) []*LineNode {
	in := make(map[*LineNode]bool, len(list))
	for _, n := range list {
		in[n] = true
	}
	var out []*LineNode
	for _, n := range list {
		if !in[n.Parent] {
			out = append(out, n)
		}
	}
	return out
}
