package workbook

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/xlsx"
	"github.com/perfeval/perfeval/scoring"
	"github.com/shopspring/decimal"
)

func (b *Book) project(t *Table) {
	p := &b.in.Project
	seen := map[string]diag.Pos{}
	for _, r := range t.rows {
		field := t.Text(r, "field")
		key := ""
		for _, pf := range projectSheet.fields {
			if Normalize(field) == Normalize(pf.name) || Normalize(field) == pf.key {
				key = pf.key
			}
		}
		if key == "" {
			continue
		}
		at := t.At(r, "value")
		if prev, dup := seen[key]; dup {
			b.Errs.Addf(t.At(r, "field"), "%s is given twice (also at %s)", field, prev)
			continue
		}
		seen[key] = at
		switch key {
		case "name":
			p.Name = t.Text(r, "value")
		case "code":
			p.Code = t.Text(r, "value")
		case "department":
			p.Department = t.Text(r, "value")
		case "implementer":
			p.Implementer = t.Text(r, "value")
		case "evaluator":
			p.Evaluator = t.Text(r, "value")
		case "goal":
			p.Goal = t.Text(r, "value")
		case "achieved":
			p.Achieved = t.Text(r, "value")
			b.in.AchievedPos = at
		case "report_date":
			p.ReportDate = b.date(t, r, "value")
		case "kind":
			p.Kind = t.Text(r, "value")
			if p.Kind != "" && p.Kind != scoring.SelfEvaluation && p.Kind != "绩效评价" {
				b.Errs.Addf(at, "评价类型 %q must be 绩效自评 or 绩效评价", p.Kind)
			}
		case "year":
			p.Year = strings.TrimSuffix(t.Text(r, "value"), "年")
			if y, err := strconv.Atoi(p.Year); p.Year != "" && (err != nil || y < scoring.MinYear || y > scoring.MaxYear) {
				b.Errs.Addf(at, "年度 %q is not a year from %d to %d", p.Year, scoring.MinYear, scoring.MaxYear)
			}
		case "as_of":
			p.AsOf = b.date(t, r, "value")
			if y := p.AsOf.Year(); !p.AsOf.IsZero() && (y < scoring.MinYear || y > scoring.MaxYear) {
				b.Errs.Addf(at, "评价基准日 %s is not in a year from %d to %d", p.AsOf.Format(time.DateOnly), scoring.MinYear, scoring.MaxYear)
			}
		case "unit":
			p.Unit = t.Text(r, "value")
			if name, exp, ok := moneyUnit(p.Unit); ok {
				p.Unit = name
				b.useUnit(name, exp)
			} else if p.Unit != "" {
				b.Errs.Add(&diag.Error{Pos: at, Msg: lang.Sprintf("金额单位 %q is not a unit of money", p.Unit), Hint: lang.T("write 元, 万元 or 亿元")})
			}
		}
	}
	if p.Name == "" {
		at := b.SheetPos(t.Sheet)
		if pos, ok := seen["name"]; ok {
			at = pos
		}
		b.Errs.Addf(at, "项目名称 (the project's name) is missing")
	}
}

// ParseDate reads a date as people write one: 2024-09-30, 2024/09/30,
// 2024.9.30, 2024年9月30日 (or an RFC 3339 time, its day taken). The date
// must exist.
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if tm, err := time.Parse(time.RFC3339, s); err == nil {
		return time.Date(tm.Year(), tm.Month(), tm.Day(), 0, 0, 0, 0, time.UTC), true
	}
	m := textDate().FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	tm := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	return tm, tm.Year() == y && int(tm.Month()) == mo && tm.Day() == d
}

