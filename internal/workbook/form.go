package workbook

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/indicators/lang"
	"github.com/perfeval/perfeval/internal/form"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// The standard self-evaluation form (SPEC §8) is read as printed: its
// blocks are found by their labels and its columns by their header words,
// never by position. A blank 一级 or 二级 cell means "as above", which is
// also what a merged cell reads as.

// formScan is how many rows of each sheet are searched for a form's
// indicator header.
const formScan = 200

// formWords are the header words of the form's columns, in each block.
// A header is compared with its spaces, a bracketed suffix ((50分), （万元）,
// (B/A)) and ★ marks taken off.
var (
	indicatorWords = map[string][]string{
		"level1":     {"一级指标"},
		"level2":     {"二级指标"},
		"name":       {"三级指标", "三级指标名称"},
		"comparator": {"指标性质", "比较符"},
		"target":     {"年度指标值", "指标值", "年度目标值", "目标值", "预期指标值", "年初目标值", "预期目标值"},
		"unit":       {"度量单位", "计量单位", "单位"},
		"actual":     {"全年实际值", "实际完成值", "全年实际完成值", "实际值", "完成值", "全年完成值", "实际完成指标值"},
		"weight":     {"分值", "权重", "指标分值"},
		"score":      {"得分", "自评得分", "评分"},
		"note": {"偏差原因分析及改进措施", "未完成原因及拟采取的改进措施", "未完成原因分析及改进措施", "偏差原因分析",
			"偏差原因", "未完成原因分析", "未完成原因", "原因分析", "备注"},
	}
	fundWords = map[string][]string{
		"initial": {"年初预算数", "年初预算"},
		"budget":  {"全年预算数", "调整后预算数", "调整后预算", "全年预算", "预算数"},
		"paid":    {"全年执行数", "预算执行数", "全年实际执行数", "实际执行数", "执行数", "实际支出"},
		"weight":  {"分值", "权重"},
		"rate":    {"执行率", "预算执行率", "资金执行率"},
		"score":   {"得分"},
		"note":    {"原因", "偏差原因", "未完成原因", "原因分析", "备注"},
	}
	goalWords = map[string][]string{
		"planned":  {"预期目标", "年度目标", "项目年度目标", "年初设定目标", "年度绩效目标"},
		"achieved": {"实际完成情况", "年度目标完成情况", "全年实际完成情况", "目标完成情况", "年度总体目标完成情况"},
	}
	// Labels of the blocks above the indicators.
	goalsLabels   = []string{"年度总体目标", "总体目标", "年度总体目标完成情况", "项目年度目标完成情况"}
	totalLabels   = []string{"总分", "合计", "总计", "自评总分", "综合得分", "总得分", "得分合计"}
	projectLabels = map[string][]string{
		"name":        {"项目名称"},
		"department":  {"主管部门", "主管部门名称"},
		"implementer": {"实施单位", "项目实施单位", "实施单位名称"},
	}
	// Cells a form uses for "nothing here".
	blankMarks = []string{"—", "--", "-", "——", "/", "／", "无", "…", "……", "...", "......"}
)

var (
	pointsSuffix = regexp.MustCompile(`[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]$`)
	yearTitle    = regexp.MustCompile(`(\d{4})\s*年度?`)
	amountUnit   = regexp.MustCompile(`[（(]\s*(?:单位\s*[:：]\s*)?(万元|元|千元|亿元)\s*[）)]|单位\s*[:：]\s*(万元|元|千元|亿元)`)
	templateName = regexp.MustCompile(`^(?:指标\s*\d*\s*[:：]?|[…．.。]+)$`)
	gradeCell    = regexp.MustCompile(`^[（(]?\s*(?:(?:自评)?(?:等级|结论)\s*[:：为]?\s*)?(优秀|优|良好|良|中等|中|合格|及格|一般|较差|差|不合格)\s*[)）]?$`)
	gradeNames   = map[string]string{"优秀": "优", "良好": "良", "中等": "中", "合格": "中", "及格": "中", "一般": "中", "较差": "差", "不合格": "差"}
)

// missingName says which header a form lacks.
var missingName = map[string]string{
	"level1": "一级指标", "name": "三级指标", "target": "年度指标值 (the target)", "actual": "实际完成值 or 全年实际值 (the actual)",
	"weight": "分值", "score": "得分",
}

