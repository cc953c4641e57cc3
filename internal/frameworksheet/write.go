package frameworksheet

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/perfeval/perfeval/internal/third_party/excelize"
	"github.com/shopspring/decimal"
	"go.yaml.in/yaml/v3"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/workbook"
)

// Write makes a workbook with one sheet, 指标体系, holding the framework
// as Read reads it back: the name as a title, a column per level, one row
// per leaf (and per parent with text or settings of its own), the 合计 row,
// then 小数位数, 舍入方式 and 评价等级 where they are not the default. A
// rule with options is written in its 计分方法 cell in YAML's flow form.
func Write(f *indicators.Framework) (*excelize.File, error) {
	w := &writer{f: f, x: excelize.NewFile()}
	if err := w.x.SetSheetName("Sheet1", SheetName); err != nil {
		return nil, err
	}
	w.layout()
	w.set(1, 1, f.Name)
	for i, h := range w.headers {
		w.set(2, i+1, h)
	}
	w.row = 3
	w.rows(f.Indicators)
	if w.err != nil {
		return nil, w.err
	}
	w.set(w.row, 1, "合计")
	w.set(w.row, w.col("分值"), f.Total)
	w.row += 2
	w.set(w.row, 1, "小数位数")
	w.set(w.row, 2, int(f.Precision))
	if f.Rounding != indicators.HalfUp {
		w.row++
		w.set(w.row, 1, "舍入方式")
		w.set(w.row, 2, roundingWord(f.Rounding))
	}
	if g := indicators.GradesNode(f.Grades); g != nil {
		w.row++
		w.set(w.row, 1, "评价等级")
		for _, c := range g.Content {
			c.Style = yaml.FlowStyle
		}
		g.Style = yaml.FlowStyle
		w.set(w.row, 2, flowText(g))
	}
	if w.err == nil {
		w.style()
	}
	if w.err != nil {
		return nil, w.err
	}
	return w.x, nil
}

type writer struct {
	f        *indicators.Framework
	x        *excelize.File
	headers  []string
	depth    int
	codes    bool // a 指标编码 column: the codes are not the ones positions give
	settings bool // 小数位数 and 舍入 columns: an indicator sets its own
	row      int
	err      error
}

func (w *writer) layout() {
	w.f.Walk(func(in *indicators.Indicator) {
		w.depth = max(w.depth, in.Level)
		if _, ok := in.OwnPrecision(); ok {
			w.settings = true
		}
		if _, ok := in.OwnRounding(); ok {
			w.settings = true
		}
	})
	w.depth = min(max(w.depth, 1), maxLevels)
	w.codes = !positional(w.f.Indicators, "", 0)
	w.headers = append(w.headers, levelHeaders[:w.depth]...)
	if w.codes {
		w.headers = append(w.headers, "指标编码")
	}
	w.headers = append(w.headers, "分值", "计分方法", "指标解释", "评分标准")
	if w.settings {
		w.headers = append(w.headers, "小数位数", "舍入")
	}
}

// positional reports whether every code is the one its position gives.
func positional(list []*indicators.Indicator, parent string, level int) bool {
	width := len(strconv.Itoa(len(list)))
	for i, in := range list {
		want := parent + fmt.Sprintf("%0*d", width, i+1)
		if level == 0 {
			if i >= 26 {
				return false
			}
			want = string(rune('A' + i))
		}
		if in.Code != want || !positional(in.Children, in.Code, level+1) {
			return false
		}
	}
	return true
}

func (w *writer) col(h string) int {
	for i, x := range w.headers {
		if x == h {
			return i + 1
		}
	}
	return 0
}

// ownRow reports whether a parent needs a row of its own: for what only a
// row can hold (a code, a text, a setting).
func (w *writer) ownRow(in *indicators.Indicator) bool {
	_, p := in.OwnPrecision()
	_, r := in.OwnRounding()
	return in.IsLeaf() || w.codes || in.Description != "" || in.Criteria != "" || p || r
}

// rows writes the indicators of a list, each parent's name on its first
// row and merged down over its descendants' rows.
func (w *writer) rows(list []*indicators.Indicator) {
	for _, in := range list {
		first := w.row
		w.set(w.row, in.Level, in.Name)
		if w.ownRow(in) {
			w.fields(in)
			w.row++
			w.rows(in.Children)
		} else {
			w.rows(in.Children)
		}
		if last := w.row - 1; last > first && !in.IsLeaf() {
			w.merge(first, in.Level, last)
		}
	}
}

