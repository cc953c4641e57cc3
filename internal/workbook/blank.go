package workbook

import (
	"fmt"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/third_party/excelize"
	"github.com/perfeval/perfeval/scoring"
)

// blankRows is how far down the blank workbook's validation and formats go.
const blankRows = 500

// Blank returns a workbook to fill in for a framework: every sheet with
// styled headers, code columns formatted as text, number columns with data
// validation, the framework's leaves pre-filled in 绩效目标 and 扣分, and a
// 说明 sheet explaining each column.
func Blank(f *indicators.Framework) (*excelize.File, error) {
	x := excelize.NewFile()
	w := &blankWriter{f: x}
	for i, s := range sheets {
		if i == 0 {
			w.keep(x.SetSheetName("Sheet1", s.name))
		} else if _, err := x.NewSheet(s.name); err != nil {
			return nil, err
		}
		w.header(s)
		for c, col := range s.blankColumns() {
			w.format(s.name, c+1, col.kind)
		}
		for r, fd := range s.fields {
			w.set(s.name, 1, r+2, fd.name)
		}
	}
	w.list(projectSheet, "kind", []string{"绩效自评", "绩效评价"})
	for i, leaf := range f.Leaves() {
		w.set(targetsSheet.name, targetsSheet.index("code"), i+2, leaf.Code)
		w.set(targetsSheet.name, targetsSheet.index("name"), i+2, leaf.Name)
		w.set(deductionsSheet.name, deductionsSheet.index("code"), i+2, leaf.Code)
	}
	for i, section := range scoring.Sections {
		w.set(narrativeSheet.name, narrativeSheet.index("section"), i+2, section)
	}
	i := 0
	f.Walk(func(in *indicators.Indicator) {
		w.set(analysisSheet.name, analysisSheet.index("code"), i+2, in.Code)
		w.set(analysisSheet.name, analysisSheet.index("name"), i+2, in.Name)
		i++
	})
	w.explain()
	x.SetActiveSheet(0)
	return x, w.err
}

// index is the 1-based column of a key in the blank workbook.
func (s sheet) index(key string) int {
	for i, c := range s.blankColumns() {
		if c.key == key {
			return i + 1
		}
	}
	panic("workbook: no column " + key + " in " + s.name)
}

// explain writes the 说明 sheet: every sheet, row and column with what it
// holds and an example, from the column table.
func (w *blankWriter) explain() {
	const name = "说明"
	_, err := w.f.NewSheet(name)
	w.keep(err)
	rows := [][3]string{{"表 / 列", "说明", "示例"}}
	for _, s := range sheets {
		rows = append(rows, [3]string{s.name, s.about, ""})
		for _, fd := range s.fields {
			rows = append(rows, [3]string{"  " + fd.name, fd.about, fd.example})
		}
		if s.fields != nil {
			continue
		}
		for _, c := range s.columns {
			rows = append(rows, [3]string{"  " + c.name, c.about, c.example})
		}
	}
	for r, row := range rows {
		for c, v := range row {
			w.set(name, c+1, r+1, v)
		}
	}
	w.style(name, "A1", "C1", w.headStyle())
	w.keep(w.f.SetColWidth(name, "A", "A", 16))
	w.keep(w.f.SetColWidth(name, "B", "B", 70))
	w.keep(w.f.SetColWidth(name, "C", "C", 34))
}

type blankWriter struct {
	f    *excelize.File
	err  error
	head int
}

func (w *blankWriter) keep(err error) {
	if w.err == nil {
		w.err = err
	}
}

func (w *blankWriter) set(sheet string, col, row int, v string) {
	axis, err := excelize.CoordinatesToCellName(col, row)
	w.keep(err)
	w.keep(w.f.SetCellStr(sheet, axis, v))
}

func (w *blankWriter) headStyle() int {
	if w.head == 0 {
		id, err := w.f.NewStyle(&excelize.Style{
			Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E79"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"},
		})
		w.keep(err)
		w.head = id
	}
	return w.head
}

func (w *blankWriter) style(sheet, from, to string, id int) {
	w.keep(w.f.SetCellStyle(sheet, from, to, id))
}

func (w *blankWriter) header(s sheet) {
	cols := s.blankColumns()
	for i, c := range cols {
		w.set(s.name, i+1, 1, c.name)
		col, _ := excelize.ColumnNumberToName(i + 1)
		width := 14.0
		if c.wide {
			width = 36
		}
		w.keep(w.f.SetColWidth(s.name, col, col, width))
	}
	last, _ := excelize.CoordinatesToCellName(len(cols), 1)
	w.style(s.name, "A1", last, w.headStyle())
	w.keep(w.f.SetPanes(s.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
}

// format prepares a column below the header for what it holds: codes as
// text, so that 1.10 stays 1.10; amounts and points validated as numbers.
func (w *blankWriter) format(sheet string, col int, k kind) {
	name, err := excelize.ColumnNumberToName(col)
	w.keep(err)
	switch k {
	case codeKind:
		id, err := w.f.NewStyle(&excelize.Style{NumFmt: 49})
		w.keep(err)
		w.style(sheet, name+"2", fmt.Sprintf("%s%d", name, blankRows), id)
	case amountKind:
		w.numbers(sheet, name, excelize.DataValidationOperatorGreaterThanOrEqual, "金额须为不小于 0 的数字")
	case pointsKind:
		w.numbers(sheet, name, excelize.DataValidationOperatorGreaterThan, "扣分须大于 0")
	case scoreKind:
		w.numbers(sheet, name, excelize.DataValidationOperatorGreaterThanOrEqual, "得分须为不小于 0 的数字")
	}
}

func (w *blankWriter) numbers(sheet, col string, op excelize.DataValidationOperator, msg string) {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, blankRows)
	w.keep(dv.SetRange(0, 0, excelize.DataValidationTypeDecimal, op))
	dv.SetError(excelize.DataValidationErrorStyleStop, "请输入数字", msg)
	w.keep(w.f.AddDataValidation(sheet, dv))
}

// list offers a drop-down of values in the value cell of a 项目信息 field.
func (w *blankWriter) list(s sheet, key string, values []string) {
	for r, fd := range s.fields {
		if fd.key != key {
			continue
		}
		cell, err := excelize.CoordinatesToCellName(s.index("value"), r+2)
		w.keep(err)
		dv := excelize.NewDataValidation(true)
		dv.Sqref = cell
		w.keep(dv.SetDropList(values))
		w.keep(w.f.AddDataValidation(s.name, dv))
	}
}