// headerText makes a header cell comparable: no spaces, no ★, no
// bracketed suffix.
func headerText(s string) string {
	h := strings.NewReplacer("★", "", "☆", "", "*", "").Replace(normalize(s))
	for {
		t := strings.TrimRight(unitSuffix.ReplaceAllString(h, ""), ":：")
		if t == h || t == "" {
			return h
		}
		h = t
	}
}

// wordKey is the key whose words name a header cell, or "".
func wordKey(words map[string][]string, cell string) string {
	h := headerText(cell)
	if h == "" {
		return ""
	}
	for key, list := range words {
		for _, w := range list {
			if h == w {
				return key
			}
		}
	}
	return ""
}

func isOneOf(cell string, list []string) bool {
	return slices.Contains(list, headerText(cell))
}

// isFormHeader reports whether a row is the indicator header: 三级指标,
// 分值 (or 权重) and 得分.
func isFormHeader(cells []string) bool {
	found := map[string]bool{}
	for _, c := range cells {
		found[wordKey(indicatorWords, c)] = true
	}
	return found["name"] && found["weight"] && found["score"]
}

// formSheet finds the sheet that is a standard form: one with the
// indicator header in its first rows. A hidden sheet is never read in
// place of a visible one: the visible sheets are searched first.
func (b *book) formSheet() string {
	for _, hidden := range []bool{false, true} {
		for _, name := range b.x.sheetNames() {
			if b.x.hidden(name) != hidden {
				continue
			}
			found := false
			_ = b.stream(name, func(r row) bool {
				if found = isFormHeader(r.cells); found {
					t := &table{b: b, sheet: name}
					for i, c := range r.cells {
						b.errs.Add(indicators.Visible(t.pos(r.n, i), lang.T("the header"), c))
					}
				}
				return !found && r.n < formScan
			})
			if found {
				return name
			}
		}
	}
	return ""
}

// A formReader reads one form sheet.
type formReader struct {
	b    *book
	rows []row
	out  *form.Form
}

func (b *book) readForm(sheet string) *form.Form {
	out := &form.Form{File: b.file, Sheet: sheet}
	rows, ok := b.sheetRows(sheet)
	if !ok {
		return out
	}
	fr := &formReader{b: b, rows: rows, out: out}
	at := slices.IndexFunc(rows, func(r row) bool { return isFormHeader(r.cells) })
	if at < 0 {
		b.errs.Addf(b.sheetPos(sheet), "the form's indicator header (三级指标, 分值, 得分) is not found")
		return out
	}
	ind := fr.header(at)
	top := rows[:at]
	if ind.header > rows[at].n { // a two-row header ends below
		at++
	}
	fr.project(top)
	fr.funds(top)
	fr.goals(top)
	if ind.ok {
		fr.indicators(ind, rows[at+1:])
	}
	return out
}

func (fr *formReader) table(cols map[string]int) *table {
	return &table{b: fr.b, sheet: fr.out.Sheet, cols: cols, all: fr.rows}
}

func (fr *formReader) pos(r row, col int) indicators.Pos { return fr.table(nil).pos(r.n, col) }

func (fr *formReader) readf(format string, args ...any) {
	fr.out.Readings = append(fr.out.Readings, lang.Sprintf(format, args...))
}

// text is a cell's raw text, trimmed ("" past the row's end).
func text(r row, i int) string {
	if i < 0 || i >= len(r.cells) {
		return ""
	}
	return strings.TrimSpace(r.cells[i])
}

// indicatorTable is the indicator header: its columns, found over one row
// or two (年度指标值 above 指标性质 | 指标值 | 度量单位).
type indicatorTable struct {
	*table
	ok bool
}

