package diff

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/perfeval/perfeval/internal/report"
	"github.com/shopspring/decimal"
)

func signed(d decimal.Decimal, places int32) string {
	s := d.StringFixed(places)
	if d.IsPositive() {
		return "+" + s
	}
	if d.IsZero() {
		return d.StringFixed(places)
	}
	return "−" + d.Neg().StringFixed(places)
}

func signedCell(d decimal.Decimal, places int32) report.Cell {
	c := report.Num(d, places)
	c.Text = signed(d, places)
	return c
}

func nullNum(d decimal.NullDecimal, places int32) report.Cell {
	if !d.Valid {
		return report.Str("—")
	}
	return report.Num(d.Decimal, places)
}

var statusWords = map[string]string{
	Unchanged: "未变", Changed: "变动", Added: "新增", Removed: "删除", Reweighted: "调整分值",
}

// Document lays the comparison out: totals side by side, then every
// indicator that moved (all of them with all), grouped by top-level
// dimension, and the reconciliation of the leaves with the total.
func (d *Diff) Document(all bool) report.Document {
	p := d.Precision
	o, n := d.Old.Result, d.New.Result
	doc := report.Document{Title: "绩效评价对比：" + o.Project.Name + " → " + n.Project.Name}
	totals := report.Table{Name: "总分对比", Title: "总分对比", Columns: []string{"项目", "原", "新", "变动"}}
	totals.Rows = [][]report.Cell{
		{report.Str("项目名称"), report.Str(o.Project.Name), report.Str(n.Project.Name), report.Str("")},
		{report.Str("年度"), report.Str(o.Project.Year), report.Str(n.Project.Year), report.Str("")},
		{report.Str("评价类型"), report.Str(o.Project.Kind), report.Str(n.Project.Kind), report.Str("")},
		{report.Str("来源"), report.Str(d.Old.Source), report.Str(d.New.Source), report.Str("")},
		{report.Str("总分"), report.Num(num(o.Total), p), report.Num(num(n.Total), p), signedCell(d.TotalDelta, p)},
		{report.Str("等级"), report.Str(o.Grade), report.Str(n.Grade), report.Str(gradeChange(o.Grade, n.Grade))},
	}
	totals.Notes = []string{d.Reconciliation()}
	doc.Tables = append(doc.Tables, totals)

	t := report.Table{Name: "指标变动", Title: "指标变动", Columns: []string{"编码", "指标", "状态", "原分值", "新分值", "原得分", "新得分", "变动", "说明"}}
	for _, g := range d.Groups() {
		first := true
		for _, in := range d.Indicators {
			if in.Group != g || (!all && in.Status == Unchanged) {
				continue
			}
			if first {
				t.Rows = append(t.Rows, []report.Cell{report.Str(""), report.Str("【" + g + "】"), report.Str(""), report.Str(""), report.Str(""), report.Str(""), report.Str(""), report.Str(""), report.Str("")})
				first = false
			}
			oldW, newW := report.Str("—"), report.Str("—")
			if in.Old != nil {
				oldW = report.Plain(num(in.Old.Weight))
			}
			if in.New != nil {
				newW = report.Plain(num(in.New.Weight))
			}
			notes := append([]string{}, in.Changes...)
			if len(in.Framework) > 0 {
				notes = append([]string{"指标体系变动：" + strings.Join(in.Framework, "，")}, notes...)
			}
			t.Rows = append(t.Rows, []report.Cell{report.Str(in.Code), report.Indented(in.Name, in.Level-1), report.Str(statusWords[in.Status]),
				oldW, newW, nullNum(in.OldScore, p), nullNum(in.NewScore, p), signedCell(in.Delta, p), report.Str(strings.Join(notes, "；"))})
		}
	}
	if len(t.Rows) == 0 {
		t.Notes = []string{"没有变动的指标。"}
	}
	doc.Tables = append(doc.Tables, t)
	return doc
}

