package frameworksheet

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/workbook"
	"github.com/perfeval/perfeval/internal/xlsx"
)

// SheetName is the sheet a framework is read from: in a workbook of
// perfeval's sheets it is the workbook's own framework.
const SheetName = "指标体系"

// maxLevels is the deepest tree a sheet's columns hold (一级 … 六级指标).
const maxLevels = 6

var levelHeaders = []string{"一级指标", "二级指标", "三级指标", "四级指标", "五级指标", "六级指标"}

// columns maps a key to the header words that name its column.
var columns = map[string][]string{
	"code":        {"指标编码", "编码", "指标代码", "代码", "code"},
	"weight":      {"分值", "权重", "指标分值", "标准分值", "权重分", "weight"},
	"rule":        {"计分方法", "评分方法", "计分规则", "rule"},
	"description": {"指标解释", "指标说明", "指标内涵", "description"},
	"criteria":    {"评分标准", "评分细则", "评分规则", "criteria"},
	"precision":   {"小数位数", "precision"},
	"rounding":    {"舍入", "舍入方式", "rounding"},
}

// Settings rows below the 合计 row: a label and its value.
var settings = map[string]string{"小数位数": "precision", "舍入方式": "rounding", "评价等级": "grades"}

// totalWords mark the 合计 row.
var totalWords = []string{"合计", "总计", "总分", "合计分值"}

// RuleWords are the Chinese words a 计分方法 cell may give for a rule.
var RuleWords = []struct {
	Word string
	Rule indicators.RuleType
}{
	{"正向比例", indicators.Ratio},
	{"反向比例", indicators.Ratio}, // the direction is the target's: ≤ 10 is scored reversed
	{"达成与否", indicators.Pass},
	{"等级", indicators.Qualitative},
	{"执行率", indicators.Execution},
	{"评价", indicators.Review},
}

// RoundingWords are the Chinese words for each rounding.
var RoundingWords = map[string]indicators.Rounding{"四舍五入": indicators.HalfUp, "舍去": indicators.Down, "四舍六入五成双": indicators.HalfEven}

// Find returns the sheet a framework workbook is read from: the one named
// 指标体系, else the first with a header of 一级指标 and 分值 (or 权重);
// "" when none has.
func Find(b *workbook.Book) string {
	for _, s := range b.X.Sheets() {
		if workbook.Normalize(s) == SheetName {
			return s
		}
	}
	for _, s := range b.X.Sheets() {
		rows, err := b.X.Rows(s)
		if err != nil {
			continue
		}
		if _, ok := findHeader(rows); ok {
			return s
		}
	}
	return ""
}

// HasSheet returns the workbook's own 指标体系 sheet, or "".
func HasSheet(b *workbook.Book) string {
	for _, s := range b.X.Sheets() {
		if workbook.Normalize(s) == SheetName {
			return s
		}
	}
	return ""
}

// ReadBytes reads the framework of a workbook held in memory (Find says
// which sheet); name is used in positions.
func ReadBytes(name string, data []byte) (*indicators.Framework, error) {
	b, err := workbook.Open(name, data, workbook.Options{})
	if err != nil {
		return nil, err
	}
	defer b.Close()
	sheet := Find(b)
	if sheet == "" {
		return nil, &diag.Error{Pos: diag.Pos{File: name}, Msg: lang.T("has no 指标体系 sheet: no sheet with the headers 一级指标 and 分值 (or 权重)"), Hint: lang.T("write the framework with perfeval framework framework.yaml -o 指标体系.xlsx to see the layout")}
	}
	return Read(b, sheet)
}

func header(s string) string { return workbook.Normalize(workbook.TrimBracket(strings.TrimSpace(s))) }

// findHeader returns the index of the header row: the first with 一级指标.
func findHeader(rows []xlsx.Row) (int, bool) {
	for i, r := range rows {
		if i >= 30 {
			break
		}
		for _, c := range r.Cells {
			if h := header(c); h == levelHeaders[0] || h == "一级" {
				return i, true
			}
		}
	}
	return 0, false
}