func (fr *formReader) header(at int) indicatorTable {
	h := fr.rows[at]
	t := fr.table(map[string]int{})
	t.header = h.n
	// The row below is part of the header when every cell it holds is a
	// header word; its words are the finer ones (指标值 under 年度指标值).
	var below *row
	if at+1 < len(fr.rows) && fr.rows[at+1].n == h.n+1 && onlyHeaderWords(fr.rows[at+1].cells) {
		below = &fr.rows[at+1]
		t.header = below.n
	}
	width := len(h.cells)
	if below != nil {
		width = max(width, len(below.cells))
	}
	for i := range width {
		key := ""
		if below != nil {
			key = wordKey(indicatorWords, text(*below, i))
		}
		if key == "" {
			key = wordKey(indicatorWords, text(h, i))
		}
		if key == "" {
			continue
		}
		if _, dup := t.cols[key]; dup {
			continue // the first such column is the form's; a later one (a second 得分) is ignored
		}
		t.cols[key] = i
	}
	var missing []string
	for _, key := range []string{"level1", "name", "target", "actual", "weight", "score"} {
		if _, ok := t.cols[key]; !ok {
			missing = append(missing, missingName[key])
		}
	}
	if len(missing) > 0 {
		fr.b.errs.Add(&indicators.Error{Pos: fr.pos(h, 0), Msg: lang.Sprintf("the form's indicator header lacks %s", strings.Join(missing, ", ")),
			Hint: lang.T("a self-evaluation form's indicator header has 一级指标, 二级指标, 三级指标, 年度指标值, 实际完成值, 分值 and 得分")})
		return indicatorTable{table: t}
	}
	var found []string
	for _, key := range []string{"level1", "level2", "name", "comparator", "target", "unit", "actual", "weight", "score", "note"} {
		if i, ok := t.cols[key]; ok {
			col, _ := excelize.ColumnNumberToName(i + 1)
			found = append(found, fmt.Sprintf("%s %s (%s)", col, headerText(fr.headerCell(h, below, i)), key))
		}
	}
	fr.readf("indicator columns (header at row %d): %s", t.header, strings.Join(found, ", "))
	return indicatorTable{table: t, ok: true}
}

// headerCell is the text of a header column: the finer row's, if any.
func (fr *formReader) headerCell(h row, below *row, i int) string {
	if below != nil && wordKey(indicatorWords, text(*below, i)) != "" {
		return text(*below, i)
	}
	return text(h, i)
}

func onlyHeaderWords(cells []string) bool {
	n := 0
	for _, c := range cells {
		if strings.TrimSpace(c) == "" {
			continue
		}
		if wordKey(indicatorWords, c) == "" && headerText(c) != "绩效指标" {
			return false
		}
		n++
	}
	return n > 0
}

// project reads 项目名称, 主管部门 and 实施单位 (the cell right of each
// label), the year from the title and the amount unit.
func (fr *formReader) project(top []row) {
	p := fr.out
	for _, r := range top {
		for i, c := range r.cells {
			key := wordKey(projectLabels, c)
			if key == "" {
				continue
			}
			v := ""
			for j := i + 1; j < len(r.cells) && v == ""; j++ {
				if wordKey(projectLabels, r.cells[j]) != "" {
					break
				}
				v = text(r, j)
			}
			switch key {
			case "name":
				p.Name = v
			case "department":
				p.Department = v
			case "implementer":
				p.Implementer = v
			}
		}
		for _, c := range r.cells {
			if p.Year == "" && (strings.Contains(c, "年度") || strings.Contains(c, "自评表")) {
				if m := yearTitle.FindStringSubmatch(c); m != nil {
					p.Year = m[1]
				}
			}
			if p.Unit == "" {
				if m := amountUnit.FindStringSubmatch(c); m != nil {
					p.Unit = m[1] + m[2]
				}
			}
		}
	}
	if p.Name == "" {
		fr.b.errs.Add(&indicators.Error{Pos: fr.b.sheetPos(p.Sheet), Msg: lang.T("the form has no 项目名称 (project name)"), Hint: lang.T("write the name in the cell right of 项目名称")})
	}
}

// funds reads the fund block: its header row (全年预算数, 全年执行数…),
// then 年度资金总额 and its 其中 rows, up to the next block.
func (fr *formReader) funds(top []row) {
	at := slices.IndexFunc(top, func(r row) bool {
		keys := map[string]bool{}
		for _, c := range r.cells {
			keys[wordKey(fundWords, c)] = true
		}
		return keys["budget"] && keys["paid"]
	})
	if at < 0 {
		fr.readf("no fund block (全年预算数 and 全年执行数): no %s", form.FundName)
		return
	}
	h := top[at]
	t := fr.table(map[string]int{})
	t.header = h.n
	first := len(h.cells)
	for i, c := range h.cells {
		if key := wordKey(fundWords, c); key != "" {
			if _, dup := t.cols[key]; !dup {
				t.cols[key] = i
				first = min(first, i)
				if key == "initial" || key == "budget" || key == "paid" {
					// 全年执行数（元） beside 全年预算数（万元） converts.
					t.setUnit(column{key: key, kind: amountKind}, i, c)
				}
			}
		}
	}
	if _, ok := t.cols["initial"]; !ok {
		fr.readf("the fund block has no 年初预算数 column")
	}
	f := fr.out
	for _, r := range top[at+1:] {
		if fr.blockStart(r, first) {
			break
		}
		name := ""
		for i := min(first, len(r.cells)) - 1; i >= 0 && name == ""; i-- {
			name = text(r, i)
		}
		fd := form.Fund{Name: name, Pos: fr.pos(r, 0),
			Initial: fr.money(t, r, "initial"), Budget: fr.money(t, r, "budget"), Paid: fr.money(t, r, "paid")}
		if name == "" && !fd.Budget.Valid && !fd.Paid.Valid && !fd.Initial.Valid {
			continue
		}
		for i := first - 1; i >= 0; i-- {
			if text(r, i) == name {
				fd.Pos = fr.pos(r, i)
				break
			}
		}
		if len(f.Funds) == 0 {
			f.FundWeight = fr.money(t, r, "weight")
			f.FundRate = fr.printed(t, r, "rate", true)
			f.FundScore = fr.printed(t, r, "score", false)
			f.FundNote = t.text(r, "note")
		} else if !fd.Budget.Valid || !fd.Paid.Valid {
			if fd.Budget.Valid || fd.Paid.Valid {
				fr.readf("fund row %s (row %d) has not both 全年预算数 and 全年执行数: shown, not a line of its own", name, r.n)
			}
		}
		f.Funds = append(f.Funds, fd)
	}
}

