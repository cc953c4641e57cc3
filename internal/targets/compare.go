package targets

import (
	"strings"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/form"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/shopspring/decimal"
)

// Match finds the document of a table's project among docs: by 项目编码
// where both give one, else by 项目名称 as compared without spaces and
// full-width forms. The first in the order given wins.
func Match(t *form.Form, docs []*form.Form) *form.Form {
	for _, d := range docs {
		if t.Code != "" && d.Code != "" {
			if normal(t.Code) == normal(d.Code) {
				return d
			}
			continue
		}
		if t.Name != "" && normal(t.Name) == normal(d.Name) {
			return d
		}
	}
	return nil
}

// key is an indicator's path as compared across documents: 一级/二级/三级
// normalised, 指标 taken off the group names (数量指标 and 数量 match).
func key(in indicator) string {
	group := func(s string) string { return strings.TrimSuffix(normal(s), "指标") }
	return group(in.level1) + "/" + group(in.level2) + "/" + normal(in.row.Name)
}

// index maps each indicator of a document to its path; by3 its 三级 name
// alone where that name is unique in the document, for the documents that
// file it under other group names.
type index struct {
	byPath map[string]indicator
	by3    map[string]indicator
	dup3   map[string]bool
	order  []indicator
}

func newIndex(f *form.Form) *index {
	ix := &index{byPath: map[string]indicator{}, by3: map[string]indicator{}, dup3: map[string]bool{}}
	for _, in := range leaves(f) {
		ix.order = append(ix.order, in)
		ix.byPath[key(in)] = in
		n := normal(in.row.Name)
		if _, dup := ix.by3[n]; dup {
			ix.dup3[n] = true
		}
		ix.by3[n] = in
	}
	return ix
}

// find matches an indicator: by its path, else by its unique 三级 name.
func (ix *index) find(in indicator) (indicator, bool) {
	if m, ok := ix.byPath[key(in)]; ok {
		return m, true
	}
	n := normal(in.row.Name)
	if m, ok := ix.by3[n]; ok && !ix.dup3[n] {
		return m, true
	}
	return indicator{}, false
}

// comparable reports whether two values measure the same thing: numbers,
// both percentages or neither, with one unit.
func comparable(a, b indicators.Value) bool {
	return a.IsNumber && b.IsNumber && (a.Scale == "%") == (b.Scale == "%") && a.Unit == b.Unit
}

// Ambition holds a table's targets to last year's document of the same
// project (prev): a target below last year's actual (above, for an "at
// most" target) is low_ambition; a target kept as it was although last
// year's actual beat it by more than 20% is unchanged_target. Last year's
// target table, with no actuals, gives neither.
func Ambition(rv *Reviewed, prev *form.Form) {
	ix := newIndex(prev)
	for _, in := range leaves(rv.Table) {
		r := in.row
		m, ok := ix.find(in)
		if !ok || !r.HasTarget || !m.row.HasActual {
			continue
		}
		t, a := r.Target, m.row.Actual
		if !comparable(t, a) {
			continue
		}
		match := lang.Sprintf("%s (last year's %s at %s)", r.Name, m.row.Name, m.row.ActualPos)
		reverse := t.Cmp.Reverse()
		if !reverse && t.Amount().LessThan(a.Amount()) || reverse && t.Amount().GreaterThan(a.Amount()) {
			msg := lang.Sprintf("the target %s is below what was achieved last year, %s: %s", t.Written, a.Written, match)
			if reverse {
				msg = lang.Sprintf("the ceiling %s is above what was achieved last year, %s: %s", t.Written, a.Written, match)
			}
			rv.Findings = append(rv.Findings, form.Finding{Pos: r.TargetPos, Indicator: r.Name, Kind: LowAmbition, Severity: form.Warning,
				Printed: word(t.Written), Computed: word(a.Written), Message: msg})
		}
		if !m.row.HasTarget || !comparable(t, m.row.Target) {
			continue
		}
		p := m.row.Target
		if p.Cmp != t.Cmp || !p.Amount().Equal(t.Amount()) {
			continue
		}
		beat := !reverse && a.Amount().GreaterThan(p.Amount().Mul(ambitionGap)) ||
			reverse && a.Amount().Mul(ambitionGap).LessThan(p.Amount())
		if beat {
			rv.Findings = append(rv.Findings, form.Finding{Pos: r.TargetPos, Indicator: r.Name, Kind: UnchangedTarget, Severity: form.Note,
				Printed: word(t.Written), Computed: word(a.Written),
				Message: lang.Sprintf("the target %s is last year's, which the actual %s beat by more than 20%%: %s", t.Written, a.Written, match)})
		}
	}
}

