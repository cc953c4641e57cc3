// Package diff compares two scored results of a project — two years, or two
// evaluations of one year — indicator by indicator, matched by code, in
// decimals. It tells a change of performance from a change of the
// framework, a target or a deduction, and reconciles the leaves' changes
// with the total's. What it finds is data; internal/report words it.
package diff

import (
	"slices"
	"strings"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/indicators/lang"
	"github.com/perfeval/perfeval/scoring"
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
	Result *scoring.Result
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
	Old, New  *scoring.Node // nil where absent
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
func flatten(list []*scoring.Node, group string, out *[]*scoring.Node, groups map[string]string) {
	for _, n := range list {
		g := group
		if g == "" {
			g = strings.TrimSpace(n.Indicator.Code + " " + n.Indicator.Name)
		}
		groups[n.Indicator.Code] = g
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

	var olds, news []*scoring.Node
	oldGroups, newGroups := map[string]string{}, map[string]string{}
	flatten(old.Result.Indicators, "", &olds, oldGroups)
	flatten(new.Result.Indicators, "", &news, newGroups)
	oldBy, newBy := index(olds), index(news)
	for _, n := range news {
		d.Indicators = append(d.Indicators, compareOne(oldBy[n.Indicator.Code], n, newGroups[n.Indicator.Code]))
	}
	for _, o := range olds {
		if newBy[o.Indicator.Code] == nil {
			d.Indicators = append(d.Indicators, compareOne(o, nil, oldGroups[o.Indicator.Code]))
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

func index(list []*scoring.Node) map[string]*scoring.Node {
	out := make(map[string]*scoring.Node, len(list))
	for _, n := range list {
		out[n.Indicator.Code] = n
	}
	return out
}

func sumLeaves(list []*scoring.Node) decimal.Decimal {
	s := decimal.Zero
	for _, n := range list {
		if len(n.Children) == 0 {
			s = s.Add(n.Score)
		}
	}
	return s
}

func compareOne(o, n *scoring.Node, group string) *Indicator {
	c := &Indicator{Old: o, New: n, Group: group}
	if n != nil && len(n.Children) == 0 {
		c.LeafDelta = n.Score
	}
	if o != nil && len(o.Children) == 0 {
		c.LeafDelta = c.LeafDelta.Sub(o.Score)
	}
	describe := func(x *scoring.Node, status string) {
		c.Code, c.Name, c.Level, c.Leaf, c.Status = x.Indicator.Code, x.Indicator.Name, x.Indicator.Level, len(x.Children) == 0, status
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
	oi, ni := o.Indicator, n.Indicator
	reweighted := !oi.Weight.Equal(ni.Weight)
	if reweighted {
		c.Framework = append(c.Framework, Change{Weight, oi.Weight.String(), ni.Weight.String()})
	}
	if rule(o) != rule(n) {
		c.Framework = append(c.Framework, Change{Rule, rule(o), rule(n)})
	}
	if oi.Name != ni.Name {
		c.Framework = append(c.Framework, Change{Name, oi.Name, ni.Name})
	}
	if (len(o.Children) == 0) != (len(n.Children) == 0) {
		c.Framework = append(c.Framework, Change{Field: Structure})
	}
	if a, b := written(o.Target), written(n.Target); a != b {
		c.Changes = append(c.Changes, Change{Target, a, b})
	}
	if a, b := written(o.Actual), written(n.Actual); a != b {
		c.Changes = append(c.Changes, Change{Actual, a, b})
	}
	if executionRule(o) && executionRule(n) {
		oc, nc := o.Trace.Calc, n.Trace.Calc
		if a, b := oc.Num.Shown, nc.Num.Shown; a != b {
			c.Changes = append(c.Changes, Change{Executed, a, b})
		}
		if a, b := oc.Den.Shown, nc.Den.Shown; a != b {
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

// executionRule reports whether a leaf is scored by the execution rule,
// whose figures are the 预算执行 sheet's rather than a target and an actual.
func executionRule(n *scoring.Node) bool {
	return len(n.Children) == 0 && n.Indicator.Rule != nil && n.Indicator.Rule.Type == indicators.Execution
}

func rule(n *scoring.Node) string {
	if n.Indicator.Rule == nil {
		return ""
	}
	return string(n.Indicator.Rule.Type)
}

func written(v *indicators.Value) string {
	if v == nil {
		return ""
	}
	return v.Written
}

// deductions writes a leaf's deductions: 0.5（理由）；0.3（理由）.
func deductions(list []scoring.Deduction) string {
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
