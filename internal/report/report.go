package report

import (
	"slices"
	"strconv"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/document"
	"github.com/perfeval/perfeval/scoring"
)

// What the report's wording blocks are given.
type (
	reportData struct {
		Project        scoring.Project
		SelfEvaluation bool
		AsOf           string
		ReportDate     string
		Unit           string
		Framework      string
		Funding        *fundingFigures
		Total          string
		Grade          string
		Weight         string
		Excluded       string // "" when nothing is excluded
		TotalTrace     string
		Version        string
		Precision      int32
		Rounding       string // the framework's rounding, in words
	}
	nodeData struct {
		Code, Name, Weight, Score, Rate, Lost string
		Deducted                              string // the part of Lost that the 扣分 sheet took
	}
	headingData struct {
		Ordinal, Index, Code, Name, Weight string
	}
	noteData struct {
		Code, Name, Note string
	}
	analysisData struct {
		Mark, Code, Name, Text string // Mark: ① for the first indicator of a table, "" for one not in it
	}
	ruleData struct {
		Code, Name, Trace, Deducted string
	}
)

// ScoreReport builds the evaluation report of a result (SPEC §5) as a
// document: cover, 基本情况, 评价结论 with the chart, 指标分析,
// 绩效目标完成情况, 资金执行情况 and the appendix. PDF and DOCX draw it.
func ScoreReport(r *scoring.Result, w *Wording, version string) (document.Document, error) {
	p := &phrases{w: w}
	prec := r.Precision
	data := reportData{
		Project:        r.Project,
		SelfEvaluation: r.Project.Kind == scoring.SelfEvaluation,
		Unit:           r.Project.Unit,
		Total:          r.Total.StringFixed(prec),
		Grade:          r.Grade,
		Weight:         r.Weight.String(),
		TotalTrace:     p.trace(r.TotalTrace),
		Version:        version,
		Precision:      prec,
	}
	data.Rounding = p.label("rounding.name." + string(indicators.HalfUp))
	if r.Framework != nil {
		data.Framework = r.Framework.Name
		data.Rounding = p.label("rounding.name." + string(r.Framework.Rounding))
	}
	if !r.Project.AsOf.IsZero() {
		data.AsOf = r.Project.AsOf.Format("2006年1月2日")
	}
	if !r.Project.ReportDate.IsZero() {
		data.ReportDate = r.Project.ReportDate.Format("2006年1月2日")
	}
	prose, closing := narrative(r.Narrative)
	if r.Excluded.IsPositive() {
		data.Excluded = r.Excluded.String()
	}
	if e := r.Execution; e != nil {
		f := p.fundingFigures(e)
		data.Funding = &f
	}
	d := document.Document{Title: p.text("title", data), WarningLabel: p.label("warning"), Warnings: warnings(r), Footer: p.footer(), Reference: w.reference, Date: r.Project.ReportDate}
	d.AddParagraph(document.Cover, p.text("cover", data))

	// 一、基本情况
	d.AddHeading(1, p.text("section.basic", data))
	d.AddParagraph(document.Body, p.text("basic", data))
	if g := r.Project.Goal; g != "" {
		d.AddParagraph(document.Body, p.text("basic.goal", g))
	}
	if a := r.Project.Achieved; a != "" {
		d.AddParagraph(document.Body, p.text("basic.achieved", a))
	}
	d.AddParagraphs(prose[scoring.SectionOverview])
	if r.Execution != nil {
		d.AddHeading(2, p.text("basic.funding", data))
		d.AddTable(untitled(p.fundingTable(r.Execution)))
	}
	if r.Items != nil {
		d.AddHeading(2, p.text("basic.items", data))
		d.AddTable(p.itemsTable(r.Items))
	}

	// 二、评价结论
	d.AddHeading(1, p.text("section.conclusion", data))
	d.AddParagraph(document.Body, p.text("conclusion", data))
	d.AddGap()
	d.AddTable(untitled(p.summaryTable(r)))
	chart := document.Chart{Title: p.text("chart.title", data)}
	for _, n := range r.Indicators {
		chart.Bars = append(chart.Bars, document.Bar{Label: n.Indicator.Name, Rate: n.Rate()})
	}
	d.Blocks = append(d.Blocks, document.Block{Kind: document.ChartBlock, Chart: &chart})
	d.AddParagraphs(prose[scoring.SectionConclusion])

	// 三、指标分析
	d.AddHeading(1, p.text("section.analysis", data))
	for i, top := range r.Indicators {
		in := top.Indicator
		d.AddHeading(2, p.text("analysis.dimension", headingData{Ordinal: chineseOrdinal(i + 1), Name: in.Name, Weight: in.Weight.String()}))
		d.AddParagraph(document.Body, p.nodeSentence(top, prec))
		if in.IsLeaf() {
			p.leaves(&d, top, prec)
			continue
		}
		d.AddParagraphs(top.Analysis)
		for j, second := range top.Children {
			d.AddHeading(3, p.text("analysis.node", headingData{Index: strconv.Itoa(j + 1), Code: second.Indicator.Code, Name: second.Indicator.Name}))
			d.AddParagraph(document.Body, p.nodeSentence(second, prec))
			if !second.Indicator.IsLeaf() {
				d.AddParagraphs(second.Analysis)
			}
			p.leaves(&d, second, prec)
		}
	}

	// 四、绩效目标完成情况
	d.AddHeading(1, p.text("section.targets", data))
	if targets := p.targetTable(r); len(targets.Rows) == 0 {
		d.AddParagraph(document.Body, p.text("targets.none", data))
	} else {
		d.AddTable(untitled(targets))
	}

	// 五、资金执行情况
	d.AddHeading(1, p.text("section.execution", data))
	p.execution(&d, r, data)

	// 六、主要绩效, 存在问题, 改进建议 and the evaluator's other sections
	for i, s := range closing {
		d.AddHeading(1, p.text("section.prose", headingData{Ordinal: chineseNumeral(6 + i), Name: s.Name}))
		d.AddParagraphs(s.Paragraphs)
	}

	// 附录
	d.AddHeading(1, p.text("section.appendix", data))
	d.AddHeading(2, p.text("appendix.traces", data))
	d.AddTable(p.traceTable(r))
	d.AddHeading(2, p.text("appendix.inputs", data))
	d.AddTable(p.inputsTable(r.Inputs))
	d.AddHeading(2, p.text("appendix.tool", data))
	d.AddParagraph(document.Body, p.text("tool", data))
	return d, p.err
}

