package templates

import (
	"io"
	"strconv"

	"github.com/perfeval/perfeval/internal/report"
	"github.com/perfeval/perfeval/scoring"
)

// PDFOptions are what a report needs besides the result.
type PDFOptions struct {
	Version string   // perfeval's version, for the appendix
	Wording *Wording // nil for the built-in wording
}

// What the wording templates are given.
type (
	reportData struct {
		Project        scoring.Project
		SelfEvaluation bool
		AsOf           string
		Unit           string
		Framework      string
		Funding        *fundingData
		Total          string
		Grade          string
		Weight         string
		Excluded       string // "" when nothing is excluded
		TotalTrace     string
		Version        string
		Precision      int32
	}
	fundingData struct {
		Budget, Paid, Recovered, Executed, Rate, Progress string
		HasRecovered                                      bool
	}
	nodeData struct {
		Code, Name, Weight, Score, Rate, Lost string
	}
	executionData struct {
		AsOf, Rate, Progress, Schedule, Gap, Warning string
	}
	ruleData struct {
		Code, Name, Trace, Deducted string
	}
)

// WriteScorePDF draws the evaluation report of a scored result (SPEC §5)
// and returns the warnings met while drawing it (characters the font lacks).
func WriteScorePDF(w io.Writer, res *scoring.Result, opt PDFOptions) ([]string, error) {
	words := opt.Wording
	if words == nil {
		var err error
		if words, err = LoadWording(""); err != nil {
			return nil, err
		}
	}
	p0 := res.Framework.Precision
	data := reportData{
		Project:        res.Project,
		SelfEvaluation: res.Project.Kind == scoring.SelfEvaluation,
		Unit:           res.Project.Unit,
		Framework:      res.Framework.Name,
		Total:          res.Total.StringFixed(p0),
		Grade:          res.Grade,
		Weight:         res.Weight.String(),
		TotalTrace:     res.TotalTrace,
		Version:        opt.Version,
		Precision:      p0,
	}
	if !res.Project.AsOf.IsZero() {
		data.AsOf = res.Project.AsOf.Format("2006年1月2日")
	}
	if res.Excluded.IsPositive() {
		data.Excluded = res.Excluded.String()
	}
	if e := res.Execution; e != nil {
		data.Funding = &fundingData{
			Budget: report.Amount(e.Budget).Text, Paid: report.Amount(e.Paid).Text, Recovered: report.Amount(e.Recovered).Text,
			Executed: report.Amount(e.Executed).Text, Rate: report.Pct(e.Rate).Text, Progress: report.Pct(e.Progress).Text,
			HasRecovered: e.Recovered.IsPositive(),
		}
	}
	title, err := words.Text("title", data)
	if err != nil {
		return nil, err
	}
	p := newPage(words, title)
	p.pdf.AddPage()
	p.title(title)
	p.para(p.text("cover", data), sizeBody)
	p.space(4)

	// 一、基本情况
	p.h1(p.text("section.basic", data))
	p.para(p.text("basic", data), sizeBody)
	if res.Execution != nil {
		p.h2(p.text("basic.funding", data), sizeH2)
		p.table(report.FundingTable(res.Execution))
	}
	if res.Items != nil {
		p.h2(p.text("basic.items", data), sizeH2)
		p.table(itemsTable(res.Items))
	}

	// 二、评价结论
	doc := report.ScoreDocument(res)
	p.h1(p.text("section.conclusion", data))
	p.para(p.text("conclusion", data), sizeBody)
	p.space(2)
	p.table(doc.Tables[0])
	var bars []bar
	for _, n := range res.Indicators {
		bars = append(bars, bar{label: n.Indicator.Name, rate: n.Rate()})
	}
	p.barChart(p.text("chart.title", data), bars)

	// 三、指标分析
	p.h1(p.text("section.analysis", data))
	for i, top := range res.Indicators {
		p.h2(chineseOrdinal(i+1)+top.Indicator.Name+"（"+top.Indicator.Weight.String()+" 分）", sizeH2)
		p.para(p.nodeSentence(top, p0), sizeBody)
		if top.Indicator.IsLeaf() {
			p.table(leafTable([]*scoring.Node{top}, p0))
			continue
		}
		for j, second := range top.Children {
			p.h2(strconv.Itoa(j+1)+". "+second.Indicator.Code+" "+second.Indicator.Name, sizeH3)
			p.para(p.nodeSentence(second, p0), sizeBody)
			p.table(leafTable(leaves(second), p0))
		}
	}

	// 四、绩效目标完成情况
	p.h1(p.text("section.targets", data))
	if len(doc.Tables[2].Rows) == 0 {
		p.para(p.text("targets.none", data), sizeBody)
	} else {
		p.table(doc.Tables[2])
	}

	// 五、资金执行情况
	p.h1(p.text("section.execution", data))
	p.execution(res, data)

	// 附录
	p.h1(p.text("section.appendix", data))
	p.h2(p.text("appendix.traces", data), sizeH2)
	p.table(traceTable(res, p0))
	p.h2(p.text("appendix.inputs", data), sizeH2)
	p.table(inputsTable(res.Inputs))
	p.h2(p.text("appendix.tool", data), sizeH2)
	p.para(p.text("tool", data), sizeBody)
	warnings := make([]string, 0, len(res.Warnings))
	for _, w := range res.Warnings {
		warnings = append(warnings, w.String())
	}
	// The font notes are known only once everything else is drawn.
	for _, w := range append(warnings, p.notes...) {
		p.para("警告："+w, sizeSmall)
	}
	if err := p.write(w); err != nil {
		return nil, err
	}
	return p.notes, nil
}

