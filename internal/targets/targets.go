// Package targets reviews target tables (项目支出绩效目标表, SPEC §9) as a
// finance department does before the budget is approved (绩效目标审核):
// template rows left in, targets missing, impossible or vague, funds that
// do not add up, indicators under the wrong heading, weights piled on one
// indicator; against last year's figures (targets below what was already
// achieved) and against the same year's self-evaluation form (targets
// changed after the fact). The table is read by the form reader
// (form.ReadTargets); the word lists are data (templates/targets).
package targets

import (
	"cmp"
	"slices"
	"strings"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/form"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/shopspring/decimal"
	"golang.org/x/text/width"
)

// Kinds of finding (SPEC §9).
const (
	Placeholder      = "placeholder"
	NoTarget         = "no_target"
	Impossible       = "impossible"
	FundsMismatch    = "funds_mismatch"
	Weights          = "weights"
	NoUnit           = "no_unit"
	Vague            = "vague"
	Misfiled         = "misfiled"
	Direction        = "direction"
	MissingDimension = "missing_dimension"
	Concentration    = "concentration"
	LowAmbition      = "low_ambition"
	UnchangedTarget  = "unchanged_target"
	Dropped          = "dropped"
	Added            = "added"
	Changed          = "changed"
	FundsChanged     = "funds_changed"
)

var (
	hundred = decimal.NewFromInt(100)
	one     = decimal.NewFromInt(1)
	// maxShare is the share of the 100 points above which one indicator
	// carries too much (concentration).
	maxShare = decimal.NewFromInt(30)
	// ambitionGap: last year's actual above 1.2 × a target kept unchanged.
	ambitionGap = decimal.RequireFromString("1.2")
)

// A Reviewed table and what its review found.
type Reviewed struct {
	Table    *form.Form
	Findings []form.Finding
}

// Count returns how many findings have the severity.
func (r *Reviewed) Count(severity string) int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity == severity {
			n++
		}
	}
	return n
}

// An indicator is a 三级 row with the names above it.
type indicator struct {
	level1, level2 string
	row            *form.Row
}

func leaves(t *form.Form) []indicator {
	var out []indicator
	for _, g1 := range t.Groups {
		for _, r := range g1.Rows {
			out = append(out, indicator{level1: g1.Name, row: r})
		}
		for _, g2 := range g1.Groups {
			for _, r := range g2.Rows {
				out = append(out, indicator{level1: g1.Name, level2: g2.Name, row: r})
			}
		}
	}
	return out
}