// upperHeader reports whether the row above the header row is its upper
// half: right above it and holding a header word (指标, 分值 merged down…).
func upperHeader(rows []xlsx.Row, hi int) bool {
	if hi == 0 || rows[hi-1].N != rows[hi].N-1 {
		return false
	}
	for _, c := range rows[hi-1].Cells {
		h := header(c)
		if h == "指标" || h == "指标名称" || slices.Contains(levelHeaders, h) {
			return true
		}
		for _, words := range columns {
			if slices.Contains(words, h) {
				return true
			}
		}
	}
	return false
}

// A row read from the sheet: the cell of each key, and its node.
type sheetRow struct {
	r     xlsx.Row
	node  *node
	level int // 0-based level of the row's deepest name
}

// A node of the tree being read.
type node struct {
	name     string
	code     string    // from its position
	namePos  yaml.Node // the name cell, as a positioned scalar
	row      *sheetRow // its own row, nil when it has none (a parent named on its children's rows)
	parent   *node
	children []*node
}

type reader struct {
	b     *workbook.Book
	t     *workbook.Table
	sheet string
	errs  diag.Errors
	cols  map[string]int
	level []int // column of each level
}

// Read reads the framework on a sheet of an opened workbook. Every
// problem, of the sheet's layout and of the framework it holds, comes back
// at once, each at its cell.
func Read(b *workbook.Book, sheet string) (*indicators.Framework, error) {
	rows, ok := b.Rows(sheet)
	if !ok {
		return nil, b.Errs.Err()
	}
	rd := &reader{b: b, sheet: sheet, cols: map[string]int{}}
	hi, ok := findHeader(rows)
	if !ok {
		return nil, &diag.Error{Pos: b.SheetPos(sheet), Msg: lang.T("no header row with 一级指标 and 分值 (or 权重)"), Hint: lang.T("write the framework with perfeval framework framework.yaml -o 指标体系.xlsx to see the layout")}
	}
	rd.t = b.NewTable(sheet, rows, rd.cols)
	doc := mapping(rows[hi].N, 1)
	rd.headers(rows, hi)
	if rd.errs.Err() != nil {
		return nil, rd.errs.Err()
	}
	titles := rows[:hi]
	if upperHeader(rows, hi) {
		titles = rows[:hi-1]
	}
	if len(titles) > 0 { // the title above the header names the framework
		for c, cell := range titles[0].Cells {
			if s := strings.TrimSpace(cell); s != "" {
				add(doc, "name", scalar(titles[0].N, c+1, s))
				break
			}
		}
	}
	top, rest, total := rd.body(rows[hi+1:])
	rd.settings(doc, rest)
	if total != nil {
		add(doc, "total", total)
	}
	rd.codes(top, "", 0)
	seq := &yaml.Node{Kind: yaml.SequenceNode, Line: rows[hi].N, Column: rd.level[0] + 1}
	for _, n := range top {
		seq.Content = append(seq.Content, rd.indicator(n))
	}
	add(doc, "indicators", seq)
	fw, err := indicators.FromNode(b.File, doc, rd.locate)
	rd.errs = append(rd.errs, b.Errs...)
	b.Errs = nil
	if err != nil {
		if list, ok := err.(diag.Errors); ok {
			rd.errs = append(rd.errs, list...)
		} else {
			rd.errs.Add(err)
		}
	}
	if err := rd.errs.Err(); err != nil {
		return nil, err
	}
	return fw, nil
}

func (rd *reader) locate(n *yaml.Node) diag.Pos {
	if n.Line <= 0 {
		return rd.b.SheetPos(rd.sheet)
	}
	col := max(n.Column, 1)
	return diag.Pos{File: rd.b.File, Sheet: rd.sheet, Cell: xlsx.CellName(col-1, n.Line), Row: n.Line, ColNo: col}
}