// Against holds a table to the same year's self-evaluation form of the
// project (f): an indicator of the table the form drops, one the form
// adds, a target the form changed (comparator, number or unit), and a
// 年度资金总额 other than the form's 年初预算数.
func Against(rv *Reviewed, f *form.Form) {
	t := rv.Table
	tx, fx := newIndex(t), newIndex(f)
	for _, in := range tx.order {
		m, ok := fx.find(in)
		r := in.row
		if !ok {
			rv.Findings = append(rv.Findings, form.Finding{Pos: r.Pos, Indicator: r.Name, Kind: Dropped, Severity: form.Warning,
				Printed: word(targetText(r)),
				Message: lang.Sprintf("the self-evaluation form %s has no indicator %s", f.File, r.Name)})
			continue
		}
		if !r.HasTarget || !m.row.HasTarget || sameTarget(r.Target, m.row.Target) {
			continue
		}
		rv.Findings = append(rv.Findings, form.Finding{Pos: m.row.TargetPos, Indicator: r.Name, Kind: Changed, Severity: form.Warning,
			Printed: word(m.row.Target.Written), Computed: word(r.Target.Written),
			Message: lang.Sprintf("the self-evaluation form gives the target %s where the target table (%s) gives %s", m.row.Target.Written, r.TargetPos, r.Target.Written)})
	}
	for _, in := range fx.order {
		if _, ok := tx.find(in); !ok {
			rv.Findings = append(rv.Findings, form.Finding{Pos: in.row.Pos, Indicator: in.row.Name, Kind: Added, Severity: form.Warning,
				Printed: word(targetText(in.row)),
				Message: lang.Sprintf("the self-evaluation form adds %s, which the target table %s does not have", in.row.Name, t.File)})
		}
	}
	if len(t.Funds) > 0 && len(f.Funds) > 0 && t.Funds[0].Budget.Valid && f.Funds[0].Initial.Valid {
		planned, initial := t.Funds[0].Budget, f.Funds[0].Initial
		if !sameAmount(planned.Value, t.Unit, initial.Value, f.Unit) {
			rv.Findings = append(rv.Findings, form.Finding{Pos: initial.Pos, Indicator: t.Funds[0].Name, Kind: FundsChanged, Severity: form.Note,
				Printed: number(initial.Value), Computed: number(planned.Value),
				Message: lang.Sprintf("the form's 年初预算数 %s is not the target table's 年度资金总额 %s (%s)", initial.Value, planned.Value, planned.Pos)})
		}
	}
}

// sameTarget: one comparator, one amount, one unit.
func sameTarget(a, b indicators.Value) bool {
	if a.IsNumber != b.IsNumber {
		return false
	}
	if !a.IsNumber {
		return normal(a.Written) == normal(b.Written)
	}
	return a.Cmp == b.Cmp && a.Amount().Equal(b.Amount()) && a.Unit == b.Unit && (a.Scale == "%") == (b.Scale == "%")
}

// sameAmount compares two amounts in their units (万元 or 元).
func sameAmount(a decimal.Decimal, ua string, b decimal.Decimal, ub string) bool {
	yuan := func(d decimal.Decimal, unit string) decimal.Decimal {
		switch unit {
		case "元":
			return d
		case "千元":
			return d.Shift(3)
		case "亿元":
			return d.Shift(8)
		}
		return d.Shift(4) // 万元, the forms' default
	}
	return yuan(a, ua).Equal(yuan(b, ub))
}