// Review lists what a target table gets wrong by itself.
func Review(t *form.Form, w *Words) *Reviewed {
	rv := &Reviewed{Table: t}
	add := func(f form.Finding) { rv.Findings = append(rv.Findings, f) }
	for _, p := range t.Unread {
		add(form.Finding{Pos: p.Pos, Indicator: p.Indicator, Kind: form.Unreadable, Severity: form.Warning, Message: p.Msg})
	}
	list := leaves(t)
	repeated := repeatedValues(list)
	dims := map[string]bool{}
	for _, in := range list {
		r := in.row
		name := r.Name
		if r.Unreadable != "" {
			add(form.Finding{Pos: r.UnreadablePos, Indicator: name, Kind: form.Unreadable, Severity: form.Warning, Message: r.Unreadable})
		}
		for _, d := range []string{"数量", "质量", "时效", "成本"} {
			if strings.Contains(in.level2, d) {
				dims[d] = true
			}
		}
		if strings.Contains(in.level1, "效益") {
			dims["效益"] = true
		}
		if strings.Contains(in.level1, "满意") || strings.Contains(in.level2, "满意") {
			dims["满意度"] = true
		}
		switch {
		case isPlaceholder(name) || r.HasTarget && isPlaceholder(r.Target.Written):
			add(form.Finding{Pos: r.Pos, Indicator: name, Kind: Placeholder, Severity: form.Error, Printed: word(cmp.Or(targetText(r), name)),
				Message: lang.T("a template's placeholder is left in the row")})
			continue
		case repeated != "" && r.HasTarget:
			add(form.Finding{Pos: r.TargetPos, Indicator: name, Kind: Placeholder, Severity: form.Error, Printed: word(r.Target.Written),
				Message: lang.Sprintf("every row has the same 指标值 %s: a template's value, not this indicator's", repeated)})
			continue
		case !r.HasTarget && r.Unreadable == "":
			add(form.Finding{Pos: r.TargetPos, Indicator: name, Kind: NoTarget, Severity: form.Error,
				Message: lang.T("no 指标值 is written")})
			continue
		case !r.HasTarget:
			continue
		}
		v := r.Target
		if v.IsNumber && v.Scale == "%" && v.Amount().GreaterThan(one) && w.has(w.Capped, name) {
			add(form.Finding{Pos: r.TargetPos, Indicator: name, Kind: Impossible, Severity: form.Error, Printed: word(v.Written), Computed: word("≤100%"),
				Message: lang.Sprintf("%s cannot exceed 100%%, but the target is %s", name, v.Written)})
		}
		if v.IsNumber && v.Unit == "" && v.Scale != "%" && v.Scale != "‰" {
			add(form.Finding{Pos: r.TargetPos, Indicator: name, Kind: NoUnit, Severity: form.Warning, Printed: word(v.Written),
				Message: lang.Sprintf("the target %s has no unit", v.Written)})
		}
		if f, ok := vague(in, w); ok {
			add(f)
		}
		if f, ok := misfiled(in, w); ok {
			add(f)
		}
		if strings.Contains(in.level2, "成本") && v.CmpGiven && (v.Cmp == indicators.AtLeast || v.Cmp == indicators.Greater) {
			add(form.Finding{Pos: r.TargetPos, Indicator: name, Kind: Direction, Severity: form.Warning, Printed: word(v.Written), Computed: word("≤"),
				Message: lang.Sprintf("a 成本 target is a ceiling, but %s sets a floor", v.Written)})
		}
	}
	at := diag.Pos{File: t.File, Sheet: t.Sheet}
	if len(list) == 0 {
		add(form.Finding{Pos: at, Kind: NoTarget, Severity: form.Error, Message: lang.T("the table has no 三级 indicator with a target: it was filed unfilled")})
	}
	if len(list) > 0 {
		for _, d := range []string{"数量", "质量", "效益", "满意度"} {
			if !dims[d] {
				add(form.Finding{Pos: at, Indicator: d, Kind: MissingDimension, Severity: form.Warning,
					Message: lang.Sprintf("the table has no %s indicator", d)})
			}
		}
	}
	rv.funds()
	rv.weights(list)
	slices.SortStableFunc(rv.Findings, func(a, b form.Finding) int { return cmp.Or(a.Pos.Row-b.Pos.Row, a.Pos.ColNo-b.Pos.ColNo) })
	return rv
}

func word(s string) form.Shown { return form.Shown{Text: s} }

func number(d decimal.Decimal) form.Shown {
	return form.Shown{Text: d.String(), Num: decimal.NewNullDecimal(d)}
}

func targetText(r *form.Row) string {
	if r.HasTarget {
		return r.Target.Written
	}
	return ""
}

// isPlaceholder tells a template's placeholder: 指标1：, ……, *, XX, 88.
func isPlaceholder(s string) bool {
	s = strings.TrimSpace(width.Fold.String(s))
	if s == "" {
		return false
	}
	return placeholderText().MatchString(s)
}

// repeatedValues is the 指标值 every row of a table gives, when there are
// three rows or more and all give the same (a template's "100" left in
// every row); "" otherwise.
func repeatedValues(list []indicator) string {
	if len(list) < 3 {
		return ""
	}
	first := ""
	for _, in := range list {
		if !in.row.HasTarget {
			return ""
		}
		v := normal(in.row.Target.Written)
		if first == "" {
			first = v
		} else if v != first {
			return ""
		}
	}
	return list[0].row.Target.Written
}

// normal is a name or value as compared across documents (form.NameKey).
func normal(s string) string { return form.NameKey(s) }

