package report

import (
	"fmt"
	"strings"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/scoring"
	"github.com/shopspring/decimal"
)

// ScoreDocument lays a result out as the four tables of `perfeval score`:
// 一级指标得分, 指标明细, 绩效目标完成情况 and 资金执行.
func ScoreDocument(r *scoring.Result) Document {
	p := r.Framework.Precision
	d := Document{
		Title: r.Project.Name + " " + kindTitle(r.Project.Kind),
		Lines: projectLines(r),
	}
	d.Tables = append(d.Tables, summaryTable(r, p), detailTable(r, p), targetTable(r, p))
	if r.Execution != nil {
		d.Tables = append(d.Tables, FundingTable(r.Execution))
	}
	for _, w := range r.Warnings {
		d.Warnings = append(d.Warnings, w.String())
	}
	return d
}

func kindTitle(kind string) string {
	if kind == scoring.SelfEvaluation {
		return "绩效自评结果"
	}
	return "绩效评价结果"
}

func projectLines(r *scoring.Result) []string {
	var out []string
	pr := r.Project
	add := func(label, v string) {
		if v != "" {
			out = append(out, label+"："+v)
		}
	}
	add("主管部门", pr.Department)
	add("评价类型", pr.Kind)
	add("年度", pr.Year)
	if !pr.AsOf.IsZero() {
		add("评价基准日", pr.AsOf.Format("2006-01-02"))
	}
	add("金额单位", pr.Unit)
	add("指标体系", r.Framework.Name)
	out = append(out, fmt.Sprintf("总分：%s（%s）", r.Total.StringFixed(r.Framework.Precision), r.Grade))
	return out
}

func summaryTable(r *scoring.Result, p int32) Table {
	t := Table{Name: "一级指标得分", Title: "一级指标得分", Columns: []string{"评价维度", "满分分值", "评价得分", "得分率"}}
	for _, n := range r.Indicators {
		t.Rows = append(t.Rows, []Cell{Str(n.Indicator.Name), Plain(n.Indicator.Weight), Num(n.Score, p), Pct(n.Rate())})
	}
	rate := decimal.Zero
	if r.Weight.IsPositive() {
		rate = r.Total.Div(r.Weight)
	}
	t.Rows = append(t.Rows,
		[]Cell{Str("总分"), Plain(r.Weight), Num(r.Total, p), Pct(rate)},
		[]Cell{Str("等级"), Str(""), Str(r.Grade), Str("")},
	)
	t.Notes = append(t.Notes, "总分计算："+r.TotalTrace)
	return t
}

func detailTable(r *scoring.Result, p int32) Table {
	t := Table{Name: "指标明细", Title: "指标明细", Columns: []string{"编码", "指标", "分值", "扣分", "得分", "得分率", "计算依据"}}
	r.Walk(func(n *scoring.Node) {
		in := n.Indicator
		ded := Str("")
		if d := n.Deducted(); d.IsPositive() {
			ded = Num(d, p)
		}
		score, rate := Num(n.Score, p), Pct(n.Rate())
		if n.NotApplicable {
			score, rate = Str("不适用"), Str("—")
		}
		t.Rows = append(t.Rows, []Cell{Str(in.Code), Indented(in.Name, in.Level-1), Plain(in.Weight), ded, score, rate, Str(n.Trace)})
	})
	return t
}

func targetTable(r *scoring.Result, p int32) Table {
	t := Table{Name: "绩效目标完成情况", Title: "绩效目标完成情况", Columns: []string{"序号", "指标", "年度目标值", "实际值", "完成率", "得分"}}
	i := 0
	r.Walk(func(n *scoring.Node) {
		if n.Target == nil && n.Actual == nil {
			return
		}
		i++
		score := Num(n.Score, p)
		if n.NotApplicable {
			score = Str("不适用")
		}
		t.Rows = append(t.Rows, []Cell{Str(fmt.Sprint(i)), Str(n.Indicator.Name), Str(written(n.Target)), Str(written(n.Actual)), NullPct(n.Ratio), score})
	})
	return t
}

func written(v *indicators.Value) string {
	if v == nil {
		return ""
	}
	return v.Written
}

// FundingTable lists every 预算执行 line with its execution rate, and the total.
func FundingTable(e *scoring.Execution) Table {
	t := Table{Name: "资金执行", Title: "资金执行", Columns: []string{"编号", "资金名称", "预算数", "实际支出", "财政收回", "执行率"}}
	for _, l := range e.Lines.All {
		t.Rows = append(t.Rows, []Cell{Str(l.Code), Indented(l.Name, l.Depth), Amount(l.Budget), Amount(l.Paid), Amount(l.Recovered), lineRate(l)})
	}
	t.Rows = append(t.Rows, []Cell{Str("合计"), Str(""), Amount(e.Budget), Amount(e.Paid), Amount(e.Recovered), Pct(e.Rate)})
	executed := Amount(e.Executed).Text
	t.Notes = append(t.Notes, fmt.Sprintf("执行数 = 实际支出 %s + 财政收回 %s = %s；执行率 = %s ÷ %s = %s",
		Amount(e.Paid).Text, Amount(e.Recovered).Text, executed, executed, Amount(e.Budget).Text, Pct(e.Rate).Text))
	return t
}

func lineRate(l *scoring.LineNode) Cell {
	if !l.Budget.IsPositive() {
		return Str("—")
	}
	return Pct(l.Executed(true).Div(l.Budget))
}

// Indent is how a level of the tree is shown in text.
func Indent(level int) string { return strings.Repeat("  ", level) }