func (w *writer) fields(in *indicators.Indicator) {
	if w.codes {
		w.set(w.row, w.col("指标编码"), in.Code)
	}
	if !in.Weight.IsZero() || !in.IsLeaf() || in.Rule != nil && in.Rule.Type != indicators.Review {
		w.set(w.row, w.col("分值"), in.Weight)
	}
	if in.IsLeaf() {
		if n := indicators.RuleNode(in.Rule); n != nil {
			w.set(w.row, w.col("计分方法"), ruleText(n))
		}
	}
	for _, text := range []struct{ header, s string }{{"指标解释", in.Description}, {"评分标准", in.Criteria}} {
		if n := utf8.RuneCountInString(text.s); n > workbook.MaxCellLength && w.err == nil {
			w.err = &diag.Error{Pos: in.Pos, Msg: lang.Sprintf("indicator %s: its %s has %d characters, more than an Excel cell holds (%d)", in.Code, text.header, n, workbook.MaxCellLength)}
		}
		w.set(w.row, w.col(text.header), text.s)
	}
	if p, ok := in.OwnPrecision(); ok {
		w.set(w.row, w.col("小数位数"), int(p))
	}
	if r, ok := in.OwnRounding(); ok {
		w.set(w.row, w.col("舍入"), roundingWord(r))
	}
}

// ruleText is a rule as its 计分方法 cell gives it: the Chinese word of a
// rule without options, else the rule in YAML's flow form.
func ruleText(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		for _, w := range RuleWords {
			if string(w.Rule) == n.Value && w.Word != "反向比例" {
				return w.Word
			}
		}
		return n.Value
	}
	return flowText(n)
}

func flowText(n *yaml.Node) string {
	out, _ := yaml.Marshal(n) // a node tree of strings always encodes
	return strings.TrimSpace(string(out))
}

func roundingWord(r indicators.Rounding) string {
	for w, en := range RoundingWords {
		if en == r {
			return w
		}
	}
	return string(r)
}

func (w *writer) set(row, col int, v any) {
	if w.err != nil || col == 0 {
		return
	}
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err == nil {
		switch v := v.(type) {
		case string:
			if v != "" {
				err = w.x.SetCellStr(SheetName, cell, v)
			}
		case decimal.Decimal:
			// A number cell, unless a float64 cannot hold the figure exactly.
			if f := v.InexactFloat64(); decimal.NewFromFloat(f).Equal(v) {
				err = w.x.SetCellValue(SheetName, cell, f)
			} else {
				err = w.x.SetCellStr(SheetName, cell, v.String())
			}
		default:
			err = w.x.SetCellValue(SheetName, cell, v)
		}
	}
	w.err = err
}

func (w *writer) merge(top, col, bottom int) {
	if w.err != nil {
		return
	}
	a, _ := excelize.CoordinatesToCellName(col, top)
	b, _ := excelize.CoordinatesToCellName(col, bottom)
	w.err = w.x.MergeCell(SheetName, a, b)
}

// style wraps the text, centres the level columns and widens the text
// columns, and bolds the header.
func (w *writer) style() {
	x := w.x
	wrap, err := x.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	if err != nil {
		w.err = err
		return
	}
	head, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	if err != nil {
		w.err = err
		return
	}
	last, _ := excelize.CoordinatesToCellName(len(w.headers), w.row)
	w.err = x.SetCellStyle(SheetName, "A2", last, wrap)
	hl, _ := excelize.CoordinatesToCellName(len(w.headers), 2)
	if w.err == nil {
		w.err = x.SetCellStyle(SheetName, "A2", hl, head)
	}
	for i, h := range w.headers {
		width := 8.0
		switch h {
		case "指标解释", "评分标准":
			width = 40
		case "计分方法":
			width = 14
		default:
			if i < w.depth {
				width = 18
			}
		}
		name, _ := excelize.ColumnNumberToName(i + 1)
		if w.err == nil {
			w.err = x.SetColWidth(SheetName, name, name, width)
		}
	}
}