// headers finds each column by its header, in the header row or, for a
// header over two rows (分值 merged down beside 一级指标 …), the row above.
func (rd *reader) headers(rows []xlsx.Row, hi int) {
	r := rows[hi]
	width := len(r.Cells)
	upper := upperHeader(rows, hi)
	if upper {
		width = max(width, len(rows[hi-1].Cells))
	}
	level := map[int]int{}
	for c := range width {
		h := ""
		if c < len(r.Cells) {
			h = header(r.Cells[c])
		}
		if h == "" && upper && c < len(rows[hi-1].Cells) {
			h = header(rows[hi-1].Cells[c])
		}
		if h == "" {
			continue
		}
		for i, lh := range levelHeaders {
			if h == lh || h == strings.TrimSuffix(lh, "指标") {
				if _, dup := level[i]; !dup {
					level[i] = c
				}
			}
		}
		for key, words := range columns {
			if _, seen := rd.cols[key]; !seen && slices.Contains(words, h) {
				rd.cols[key] = c
			}
		}
	}
	for i := range maxLevels {
		c, ok := level[i]
		if !ok {
			break
		}
		rd.level = append(rd.level, c)
	}
	for i := len(rd.level); i < maxLevels; i++ {
		if c, ok := level[i]; ok {
			rd.errs.Addf(rd.t.Pos(r.N, c), "%s without %s: the levels must go one after another", levelHeaders[i], levelHeaders[len(rd.level)])
		}
	}
	if _, ok := rd.cols["weight"]; !ok {
		rd.errs.Add(&diag.Error{Pos: rd.t.Pos(r.N, rd.level[0]), Msg: lang.T("the header has no 分值 (or 权重) column"), Hint: lang.T("give every leaf its weight in a column headed 分值")})
	}
}

// text is a cell's text, as displayed.
func (rd *reader) text(r xlsx.Row, col int) string {
	rd.cols["_"] = col
	defer delete(rd.cols, "_")
	return rd.t.Text(r, "_")
}

func (rd *reader) keyText(r xlsx.Row, key string) (string, int, bool) {
	c, ok := rd.cols[key]
	if !ok {
		return "", 0, false
	}
	s := rd.t.Text(r, key)
	return s, c, s != ""
}

// body reads the rows below the header into a tree; rest are the rows
// after the 合计 row, and total its weight cell.
func (rd *reader) body(rows []xlsx.Row) (top []*node, rest []xlsx.Row, total *yaml.Node) {
	var path []*node // the current node of each level
rows:
	for i, r := range rows {
		names := make([]string, len(rd.level))
		deepest := -1
		for l, c := range rd.level {
			names[l] = rd.text(r, c)
			if names[l] != "" {
				deepest = l
			}
		}
		first := ""
		for _, s := range names {
			if s != "" {
				first = s
				break
			}
		}
		if _, ok := settings[workbook.Normalize(strings.TrimRight(first, ":："))]; ok && deepest == 0 {
			return top, rows[i:], total // the settings, with no 合计 row above them
		}
		if code, _, _ := rd.keyText(r, "code"); slices.Contains(totalWords, workbook.Normalize(first)) || slices.Contains(totalWords, workbook.Normalize(code)) {
			if w, c, ok := rd.weightCell(r); ok {
				total = scalar(r.N, c+1, w)
			}
			return top, rows[i+1:], total
		}
		if deepest < 0 {
			if rd.hasOwnCells(r) {
				rd.errs.Addf(rd.t.Pos(r.N, rd.level[0]), "the row names no indicator (give its name in one of the columns %s)", strings.Join(levelHeaders[:len(rd.level)], ", "))
			}
			continue
		}
		if isNote(first) && deepest == 0 && !rd.hasOwnCells(r) {
			continue
		}
		// A blank left of the deepest name stands for the indicator above,
		// unless this row starts a new one at a shallower level: a level
		// skipped, and the row is left out.
		fresh := false // a node is made at a shallower level of this row
		for l := 0; l <= deepest; l++ {
			switch {
			case names[l] == "" && (fresh || l >= len(path)):
				pos := scalar(r.N, rd.level[l]+1, "")
				above := lang.T("the framework")
				if l > 0 {
					above = names[l-1]
					if above == "" && l-1 < len(path) {
						above = path[l-1].name
					}
				}
				rd.errs.Add(&diag.Error{Pos: rd.locate(pos), Msg: lang.Sprintf("%s is blank, but %s has no %s above to stand for", levelHeaders[l], above, levelHeaders[l]), Hint: lang.T("a level may not be skipped: name the indicator of this level")})
				continue rows
			case names[l] == "":
			case l < deepest && !fresh && l < len(path) && path[l].name == names[l]:
			default:
				fresh = true
			}
		}
		fresh = false
		for l := 0; l <= deepest; l++ {
			pos := *scalar(r.N, rd.level[l]+1, names[l])
			switch {
			case names[l] == "":
			case l < deepest && !fresh && l < len(path) && path[l].name == names[l]:
			default:
				n := &node{name: names[l], namePos: pos}
				var siblings *[]*node
				if l == 0 {
					siblings = &top
				} else {
					n.parent = path[l-1]
					siblings = &path[l-1].children
				}
				for _, s := range *siblings {
					if s.name == n.name {
						under := lang.T("the top level")
						if n.parent != nil {
							under = n.parent.name
						}
						rd.errs.Addf(rd.locate(&pos), "two indicators named %q under %s (first at %s)", n.name, under, rd.locate(&s.namePos))
						break
					}
				}
				*siblings = append(*siblings, n)
				path = append(path[:l], n)
				fresh = true
			}
		}
		path = path[:deepest+1]
		n := path[deepest]
		n.row = &sheetRow{r: r, node: n, level: deepest}
	}
	return top, nil, total
}

