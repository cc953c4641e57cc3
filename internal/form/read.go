package form

import (
	"cmp"
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/workbook"
	"github.com/perfeval/perfeval/internal/xlsx"
	"github.com/shopspring/decimal"
	"golang.org/x/text/width"
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
		"name":       {"三级指标", "三级指标名称", "指标内容", "三级指标内容"},
		"comparator": {"指标性质", "比较符"},
		"target":     {"年度指标值", "指标值", "年度目标值", "目标值", "预期指标值", "年初目标值", "预期目标值", "绩效指标值", "指标目标值", "目标指标值"},
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
		"longterm": {"中长期目标", "中长期绩效目标", "总体绩效目标"},
		"planned":  {"预期目标", "年度目标", "项目年度目标", "年初设定目标", "年度绩效目标"},
		"achieved": {"实际完成情况", "年度目标完成情况", "全年实际完成情况", "目标完成情况", "年度总体目标完成情况"},
	}
	// Labels of the blocks above the indicators.
	goalsLabels   = []string{"年度总体目标", "总体目标", "年度总体目标完成情况", "项目年度目标完成情况"}
	totalLabels   = []string{"总分", "合计", "总计", "自评总分", "综合得分", "总得分", "得分合计"}
	projectLabels = map[string][]string{
		"name":        {"项目名称"},
		"code":        {"项目编码", "项目代码"},
		"department":  {"主管部门", "主管部门名称"},
		"implementer": {"实施单位", "项目实施单位", "实施单位名称"},
	}
	// Cells a form uses for "nothing here".
	blankMarks = []string{"—", "--", "-", "——", "/", "／", "无", "…", "……", "...", "......"}
)

// templateTexts are the instructions a form's template prints in its
// cells, which units leave in (填写说明, 请填写…, the Sichuan template's
// 1.预算执行率=预算执行数/调整后预算数…): a cell that holds one is blank,
// never a name, a target, a reason or an achievement.
var templateTexts = sync.OnceValue(func() []*regexp.Regexp {
	return []*regexp.Regexp{
		regexp.MustCompile(`^[（(【\[]?\s*(?:填写|填报|填表)(?:说明|要求|提示|注意事项)`),
		regexp.MustCompile(`[（(【\[]\s*(?:填写|填报)(?:说明|要求)\s*[）)】\]]`),
		regexp.MustCompile(`^请(?:根据|按照|按|在|填写|填报|如实|简要|据实|结合|对照|对|于|将|选择|输入|列明|注明|参照|逐项|认真)`),
		regexp.MustCompile(`^[（(]\s*(?:请|此处|此栏|本栏|注[:：])`),
		regexp.MustCompile(`^(?:此处|此栏|本栏|该栏)(?:填写|填报|请|应|须|需)`),
		regexp.MustCompile(`^(?:注|说明|备注)\s*[:：].*(?:填写|填报|请|按照|计算公式)`),
		// a numbered definition: 1.预算执行率=预算执行数/调整后预算数
		regexp.MustCompile(`^\d+\s*[.、．]\s*[^=＝。，,；;]{2,16}?\s*[=＝]\s*[^=＝]*[/÷×*]`),
	}
})

// content is what a text cell says: "" for a blank mark (—, /) and for a
// template's instruction, which a unit left in.
func content(s string) string {
	if isBlankMark(s) || isTemplateText(s) {
		return ""
	}
	return strings.TrimSpace(s)
}

// isTemplateText reports whether a cell holds a template's instruction.
func isTemplateText(s string) bool {
	s = strings.TrimSpace(s)
	for _, re := range templateTexts() {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

var (
	// deductionStart is a 扣N分 at the start of a deviation reason.
	deductionStart = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^扣(?:减|除)?\s*(\d+(?:\.\d+)?)\s*分\s*[:：，,。；;、]?\s*`)
	})
	// deductionNext is where a reason gives way to the next 扣N分.
	deductionNext = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[；;]\s*扣(?:减|除)?\s*\d+(?:\.\d+)?\s*分`) })
	pointsSuffix  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]$`) })
	yearTitle     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(\d{4})\s*年度?`) })
	amountUnit    = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`[（(]\s*(?:单位\s*[:：]\s*)?(万元|元|千元|亿元)\s*[）)]|单位\s*[:：]\s*(万元|元|千元|亿元)`)
	})
	templateName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:指标\s*\d*\s*[:：]?|[…．.。]+)$`) })
	gradeCell    = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^[（(]?\s*(?:(?:自评)?(?:等级|结论)\s*[:：为]?\s*)?(优秀|优|良好|良|中等|中|合格|及格|一般|较差|差|不合格)\s*[)）]?$`)
	})
	gradeNames = map[string]string{"优秀": "优", "良好": "良", "中等": "中", "合格": "中", "及格": "中", "一般": "中", "较差": "差", "不合格": "差"}
)