// blockStart reports whether a row starts another block: the goals, the
// project lines, or a label left of the fund names.
func (fr *formReader) blockStart(r row, first int) bool {
	for i, c := range r.cells {
		if i >= first && first > 0 {
			break
		}
		if isOneOf(c, goalsLabels) || wordKey(projectLabels, c) != "" || headerText(c) == "绩效指标" {
			return true
		}
	}
	return false
}

// goals reads 年度总体目标: the texts under 预期目标 and 实际完成情况, or
// the texts right of the label when there are no such headers.
func (fr *formReader) goals(top []row) {
	at := slices.IndexFunc(top, func(r row) bool {
		keys := map[string]bool{}
		for _, c := range r.cells {
			keys[wordKey(goalWords, c)] = true
		}
		return keys["planned"] && keys["achieved"] || slices.ContainsFunc(r.cells, func(c string) bool { return isOneOf(c, goalsLabels) })
	})
	if at < 0 {
		return
	}
	cols := map[string]int{}
	body := top[at:]
	for k, r := range top[at:min(at+2, len(top))] {
		for i, c := range r.cells {
			if key := wordKey(goalWords, c); key != "" {
				cols[key] = i
				body = top[at+k+1:]
			}
		}
	}
	var planned, achieved []string
	for k, r := range body {
		if k > 0 && slices.ContainsFunc(r.cells, func(c string) bool {
			return isOneOf(c, goalsLabels) || wordKey(fundWords, c) != "" || wordKey(projectLabels, c) != ""
		}) {
			break
		}
		if len(cols) == 0 {
			var texts []string
			for i, c := range r.cells {
				if strings.TrimSpace(c) != "" && !isOneOf(c, goalsLabels) {
					texts = append(texts, text(r, i))
				}
			}
			if len(texts) > 0 {
				planned = append(planned, texts[0])
			}
			if len(texts) > 1 {
				achieved = append(achieved, texts[1])
			}
			continue
		}
		if i, ok := cols["planned"]; ok && text(r, i) != "" {
			planned = append(planned, text(r, i))
		}
		if i, ok := cols["achieved"]; ok && text(r, i) != "" {
			achieved = append(achieved, text(r, i))
		}
	}
	fr.out.Planned = strings.Join(planned, "\n")
	fr.out.Achieved = strings.Join(achieved, "\n")
}

// indicators reads the indicator rows up to the 总分 row, and the grade.
func (fr *formReader) indicators(t indicatorTable, rows []row) {
	f := fr.out
	defer func() { f.Groups = pruned(f.Groups) }()
	var g1, g2 *form.Group
	nameCol := t.cols["name"]
	for k, r := range rows {
		if fr.isTotal(r, t.cols["weight"]) {
			fr.total(t.table, r, rows[k:])
			return
		}
		if l1 := t.text(r, "level1"); l1 != "" && !isBlankMark(l1) {
			name, points := fr.groupName(t.table, r, "level1", l1)
			g1 = &form.Group{Name: name, Points: points, Pos: t.at(r, "level1")}
			f.Groups = append(f.Groups, g1)
			g2 = nil
		}
		if l2 := t.text(r, "level2"); l2 != "" && !isBlankMark(l2) {
			name, points := fr.groupName(t.table, r, "level2", l2)
			g2 = &form.Group{Name: name, Points: points, Pos: t.at(r, "level2")}
			if g1 == nil {
				fr.b.errs.Addf(g2.Pos, "二级指标 %s has no 一级指标 above it", name)
				continue
			}
			g1.Groups = append(g1.Groups, g2)
		}
		row := fr.row(t.table, r)
		if row == nil {
			continue
		}
		switch {
		case g2 != nil:
			g2.Rows = append(g2.Rows, row)
		case g1 != nil:
			g1.Rows = append(g1.Rows, row)
		default:
			fr.b.errs.Addf(fr.pos(r, nameCol), "三级指标 %s has no 一级指标 above it", row.Name)
		}
	}
	fr.readf("no 总分 row below the indicators")
}