func (p *phrases) nodeSentence(n *scoring.Node, prec int32) string {
	in := n.Indicator
	if n.NotApplicable {
		return p.text("node.na", nodeData{Code: in.Code, Name: in.Name, Weight: in.Weight.String()})
	}
	d := nodeData{Code: in.Code, Name: in.Name, Weight: in.Weight.String(), Score: n.Score.StringFixed(prec), Rate: document.Pct(n.Rate()).Text}
	if lost := n.Lost(); lost.IsPositive() {
		d.Lost = lost.StringFixed(prec)
		if ded := n.Deducted(); ded.IsPositive() {
			d.Deducted = ded.StringFixed(prec)
		}
	}
	return p.text("node", d)
}

func (p *phrases) execution(d *document.Document, r *scoring.Result, data reportData) {
	e := r.Execution
	if e == nil {
		d.AddParagraph(document.Body, p.text("execution.none", data))
		return
	}
	if e.HasSchedule() {
		s := p.schedule(e)
		s.AsOf = e.AsOf.Format("2006年1月2日")
		d.AddParagraph(document.Body, p.text("execution", s))
	}
	for _, n := range r.ExecutionRules {
		d.AddParagraph(document.Body, p.text("execution.rule", ruleData{Code: n.Indicator.Code, Name: n.Indicator.Name, Trace: p.trace(n.Trace),
			Deducted: n.Indicator.Weight.Sub(n.Score).StringFixed(r.Precision)}))
	}
	d.AddGap()
	switch {
	case len(r.Overspent) > 0:
		d.AddParagraph(document.Body, p.text("execution.overspent", data))
		d.AddTable(untitled(p.overspentTable(r.Overspent)))
	case r.Items != nil:
		d.AddParagraph(document.Body, p.text("execution.noover", data))
	}
	if len(r.Mismatches) > 0 {
		d.AddParagraph(document.Body, p.text("execution.mismatch", data))
		d.AddTable(untitled(p.mismatchTable(r.Mismatches)))
	}
}