func (p *page) nodeSentence(n *scoring.Node, prec int32) string {
	in := n.Indicator
	if n.NotApplicable {
		return p.text("node.na", nodeData{Code: in.Code, Name: in.Name, Weight: in.Weight.String()})
	}
	d := nodeData{Code: in.Code, Name: in.Name, Weight: in.Weight.String(), Score: n.Score.StringFixed(prec), Rate: report.Pct(n.Rate()).Text}
	if lost := in.Weight.Sub(n.Excluded).Sub(n.Score); lost.IsPositive() {
		d.Lost = lost.StringFixed(prec)
	}
	return p.text("node", d)
}

func (p *page) execution(res *scoring.Result, data reportData) {
	e := res.Execution
	if e == nil {
		p.para(p.text("execution.none", data), sizeBody)
		return
	}
	ed := executionData{AsOf: data.AsOf, Rate: report.Pct(e.Rate).Text, Progress: report.Pct(e.Progress).Text}
	if !res.Project.AsOf.IsZero() {
		_, schedule := res.Project.Schedule(res.Project.AsOf)
		ed.Schedule = report.Pct(schedule).Text
		ed.Gap = report.Pct(schedule.Sub(e.Progress)).Text
		ed.Warning = scoring.DefaultThresholds().Level(e.Progress, schedule)
		p.para(p.text("execution", ed), sizeBody)
	}
	res.Walk(func(n *scoring.Node) {
		if n.Execution != nil {
			p.para(p.text("execution.rule", ruleData{Code: n.Indicator.Code, Name: n.Indicator.Name, Trace: n.Trace,
				Deducted: n.Indicator.Weight.Sub(n.Score).StringFixed(res.Framework.Precision)}), sizeBody)
		}
	})
	p.space(2)
	if len(res.Overspent) > 0 {
		p.para(p.text("execution.overspent", data), sizeBody)
		p.table(report.OverspentTable(res.Overspent))
	} else if res.Items != nil {
		p.para(p.text("execution.noover", data), sizeBody)
	}
	if len(res.Mismatches) > 0 {
		p.para(p.text("execution.mismatch", data), sizeBody)
		p.table(report.MismatchTable(res.Mismatches))
	}
}

func chineseOrdinal(i int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	switch {
	case i <= 10:
		return "（" + digits[i] + "）"
	case i < 20:
		return "（十" + digits[i-10] + "）"
	default:
		return "（" + strconv.Itoa(i) + "）"
	}
}

func leaves(n *scoring.Node) []*scoring.Node {
	if len(n.Children) == 0 {
		return []*scoring.Node{n}
	}
	var out []*scoring.Node
	for _, c := range n.Children {
		out = append(out, leaves(c)...)
	}
	return out
}

func leafTable(list []*scoring.Node, prec int32) report.Table {
	t := report.Table{Columns: []string{"编码", "指标", "分值", "得分", "计算依据与扣分理由"}}
	for _, n := range list {
		score := report.Num(n.Score, prec)
		if n.NotApplicable {
			score = report.Str("不适用")
		}
		t.Rows = append(t.Rows, []report.Cell{report.Str(n.Indicator.Code), report.Str(n.Indicator.Name), report.Plain(n.Indicator.Weight), score, report.Str(n.Trace)})
	}
	return t
}

func itemsTable(items *scoring.LineTree) report.Table {
	t := report.Table{Columns: []string{"编号", "用途", "预算数", "实际支出"}}
	for _, l := range items.All {
		actual := report.Str("—")
		if l.PaidKnown {
			actual = report.Amount(l.Paid)
		}
		t.Rows = append(t.Rows, []report.Cell{report.Str(l.Code), report.Indented(l.Name, l.Depth), report.Amount(l.Budget), actual})
	}
	return t
}

func traceTable(res *scoring.Result, prec int32) report.Table {
	t := report.Table{Columns: []string{"编码", "指标", "得分", "计算过程"}}
	res.Walk(func(n *scoring.Node) {
		t.Rows = append(t.Rows, []report.Cell{report.Str(n.Indicator.Code), report.Indented(n.Indicator.Name, n.Indicator.Level-1), report.Num(n.Score, prec), report.Str(n.Trace)})
	})
	t.Rows = append(t.Rows, []report.Cell{report.Str("总分"), report.Str(""), report.Num(res.Total, prec), report.Str(res.TotalTrace)})
	return t
}

func inputsTable(files []scoring.File) report.Table {
	t := report.Table{Columns: []string{"文件", "SHA-256"}}
	for _, f := range files {
		t.Rows = append(t.Rows, []report.Cell{report.Str(f.Name), report.Str(f.SHA256)})
	}
	return t
}
