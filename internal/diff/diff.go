package diff

import (
	"slices"
	"strings"

	"github.com/perfeval/perfeval/internal/lang"
	"github.com/shopspring/decimal"
)

// Statuses of an indicator.
const (
	Unchanged  = "unchanged"
	Changed    = "changed"
	Added      = "added"
	Removed    = "removed"
	Reweighted = "reweighted"
)

// Fields a change may be of.
const (
	Weight     = "weight"
	Rule       = "rule"
	Name       = "name"
	Structure  = "structure" // a leaf became a parent, or the other way round
	Target     = "target"
	Actual     = "actual"
	Deductions = "deductions"
	Executed   = "executed" // the execution rule's 执行数
	Budget     = "budget"   // the execution rule's 预算数
)

// A Side is one result being compared.
type Side struct {
	Result *Result
	Source string // the file it came from
}

// A Change is one thing about an indicator that differs: Old and New as
// written ("" where there is none).
type Change struct {
	Field    string
	Old, New string
}

// An Indicator is one code's comparison.
type Indicator struct {
	Code      string
	Name      string // the new name, or the old one if removed
	Group     string // the top-level dimension it belongs to (code and name)
	Level     int
	Leaf      bool
	Status    string
	Old, New  *Node // nil where absent
	OldScore  decimal.NullDecimal
	NewScore  decimal.NullDecimal
	Delta     decimal.Decimal // new − old; an added indicator counts its score, a removed one minus its score
	LeafDelta decimal.Decimal // its share of the leaves' sum: new score if a leaf now, less old score if a leaf before
	Framework []Change        // changes of the framework: weight, rule, name, structure
	Changes   []Change        // what else moved: target, actual, deductions
}

// A Diff is the comparison of two results.
type Diff struct {
	Old, New   Side
	TotalDelta decimal.Decimal
	// LeafSum is the sum of the leaves' deltas; it equals TotalDelta unless
	// 不适用 rescaling differs, whose effect is Rescale.
	LeafSum    decimal.Decimal
	Rescale    decimal.Decimal
	Indicators []*Indicator // in the new tree's order, removed ones after
	Precision  int32
}

// flatten lists a tree's nodes, parents first, with each one's top-level group.
func flatten(list []*Node, group string, out *[]*Node, groups map[string]string) {
	for _, n := range list {
		g := group
		if g == "" {
			g = strings.TrimSpace(n.Code + " " + n.Name)
		}
		groups[n.Code] = g
		*out = append(*out, n)
		flatten(n.Children, g, out, groups)
	}
}

// Compare compares two results.
func Compare(old, new Side) (*Diff, error) {
	for _, s := range []Side{old, new} {
		if s.Result == nil || len(s.Result.Indicators) == 0 {
			return nil, lang.Errorf("%s: no scored indicators to compare", s.Source)
		}
	}
	d := &Diff{Old: old, New: new, Precision: max(old.Result.Precision, new.Result.Precision)}
	d.TotalDelta = new.Result.Total.Sub(old.Result.Total)

	var olds, news []*Node
	oldGroups, newGroups := map[string]string{}, map[string]string{}
	flatten(old.Result.Indicators, "", &olds, oldGroups)
	flatten(new.Result.Indicators, "", &news, newGroups)
	oldBy, newBy := index(olds), index(news)
	for _, n := range news {
		d.Indicators = append(d.Indicators, compareOne(oldBy[n.Code], n, newGroups[n.Code]))
	}
	for _, o := range olds {
		if newBy[o.Code] == nil {
			d.Indicators = append(d.Indicators, compareOne(o, nil, oldGroups[o.Code]))
		}
	}
	for _, in := range d.Indicators {
		d.LeafSum = d.LeafSum.Add(in.LeafDelta)
	}
	// The leaves add up to the total before any 不适用 rescaling; what is
	// left of the total's change is the rescaling's.
	if !d.LeafSum.Equal(sumLeaves(news).Sub(sumLeaves(olds))) {
		return nil, lang.Errorf("%s, %s: an indicator code is used twice, so the leaves cannot be matched", old.Source, new.Source)
	}
	d.Rescale = d.TotalDelta.Sub(d.LeafSum)
	return d, nil
}