// untitled is a table under a heading of the report's own.
func untitled(t document.Table) document.Table {
	t.Title = ""
	return t
}

// footer is the page footer, {page} and {pages} left for the renderer.
func (p *phrases) footer() string {
	return p.text("footer", map[string]string{"Page": "{page}", "Pages": "{pages}"})
}

// chineseOrdinal is the number of a subsection: （一）.
func chineseOrdinal(i int) string { return "（" + chineseNumeral(i) + "）" }

// chineseNumeral writes 1 to 99 in Chinese numerals (一, 十二, 二十一), and
// larger numbers in digits.
func chineseNumeral(i int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case i >= 1 && i <= 9:
		return digits[i]
	case i >= 10 && i <= 99:
		tens := ""
		if i >= 20 {
			tens = digits[i/10]
		}
		return tens + "十" + digits[i%10]
	default:
		return strconv.Itoa(i)
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

// leaves adds the table of the leaves under n (n itself when it is one),
// and under it the evaluator's analysis of each indicator below n, marked
// ① for the first row of the table, and each leaf's deviation reason
// (偏差原因).
func (p *phrases) leaves(d *document.Document, n *scoring.Node, prec int32) {
	list := leaves(n)
	d.AddTable(p.leafTable(list, prec))
	var walk func(*scoring.Node)
	walk = func(m *scoring.Node) {
		in := m.Indicator
		if len(m.Analysis) > 0 {
			a := analysisData{Code: in.Code, Name: in.Name, Text: m.Analysis[0]}
			if i := slices.Index(list, m); i >= 0 {
				a.Mark = circled(i + 1)
			}
			first := a.Text
			if !marked(a.Text, in.Name) {
				first = p.text("analysis.text", a)
			}
			d.AddParagraphs(append([]string{first}, m.Analysis[1:]...))
		}
		if m.Note != "" {
			d.AddParagraph(document.Body, p.text("analysis.note", noteData{Code: in.Code, Name: in.Name, Note: m.Note}))
		}
		for _, c := range m.Children {
			walk(c)
		}
	}
	if n.Indicator.IsLeaf() {
		walk(n)
		return
	}
	for _, c := range n.Children {
		walk(c)
	}
}

func (p *phrases) leafTable(list []*scoring.Node, prec int32) document.Table {
	t := document.Table{Columns: p.cols("leaves"), Wording: "cols.leaves"}
	for _, n := range list {
		score := document.Num(n.Score, prec)
		if n.NotApplicable {
			score = document.Str(p.label("cell.na"))
		}
		t.Rows = append(t.Rows, []document.Cell{document.Str(n.Indicator.Code), document.Str(n.Indicator.Name), document.Plain(n.Indicator.Weight), score, document.Str(p.trace(n.Trace))})
	}
	return t
}

func (p *phrases) itemsTable(items *scoring.LineTree) document.Table {
	t := document.Table{Columns: p.cols("items"), Wording: "cols.items"}
	for _, l := range items.All {
		actual := document.Str(p.label("cell.none"))
		if l.PaidKnown {
			actual = document.Amount(l.Paid)
		}
		t.Rows = append(t.Rows, []document.Cell{document.Str(l.Code), document.Indented(l.Name, l.Depth), document.Amount(l.Budget), actual})
	}
	return t
}

func (p *phrases) traceTable(r *scoring.Result) document.Table {
	t := document.Table{Columns: p.cols("traces"), Wording: "cols.traces"}
	r.Walk(func(n *scoring.Node) {
		t.Rows = append(t.Rows, []document.Cell{document.Str(n.Indicator.Code), document.Indented(n.Indicator.Name, n.Indicator.Level-1), document.Num(n.Score, r.Precision), document.Str(p.trace(n.Trace))})
	})
	t.Rows = append(t.Rows, []document.Cell{document.Str(p.label("row.total")), document.Str(""), document.Num(r.Total, r.Precision), document.Str(p.trace(r.TotalTrace))})
	return t
}

func (p *phrases) inputsTable(files []scoring.File) document.Table {
	t := document.Table{Columns: p.cols("inputs"), Wording: "cols.inputs"}
	for _, f := range files {
		t.Rows = append(t.Rows, []document.Cell{document.Str(f.Name), document.Str(f.SHA256)})
	}
	return t
}
