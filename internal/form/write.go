package form

import (
	"cmp"
	"fmt"
	"io"
	"strings"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/third_party/excelize"
	"github.com/perfeval/perfeval/scoring"
	"github.com/shopspring/decimal"
)

// The columns of the written form, A to J: the label column, 一级, 二级,
// 三级, 年度指标值, 实际完成值, 分值, 得分 and the reason over I:J. The fund
// block shares them: its names over B:C, then 年初预算数, 全年预算数,
// 全年执行数, 分值, 执行率 and 得分 over I:J.
const (
	formSheet = "项目支出绩效自评表"
	lastCol   = "J"
)

var colWidths = []float64{12, 14, 16, 26, 16, 16, 9, 9, 18, 18}

// Write writes a scored project as the national 项目支出绩效自评表 (SPEC
// §8), laid out and styled as the printed one: the header block, the fund
// block, 年度总体目标, the indicators under their 一级 and 二级 (merged
// cells), 分值, 得分, the deviation reasons, 总分 and 等级. The execution
// rule's leaf is the fund block's 分值 and 得分; a leaf directly under its
// 一级 is its own 二级; deeper leaves are 三级 under their 二级; another
// execution leaf is written as its rate against ≥100%. A form read and
// written again reads back (the workbook reader) to the same figures; a
// workbook's 扣分 are written as reasons beside the scores they lower.
func Write(w io.Writer, res *scoring.Result) error {
	fw := &formWriter{f: excelize.NewFile(), res: res}
	defer fw.f.Close()
	fw.keep(fw.f.SetSheetName("Sheet1", formSheet))
	const when = "2000-01-01T00:00:00Z" // fixed: the same result gives the same bytes
	fw.keep(fw.f.SetDocProps(&excelize.DocProperties{Title: formSheet, Creator: "perfeval", LastModifiedBy: "perfeval", Created: when, Modified: when, Language: "zh-CN"}))
	fw.styles()
	fw.header()
	fw.funds()
	fw.goals()
	fw.indicators()
	fw.total()
	for i, wd := range colWidths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		fw.keep(fw.f.SetColWidth(formSheet, col, col, wd))
	}
	// A4, one page wide (as many pages long as it takes), the indicator
	// header repeated on every page: as units print and stamp it.
	fw.keep(fw.f.SetPageLayout(formSheet, &excelize.PageLayoutOptions{Size: ptr(9), Orientation: ptr("portrait"), FitToWidth: ptr(1), FitToHeight: ptr(0)}))
	fw.keep(fw.f.SetSheetProps(formSheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)}))
	fw.keep(fw.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: formSheet,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", formSheet, fw.headerRow, fw.headerRow)}))
	fw.keep(fw.f.SetDocProps(&excelize.DocProperties{Creator: "perfeval", Title: formSheet}))
	if fw.err != nil {
		return fw.err
	}
	return fw.f.Write(w)
}

func ptr[T any](v T) *T { return &v }

type formWriter struct {
	f         *excelize.File
	res       *scoring.Result
	row       int
	headerRow int    // the indicator header, repeated on every printed page
	sheet     string // the sheet written to; formSheet when ""
	err       error

	title, label, head, text, center, num, money, pct int
}

func (fw *formWriter) keep(err error) {
	if err != nil && fw.err == nil {
		fw.err = err
	}
}

