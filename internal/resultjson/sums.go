package resultjson

import (
	"strconv"

	"github.com/perfeval/perfeval/internal/diff"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/shopspring/decimal"
)

// sums checks that the figures of a result hold together as scoring made
// them (SPEC §3): a parent's weight and score are the sums of its
// children's, the excluded weight is that of the leaves 不适用, and the
// total is the sum of the top-level scores, rescaled to the full weight
// where weight is excluded: total = Σ × W ÷ (W − excluded). Scores are
// written with the result's decimals p; a node scored with more
// decimals is written rounded, and a sum over it may then be off by half
// a unit of the last place for each part (and for the sum itself), no
// more.
func (d *decoder) sums(r *diff.Result, list []Indicator, p int32, excluded decimal.Decimal) {
	if d.errs.Err() != nil {
		return // figures already wrong are not added up
	}
	half := decimal.New(5, -p-1)
	var score, weight, na decimal.Decimal
	loose := false
	for i, n := range r.Indicators {
		l, e := d.subtree("indicators["+strconv.Itoa(i)+"]", n, list[i], p, half)
		loose = loose || l
		score, weight, na = score.Add(n.Score), weight.Add(n.Weight), na.Add(e)
	}
	if !weight.Equal(r.Weight) {
		d.fail("weight", lang.Sprintf("%s is not the sum of the top-level weights, %s", r.Weight.String(), weight.String()))
	}
	if !na.Equal(excluded) {
		d.fail("excluded_weight", lang.Sprintf("%s is not the weight of the indicators 不适用, %s", excluded.String(), na.String()))
		return
	}
	want, tol := score, decimal.Zero
	if loose {
		tol = half.Mul(decimal.NewFromInt(int64(len(r.Indicators) + 1)))
	}
	if excluded.IsPositive() && r.Weight.GreaterThan(excluded) {
		// any rounding of the rescaled total is within one unit of p
		want = score.Mul(r.Weight).DivRound(r.Weight.Sub(excluded), p+6)
		tol = tol.Mul(r.Weight).DivRound(r.Weight.Sub(excluded), p+6).Add(half.Mul(decimal.NewFromInt(2)))
	}
	if r.Total.Sub(want).Abs().GreaterThan(tol) {
		d.fail("total", lang.Sprintf("%s is not what the indicators' scores give, %s", r.Total.StringFixed(p), want.Round(p+2).String()))
	}
}

// subtree checks a node's parents below it; it reports whether some score
// in it was written with fewer decimals than it was scored with, and the
// weight 不适用 in it.
func (d *decoder) subtree(key string, n *diff.Node, j Indicator, p int32, half decimal.Decimal) (bool, decimal.Decimal) {
	loose := j.Precision != nil && *j.Precision > p
	if len(n.Children) == 0 {
		if n.NotApplicable {
			return loose, n.Weight
		}
		return loose, decimal.Zero
	}
	var score, weight, na decimal.Decimal
	below := false
	for i, c := range n.Children {
		l, e := d.subtree(key+".children["+strconv.Itoa(i)+"]", c, j.Children[i], p, half)
		below = below || l
		score, weight, na = score.Add(c.Score), weight.Add(c.Weight), na.Add(e)
	}
	if !weight.Equal(n.Weight) {
		d.fail(key+".weight", lang.Sprintf("indicator %s: weight %s is not the sum of its children's, %s", n.Code, n.Weight.String(), weight.String()))
	}
	tol := decimal.Zero
	if below || loose {
		tol = half.Mul(decimal.NewFromInt(int64(len(n.Children) + 1)))
	}
	if n.Score.Sub(score).Abs().GreaterThan(tol) {
		d.fail(key+".score", lang.Sprintf("indicator %s: score %s is not the sum of its children's, %s", n.Code, n.Score.String(), score.String()))
	}
	return below || loose, na
}
