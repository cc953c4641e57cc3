package report

import (
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/document"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/scoring"
)

// What the report's wording blocks are given.
type (
	reportData struct {
		Project        scoring.Project
		SelfEvaluation bool
		Eval           string // 评价, or 自评 for a self-evaluation
		YearInName     bool   // the project's name begins with its year
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
		Tops           string // the top-level names, 决策、过程、产出、效益
		Levels         []levelCount
		Targets        int // indicators with a target
	}
	levelCount struct {
		Level string // 一级, 二级…
		Count int
	}
	nodeData struct {
		Eval, Name, Weight, Score, Rate, Lost string
		Deducted                              string // the part of Lost that the 扣分 sheet took
	}
	headingData struct {
		Ordinal, Index, Name, Weight string
	}
	noteData struct {
		Name, Note string
	}
	analysisData struct {
		Mark, Name, Text string // Mark: ① for the first indicator of a group
	}
	tableData struct {
		Number int
		Title  string
	}
)

// builder is one report under construction: the wording, and the tables
// and figures numbered so far.
type builder struct {
	*phrases
	d      document.Document
	tables int
	unit   string
	empty  []string // the slots left without prose
	data   reportData
}

// table adds a numbered table (表N title) with the amount unit above it
// when it holds amounts, its figures with thousands separators.
func (b *builder) table(t document.Table, title string, money bool) {
	b.tables++
	t.Title = b.text("report.table", tableData{Number: b.tables, Title: title})
	if money && b.unit != "" {
		t.Unit = b.text("report.unit", b.unit)
	}
	for _, row := range t.Rows {
		for i, c := range row {
			if c.Kind == document.Number {
				row[i].Text = document.Grouped(c.Text)
			}
		}
	}
	b.d.AddTable(t)
}

// prose adds a slot's paragraphs, or a visible placeholder the evaluator
// overwrites, noting the slot as empty.
func (b *builder) prose(paragraphs []string, slot string) {
	if len(paragraphs) > 0 {
		b.d.AddParagraphs(paragraphs)
		return
	}
	name := b.text("slot."+slot, b.data)
	b.empty = append(b.empty, name)
	b.d.AddParagraph(document.Placeholder, b.text("placeholder", name))
}