func (fw *formWriter) styles() {
	border := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	font := &excelize.Font{Family: "宋体", Size: 10}
	mid := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	left := &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}
	right := &excelize.Alignment{Horizontal: "right", Vertical: "center"}
	style := func(s *excelize.Style) int {
		id, err := fw.f.NewStyle(s)
		fw.keep(err)
		return id
	}
	fw.title = style(&excelize.Style{Font: &excelize.Font{Family: "方正小标宋简体", Size: 16, Bold: true}, Alignment: mid})
	fw.label = style(&excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 10, Bold: true}, Alignment: mid, Border: border,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}})
	fw.head = fw.label
	fw.text = style(&excelize.Style{Font: font, Alignment: left, Border: border})
	fw.center = style(&excelize.Style{Font: font, Alignment: mid, Border: border})
	// Scores are shown with the decimals they are scored at, so that the
	// form reads back at the same precision.
	decimals := "0." + strings.Repeat("0", int(max(2, fw.res.Precision)))
	fw.num = style(&excelize.Style{Font: font, Alignment: right, Border: border, CustomNumFmt: &decimals})
	fw.money = style(&excelize.Style{Font: font, Alignment: right, Border: border, CustomNumFmt: ptr("#,##0.00")})
	fw.pct = style(&excelize.Style{Font: font, Alignment: right, Border: border, CustomNumFmt: ptr("0.00%")})
}

func cell(col string, row int) string { return fmt.Sprintf("%s%d", col, row) }

// put writes a value into a cell range (merged when it spans more than
// one cell) with a style.
func (fw *formWriter) put(from, to string, v any, style int) {
	s, sheet := fw.f, cmp.Or(fw.sheet, formSheet)
	switch x := v.(type) {
	case nil:
	case string:
		fw.keep(s.SetCellStr(sheet, from, x))
	case decimal.Decimal:
		fw.keep(s.SetCellDefault(sheet, from, x.String()))
	default:
		fw.keep(s.SetCellValue(sheet, from, x))
	}
	if to != from {
		fw.keep(s.MergeCell(sheet, from, to))
	}
	fw.keep(s.SetCellStyle(sheet, from, to, style))
}

func (fw *formWriter) header() {
	p := fw.res.Project
	fw.put("A1", "J1", formSheet, fw.title)
	year := p.Year
	if year == "" {
		year = "    "
	}
	fw.put("A2", "J2", fmt.Sprintf("（%s年度）", year), fw.title)
	fw.put("A3", "A3", "项目名称", fw.label)
	fw.put("B3", "J3", p.Name, fw.text)
	fw.put("A4", "A4", "主管部门", fw.label)
	fw.put("B4", "E4", p.Department, fw.text)
	fw.put("F4", "F4", "实施单位", fw.label)
	fw.put("G4", "J4", p.Implementer, fw.text)
	fw.keep(fw.f.SetRowHeight(formSheet, 1, 28))
	fw.row = 5
}

// executionLeaf is the leaf scored by the execution rule at the top level:
// the fund block's 分值 and 得分.
func (fw *formWriter) executionLeaf() *scoring.Node {
	for _, n := range fw.res.Indicators {
		if n.Indicator.IsLeaf() && n.Indicator.Rule != nil && n.Indicator.Rule.Type == indicators.Execution {
			return n
		}
	}
	return nil
}

