package report

import (
	"encoding/json"
	"fmt"

	"github.com/perfeval/perfeval/scoring"
)

// ExecutionDocument lays out `perfeval execution`: the totals and the time
// schedule, every fund line, overspent items, subtotals that do not add up,
// and the execution rule's deductions.
func ExecutionDocument(c *scoring.ExecutionCheck, precision int32) Document {
	d := Document{Title: c.Project.Name + " 资金执行情况"}
	d.Lines = []string{
		fmt.Sprintf("预算数 %s，实际支出 %s，财政收回 %s，执行数 %s", Amount(c.Budget).Text, Amount(c.Paid).Text, Amount(c.Recovered).Text, Amount(c.Executed).Text),
		fmt.Sprintf("执行率 %s（执行数 ÷ 预算数），支出进度 %s（实际支出 ÷ 预算数）", Pct(c.Rate).Text, Pct(c.Progress).Text),
		fmt.Sprintf("序时进度 %s（截至 %s，已过 %d 个月 ÷ 12），差距 %s，预警 %s", Pct(c.Schedule).Text, c.AsOf.Format("2006-01-02"), c.Months, Pct(c.Gap).Text, c.Warning),
	}
	lines := Table{Name: "资金执行", Title: "资金执行", Columns: []string{"编号", "资金名称", "预算数", "实际支出", "财政收回", "执行数", "执行率", "支出进度"}}
	for _, l := range c.Lines.All {
		rate, progress := Str("—"), Str("—")
		if l.Budget.IsPositive() {
			rate, progress = Pct(l.Executed(true).Div(l.Budget)), Pct(l.Paid.Div(l.Budget))
		}
		lines.Rows = append(lines.Rows, []Cell{Str(l.Code), Indented(l.Name, l.Depth), Amount(l.Budget), Amount(l.Paid), Amount(l.Recovered), Amount(l.Executed(true)), rate, progress})
	}
	lines.Rows = append(lines.Rows, []Cell{Str("合计"), Str(""), Amount(c.Budget), Amount(c.Paid), Amount(c.Recovered), Amount(c.Executed), Pct(c.Rate), Pct(c.Progress)})
	d.Tables = append(d.Tables, lines)

	over := OverspentTable(c.Overspent)
	if c.Items == nil {
		over.Notes = []string{"工作簿没有支出明细表。"}
	}
	d.Tables = append(d.Tables, over, MismatchTable(c.Mismatches))

	if len(c.Rules) > 0 {
		t := Table{Name: "执行率扣分", Title: "执行率扣分", Columns: []string{"编码", "指标", "分值", "执行率", "得分", "扣分", "计算依据"}}
		for _, r := range c.Rules {
			t.Rows = append(t.Rows, []Cell{Str(r.Indicator.Code), Str(r.Indicator.Name), Plain(r.Indicator.Weight), Pct(r.Basis.Rate), Num(r.Score, precision), Num(r.Deducted, precision), Str(r.Trace)})
		}
		d.Tables = append(d.Tables, t)
	}
	for _, w := range c.Warnings {
		d.Warnings = append(d.Warnings, w.String())
	}
	return d
}

// OverspentTable lists the spending items whose actual exceeds the budget.
func OverspentTable(list []scoring.Overspend) Table {
	t := Table{Name: "超支明细", Title: "超支明细", Columns: []string{"编号", "用途", "预算数", "实际支出", "超支额", "实际÷预算", "超支比例"}}
	for _, o := range list {
		t.Rows = append(t.Rows, []Cell{Str(o.Line.Code), Str(o.Line.Name), Amount(o.Line.Budget), Amount(o.Line.Paid), Amount(o.Over), Pct(o.Ratio), Pct(o.Excess)})
	}
	if len(list) == 0 {
		t.Notes = []string{"没有超支的支出明细。"}
	}
	return t
}

// MismatchTable lists the subtotals that do not add up.
func MismatchTable(list []scoring.Mismatch) Table {
	t := Table{Name: "小计不符", Title: "小计不符", Columns: []string{"表", "编号", "名称", "列", "填报数", "明细合计", "差额", "位置"}}
	for _, m := range list {
		t.Rows = append(t.Rows, []Cell{Str(m.Sheet), Str(m.Code), Str(m.Name), Str(m.Column), Amount(m.Stated), Amount(m.Sum), Amount(m.Stated.Sub(m.Sum)), Str(m.Pos.String())})
	}
	if len(list) == 0 {
		t.Notes = []string{"所有小计均与明细相符。"}
	}
	return t
}

// ExecutionCheckJSON is the JSON of `perfeval execution`.
type ExecutionCheckJSON struct {
	Project ProjectJSON `json:"project"`
	AsOf    string      `json:"as_of"`
	ExecutionJSON
	Months     int                 `json:"months"`
	Schedule   json.Number         `json:"schedule"`
	Gap        json.Number         `json:"gap"`
	Warning    string              `json:"warning"`
	Overspent  []OverspendJSON     `json:"overspent"`
	Mismatches []MismatchJSON      `json:"mismatches"`
	Deductions []RuleExecutionJSON `json:"deductions"`
	Warnings   []string            `json:"warnings"`
}

type RuleExecutionJSON struct {
	Code      string      `json:"code"`
	Name      string      `json:"name"`
	Weight    json.Number `json:"weight"`
	Lines     []string    `json:"lines"`
	Recovered string      `json:"recovered"`
	Budget    json.Number `json:"budget"`
	Executed  json.Number `json:"executed"`
	Rate      json.Number `json:"rate"`
	Score     json.Number `json:"score"`
	Deducted  json.Number `json:"deducted"`
	Trace     string      `json:"trace"`
}

// NewExecutionCheckJSON converts a check.
func NewExecutionCheckJSON(c *scoring.ExecutionCheck, precision int32) ExecutionCheckJSON {
	out := ExecutionCheckJSON{
		Project: projectJSON(c.Project), AsOf: c.AsOf.Format("2006-01-02"), ExecutionJSON: *executionJSON(&c.Execution),
		Months: c.Months, Schedule: Rate(c.Schedule), Gap: Rate(c.Gap), Warning: c.Warning,
		Overspent: OverspentJSON(c.Overspent), Mismatches: MismatchesJSON(c.Mismatches),
		Deductions: []RuleExecutionJSON{}, Warnings: []string{},
	}
	for _, r := range c.Rules {
		lines := r.Basis.Lines
		if lines == nil {
			lines = []string{}
		}
		out.Deductions = append(out.Deductions, RuleExecutionJSON{
			Code: r.Indicator.Code, Name: r.Indicator.Name, Weight: plain(r.Indicator.Weight), Lines: lines,
			Recovered: r.Indicator.Rule.Recovered, Budget: Money(r.Basis.Budget), Executed: Money(r.Basis.Executed),
			Rate: Rate(r.Basis.Rate), Score: Fixed(r.Score, precision), Deducted: Fixed(r.Deducted, precision), Trace: r.Trace,
		})
	}
	for _, w := range c.Warnings {
		out.Warnings = append(out.Warnings, w.String())
	}
	return out
}