func isNote(s string) bool {
	for _, p := range []string{"注：", "注:", "说明：", "说明:", "备注："} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// hasOwnCells reports whether a row gives anything of an indicator's own.
func (rd *reader) hasOwnCells(r xlsx.Row) bool {
	for key := range columns {
		if _, _, ok := rd.keyText(r, key); ok {
			return true
		}
	}
	return false
}

// weightCell is a row's 分值 as stored: a number read at 15 digits, not as
// the cell's format shows it.
func (rd *reader) weightCell(r xlsx.Row) (string, int, bool) {
	c, ok := rd.cols["weight"]
	if !ok {
		return "", 0, false
	}
	v, ok := rd.t.Cell(r, "weight")
	if !ok {
		return "", c, false
	}
	return strings.TrimSpace(v.Text), c, true
}

// settings reads the rows after 合计: 小数位数, 舍入方式 and 评价等级, each
// a label and its value beside it. Other rows (notes) are left alone.
func (rd *reader) settings(doc *yaml.Node, rows []xlsx.Row) {
	for _, r := range rows {
		label, at := "", -1
		for c, s := range r.Cells {
			if strings.TrimSpace(s) != "" {
				label, at = workbook.Normalize(strings.TrimRight(strings.TrimSpace(s), ":：")), c
				break
			}
		}
		key, ok := settings[label]
		if !ok {
			continue
		}
		val, vc := "", at+1
		for c := at + 1; c < len(r.Cells); c++ {
			if s := rd.text(r, c); s != "" {
				val, vc = s, c
				break
			}
		}
		v := scalar(r.N, vc+1, val)
		switch key {
		case "rounding":
			if en, ok := RoundingWords[val]; ok {
				v.Value = string(en)
			}
		case "grades":
			v = rd.flow(val, r.N, vc)
			if v == nil {
				continue
			}
		}
		add(doc, key, v)
	}
}

// flow reads a cell holding YAML in flow form ({type: bands, bands: […]});
// every node of it is placed at the cell.
func (rd *reader) flow(s string, rowN, col int) *yaml.Node {
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(s), &n); err != nil || len(n.Content) == 0 {
		rd.errs.Add(&diag.Error{Pos: rd.t.Pos(rowN, col), Msg: lang.Sprintf("%q cannot be read as YAML", s), Hint: lang.T("write a rule with options in YAML's flow form: {type: bands, bands: [{from: 1, score: 1}, {from: 0, score: 0}]}")})
		return nil
	}
	v := n.Content[0]
	place(v, rowN, col+1)
	return v
}

func place(n *yaml.Node, line, col int) {
	n.Line, n.Column = line, col
	for _, c := range n.Content {
		place(c, line, col)
	}
}