func (fw *formWriter) funds() {
	r := fw.row
	label := "项目资金"
	if unit := fw.res.Project.Unit; unit != "" {
		label = fmt.Sprintf("项目资金（%s）", unit)
	}
	fw.put(cell("B", r), cell("C", r), "", fw.label)
	for i, h := range []string{"年初预算数", "全年预算数", "全年执行数", "分值", "执行率"} {
		col, _ := excelize.ColumnNumberToName(4 + i)
		fw.put(cell(col, r), cell(col, r), h, fw.label)
	}
	fw.put(cell("I", r), cell(lastCol, r), "得分", fw.label)
	e := fw.res.Execution
	leaf := fw.executionLeaf()
	rows := []fundRow{{name: "年度资金总额", total: true}}
	if e != nil {
		rows[0].budget, rows[0].paid, rows[0].initial = decimal.NewNullDecimal(e.Budget), decimal.NewNullDecimal(e.Paid.Add(e.Recovered)), e.Initial
		lines := e.Lines.Roots
		if len(lines) == 1 {
			lines = lines[0].Children
		}
		for _, l := range lines {
			rows = append(rows, fundRow{name: "其中：" + strings.TrimPrefix(l.Name, "其中："), budget: decimal.NewNullDecimal(l.Budget),
				paid: decimal.NewNullDecimal(l.Executed(true)), initial: decimal.NullDecimal{Decimal: l.Initial, Valid: l.InitialKnown}})
		}
	}
	for i, fr := range rows {
		n := r + 1 + i
		fw.put(cell("B", n), cell("C", n), fr.name, fw.text)
		fw.put(cell("D", n), cell("D", n), nullValue(fr.initial), fw.money)
		fw.put(cell("E", n), cell("E", n), nullValue(fr.budget), fw.money)
		fw.put(cell("F", n), cell("F", n), nullValue(fr.paid), fw.money)
		if !fr.total || leaf == nil {
			fw.put(cell("G", n), cell("G", n), "—", fw.center)
			fw.put(cell("H", n), cell("H", n), "—", fw.center)
			fw.put(cell("I", n), cell(lastCol, n), "—", fw.center)
			continue
		}
		fw.put(cell("G", n), cell("G", n), leaf.Indicator.Weight, fw.num)
		fw.put(cell("H", n), cell("H", n), e.Rate.Round(4), fw.pct)
		fw.put(cell("I", n), cell(lastCol, n), leaf.Score, fw.num)
	}
	end := r + len(rows)
	fw.put(cell("A", r), cell("A", end), label, fw.label)
	fw.row = end + 1
}

type fundRow struct {
	name                  string
	total                 bool
	initial, budget, paid decimal.NullDecimal
}

func nullValue(d decimal.NullDecimal) any {
	if !d.Valid {
		return nil
	}
	return d.Decimal
}

func (fw *formWriter) goals() {
	r := fw.row
	fw.put(cell("A", r), cell("A", r+1), "年度总体目标", fw.label)
	fw.put(cell("B", r), cell("E", r), "预期目标", fw.label)
	fw.put(cell("F", r), cell(lastCol, r), "实际完成情况", fw.label)
	fw.put(cell("B", r+1), cell("E", r+1), fw.res.Project.Goal, fw.text)
	fw.put(cell("F", r+1), cell(lastCol, r+1), fw.res.Project.Achieved, fw.text)
	fw.keep(fw.f.SetRowHeight(formSheet, r+1, 48))
	fw.row = r + 2
}

// A formLine is one 三级 row with the 一级 and 二级 it sits under, or one
// of its breakdown rows (其中…).
type formLine struct {
	l1, l2 *scoring.Node
	leaf   *scoring.Node
	part   *scoring.Part
}

func (fw *formWriter) lines() []formLine {
	var out []formLine
	var leaves func(n *scoring.Node) []*scoring.Node
	leaves = func(n *scoring.Node) []*scoring.Node {
		if n.Indicator.IsLeaf() {
			if n.Indicator.IsPlaceholder() {
				return nil
			}
			return []*scoring.Node{n}
		}
		var list []*scoring.Node
		for _, c := range n.Children {
			list = append(list, leaves(c)...)
		}
		return list
	}
	exec := fw.executionLeaf()
	for _, top := range fw.res.Indicators {
		if top == exec || top.Indicator.IsPlaceholder() {
			continue
		}
		if top.Indicator.IsLeaf() {
			out = append(out, formLine{l1: top, l2: top, leaf: top})
			continue
		}
		for _, c := range top.Children {
			for _, leaf := range leaves(c) {
				out = append(out, formLine{l1: top, l2: c, leaf: leaf})
			}
		}
	}
	var all []formLine
	for _, l := range out {
		all = append(all, l)
		for i := range l.leaf.Parts {
			all = append(all, formLine{l1: l.l1, l2: l.l2, leaf: l.leaf, part: &l.leaf.Parts[i]})
		}
	}
	return all
}