func index(list []*Node) map[string]*Node {
	out := make(map[string]*Node, len(list))
	for _, n := range list {
		out[n.Code] = n
	}
	return out
}

func sumLeaves(list []*Node) decimal.Decimal {
	s := decimal.Zero
	for _, n := range list {
		if n.IsLeaf() {
			s = s.Add(n.Score)
		}
	}
	return s
}

func compareOne(o, n *Node, group string) *Indicator {
	c := &Indicator{Old: o, New: n, Group: group}
	if n != nil && n.IsLeaf() {
		c.LeafDelta = n.Score
	}
	if o != nil && o.IsLeaf() {
		c.LeafDelta = c.LeafDelta.Sub(o.Score)
	}
	describe := func(x *Node, status string) {
		c.Code, c.Name, c.Level, c.Leaf, c.Status = x.Code, x.Name, x.Level, x.IsLeaf(), status
	}
	switch {
	case o == nil:
		describe(n, Added)
		c.NewScore = decimal.NewNullDecimal(n.Score)
		c.Delta = n.Score
		return c
	case n == nil:
		describe(o, Removed)
		c.OldScore = decimal.NewNullDecimal(o.Score)
		c.Delta = o.Score.Neg()
		return c
	}
	describe(n, "")
	c.OldScore, c.NewScore = decimal.NewNullDecimal(o.Score), decimal.NewNullDecimal(n.Score)
	c.Delta = n.Score.Sub(o.Score)
	reweighted := !o.Weight.Equal(n.Weight)
	if reweighted {
		c.Framework = append(c.Framework, Change{Weight, o.Weight.String(), n.Weight.String()})
	}
	if o.Rule != n.Rule {
		c.Framework = append(c.Framework, Change{Rule, o.Rule, n.Rule})
	}
	if o.Name != n.Name {
		c.Framework = append(c.Framework, Change{Name, o.Name, n.Name})
	}
	if o.IsLeaf() != n.IsLeaf() {
		c.Framework = append(c.Framework, Change{Field: Structure})
	}
	if a, b := text(o.Target), text(n.Target); a != b {
		c.Changes = append(c.Changes, Change{Target, a, b})
	}
	if a, b := text(o.Actual), text(n.Actual); a != b {
		c.Changes = append(c.Changes, Change{Actual, a, b})
	}
	if o.ExecutionRule() && n.ExecutionRule() {
		if a, b := o.Executed, n.Executed; a != b {
			c.Changes = append(c.Changes, Change{Executed, a, b})
		}
		if a, b := o.Budget, n.Budget; a != b {
			c.Changes = append(c.Changes, Change{Budget, a, b})
		}
	}
	if a, b := deductions(o.Deductions), deductions(n.Deductions); a != b {
		c.Changes = append(c.Changes, Change{Deductions, a, b})
	}
	switch {
	case reweighted:
		c.Status = Reweighted
	case len(c.Framework) > 0 || len(c.Changes) > 0 || !c.Delta.IsZero():
		c.Status = Changed
	default:
		c.Status = Unchanged
	}
	return c
}

// text is a value as written, or "" where none is given.
func text(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// deductions writes a leaf's deductions: 0.5（理由）；0.3（理由）.
func deductions(list []Deduction) string {
	parts := make([]string, len(list))
	for i, d := range list {
		parts[i] = d.Points.String() + "（" + d.Reason + "）"
	}
	return strings.Join(parts, "；")
}

// Groups returns the top-level groups in order of first appearance.
func (d *Diff) Groups() []string {
	var out []string
	for _, in := range d.Indicators {
		if !slices.Contains(out, in.Group) {
			out = append(out, in.Group)
		}
	}
	return out
}
