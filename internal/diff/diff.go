// Package diff compares two scored results of a project — two years, or two
// evaluations of one year — indicator by indicator, matched by code. It
// tells a change of performance from a change of the framework, a target
// or a deduction, and reconciles the leaves' changes with the total's.
package diff

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/perfeval/perfeval/internal/report"
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

// A Side is one result being compared.
type Side struct {
	Result *report.ResultJSON
	Source string // the file it came from
}

// An Indicator is one code's comparison.
type Indicator struct {
	Code      string
	Name      string // the new name, or the old one if removed
	Group     string // the top-level dimension it belongs to (code and name)
	Level     int
	Leaf      bool
	Status    string
	Old, New  *report.IndicatorJSON // nil where absent
	OldScore  decimal.NullDecimal
	NewScore  decimal.NullDecimal
	Delta     decimal.Decimal // new − old; an added indicator counts its score, a removed one minus its score
	LeafDelta decimal.Decimal // its share of the leaves' sum: new score if a leaf now, less old score if a leaf before
	Framework []string        // framework changes: weight, rule, name
	Changes   []string        // what else moved: target, actual, deductions
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

func num(n json.Number) decimal.Decimal {
	d, err := decimal.NewFromString(string(n))
	if err != nil {
		return decimal.Zero
	}
	return d
}

func flatten(list []report.IndicatorJSON, group string, out *[]*report.IndicatorJSON, groups map[string]string) {
	for i := range list {
		in := &list[i]
		g := group
		if g == "" {
			g = strings.TrimSpace(in.Code + " " + in.Name)
		}
		groups[in.Code] = g
		*out = append(*out, in)
		flatten(in.Children, g, out, groups)
	}
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func deductionsText(list []report.DeductionJSON) string {
	parts := make([]string, len(list))
	for i, d := range list {
		parts[i] = string(d.Points) + "（" + d.Reason + "）"
	}
	return strings.Join(parts, "；")
}

// Compare compares two results.
func Compare(old, new Side) (*Diff, error) {
	for _, s := range []Side{old, new} {
		if s.Result == nil || s.Result.Tool != "perfeval" || len(s.Result.Indicators) == 0 {
			return nil, fmt.Errorf("%s: not a perfeval result (write one with perfeval score --format json)", s.Source)
		}
	}
	d := &Diff{Old: old, New: new, Precision: max(old.Result.Precision, new.Result.Precision)}
	d.TotalDelta = num(new.Result.Total).Sub(num(old.Result.Total))

	var olds, news []*report.IndicatorJSON
	oldGroups, newGroups := map[string]string{}, map[string]string{}
	flatten(old.Result.Indicators, "", &olds, oldGroups)
	flatten(new.Result.Indicators, "", &news, newGroups)
	oldBy := map[string]*report.IndicatorJSON{}
	for _, in := range olds {
		oldBy[in.Code] = in
	}
	newBy := map[string]*report.IndicatorJSON{}
	for _, in := range news {
		newBy[in.Code] = in
	}
	for _, n := range news {
		d.Indicators = append(d.Indicators, compareOne(oldBy[n.Code], n, newGroups[n.Code]))
	}
	for _, o := range olds {
		if newBy[o.Code] == nil {
			d.Indicators = append(d.Indicators, compareOne(o, nil, oldGroups[o.Code]))
		}
	}
	sumLeaves := func(list []*report.IndicatorJSON) decimal.Decimal {
		s := decimal.Zero
		for _, in := range list {
			if len(in.Children) == 0 {
				s = s.Add(num(in.Score))
			}
		}
		return s
	}
	for _, in := range d.Indicators {
		d.LeafSum = d.LeafSum.Add(in.LeafDelta)
	}
	// The leaves add up to the total before any 不适用 rescaling; what is
	// left of the total's change is the rescaling's.
	if !d.LeafSum.Equal(sumLeaves(news).Sub(sumLeaves(olds))) {
		return nil, fmt.Errorf("internal error: the leaves' changes do not reconcile")
	}
	d.Rescale = d.TotalDelta.Sub(d.LeafSum)
	return d, nil
}

func compareOne(o, n *report.IndicatorJSON, group string) *Indicator {
	c := &Indicator{Old: o, New: n, Group: group}
	if n != nil && len(n.Children) == 0 {
		c.LeafDelta = num(n.Score)
	}
	if o != nil && len(o.Children) == 0 {
		c.LeafDelta = c.LeafDelta.Sub(num(o.Score))
	}
	switch {
	case o == nil:
		c.Code, c.Name, c.Level, c.Leaf, c.Status = n.Code, n.Name, n.Level, len(n.Children) == 0, Added
		c.NewScore = decimal.NewNullDecimal(num(n.Score))
		c.Delta = c.NewScore.Decimal
		return c
	case n == nil:
		c.Code, c.Name, c.Level, c.Leaf, c.Status = o.Code, o.Name, o.Level, len(o.Children) == 0, Removed
		c.OldScore = decimal.NewNullDecimal(num(o.Score))
		c.Delta = c.OldScore.Decimal.Neg()
		return c
	}
	c.Code, c.Name, c.Level, c.Leaf = n.Code, n.Name, n.Level, len(n.Children) == 0
	c.OldScore, c.NewScore = decimal.NewNullDecimal(num(o.Score)), decimal.NewNullDecimal(num(n.Score))
	c.Delta = c.NewScore.Decimal.Sub(c.OldScore.Decimal)
	reweighted := !num(o.Weight).Equal(num(n.Weight))
	if reweighted {
		c.Framework = append(c.Framework, fmt.Sprintf("分值 %s → %s", o.Weight, n.Weight))
	}
	if str(o.Rule) != str(n.Rule) {
		c.Framework = append(c.Framework, fmt.Sprintf("规则 %s → %s", or(str(o.Rule), "—"), or(str(n.Rule), "—")))
	}
	if o.Name != n.Name {
		c.Framework = append(c.Framework, fmt.Sprintf("名称 %s → %s", o.Name, n.Name))
	}
	if (len(o.Children) == 0) != (len(n.Children) == 0) {
		c.Framework = append(c.Framework, "层级结构改变")
	}
	if str(o.Target) != str(n.Target) {
		c.Changes = append(c.Changes, fmt.Sprintf("目标值 %s → %s", or(str(o.Target), "—"), or(str(n.Target), "—")))
	}
	if str(o.Actual) != str(n.Actual) {
		c.Changes = append(c.Changes, fmt.Sprintf("实际值 %s → %s", or(str(o.Actual), "—"), or(str(n.Actual), "—")))
	}
	if od, nd := deductionsText(o.Deductions), deductionsText(n.Deductions); od != nd {
		c.Changes = append(c.Changes, fmt.Sprintf("扣分 %s → %s", or(od, "无"), or(nd, "无")))
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

func or(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
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