// codes gives every node without a code of its own in a 指标编码 cell the
// one its position gives: A, B, … at the top, then the parent's code and
// the child's number (A1, A11, C111), numbers in two digits where a parent
// has ten children or more.
func (rd *reader) codes(list []*node, parent string, level int) {
	width := len(strconv.Itoa(len(list)))
	for i, n := range list {
		switch {
		case level > 0:
			n.code = parent + fmt.Sprintf("%0*d", width, i+1)
		case i < 26:
			n.code = string(rune('A' + i))
		default:
			n.code = "Z" + strconv.Itoa(i-25)
			if _, _, own := rd.ownCode(n); !own {
				rd.errs.Add(&diag.Error{Pos: rd.locate(&n.namePos), Msg: lang.T("more than 26 first-level indicators: their codes cannot be letters"), Hint: lang.T("give every indicator its code in a 指标编码 column")})
			}
		}
		code, _, _ := rd.ownCode(n)
		rd.codes(n.children, code, level+1)
	}
}

// ownCode is a node's code: its 指标编码 cell's, else its position's.
func (rd *reader) ownCode(n *node) (string, int, bool) {
	if n.row != nil {
		if s, c, ok := rd.keyText(n.row.r, "code"); ok {
			return s, c, true
		}
	}
	return n.code, 0, false
}

// indicator is a node as the YAML would write it, each value at its cell.
func (rd *reader) indicator(n *node) *yaml.Node {
	line, col := n.namePos.Line, n.namePos.Column
	m := mapping(line, col)
	if code, c, own := rd.ownCode(n); own {
		add(m, "code", scalar(line, c+1, code))
	} else {
		add(m, "code", scalar(line, col, code))
	}
	add(m, "name", scalar(line, col, n.name))
	if n.row != nil {
		r := n.row.r
		if w, c, ok := rd.weightCell(r); ok {
			add(m, "weight", scalar(line, c+1, w))
		}
		if s, c, ok := rd.keyText(r, "rule"); ok {
			code, _, _ := rd.ownCode(n)
			if v := rd.rule(s, line, c, code); v != nil {
				add(m, "rule", v)
			}
		}
		for _, key := range []string{"description", "criteria", "precision", "rounding"} {
			if s, c, ok := rd.keyText(r, key); ok {
				if en, ok := RoundingWords[s]; ok && key == "rounding" {
					s = string(en)
				}
				add(m, key, scalar(line, c+1, s))
			}
		}
	}
	if len(n.children) > 0 {
		seq := &yaml.Node{Kind: yaml.SequenceNode, Line: line, Column: col}
		for _, c := range n.children {
			seq.Content = append(seq.Content, rd.indicator(c))
		}
		add(m, "children", seq)
	}
	return m
}

// rule reads a 计分方法 cell: a rule's name, its Chinese word, or a rule
// with options in YAML's flow form.
func (rd *reader) rule(s string, line, col int, code string) *yaml.Node {
	if strings.HasPrefix(s, "{") {
		return rd.flow(s, line, col)
	}
	names := make([]string, 0, len(indicators.RuleTypes)+len(RuleWords))
	for _, t := range indicators.RuleTypes {
		names = append(names, string(t))
	}
	for _, w := range RuleWords {
		if workbook.Normalize(s) == w.Word {
			return scalar(line, col+1, string(w.Rule))
		}
		names = append(names, w.Word)
	}
	if !isASCII(s) { // an English name is left to the framework's check, which suggests the name meant
		rd.errs.Add(&diag.Error{Pos: rd.t.Pos(line, col), Msg: lang.Sprintf("indicator %s: unknown rule %q", code, s), Hint: lang.Sprintf("rules: %s", strings.Join(names, ", "))})
		return nil
	}
	return scalar(line, col+1, strings.ToLower(s))
}

func isASCII(s string) bool {
	for _, r := range s {
		if r > 0x7f {
			return false
		}
	}
	return true
}

func mapping(line, col int) *yaml.Node {
	return &yaml.Node{Kind: yaml.MappingNode, Line: line, Column: col}
}

func scalar(line, col int, s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Line: line, Column: col}
}

func add(m *yaml.Node, key string, v *yaml.Node) {
	m.Content = append(m.Content, scalar(v.Line, v.Column, key), v)
}