// missingName says which header a form lacks.
var missingName = map[string]string{
	"level1": "一级指标", "name": "三级指标", "target": "年度指标值 (the target)", "actual": "实际完成值 or 全年实际值 (the actual)",
	"weight": "分值", "score": "得分",
}

// headerMarks takes a header's marks off; built once, as a Replacer
// builds its tables on first use.
var headerMarks = strings.NewReplacer("★", "", "☆", "", "*", "")

// headerText makes a header cell comparable: no spaces, no ★, no
// bracketed suffix.
func headerText(s string) string {
	h := workbook.Normalize(s)
	if strings.ContainsAny(h, "★☆*") {
		h = headerMarks.Replace(h)
	}
	for {
		t := strings.TrimRight(workbook.TrimBracket(h), ":：")
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
	return wordIndex(words)[h]
}

// wordIndexes holds, for each of the word maps above, the key each word
// names: every cell of the first rows of every sheet is looked up, and
// walking the lists took a tenth of check's time.
var wordIndexes sync.Map // the map's pointer → map[string]string

// wordIndex is the key each word of words names; a word under two keys
// names the first in sorted order.
func wordIndex(words map[string][]string) map[string]string {
	p := reflect.ValueOf(words).UnsafePointer()
	if ix, ok := wordIndexes.Load(p); ok {
		return ix.(map[string]string)
	}
	ix := map[string]string{}
	for _, key := range slices.Sorted(maps.Keys(words)) {
		for _, w := range words[key] {
			if _, ok := ix[w]; !ok {
				ix[w] = key
			}
		}
	}
	wordIndexes.Store(p, ix)
	return ix
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

// headerRows reports whether the indicator header starts at row h, alone
// or with the row below it read as one (Yunnan's 公开14表 puts 三级指标 on
// the second row and 实际完成值, 分值, 得分 merged down from the first).
// The row below joins the header only when every cell it holds is a
// header word.
func headerRows(h xlsx.Row, below *xlsx.Row) bool {
	if isFormHeader(h.Cells) {
		return true
	}
	if below == nil || below.N != h.N+1 || !onlyHeaderWords(below.Cells) || isFormHeader(below.Cells) {
		return false // the header starts below, if anywhere
	}
	if !slices.ContainsFunc(h.Cells, func(c string) bool { return wordKey(indicatorWords, c) != "" }) {
		return false
	}
	return isFormHeader(append(slices.Clone(h.Cells), below.Cells...))
}

// findHeader returns the index of the indicator header's first row, or -1.
func findHeader(rows []xlsx.Row) int {
	for i := range rows {
		var below *xlsx.Row
		if i+1 < len(rows) {
			below = &rows[i+1]
		}
		if headerRows(rows[i], below) {
			return i
		}
	}
	return -1
}

// FindSheet finds the sheet that is a standard form: one with the
// indicator header in its first rows. A hidden sheet is never read in
// place of a visible one: the visible sheets are searched first.
func FindSheet(b *workbook.Book) string {
	return findSheet(b, func(prev *xlsx.Row, r xlsx.Row) bool {
		return prev != nil && headerRows(*prev, &r) || isFormHeader(r.Cells)
	})
}

// findSheet finds the first sheet, the visible ones first, with a row in
// its first formScan rows that is a header (given the row above it).
func findSheet(b *workbook.Book, isHeader func(prev *xlsx.Row, r xlsx.Row) bool) string {
	for _, hidden := range []bool{false, true} {
		for _, name := range b.X.Sheets() {
			if b.X.Hidden(name) != hidden {
				continue
			}
			found := false
			var prev *xlsx.Row
			_ = b.X.Stream(name, func(r xlsx.Row) bool {
				found = isHeader(prev, r)
				prev = &r
				return !found && r.N < formScan
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
	b      *workbook.Book
	rows   []xlsx.Row
	merges []xlsx.Range
	out    *Form
	// targets reads a target table (绩效目标表, SPEC §9): targets and
	// weights, no actuals or scores.
	targets bool
}

// Read reads the form on a sheet of a workbook (FindSheet finds it). The
// error says what keeps the sheet from being read as a form at all; every
// other mistake is on the form, for check to report.
func Read(b *workbook.Book, sheet string) (*Form, error) {
	b.VisibleName(sheet)
	f := readForm(b, sheet)
	f.Files = b.Files
	if b.X.Hidden(sheet) {
		w := diag.Warnf(b.SheetPos(sheet), "the sheet %q is hidden; it is read as the form, the only sheet that is one", sheet)
		f.Warnings, f.Readings = append(f.Warnings, w), append(f.Readings, w.Msg)
	}
	return f, b.Errs.Err()
}

// readForm reads a form sheet. Only a sheet that cannot be read or has
// no usable indicator header is an error; every cell that does not read
// is recorded on the form (Form.Unread, Row.Unreadable), so that check
// reports it as a finding and goes on.
func readForm(b *workbook.Book, sheet string) *Form {
	out := &Form{File: b.File, Sheet: sheet}
	rows, ok := b.Rows(sheet)
	if !ok {
		return out
	}
	fr := &formReader{b: b, rows: rows, merges: b.X.Merges(sheet), out: out}
	at := findHeader(rows)
	if at < 0 {
		b.Errs.Addf(b.SheetPos(sheet), "the form's indicator header (三级指标, 分值, 得分) is not found")
		return out
	}
	before := len(b.Errs)
	ind := fr.header(at)
	if !ind.ok || len(b.Errs) > before {
		return out // the header does not read: the sheet is no form to check
	}
	top := rows[:at]
	if ind.Header > rows[at].N { // a two-row header ends below
		at++
	}
	fr.project(top)
	fr.funds(top)
	fr.goals(top)
	fr.indicators(ind, rows[at+1:])
	for _, e := range fr.take(before) {
		out.Unread = append(out.Unread, Problem{Pos: e.Pos, Msg: e.Msg})
	}
	return out
}

// take removes the errors recorded since the first n and returns them.
func (fr *formReader) take(n int) diag.Errors {
	errs := slices.Clone(fr.b.Errs[n:])
	fr.b.Errs = fr.b.Errs[:n]
	return errs
}

// mergedFromAbove reports whether a cell of row r lies in a merged range
// that starts on a row above it.
func (fr *formReader) mergedFromAbove(r xlsx.Row, col int) bool {
	for _, m := range fr.merges {
		if m.Top < r.N && m.Covers(r.N, col) {
			return true
		}
	}
	return false
}

func (fr *formReader) table(cols map[string]int) *workbook.Table {
	return fr.b.NewTable(fr.out.Sheet, fr.rows, cols)
}

func (fr *formReader) pos(r xlsx.Row, col int) diag.Pos { return fr.table(nil).Pos(r.N, col) }

func (fr *formReader) readf(format string, args ...any) {
	fr.out.Readings = append(fr.out.Readings, lang.Sprintf(format, args...))
}

// text is a cell's raw text, trimmed ("" past the row's end).
func text(r xlsx.Row, i int) string {
	if i < 0 || i >= len(r.Cells) {
		return ""
	}
	return strings.TrimSpace(r.Cells[i])
}

// indicatorTable is the indicator header: its columns, found over one row
// or two (年度指标值 above 指标性质 | 指标值 | 度量单位).
type indicatorTable struct {
	*workbook.Table
	ok bool
}

func (fr *formReader) header(at int) indicatorTable {
	h := fr.rows[at]
	t := fr.table(map[string]int{})
	t.Header = h.N
	// The row below is part of the header when every cell it holds is a
	// header word; its words are the finer ones (指标值 under 年度指标值).
	var below *xlsx.Row
	if at+1 < len(fr.rows) && fr.rows[at+1].N == h.N+1 && onlyHeaderWords(fr.rows[at+1].Cells) {
		below = &fr.rows[at+1]
		t.Header = below.N
	}
	// A header cell with an invisible character is an error at its place.
	for _, hr := range []*xlsx.Row{&h, below} {
		for i, c := range cellsOf(hr) {
			fr.b.Errs.Add(diag.Visible(fr.pos(*hr, i), lang.T("the header"), c))
		}
	}
	width := len(h.Cells)
	if below != nil {
		width = max(width, len(below.Cells))
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
		if _, dup := t.Cols[key]; dup {
			continue // the first such column is the form's; a later one (a second 得分) is ignored
		}
		t.Cols[key] = i
	}
	var missing []string
	required := []string{"level1", "name", "target", "actual", "weight", "score"}
	if fr.targets {
		required = []string{"level1", "name", "target"}
	}
	for _, key := range required {
		if _, ok := t.Cols[key]; !ok {
			missing = append(missing, missingName[key])
		}
	}
	switch {
	case len(missing) > 0 && fr.targets:
		fr.b.Errs.Add(&diag.Error{Pos: fr.pos(h, 0), Msg: lang.Sprintf("the target table's indicator header lacks %s", strings.Join(missing, ", ")),
			Hint: lang.T("a target table's indicator header has 一级指标, 二级指标, 三级指标 and 指标值 (or 指标性质, 指标值, 度量单位)")})
		return indicatorTable{Table: t}
	case len(missing) > 0:
		fr.b.Errs.Add(&diag.Error{Pos: fr.pos(h, 0), Msg: lang.Sprintf("the form's indicator header lacks %s", strings.Join(missing, ", ")),
			Hint: lang.T("a self-evaluation form's indicator header has 一级指标, 二级指标, 三级指标, 年度指标值, 实际完成值, 分值 and 得分")})
		return indicatorTable{Table: t}
	}
	var found []string
	for _, key := range []string{"level1", "level2", "name", "comparator", "target", "unit", "actual", "weight", "score", "note"} {
		if i, ok := t.Cols[key]; ok {
			col := strings.TrimRight(xlsx.CellName(i, 1), "1")
			if fr.b.PlacesCells() { // a Word table: 表2!行1列5
				at := fr.pos(h, i)
				if below != nil && wordKey(indicatorWords, text(*below, i)) != "" {
					at = fr.pos(*below, i)
				}
				col = at.Sheet + "!" + at.Cell
			}
			found = append(found, fmt.Sprintf("%s %s (%s)", col, headerText(fr.headerCell(h, below, i)), key))
		}
	}
	if fr.b.PlacesCells() {
		fr.readf("indicator columns: %s", strings.Join(found, ", "))
	} else {
		fr.readf("indicator columns (header at row %d): %s", t.Header, strings.Join(found, ", "))
	}
	return indicatorTable{Table: t, ok: true}
}

// cellsOf is a row's cells, none for no row.
func cellsOf(r *xlsx.Row) []string {
	if r == nil {
		return nil
	}
	return r.Cells
}

// headerCell is the text of a header column: the finer row's, if any.
func (fr *formReader) headerCell(h xlsx.Row, below *xlsx.Row, i int) string {
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
func (fr *formReader) project(top []xlsx.Row) {
	p := fr.out
	for _, r := range top {
		for i, c := range r.Cells {
			key := wordKey(projectLabels, c)
			if key == "" {
				continue
			}
			v := ""
			for j := i + 1; j < len(r.Cells) && v == ""; j++ {
				if wordKey(projectLabels, r.Cells[j]) != "" {
					break
				}
				v = text(r, j)
			}
			switch key {
			case "name":
				p.Name = v
			case "code":
				p.Code = v
			case "department":
				p.Department = v
			case "implementer":
				p.Implementer = v
			}
		}
		for _, c := range r.Cells {
			if p.Year == "" && (strings.Contains(c, "年度") || strings.Contains(c, "自评表")) {
				if m := yearTitle().FindStringSubmatch(c); m != nil {
					p.Year = m[1]
				}
			}
			if p.Unit == "" {
				if m := amountUnit().FindStringSubmatch(c); m != nil {
					p.Unit = m[1] + m[2]
				}
			}
		}
	}
	if p.Name == "" {
		fr.b.Errs.Add(&diag.Error{Pos: fr.b.SheetPos(p.Sheet), Msg: lang.T("the form has no 项目名称 (project name)"), Hint: lang.T("write the name in the cell right of 项目名称")})
	}
}

// funds reads the fund block: its header row (全年预算数, 全年执行数…),
// then 年度资金总额 and its 其中 rows, up to the next block.
func (fr *formReader) funds(top []xlsx.Row) {
	at := slices.IndexFunc(top, func(r xlsx.Row) bool {
		keys := map[string]bool{}
		for _, c := range r.Cells {
			keys[wordKey(fundWords, c)] = true
		}
		return keys["budget"] && keys["paid"]
	})
	if at < 0 {
		fr.readf("no fund block (全年预算数 and 全年执行数): no %s", FundName)
		return
	}
	h := top[at]
	t := fr.table(map[string]int{})
	t.Header = h.N
	first := len(h.Cells)
	for i, c := range h.Cells {
		if key := wordKey(fundWords, c); key != "" {
			if _, dup := t.Cols[key]; !dup {
				t.Cols[key] = i
				first = min(first, i)
				if key == "initial" || key == "budget" || key == "paid" {
					// 全年执行数（元） beside 全年预算数（万元） converts.
					t.SetMoneyUnit(key, i, c)
				}
			}
		}
	}
	if _, ok := t.Cols["initial"]; !ok {
		fr.readf("the fund block has no 年初预算数 column")
	}
	f := fr.out
	for _, r := range top[at+1:] {
		if fr.blockStart(r, first) {
			break
		}
		name := ""
		for i := min(first, len(r.Cells)) - 1; i >= 0 && name == ""; i-- {
			name = text(r, i)
		}
		fd := Fund{Name: name, Pos: fr.pos(r, 0),
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
			f.FundNote = content(t.Text(r, "note"))
		} else if !fd.Budget.Valid || !fd.Paid.Valid {
			if fd.Budget.Valid || fd.Paid.Valid {
				fr.readf("fund row %s (row %d) has not both 全年预算数 and 全年执行数: shown, not a line of its own", name, r.N)
			}
		}
		f.Funds = append(f.Funds, fd)
	}
}

// blockStart reports whether a row starts another block: the goals, the
// project lines, or a label left of the fund names.
func (fr *formReader) blockStart(r xlsx.Row, first int) bool {
	for i, c := range r.Cells {
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
func (fr *formReader) goals(top []xlsx.Row) {
	at := slices.IndexFunc(top, func(r xlsx.Row) bool {
		keys := map[string]bool{}
		for _, c := range r.Cells {
			keys[wordKey(goalWords, c)] = true
		}
		return keys["planned"] && keys["achieved"] || slices.ContainsFunc(r.Cells, func(c string) bool { return isOneOf(c, goalsLabels) })
	})
	if at < 0 {
		return
	}
	cols := map[string]int{}
	body := top[at:]
	for k, r := range top[at:min(at+2, len(top))] {
		for i, c := range r.Cells {
			if key := wordKey(goalWords, c); key != "" {
				cols[key] = i
				body = top[at+k+1:]
			}
		}
	}
	var planned, achieved, longterm []string
	for k, r := range body {
		if k > 0 && slices.ContainsFunc(r.Cells, func(c string) bool {
			return isOneOf(c, goalsLabels) || wordKey(fundWords, c) != "" || wordKey(projectLabels, c) != ""
		}) {
			break
		}
		if len(cols) == 0 {
			var texts []string
			var at []int
			for i, c := range r.Cells {
				if goalText(r, i) != "" && !isOneOf(c, goalsLabels) {
					texts, at = append(texts, text(r, i)), append(at, i)
				}
			}
			if len(texts) > 0 {
				planned = append(planned, texts[0])
			}
			if len(texts) > 1 {
				if len(achieved) == 0 {
					fr.out.AchievedPos = fr.pos(r, at[1])
				}
				achieved = append(achieved, texts[1])
			}
			continue
		}
		if i, ok := cols["planned"]; ok && goalText(r, i) != "" {
			planned = append(planned, goalText(r, i))
		}
		if i, ok := cols["longterm"]; ok && goalText(r, i) != "" {
			longterm = append(longterm, goalText(r, i))
		}
		if i, ok := cols["achieved"]; ok && goalText(r, i) != "" {
			if len(achieved) == 0 {
				fr.out.AchievedPos = fr.pos(r, i)
			}
			achieved = append(achieved, goalText(r, i))
		}
	}
	fr.out.Planned = strings.Join(planned, "\n")
	fr.out.Achieved = strings.Join(achieved, "\n")
	fr.out.LongTerm = strings.Join(longterm, "\n")
}

// goalText is a goal's text: blank for a template's instruction.
func goalText(r xlsx.Row, i int) string { return content(text(r, i)) }

// indicators reads the indicator rows up to the 总分 row, the grade, and
// any further 总分 rows.
func (fr *formReader) indicators(t indicatorTable, rows []xlsx.Row) {
	f := fr.out
	defer func() { f.Groups = pruned(f.Groups) }()
	var g1, g2 *Group
	var last *Row // the row a breakdown row belongs to
	nameCol := t.Cols["name"]
	totalCol, ok := t.Cols["weight"]
	if !ok {
		totalCol = t.Cols["target"] // a target table without 分值
	}
	for k, r := range rows {
		if fr.isTotal(r, totalCol) {
			fr.total(t.Table, r, rows[k:])
			fr.moreTotals(t.Table, rows[k+1:])
			fr.missingActuals()
			return
		}
		if l1 := content(t.Text(r, "level1")); l1 != "" {
			name, points := fr.groupName(t.Table, r, "level1", l1)
			g1 = &Group{Name: name, Points: points, Pos: t.At(r, "level1")}
			f.Groups = append(f.Groups, g1)
			g2, last = nil, nil
		}
		if l2 := content(t.Text(r, "level2")); l2 != "" {
			name, points := fr.groupName(t.Table, r, "level2", l2)
			g2, last = &Group{Name: name, Points: points, Pos: t.At(r, "level2")}, nil
			if g1 == nil {
				fr.b.Errs.Addf(g2.Pos, "二级指标 %s has no 一级指标 above it", name)
				continue
			}
			g1.Groups = append(g1.Groups, g2)
		}
		row := fr.row(t.Table, r)
		if row == nil {
			continue
		}
		if last != nil && fr.isPart(t, r, row) {
			last.Parts = append(last.Parts, row)
			fr.readf("row %d (%s) is a breakdown of %s: shown under it, not scored", r.N, row.Name, last.Name)
			continue
		}
		if !row.Weight.Valid {
			fr.readf("row %d (%s) has no 分值: a placeholder, not scored", r.N, row.Name)
		}
		row.Deductions, row.Note = deductions(row.Reason, row.ReasonPos)
		switch {
		case g2 != nil:
			g2.Rows = append(g2.Rows, row)
		case g1 != nil:
			g1.Rows = append(g1.Rows, row)
		default:
			fr.b.Errs.Addf(fr.pos(r, nameCol), "三级指标 %s has no 一级指标 above it", row.Name)
			continue
		}
		last = row
	}
	fr.missingActuals()
	fr.readf("no 总分 row below the indicators")
}

// isPart reports whether a row is a breakdown of the row above (SPEC §8):
// it lies inside that row's merged 分值 or 得分 cells, or its name begins
// with 其中 and it has no 分值 of its own.
func (fr *formReader) isPart(t indicatorTable, r xlsx.Row, row *Row) bool {
	for _, key := range []string{"weight", "score"} {
		if col, ok := t.Cols[key]; ok && fr.mergedFromAbove(r, col) {
			return true
		}
	}
	return strings.HasPrefix(row.Name, "其中") && !row.Weight.Valid && !row.Score.Valid
}

// missingActuals marks the rows whose numeric target has no actual: the
// rules cannot score them, so they are reviewed and reported. A form whose
// rows have no actual at all was published unfilled: every row with a
// target is reported, never passed clean.
func (fr *formReader) missingActuals() {
	if fr.targets {
		return // a target table has no actuals
	}
	leaves := fr.out.Leaves()
	unfilled := !slices.ContainsFunc(leaves, func(r *Row) bool { return r.HasActual })
	for _, r := range leaves {
		if r.HasActual || !r.HasTarget || r.Unreadable != "" || !r.Weight.Valid {
			continue
		}
		if r.Target.IsNumber || unfilled {
			r.Unreadable, r.UnreadablePos = lang.Sprintf("no 实际完成值 is written for the target %s", r.Target.Written), r.ActualPos
		}
	}
}

// deductions reads the 扣N分 a deviation reason begins with (扣0.5分：…；
// 扣1分，…): each runs to the next 扣N分 or the end of its line, and what
// follows them is the note. A 扣N分 with no reason after it is no
// deduction.
func deductions(reason string, at diag.Pos) ([]Deduction, string) {
	var out []Deduction
	rest := strings.TrimSpace(reason)
	for rest != "" {
		m := deductionStart().FindStringSubmatchIndex(rest)
		if m == nil {
			break
		}
		body := rest[m[1]:]
		end, next := len(body), ""
		if i := strings.IndexByte(body, '\n'); i >= 0 {
			end, next = i, body[i+1:]
		}
		if loc := deductionNext().FindStringIndex(body[:end]); loc != nil {
			_, size := utf8.DecodeRuneInString(body[loc[0]:])
			end, next = loc[0], body[loc[0]+size:]
		}
		why := strings.TrimRight(strings.TrimSpace(body[:end]), "；;。")
		if why == "" {
			break
		}
		out = append(out, Deduction{Points: decimal.RequireFromString(rest[m[2]:m[3]]), Reason: why,
			Pos: at})
		rest = strings.TrimSpace(next)
	}
	if len(out) == 0 {
		return nil, strings.TrimSpace(reason)
	}
	return out, rest
}

// pruned drops groups left empty (a template's 生态效益指标 with no rows).
func pruned(list []*Group) []*Group {
	var out []*Group
	for _, g := range list {
		g.Groups = pruned(g.Groups)
		if len(g.Rows) > 0 || len(g.Groups) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// groupName takes ★ and a points suffix off a 一级 or 二级 cell.
func (fr *formReader) groupName(t *workbook.Table, r xlsx.Row, key, cell string) (string, Figure) {
	name := cleanName(cell)
	var points Figure
	if m := pointsSuffix().FindStringSubmatch(name); m != nil {
		points = Figure{Value: decimal.RequireFromString(m[1]), Valid: true, Text: m[1], Pos: t.At(r, key)}
		name = strings.TrimSpace(strings.TrimSuffix(name, m[0]))
	}
	return name, points
}

var nameMarks = strings.NewReplacer("★", "", "☆", "")

func cleanName(s string) string {
	return strings.TrimSpace(nameMarks.Replace(strings.Join(strings.Fields(s), "")))
}

// NameKey is a name as names are compared across documents (a project in
// two years, an indicator in a target table and its form): spaces, ★ and
// * marks and a points suffix taken off, full-width forms folded.
func NameKey(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '*' || diag.IsInvisible(r) {
			return -1
		}
		return r
	}, width.Fold.String(cleanName(s)))
	return pointsSuffix().ReplaceAllString(s, "")
}

func isBlankMark(s string) bool { return slices.Contains(blankMarks, strings.TrimSpace(s)) }

// row reads a 三级 row; nil for a template row left empty. A cell the
// rules cannot read makes the row unreadable (it is then reviewed and
// reported), never the form.
func (fr *formReader) row(t *workbook.Table, r xlsx.Row) *Row {
	name := cleanName(t.Text(r, "name"))
	if isTemplateText(name) {
		name = ""
	}
	out := &Row{Name: name, Pos: t.At(r, "name"), TargetPos: t.At(r, "target"), ActualPos: t.At(r, "actual"), ReasonPos: t.At(r, "note")}
	before := len(fr.b.Errs)
	out.Weight = fr.money(t, r, "weight")
	out.Score = fr.printed(t, r, "score", false)
	out.Reason = content(t.Text(r, "note"))
	fr.value(t, r, "target", &out.Target, &out.HasTarget, out)
	fr.value(t, r, "actual", &out.Actual, &out.HasActual, out)
	if out.Unreadable == "" {
		if err := t.JoinColumns(r, &out.Target, out.HasTarget, &out.Actual, out.HasActual); err != nil {
			out.Unreadable, out.UnreadablePos = err.Error(), out.TargetPos
		}
	}
	if out.Unreadable == "" {
		fr.barePercent(out)
	}
	for _, e := range fr.take(before) {
		if e.Pos == out.Score.Pos {
			fr.out.Unread = append(fr.out.Unread, Problem{Pos: e.Pos, Indicator: name, Msg: e.Msg})
		} else if out.Unreadable == "" {
			out.Unreadable, out.UnreadablePos = e.Msg, e.Pos
		}
	}
	filled := out.Weight.Valid || out.Score.Valid || out.HasTarget || out.HasActual || out.Unreadable != ""
	if !filled && (name == "" || templateName().MatchString(name) || isBlankMark(name)) {
		if name != "" {
			fr.readf("row %d (%s) is an empty template row: skipped", r.N, name)
		}
		return nil
	}
	if name == "" {
		out.Name = fmt.Sprintf("第%d行", r.N)
		fr.readf("row %d has figures but no 三级指标 name: named %s", r.N, out.Name)
	}
	return out
}

// barePercent reads a bare number beside a percentage as the percentage
// a reader sees: 100 under ≥100百分比 is 100%, and a target of ≥90 over an
// actual of 95% is ≥90%, each with a note. A bare number above 0 and at
// most 1 could be a fraction or a percentage: the row is unreadable (a
// percent-formatted cell is already a percentage).
func (fr *formReader) barePercent(r *Row) {
	if !r.HasTarget || !r.HasActual {
		return
	}
	bare, other, pos := &r.Actual, r.Target, r.ActualPos
	if isBare(r.Target) && isPercent(r.Actual) {
		bare, other, pos = &r.Target, r.Actual, r.TargetPos
	} else if !isBare(r.Actual) || !isPercent(r.Target) {
		return
	}
	if bare.Number.IsPositive() && bare.Number.LessThanOrEqual(decimal.NewFromInt(1)) {
		r.Unreadable, r.UnreadablePos = lang.Sprintf("%s beside the percentage %s could be %s%% or %s%%: write it with %%", bare.Written, other.Written, bare.Digits, bare.Number.Shift(2)), pos
		return
	}
	bare.Scale = "%"
	fr.out.Notes = append(fr.out.Notes, Problem{Pos: pos, Indicator: r.Name,
		Msg: lang.Sprintf("%s beside the percentage %s is read as %s", bare.Written, other.Written, bare.String())})
}

func isBare(v indicators.Value) bool { return v.IsNumber && v.Scale == "" && v.Unit == "" }

func isPercent(v indicators.Value) bool { return v.IsNumber && v.Scale == "%" && v.Unit == "" }

// value reads a target or actual. A blank mark (—, /) or a template's
// instruction is blank; a value the grammar cannot read makes the row
// unreadable rather than stopping the form.
func (fr *formReader) value(t *workbook.Table, r xlsx.Row, key string, v *indicators.Value, has *bool, out *Row) {
	c, ok := t.Cell(r, key)
	if !ok || !c.Number && !c.Bool && content(c.Text) == "" {
		return
	}
	val, err := t.ReadValue(c)
	if err != nil {
		if out.Unreadable == "" {
			out.Unreadable, out.UnreadablePos = err.Error(), t.At(r, key)
		}
		return
	}
	*v, *has = val, true
}

// money reads an amount or a weight as stored; a blank mark is blank.
func (fr *formReader) money(t *workbook.Table, r xlsx.Row, key string) Figure {
	out := Figure{Pos: t.At(r, key)}
	if c, ok := t.Cell(r, key); !ok || !c.Number && isBlankMark(c.Text) {
		return out
	}
	d := t.Amount(r, key)
	if !d.Valid {
		return out
	}
	if d.Decimal.IsNegative() {
		fr.b.Errs.Addf(out.Pos, "%s is negative", d.Decimal)
	}
	out.Value, out.Valid, out.Text = d.Decimal, true, d.Decimal.String()
	return out
}

// printed reads a score or a rate as the form shows it: a number cell as
// its format displays it (8.62 under the format 0 is printed 9), so that
// the figure carries the decimals it is printed with. A rate is a
// fraction: 90% and 90.00% are 0.90 and 0.9000; a plain number up to 1 is
// a fraction, above 1 a percentage.
func (fr *formReader) printed(t *workbook.Table, r xlsx.Row, key string, rate bool) Figure {
	out := Figure{Pos: t.At(r, key)}
	c, ok := t.Cell(r, key)
	if !ok {
		return out
	}
	shown := strings.TrimSpace(c.Text)
	if c.Number {
		if s := strings.TrimSpace(fr.b.X.Display(c.Text, c.Style)); s != "" {
			shown = s
		}
	}
	if isBlankMark(shown) {
		return out
	}
	v, err := indicators.ParseValue(shown)
	ok = err == nil && v.IsNumber && !v.CmpGiven && (v.Unit == "" || v.Unit == "分" && !rate) && (v.Scale == "" || v.Scale == "%" && rate)
	if !ok {
		fr.b.Errs.Addf(out.Pos, "%q is not a number", shown)
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
func (fr *formReader) isTotal(r xlsx.Row, weightCol int) bool {
	for i := 0; i < min(weightCol, len(r.Cells)); i++ {
		if isOneOf(r.Cells[i], totalLabels) {
			return true
		}
	}
	return false
}

// total reads the 总分 row: 分值 and 得分 under their columns (else the
// row's numbers in order), and the grade printed in it or below it.
func (fr *formReader) total(t *workbook.Table, r xlsx.Row, rest []xlsx.Row) {
	f := fr.out
	f.TotalWeight = fr.money(t, r, "weight")
	f.Total = fr.printed(t, r, "score", false)
	if !f.TotalWeight.Valid && !f.Total.Valid {
		var nums []int
		for i, c := range r.Cells {
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
		for i, c := range gr.Cells {
			if k == 0 && i <= t.Cols["score"] {
				continue
			}
			m := gradeCell().FindStringSubmatch(workbook.Normalize(c))
			if m == nil || k > 0 && !strings.Contains(c, "等级") && !isGradeAfterLabel(gr, i) {
				continue
			}
			f.Grade, f.GradePos = cmp.Or(gradeNames[m[1]], m[1]), fr.pos(gr, i)
			return
		}
	}
}

// moreTotals reads the 总分 or 合计 rows after the first: a form has one,
// and a second one is checked against it, never ignored.
func (fr *formReader) moreTotals(t *workbook.Table, rows []xlsx.Row) {
	for _, r := range rows {
		if !fr.isTotal(r, t.Cols["weight"]) {
			continue
		}
		tr := TotalRow{Weight: fr.money(t, r, "weight"), Score: fr.printed(t, r, "score", false)}
		if tr.Weight.Valid || tr.Score.Valid {
			fr.out.MoreTotals = append(fr.out.MoreTotals, tr)
		}
	}
}

func isGradeLabel(c string) bool {
	h := headerText(c)
	return h == "自评等级" || h == "等级" || h == "评价等级" || h == "自评结论"
}

func isGradeAfterLabel(r xlsx.Row, i int) bool {
	for j := i - 1; j >= 0; j-- {
		if strings.TrimSpace(r.Cells[j]) != "" {
			return isGradeLabel(r.Cells[j])
		}
	}
	return false
}