func gradeChange(o, n string) string {
	if o == n {
		return "不变"
	}
	return o + " → " + n
}

// Reconciliation says how the leaves' changes add up to the total's.
func (d *Diff) Reconciliation() string {
	p := d.Precision
	s := fmt.Sprintf("末级指标变动合计 %s（新增计新得分，删除计负的原得分）", signed(d.LeafSum, p))
	if d.Rescale.IsZero() {
		return s + fmt.Sprintf("= 总分变动 %s", signed(d.TotalDelta, p))
	}
	return s + fmt.Sprintf("，加不适用折算影响 %s，= 总分变动 %s", signed(d.Rescale, p), signed(d.TotalDelta, p))
}

// JSON is the comparison as `perfeval diff --format json` writes it.
type JSON struct {
	Old            SideJSON        `json:"old"`
	New            SideJSON        `json:"new"`
	TotalDelta     json.Number     `json:"total_delta"`
	LeafDeltaSum   json.Number     `json:"leaf_delta_sum"`
	RescaleDelta   json.Number     `json:"rescale_delta"`
	Reconciliation string          `json:"reconciliation"`
	Indicators     []IndicatorJSON `json:"indicators"`
}

type SideJSON struct {
	Project report.ProjectJSON `json:"project"`
	Total   json.Number        `json:"total"`
	Grade   string             `json:"grade"`
	Source  string             `json:"source"`
}

type IndicatorJSON struct {
	Code             string       `json:"code"`
	Name             string       `json:"name"`
	Group            string       `json:"group"`
	Level            int          `json:"level"`
	Status           string       `json:"status"`
	OldScore         *json.Number `json:"old_score"`
	NewScore         *json.Number `json:"new_score"`
	Delta            json.Number  `json:"delta"`
	OldWeight        *json.Number `json:"old_weight"`
	NewWeight        *json.Number `json:"new_weight"`
	OldTarget        *string      `json:"old_target"`
	NewTarget        *string      `json:"new_target"`
	OldActual        *string      `json:"old_actual"`
	NewActual        *string      `json:"new_actual"`
	FrameworkChanges []string     `json:"framework_changes"`
	Changes          []string     `json:"changes"`
}

// JSON converts the comparison; every indicator is listed, with its status.
func (d *Diff) JSON() JSON {
	p := d.Precision
	side := func(s Side) SideJSON {
		return SideJSON{Project: s.Result.Project, Total: s.Result.Total, Grade: s.Result.Grade, Source: s.Source}
	}
	out := JSON{
		Old: side(d.Old), New: side(d.New),
		TotalDelta: report.Fixed(d.TotalDelta, p), LeafDeltaSum: report.Fixed(d.LeafSum, p), RescaleDelta: report.Fixed(d.Rescale, p),
		Reconciliation: d.Reconciliation(), Indicators: []IndicatorJSON{},
	}
	for _, in := range d.Indicators {
		j := IndicatorJSON{Code: in.Code, Name: in.Name, Group: in.Group, Level: in.Level, Status: in.Status,
			Delta: report.Fixed(in.Delta, p), FrameworkChanges: in.Framework, Changes: in.Changes}
		if j.FrameworkChanges == nil {
			j.FrameworkChanges = []string{}
		}
		if j.Changes == nil {
			j.Changes = []string{}
		}
		if in.OldScore.Valid {
			v := report.Fixed(in.OldScore.Decimal, p)
			j.OldScore = &v
		}
		if in.NewScore.Valid {
			v := report.Fixed(in.NewScore.Decimal, p)
			j.NewScore = &v
		}
		if in.Old != nil {
			j.OldWeight, j.OldTarget, j.OldActual = &in.Old.Weight, in.Old.Target, in.Old.Actual
		}
		if in.New != nil {
			j.NewWeight, j.NewTarget, j.NewActual = &in.New.Weight, in.New.Target, in.New.Actual
		}
		out.Indicators = append(out.Indicators, j)
	}
	return out
}