// ScoreReport builds the evaluation report of a result (SPEC §5) as a
// document, in the outline of 财预〔2020〕10号: cover, 目录, 前言, 一 to 七,
// 落款 and 附件1–3. PDF and DOCX draw it.
func ScoreReport(r *scoring.Result, w *Wording, version string) (document.Document, error) {
	b := &builder{phrases: &phrases{w: w}, unit: r.Project.Unit}
	p := b.phrases
	prec := r.Precision
	data := reportData{
		Project:        r.Project,
		SelfEvaluation: r.Project.Kind == scoring.SelfEvaluation,
		Eval:           "评价",
		YearInName:     r.Project.Year != "" && strings.HasPrefix(r.Project.Name, r.Project.Year),
		Unit:           r.Project.Unit,
		Total:          r.Total.StringFixed(prec),
		Grade:          r.Grade,
		Weight:         r.Weight.String(),
		TotalTrace:     p.trace(r.TotalTrace),
		Version:        version,
		Precision:      prec,
	}
	if data.SelfEvaluation {
		data.Eval = "自评"
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
	if r.Excluded.IsPositive() {
		data.Excluded = r.Excluded.String()
	}
	if e := r.Execution; e != nil {
		f := p.fundingFigures(e)
		f.Budget, f.Paid, f.Recovered, f.Executed = document.Grouped(f.Budget), document.Grouped(f.Paid), document.Grouped(f.Recovered), document.Grouped(f.Executed)
		data.Funding = &f
	}
	var tops []string
	counts := map[int]int{}
	explained := false // some indicator has 指标解释 or 评分标准
	r.Walk(func(n *scoring.Node) {
		counts[n.Indicator.Level]++
		explained = explained || n.Indicator.Description != "" || n.Indicator.Criteria != ""
		if n.Target != nil {
			data.Targets++
		}
	})
	for _, n := range r.Indicators {
		tops = append(tops, n.Indicator.Name)
	}
	data.Tops = strings.Join(tops, "、")
	for l := 1; counts[l] > 0; l++ {
		data.Levels = append(data.Levels, levelCount{Level: chineseNumeral(l) + "级", Count: counts[l]})
	}
	b.data = data
	prose, others := narrative(r.Narrative)

	b.d = document.Document{Title: p.text("title", data), WarningLabel: p.label("warning"), Warnings: baseWarnings(r), Footer: p.footer(), Reference: w.reference, Date: r.Project.ReportDate,
		Properties: document.Properties{Creator: p.text("property.creator", data), Subject: p.text("property.subject", data), Description: p.inputsLine(r.Inputs)}}
	d := &b.d
	d.AddParagraph(document.Cover, p.text("cover", data))
	d.Blocks = append(d.Blocks, document.Block{Kind: document.Contents, Text: p.label("contents")})

	// 前言
	if pre := prose[slotPreface]; len(pre) > 0 {
		d.AddHeading(1, p.label("section.preface"))
		d.AddParagraphs(pre)
	}

	// 一、基本情况
	d.AddHeading(1, p.text("section.basic", data))
	d.AddHeading(2, p.text("basic.overview", data))
	b.prose(prose[scoring.SectionOverview], scoring.SectionOverview)
	d.AddParagraph(document.Body, p.text("basic", data))
	if r.Execution != nil {
		t := p.fundingTable(r.Execution)
		t.Notes = nil
		b.table(t, p.label("report.funding"), true)
		b.execution(r)
	}
	if r.Items != nil {
		b.table(p.itemsTable(r.Items), p.label("report.items"), true)
	}
	d.AddHeading(2, p.text("basic.goals", data))
	goals := prose[slotGoals]
	if g := r.Project.Goal; g != "" {
		goals = append([]string{p.text("basic.goal", g)}, goals...)
	}
	b.prose(goals, slotGoals)
	if a := r.Project.Achieved; a != "" {
		d.AddParagraph(document.Body, p.text("basic.achieved", a))
	}
	if data.Targets > 0 {
		d.AddParagraph(document.Body, p.text("basic.targets", data))
	}

	// 二、绩效评价工作开展情况
	d.AddHeading(1, p.text("section.work", data))
	d.AddHeading(2, p.text("work.scope", data))
	b.prose(prose[slotScope], slotScope)
	d.AddHeading(2, p.text("work.method", data))
	d.AddParagraph(document.Body, p.text("work.framework", data))
	d.AddParagraphs(prose[slotMethod])
	d.AddHeading(2, p.text("work.process", data))
	b.prose(prose[slotProcess], slotProcess)

	// 三、综合评价情况及评价结论
	d.AddHeading(1, p.text("section.conclusion", data))
	d.AddParagraph(document.Body, p.text("conclusion", data))
	summary := p.summaryTable(r)
	summary.Columns = p.colsWith("report_summary", data)
	summary.Notes = nil
	b.table(summary, p.text("report.summary", data), false)
	chart := document.Chart{Title: p.text("chart.title", data)}
	for _, n := range r.Indicators {
		chart.Bars = append(chart.Bars, document.Bar{Label: n.Indicator.Name, Rate: n.Rate()})
	}
	d.Blocks = append(d.Blocks, document.Block{Kind: document.ChartBlock, Chart: &chart})
	d.AddParagraphs(prose[scoring.SectionConclusion])

	// 四、绩效评价指标分析
	d.AddHeading(1, p.text("section.analysis", data))
	for i, top := range r.Indicators {
		in := top.Indicator
		d.AddHeading(2, p.text("analysis.dimension", headingData{Ordinal: chineseOrdinal(i + 1), Name: in.Name, Weight: in.Weight.String()}))
		d.AddParagraph(document.Body, b.nodeSentence(top, prec))
		if in.IsLeaf() {
			b.leaves(top, prec)
			continue
		}
		d.AddParagraphs(top.Analysis)
		for j, second := range top.Children {
			d.AddHeading(3, p.text("analysis.node", headingData{Index: strconv.Itoa(j + 1), Name: second.Indicator.Name}))
			d.AddParagraph(document.Body, b.nodeSentence(second, prec))
			if !second.Indicator.IsLeaf() {
				d.AddParagraphs(second.Analysis)
			}
			b.leaves(second, prec)
		}
	}

	// 五、主要经验及做法、存在的问题及原因分析
	d.AddHeading(1, p.text("section.lessons", data))
	d.AddHeading(2, p.text("lessons.experience", data))
	b.prose(prose[scoring.SectionPerformance], scoring.SectionPerformance)
	d.AddHeading(2, p.text("lessons.problems", data))
	b.prose(prose[scoring.SectionProblems], scoring.SectionProblems)

	// 六、有关建议
	d.AddHeading(1, p.text("section.advice", data))
	b.prose(prose[scoring.SectionAdvice], scoring.SectionAdvice)

	// 七、其他需要说明的问题: the evaluator's own sections too
	d.AddHeading(1, p.text("section.other", data))
	d.AddParagraphs(prose[slotOther])
	for i, s := range others {
		d.AddHeading(2, p.text("other.section", headingData{Ordinal: chineseOrdinal(i + 1), Name: s.Name}))
		d.AddParagraphs(s.Paragraphs)
	}
	if len(prose[slotOther]) == 0 && len(others) == 0 {
		d.AddParagraph(document.Body, p.text("other.none", data))
	}

	// 落款
	d.AddParagraph(document.Signature, p.text("signature", data))

	// 附件
	// 附件1 lies sideways when its two prose columns hold text.
	if explained {
		d.AddLandscapeBreak()
	} else {
		d.AddPageBreak()
	}
	d.AddHeading(1, p.text("annex.framework", data))
	b.table(p.frameworkTable(r, data), p.text("report.framework", data), false)
	d.AddPageBreak()
	d.AddHeading(1, p.text("annex.targets", data))
	if targets := p.targetTable(r, true); len(targets.Rows) == 0 {
		d.AddParagraph(document.Body, p.text("targets.none", data))
	} else {
		b.table(targets, p.text("report.targets", data), false)
	}
	d.AddPageBreak()
	d.AddHeading(1, p.text("annex.traces", data))
	d.AddParagraph(document.Body, p.text("traces.rules", data))
	b.table(p.traceTable(r), p.text("report.traces", data), false)
	if data.Excluded != "" {
		d.AddParagraph(document.Body, p.text("traces.total", data))
	}
	b.table(p.inputsTable(r.Inputs), p.label("report.inputs"), false)
	d.AddParagraph(document.Body, p.text("tool", data))
	if len(b.empty) > 0 {
		d.Notices = append(d.Notices, lang.Sprintf("the report has sections to fill in (shown as （待补充：…）): %s", strings.Join(b.empty, "；")))
	}
	return b.d, p.err
}

func (b *builder) nodeSentence(n *scoring.Node, prec int32) string {
	in := n.Indicator
	if n.NotApplicable {
		return b.text("node.na", nodeData{Eval: b.data.Eval, Name: in.Name, Weight: in.Weight.String()})
	}
	d := nodeData{Eval: b.data.Eval, Name: in.Name, Weight: in.Weight.String(), Score: n.Score.StringFixed(prec), Rate: document.Pct(n.Rate()).Text}
	if lost := n.Lost(); lost.IsPositive() {
		d.Lost = lost.StringFixed(prec)
		if ded := n.Deducted(); ded.IsPositive() {
			d.Deducted = ded.StringFixed(prec)
		}
	}
	return b.text("node", d)
}

// execution words the time schedule as the reports do (低于序时进度 N 个百分点)
// and adds the overspent items and the subtotals that do not add up.
func (b *builder) execution(r *scoring.Result) {
	e := r.Execution
	d := &b.d
	if e.HasSchedule() {
		s := b.schedule(e)
		s.AsOf = e.AsOf.Format("2006年1月2日")
		s.Gap, s.Ahead = strings.TrimSuffix(s.Gap, "%"), strings.TrimSuffix(s.Ahead, "%")
		d.AddParagraph(document.Body, b.text("execution", s))
	}
	if len(r.Overspent) > 0 {
		d.AddParagraph(document.Body, b.text("execution.overspent", b.data))
		b.table(b.overspentTable(r.Overspent), b.label("report.overspent"), true)
	}
	if len(r.Mismatches) > 0 {
		d.AddParagraph(document.Body, b.text("execution.mismatch", b.data))
		b.table(b.mismatchTable(r.Mismatches), b.label("report.mismatches"), true)
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

// inputsLine names the input files with their SHA-256, for the document's
// properties.
func (p *phrases) inputsLine(files []scoring.File) string {
	parts := make([]string, len(files))
	for i, f := range files {
		parts[i] = baseName(f.Name) + " SHA-256 " + f.SHA256
	}
	return strings.Join(parts, "; ")
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

// leaves adds a paragraph for each leaf under n (n itself when it is
// one), marked ①, ② … : its name, the evaluator's analysis, the score in
// words with its deductions, and the deviation reason (偏差原因). The
// analysis of an indicator between n and its leaves comes before them.
func (b *builder) leaves(n *scoring.Node, prec int32) {
	i := 0
	var walk func(*scoring.Node)
	walk = func(m *scoring.Node) {
		in := m.Indicator
		if len(m.Children) > 0 {
			b.d.AddParagraphs(m.Analysis)
			for _, c := range m.Children {
				walk(c)
			}
			return
		}
		if in.IsPlaceholder() {
			return
		}
		i++
		a := analysisData{Mark: circled(i), Name: in.Name}
		var rest []string
		if len(m.Analysis) > 0 {
			a.Text, rest = m.Analysis[0], m.Analysis[1:]
		}
		words := b.scoreWords(m, prec)
		first := ""
		if a.Text != "" && marked(a.Text, in.Name) {
			first = a.Text
		} else {
			first = b.text("analysis.text", a)
		}
		if len(rest) == 0 {
			first += words
		} else {
			rest = append(slices.Clone(rest[:len(rest)-1]), rest[len(rest)-1]+words)
		}
		b.d.AddParagraphs(append([]string{first}, rest...))
		if m.Note != "" {
			b.d.AddParagraph(document.Body, b.text("analysis.note", noteData{Name: in.Name, Note: m.Note}))
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

func (p *phrases) itemsTable(items *scoring.LineTree) document.Table {
	t := document.Table{Columns: p.cols("items")}
	for _, l := range items.All {
		actual := document.Str(p.label("cell.none"))
		if l.PaidKnown {
			actual = document.Amount(l.Paid)
		}
		t.Rows = append(t.Rows, []document.Cell{document.Str(l.Code), document.Indented(l.Name, l.Depth), document.Amount(l.Budget), actual})
	}
	return t
}

// traceTable is every indicator's computation in words (附件3), the
// indicators named, never coded.
func (p *phrases) traceTable(r *scoring.Result) document.Table {
	t := document.Table{Columns: p.cols("report_traces")}
	r.Walk(func(n *scoring.Node) {
		how := p.trace(n.Trace)
		if len(n.Children) == 0 {
			how = p.scoreWords(n, r.Precision)
		}
		t.Rows = append(t.Rows, []document.Cell{document.Indented(n.Indicator.Name, n.Indicator.Level-1), document.Plain(n.Indicator.Weight), document.Num(n.Score, r.Precision), document.Str(how)})
	})
	t.Rows = append(t.Rows, []document.Cell{document.Str(p.label("row.total")), document.Plain(r.Weight), document.Num(r.Total, r.Precision), document.Str(p.trace(r.TotalTrace))})
	return t
}

func (p *phrases) inputsTable(files []scoring.File) document.Table {
	t := document.Table{Columns: p.cols("inputs")}
	for _, f := range files {
		t.Rows = append(t.Rows, []document.Cell{document.Str(baseName(f.Name)), document.Str(f.SHA256)})
	}
	return t
}

// baseName is a file's name without its folders (a report names no local
// path), whichever separator the path was written with.
func baseName(name string) string {
	return path.Base(strings.ReplaceAll(name, "\\", "/"))
}