// vague: a text target under 数量, 质量, 时效 or 成本 that a reviewer
// cannot measure: one with a vague word, or under 数量, 时效 or 成本 one
// that is no yes/no or level word either.
func vague(in indicator, w *Words) (form.Finding, bool) {
	r := in.row
	v := r.Target
	if v.IsNumber {
		return form.Finding{}, false
	}
	dim := ""
	for _, d := range []string{"数量", "质量", "时效", "成本"} {
		if strings.Contains(in.level2, d) {
			dim = d
		}
	}
	if dim == "" {
		return form.Finding{}, false
	}
	text := normal(v.Written)
	measurable := slices.Contains(w.Measurable, text)
	vagueWord := !measurable && w.has(w.Vague, text)
	if !vagueWord && (measurable || dim == "质量" || w.has(w.Measurable, text)) {
		return form.Finding{}, false
	}
	return form.Finding{Pos: r.TargetPos, Indicator: r.Name, Kind: Vague, Severity: form.Warning, Printed: word(v.Written),
		Message: lang.Sprintf("the %s指标 target %s cannot be measured: write a number with its unit", dim, v.Written)}, true
}

// misfiled: a budget indicator under 产出 or 效益, a 满意度 indicator
// outside 满意度, a 效益 indicator named as an output.
func misfiled(in indicator, w *Words) (form.Finding, bool) {
	r := in.row
	name := normal(r.Name)
	f := form.Finding{Pos: r.Pos, Indicator: r.Name, Kind: Misfiled, Severity: form.Warning, Printed: word(in.level1 + "/" + in.level2)}
	benefit := strings.Contains(in.level1, "效益")
	satisfaction := strings.Contains(in.level1, "满意") || strings.Contains(in.level2, "满意")
	switch {
	case (strings.Contains(in.level1, "产出") || benefit) && w.has(w.Budget, name):
		f.Message = lang.Sprintf("%s measures how the budget is spent, not an output or a benefit: it is scored in the fund block", r.Name)
	case strings.Contains(name, "满意") && !satisfaction:
		f.Message = lang.Sprintf("%s is a 满意度 indicator filed under %s", r.Name, in.level1)
	case benefit && !satisfaction && w.has(w.Output, name):
		f.Message = lang.Sprintf("%s measures an output, filed under %s", r.Name, in.level1)
	default:
		return form.Finding{}, false
	}
	return f, true
}

// funds: 财政拨款 + 其他资金 (the 其中 rows) against 年度资金总额.
func (rv *Reviewed) funds() {
	t := rv.Table
	if len(t.Funds) < 2 || !t.Funds[0].Budget.Valid {
		return
	}
	sum, parts := decimal.Zero, 0
	for _, f := range t.Funds[1:] {
		if f.Budget.Valid {
			sum, parts = sum.Add(f.Budget.Value), parts+1
		}
	}
	total := t.Funds[0].Budget
	if parts == 0 || sum.Equal(total.Value) {
		return
	}
	rv.Findings = append(rv.Findings, form.Finding{Pos: total.Pos, Indicator: t.Funds[0].Name, Kind: FundsMismatch, Severity: form.Error,
		Printed: number(total.Value), Computed: number(sum),
		Message: lang.Sprintf("年度资金总额 %s is not the sum of its lines, %s", total.Value, sum)})
}

// weights: 分值 that do not add up (only where the table gives them), and
// one indicator carrying more than 30 of 100 points.
func (rv *Reviewed) weights(list []indicator) {
	t := rv.Table
	given := slices.ContainsFunc(list, func(in indicator) bool { return in.row.Weight.Valid })
	if !given {
		return
	}
	for _, p := range t.WeightProblems() {
		rv.Findings = append(rv.Findings, form.Finding{Pos: p.Pos, Indicator: p.Indicator, Kind: Weights, Severity: form.Error,
			Printed: form.Shown{Text: p.Printed.Text, Num: nullIf(p.Printed)}, Computed: number(p.Computed), Message: p.Msg})
	}
	total := decimal.Zero
	for _, in := range list {
		total = total.Add(in.row.Weight.Value)
	}
	if !total.IsPositive() {
		return
	}
	for _, in := range list {
		r := in.row
		share := indicators.Quo(r.Weight.Value.Mul(hundred), total)
		if share.GreaterThan(maxShare) {
			rv.Findings = append(rv.Findings, form.Finding{Pos: r.Weight.Pos, Indicator: r.Name, Kind: Concentration, Severity: form.Warning,
				Printed: number(r.Weight.Value), Computed: number(maxShare),
				Message: lang.Sprintf("one indicator carries %s of %s points", r.Weight.Value, total)})
		}
	}
}

func nullIf(f form.Figure) decimal.NullDecimal {
	if !f.Valid {
		return decimal.NullDecimal{}
	}
	return decimal.NewNullDecimal(f.Value)
}