var textDate = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$`)
})

// date reads a date cell, a serial number, 2024-12-31 or 2024年12月31日.
func (b *Book) date(t *Table, r xlsx.Row, key string) time.Time {
	v, ok := t.Cell(r, key)
	if !ok {
		return time.Time{}
	}
	at := t.At(r, key)
	if v.Number {
		fault := xlsx.NotADate
		if d, err := decimal.NewFromString(v.Text); err == nil {
			var day time.Time
			if day, fault = b.X.SerialDate(d); fault == xlsx.IsDate {
				return day
			}
		}
		if fault == xlsx.Feb1900 {
			b.Errs.Add(&diag.Error{Pos: at, Msg: lang.Sprintf("%s is the date 1900-02-29, which Excel shows but which never was (1900 was no leap year)", v.Text), Hint: lang.T("write the date, such as 2024-12-31")})
		} else {
			b.Errs.Addf(at, "%q is not a date", v.Text)
		}
		return time.Time{}
	}
	s := strings.TrimSpace(v.Text)
	if v.Format == xlsx.Date && len(s) >= 10 { // an ISO 8601 date cell (t="d"): 2024-12-31T00:00:00
		if tm, ok := ParseDate(s[:10]); ok {
			return tm
		}
	}
	if tm, ok := ParseDate(s); ok {
		return tm
	}
	b.Errs.Add(&diag.Error{Pos: at, Msg: lang.Sprintf("%q is not a date", s), Hint: lang.T("write 2024-12-31 or 2024年12月31日")})
	return time.Time{}
}

func (b *Book) targets(t *Table) {
	for _, r := range t.rows {
		before := len(b.Errs)
		m := scoring.Measure{
			Code:       t.code(r, "code"),
			Name:       t.Text(r, "name"),
			Note:       t.Text(r, "note"),
			Pos:        t.At(r, "code"),
			NamePos:    t.At(r, "name"),
			TargetPos:  t.At(r, "target"),
			ActualPos:  t.At(r, "actual"),
			ClaimedPos: t.At(r, "claimed"),
			NotePos:    t.At(r, "note"),
		}
		m.Target, m.HasTarget = t.value(r, "target")
		m.Actual, m.HasActual = t.value(r, "actual")
		if err := t.JoinColumns(r, &m.Target, m.HasTarget, &m.Actual, m.HasActual); err != nil {
			b.Errs.Addf(m.TargetPos, "%v", err)
		}
		m.Claimed = t.points(r, "claimed")
		if m.Claimed.Valid && m.Claimed.Decimal.IsNegative() {
			b.Errs.Addf(m.ClaimedPos, "自评得分 %s is negative", m.Claimed.Decimal)
		}
		m.Invalid = len(b.Errs) > before
		if m.Code == "" {
			if m.HasTarget || m.HasActual {
				b.Errs.Addf(m.Pos, "a row with values but no 指标编码 (code)")
			}
			continue
		}
		b.in.Targets = append(b.in.Targets, m)
	}
}

// joinColumns joins a row's target with its 比较符 and 计量单位 columns
// (指标性质 and 度量单位 on a form: ≥ | 95 | % is ≥95%), and gives a bare
// numeric actual the unit. The error says how the target disagrees with
// them; the target is then left as written.
func (t *Table) JoinColumns(r xlsx.Row, target *indicators.Value, hasTarget bool, actual *indicators.Value, hasActual bool) error {
	cmp, unit := t.Text(r, "comparator"), t.Text(r, "unit")
	if cmp == "" && unit == "" {
		return nil
	}
	var err error
	if hasTarget {
		v, cerr := target.Complete(cmp, unit)
		if cerr != nil {
			err = lang.Errorf("the target does not agree with its 比较符 / 计量单位 columns: %w", cerr)
		} else {
			*target = v
		}
	}
	// An actual in another unit is left as written: scoring reports units
	// that disagree, with both values.
	if v, aerr := actual.Complete("", unit); hasActual && aerr == nil {
		*actual = v
	}
	return err
}

// narrative reads 报告正文: one paragraph a row, a blank 章节 continuing
// the section above; rows without text are template rows and skipped.
func (b *Book) narrative(t *Table) {
	section := ""
	for _, r := range t.rows {
		if s := t.Text(r, "section"); s != "" {
			section = s
		}
		text := t.Text(r, "text")
		if text == "" {
			continue
		}
		if section == "" {
			b.Errs.Add(&diag.Error{Pos: t.At(r, "section"), Msg: lang.T("a paragraph of 报告正文 with no 章节 (section)"), Hint: lang.T("write the section it belongs to, such as 项目概况 or 存在问题")})
			continue
		}
		if !b.prose(t.At(r, "text"), text) {
			return
		}
		b.in.Narrative = append(b.in.Narrative, scoring.Paragraph{Section: section, Text: text, Pos: t.At(r, "text")})
	}
}

// analyses reads 指标说明: one paragraph a row; rows without text are the
// pre-filled rows left empty.
func (b *Book) analyses(t *Table) {
	for _, r := range t.rows {
		a := scoring.Analysis{Code: t.code(r, "code"), Name: t.Text(r, "name"), Text: t.Text(r, "text"), Pos: t.At(r, "code"), NamePos: t.At(r, "name")}
		switch {
		case a.Text == "":
			continue
		case a.Code == "":
			b.Errs.Addf(t.At(r, "code"), "an analysis (分析说明) without a 指标编码 (code)")
			continue
		}
		if !b.prose(t.At(r, "text"), a.Text) {
			return
		}
		b.in.Analyses = append(b.in.Analyses, a)
	}
}

// MaxProse is how many characters of prose (报告正文 and 指标说明) a
// workbook may hold: a report of a hundred pages has a tenth of it.
const MaxProse = 1_000_000

// prose counts a paragraph against MaxProse; false once it is exceeded
// (recorded at the paragraph that exceeds it).
func (b *Book) prose(at diag.Pos, text string) bool {
	b.proseLen += utf8.RuneCountInString(text)
	if b.proseLen > MaxProse {
		b.Errs.Add(&diag.Error{Pos: at, Msg: lang.Sprintf("the report's prose (报告正文 and 指标说明) passes %d characters here", MaxProse), Hint: lang.T("a report is rarely a tenth of that: shorten it, or keep the annexes out of the workbook")})
		return false
	}
	return true
}

func (b *Book) deductions(t *Table) {
	for _, r := range t.rows {
		d := scoring.Deduction{
			Code:      t.code(r, "code"),
			Reason:    t.Text(r, "reason"),
			Pos:       t.At(r, "code"),
			PointsPos: t.At(r, "points"),
			ReasonPos: t.At(r, "reason"),
		}
		before := len(b.Errs)
		points := t.points(r, "points")
		if len(b.Errs) > before {
			continue // the points cell's mistake is reported; one mistake, one message
		}
		if d.Code == "" {
			if points.Valid || d.Reason != "" {
				b.Errs.Addf(d.Pos, "a deduction without a 指标编码 (code)")
			}
			continue
		}
		if !points.Valid {
			if d.Reason == "" {
				continue // a pre-filled row left empty
			}
			b.Errs.Addf(d.PointsPos, "deduction for %s has a reason but no points (扣分)", d.Code)
			continue
		}
		d.Points = points.Decimal
		b.in.Deductions = append(b.in.Deductions, d)
	}
}

// totalWord is 合计, 小计 or 总计 when a row's code or name says it is a
// stated total (合 计, 合计：, 合计（万元） too), else "".
func totalWord(code, name string) string {
	for _, s := range []string{code, name} {
		s = strings.TrimRight(unitSuffix().ReplaceAllString(Normalize(s), ""), ":：")
		for _, w := range scoring.TotalWords {
			if s == w {
				return w
			}
		}
	}
	return ""
}

// lines reads 预算执行 (paid, recovered, initial) or 支出明细 (actual).
func (b *Book) lines(t *Table, paidKey, recoveredKey string) []scoring.Line {
	var out []scoring.Line
	for _, r := range t.rows {
		before := len(b.Errs)
		l := scoring.Line{
			Code:       t.code(r, "line"),
			Name:       t.Text(r, "name"),
			Budget:     t.Amount(r, "budget"),
			Paid:       t.Amount(r, paidKey),
			Initial:    t.Amount(r, "initial"),
			Pos:        t.At(r, "line"),
			BudgetPos:  t.At(r, "budget"),
			PaidPos:    t.At(r, paidKey),
			InitialPos: t.At(r, "initial"),
		}
		if recoveredKey != "" {
			l.Recovered = t.Amount(r, recoveredKey)
			l.RecoveredPos = t.At(r, recoveredKey)
		}
		l.Total = totalWord(l.Code, l.Name)
		if l.Total == "" && l.Code != "" && slices.Contains(strings.Split(l.Code, "."), "") {
			b.Errs.Add(&diag.Error{Pos: l.Pos, Msg: lang.Sprintf("line code %q has an empty level", l.Code), Hint: lang.T("write levels between points: 1, 1.1, 1.1.2")})
		}
		l.Invalid = len(b.Errs) > before
		if l.Code == "" && l.Total == "" {
			if l.Budget.Valid || l.Paid.Valid || l.Recovered.Valid {
				b.Errs.Addf(l.Pos, "a line with amounts but no 编号 (line code)")
			}
			continue
		}
		out = append(out, l)
	}
	return out
}