func (fw *formWriter) indicators() {
	r := fw.row
	fw.headerRow = r
	for i, h := range []string{"绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"} {
		col, _ := excelize.ColumnNumberToName(1 + i)
		fw.put(cell(col, r), cell(col, r), h, fw.head)
	}
	fw.put(cell("I", r), cell(lastCol, r), "偏差原因分析及改进措施", fw.head)
	lines := fw.lines()
	first := r + 1
	for i, l := range lines {
		n := first + i
		leaf := l.leaf
		if l.part != nil {
			fw.part(n, l.part)
			continue
		}
		fw.put(cell("D", n), cell("D", n), leaf.Indicator.Name, fw.text)
		target, actual := written(leaf.Target), written(leaf.Actual)
		if b := leaf.Execution; b != nil {
			// An execution rule below the top level reads back as the
			// ratio of its rate to 100%.
			target, actual = "≥100%", b.Rate.Shift(2).StringFixed(2)+"%"
		}
		fw.put(cell("E", n), cell("E", n), target, fw.center)
		fw.put(cell("F", n), cell("F", n), actual, fw.center)
		// 分值, 得分 and the reason are merged down over the breakdown rows.
		end := n + len(leaf.Parts)
		fw.put(cell("G", n), cell("G", end), leaf.Indicator.Weight, fw.num)
		if leaf.NotApplicable {
			fw.put(cell("H", n), cell("H", end), "—", fw.center)
		} else {
			fw.put(cell("H", n), cell("H", end), leaf.Score, fw.num)
		}
		fw.put(cell("I", n), cell(lastCol, end), reason(leaf), fw.text)
	}
	// 一级 and 二级 merged over their rows.
	merge := func(col string, key func(formLine) *scoring.Node) {
		for i := 0; i < len(lines); {
			j := i
			for j+1 < len(lines) && key(lines[j+1]) == key(lines[i]) {
				j++
			}
			fw.put(cell(col, first+i), cell(col, first+j), key(lines[i]).Indicator.Name, fw.center)
			i = j + 1
		}
	}
	merge("B", func(l formLine) *scoring.Node { return l.l1 })
	merge("C", func(l formLine) *scoring.Node { return l.l2 })
	last := first + len(lines) - 1
	if len(lines) == 0 {
		last = r
	}
	fw.put(cell("A", r), cell("A", last), "绩效指标", fw.label)
	fw.row = last + 1
}

// part writes a breakdown row: its name under 其中, its target and actual;
// its 分值, 得分 and reason cells lie in its indicator's merged ones.
func (fw *formWriter) part(n int, p *scoring.Part) {
	name := p.Name
	if !strings.HasPrefix(name, "其中") {
		name = "其中：" + name
	}
	fw.put(cell("D", n), cell("D", n), name, fw.text)
	fw.put(cell("E", n), cell("E", n), written(p.Target), fw.center)
	fw.put(cell("F", n), cell("F", n), written(p.Actual), fw.center)
}

func written(v *indicators.Value) any {
	if v == nil {
		return nil
	}
	return v.Written
}

// reason is what the 偏差原因 column says: the deductions as a form words
// them (扣0.5分：reason；扣1分：reason), which read back as deductions
// (SPEC §8), then the row's note on a line of its own.
func reason(n *scoring.Node) string {
	var deds []string
	for _, d := range n.Deductions {
		deds = append(deds, fmt.Sprintf("扣%s分：%s", d.Points, d.Reason))
	}
	lines := []string{}
	if len(deds) > 0 {
		lines = append(lines, strings.Join(deds, "；"))
	}
	if n.Note != "" {
		lines = append(lines, n.Note)
	}
	return strings.Join(lines, "\n")
}

func (fw *formWriter) total() {
	r := fw.row
	fw.put(cell("A", r), cell("F", r), "总分", fw.label)
	fw.put(cell("G", r), cell("G", r), fw.res.Weight, fw.num)
	fw.put(cell("H", r), cell("H", r), fw.res.Total, fw.num)
	fw.put(cell("I", r), cell(lastCol, r), "自评等级："+fw.res.Grade, fw.center)
}