// pruned drops groups left empty (a template's 生态效益指标 with no rows).
func pruned(list []*form.Group) []*form.Group {
	var out []*form.Group
	for _, g := range list {
		g.Groups = pruned(g.Groups)
		if len(g.Rows) > 0 || len(g.Groups) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// groupName takes ★ and a points suffix off a 一级 or 二级 cell.
func (fr *formReader) groupName(t *table, r row, key, cell string) (string, form.Figure) {
	name := cleanName(cell)
	var points form.Figure
	if m := pointsSuffix.FindStringSubmatch(name); m != nil {
		points = form.Figure{Value: decimal.RequireFromString(m[1]), Valid: true, Text: m[1], Pos: t.at(r, key)}
		name = strings.TrimSpace(strings.TrimSuffix(name, m[0]))
	}
	return name, points
}

func cleanName(s string) string {
	return strings.TrimSpace(strings.NewReplacer("★", "", "☆", "").Replace(strings.Join(strings.Fields(s), "")))
}

func isBlankMark(s string) bool { return slices.Contains(blankMarks, strings.TrimSpace(s)) }

// row reads a 三级 row; nil for a template row left empty.
func (fr *formReader) row(t *table, r row) *form.Row {
	name := cleanName(t.text(r, "name"))
	out := &form.Row{Name: name, Pos: t.at(r, "name"), TargetPos: t.at(r, "target"), ActualPos: t.at(r, "actual"), ReasonPos: t.at(r, "note")}
	before := len(fr.b.errs)
	out.Weight = fr.money(t, r, "weight")
	out.Score = fr.printed(t, r, "score", false)
	out.Reason = t.text(r, "note")
	fr.value(t, r, "target", &out.Target, &out.HasTarget, out)
	fr.value(t, r, "actual", &out.Actual, &out.HasActual, out)
	if out.Unreadable == "" {
		if err := t.joinColumns(r, &out.Target, out.HasTarget, &out.Actual, out.HasActual); err != nil {
			out.Unreadable, out.UnreadablePos = err.Error(), out.TargetPos
		}
	}
	filled := out.Weight.Valid || out.Score.Valid || out.HasTarget || out.HasActual || out.Unreadable != ""
	if len(fr.b.errs) > before {
		return out
	}
	if !filled && (name == "" || templateName.MatchString(name) || isBlankMark(name)) {
		if name != "" {
			fr.readf("row %d (%s) is an empty template row: skipped", r.n, name)
		}
		return nil
	}
	if name == "" {
		out.Name = fmt.Sprintf("第%d行", r.n)
		fr.readf("row %d has figures but no 三级指标 name: named %s", r.n, out.Name)
	}
	if !out.Weight.Valid {
		fr.readf("row %d (%s) has no 分值: a placeholder, not scored", r.n, out.Name)
	}
	return out
}

// value reads a target or actual. A blank mark (—, /) is blank; a value
// the grammar cannot read makes the row unreadable rather than stopping
// the form.
func (fr *formReader) value(t *table, r row, key string, v *indicators.Value, has *bool, out *form.Row) {
	c, ok := t.cell(r, key)
	if !ok || !c.number && !c.bool && isBlankMark(c.text) {
		return
	}
	val, err := t.readValue(c)
	if err != nil {
		if out.Unreadable == "" {
			out.Unreadable, out.UnreadablePos = err.Error(), t.at(r, key)
		}
		return
	}
	*v, *has = val, true
}

// money reads an amount or a weight as stored; a blank mark is blank.
func (fr *formReader) money(t *table, r row, key string) form.Figure {
	out := form.Figure{Pos: t.at(r, key)}
	if c, ok := t.cell(r, key); !ok || !c.number && isBlankMark(c.text) {
		return out
	}
	d := t.amount(r, key)
	if !d.Valid {
		return out
	}
	if d.Decimal.IsNegative() {
		fr.b.errs.Addf(out.Pos, "%s is negative", d.Decimal)
	}
	out.Value, out.Valid, out.Text = d.Decimal, true, d.Decimal.String()
	return out
}

// printed reads a score or a rate as the form shows it: a number cell as
// its format displays it (8.62 under the format 0 is printed 9), so that
// the figure carries the decimals it is printed with. A rate is a
// fraction: 90% and 90.00% are 0.90 and 0.9000; a plain number up to 1 is
// a fraction, above 1 a percentage.
func (fr *formReader) printed(t *table, r row, key string, rate bool) form.Figure {
	out := form.Figure{Pos: t.at(r, key)}
	c, ok := t.cell(r, key)
	if !ok {
		return out
	}
	shown := strings.TrimSpace(c.text)
	if c.number {
		if s := strings.TrimSpace(fr.b.display(c.text, c.style)); s != "" {
			shown = s
		}
	}
	if isBlankMark(shown) {
		return out
	}
	v, err := indicators.ParseValue(shown)
	ok = err == nil && v.IsNumber && !v.CmpGiven && (v.Unit == "" || v.Unit == "分" && !rate) && (v.Scale == "" || v.Scale == "%" && rate)
	if !ok {
		fr.b.errs.Addf(out.Pos, "%q is not a number", shown)
		return out
	}
	places := int32(0)
	if i := strings.IndexByte(v.Digits, '.'); i >= 0 {
		places = int32(len(v.Digits) - i - 1)
	}
	d := v.Amount()
	switch {
	case v.Scale == "%":
		places += 2
	case rate && d.GreaterThan(decimal.NewFromInt(1)):
		d, places = d.Shift(-2), places+2
	}
	out.Value = d.Round(places).Add(decimal.New(0, -places))
	out.Valid, out.Text = true, shown
	return out
}

// isTotal reports whether a row is the 总分 row: a total word left of the
// 分值 column.
func (fr *formReader) isTotal(r row, weightCol int) bool {
	for i := 0; i < min(weightCol, len(r.cells)); i++ {
		if isOneOf(r.cells[i], totalLabels) {
			return true
		}
	}
	return false
}

// total reads the 总分 row: 分值 and 得分 under their columns (else the
// row's numbers in order), and the grade printed in it or below it.
func (fr *formReader) total(t *table, r row, rest []row) {
	f := fr.out
	f.TotalWeight = fr.money(t, r, "weight")
	f.Total = fr.printed(t, r, "score", false)
	if !f.TotalWeight.Valid && !f.Total.Valid {
		var nums []int
		for i, c := range r.cells {
			if _, err := indicators.ParseNumber(c); err == nil && strings.TrimSpace(c) != "" {
				nums = append(nums, i)
			}
		}
		cols := map[string]int{}
		if len(nums) > 0 {
			cols["weight"] = nums[0]
		}
		if len(nums) > 1 {
			cols["score"] = nums[1]
		}
		nt := fr.table(cols)
		f.TotalWeight = fr.money(nt, r, "weight")
		f.Total = fr.printed(nt, r, "score", false)
		fr.readf("the 总分 row's figures are not under 分值 and 得分: read in order as 分值 %s, 得分 %s", f.TotalWeight.Text, f.Total.Text)
	}
	// The grade is a cell of the 总分 row right of 得分, or below it one
	// that says 等级 or follows a 自评等级 label.
	for k, gr := range rest[:min(4, len(rest))] {
		for i, c := range gr.cells {
			if k == 0 && i <= t.cols["score"] {
				continue
			}
			m := gradeCell.FindStringSubmatch(normalize(c))
			if m == nil || k > 0 && !strings.Contains(c, "等级") && !isGradeAfterLabel(gr, i) {
				continue
			}
			f.Grade, f.GradePos = cmp.Or(gradeNames[m[1]], m[1]), fr.pos(gr, i)
			return
		}
	}
}

func isGradeLabel(c string) bool {
	h := headerText(c)
	return h == "自评等级" || h == "等级" || h == "评价等级" || h == "自评结论"
}

func isGradeAfterLabel(r row, i int) bool {
	for j := i - 1; j >= 0; j-- {
		if strings.TrimSpace(r.cells[j]) != "" {
			return isGradeLabel(r.cells[j])
		}
	}
	return false
}
