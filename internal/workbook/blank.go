package workbook

import (
	"fmt"

	"github.com/perfeval/perfeval/indicators"
	"github.com/xuri/excelize/v2"
)

// blankRows is how far down the blank workbook's validation and formats go.
const blankRows = 500

// The 说明 sheet: what every sheet and column holds, with an example.
var explanations = [][3]string{
	{"表 / 列", "说明", "示例"},
	{"项目信息", "项目的基本信息，每行一个字段。", ""},
	{"  项目名称", "报告标题使用的项目名称（必填）。", "2024年12355项目经费"},
	{"  主管部门", "项目主管部门。", "共青团广东省委员会"},
	{"  评价类型", "绩效自评 或 绩效评价。", "绩效评价"},
	{"  年度", "预算年度，用于计算序时进度。", "2024"},
	{"  评价基准日", "评价截止日期：日期单元格、2024-12-31 或 2024年12月31日。", "2024-12-31"},
	{"  金额单位", "各表金额的单位。", "万元"},
	{"绩效目标", "每个需要目标值的指标一行；已按指标体系预填编码和名称。", ""},
	{"  指标编码", "指标体系中的编码（文本）。", "C123"},
	{"  指标名称", "指标名称；与指标体系不一致时给出警告。", "有效通话量同期增长率"},
	{"  目标值", "[比较符] 数字 [%/‰/万/亿] [单位]；省略比较符表示“不低于”。", "≥30%、80个、≤50元、不超预算"},
	{"  实际值", "同上；写“不适用”则该指标不计分、总分按剩余分值折算。", "26.51%、1755个、不适用"},
	{"  备注", "说明，不参与计算。", "以资金支付率衡量"},
	{"扣分", "评价人的扣分，每条一行；同一指标可有多行。", ""},
	{"  指标编码", "被扣分的末级指标编码。", "C141"},
	{"  扣分", "扣减的分数（大于 0，不得超过该指标剩余得分）。", "0.5"},
	{"  扣分理由", "扣分理由（必填），写入报告。", "咨询服务超支2.44万元"},
	{"预算执行", "每条资金来源一行；编号分级（1、1.1、1.1.2），上级空白金额取下级之和。", ""},
	{"  编号", "资金编号（文本，1.10 与 1.1 不同）。", "1.3"},
	{"  资金名称", "资金名称。", "2024年年中追加"},
	{"  预算数", "预算金额（不小于 0）。", "402.75"},
	{"  实际支出", "实际支出金额。", "129.00"},
	{"  财政收回", "被财政收回的金额，默认计入执行数。", "1.33"},
	{"支出明细", "每个支出用途一行，用于检查超支；编号分级同上。", ""},
	{"  编号", "明细编号（文本）。", "4.5.1"},
	{"  用途", "支出用途。", "咨询服务"},
	{"  预算数", "预算金额。", "9.21"},
	{"  实际支出", "实际支出（可空：未统计）。", "11.65"},
}

// Blank returns a workbook to fill in for a framework: every sheet with
// styled headers, code columns formatted as text, number columns with data
// validation, the framework's leaves pre-filled in 绩效目标 and 扣分, and a
// 说明 sheet explaining each column.
func Blank(f *indicators.Framework) (*excelize.File, error) {
	x := excelize.NewFile()
	w := &blankWriter{f: x}
	for i, s := range sheets {
		if i == 0 {
			if err := x.SetSheetName("Sheet1", s.name); err != nil {
				return nil, err
			}
		} else if _, err := x.NewSheet(s.name); err != nil {
			return nil, err
		}
		w.header(s)
	}
	for i, pf := range projectFields {
		w.set(projectSheet.name, 1, i+2, pf.name)
	}
	w.list(projectSheet.name, "B4", []string{"绩效自评", "绩效评价"})
	for i, leaf := range f.Leaves() {
		w.set(targetsSheet.name, 1, i+2, leaf.Code)
		w.set(targetsSheet.name, 2, i+2, leaf.Name)
		w.set(deductionsSheet.name, 1, i+2, leaf.Code)
	}
	w.textColumns(targetsSheet.name, "A")
	w.textColumns(deductionsSheet.name, "A")
	w.textColumns(fundingSheet.name, "A")
	w.textColumns(itemsSheet.name, "A")
	w.numbers(deductionsSheet.name, "B", excelize.DataValidationOperatorGreaterThan, "扣分须大于 0")
	for _, col := range []string{"C", "D", "E"} {
		w.numbers(fundingSheet.name, col, excelize.DataValidationOperatorGreaterThanOrEqual, "金额须为不小于 0 的数字")
	}
	for _, col := range []string{"C", "D"} {
		w.numbers(itemsSheet.name, col, excelize.DataValidationOperatorGreaterThanOrEqual, "金额须为不小于 0 的数字")
	}
	if _, err := x.NewSheet("说明"); err != nil {
		return nil, err
	}
	for r, row := range explanations {
		for c, v := range row {
			w.set("说明", c+1, r+1, v)
		}
	}
	w.style("说明", "A1", "C1", w.headStyle())
	x.SetColWidth("说明", "A", "A", 16)
	x.SetColWidth("说明", "B", "B", 70)
	x.SetColWidth("说明", "C", "C", 34)
	x.SetActiveSheet(0)
	return x, w.err
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
	for i, c := range s.columns {
		w.set(s.name, i+1, 1, c.name)
		col, _ := excelize.ColumnNumberToName(i + 1)
		width := 14.0
		switch c.key {
		case "name", "reason", "note":
			width = 36
		}
		w.keep(w.f.SetColWidth(s.name, col, col, width))
	}
	last, _ := excelize.CoordinatesToCellName(len(s.columns), 1)
	w.style(s.name, "A1", last, w.headStyle())
	w.keep(w.f.SetPanes(s.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
}

// textColumns formats a code column as text, so that 1.10 stays 1.10.
func (w *blankWriter) textColumns(sheet, col string) {
	id, err := w.f.NewStyle(&excelize.Style{NumFmt: 49})
	w.keep(err)
	w.style(sheet, col+"2", fmt.Sprintf("%s%d", col, blankRows), id)
}

func (w *blankWriter) numbers(sheet, col string, op excelize.DataValidationOperator, msg string) {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, blankRows)
	w.keep(dv.SetRange(0, 0, excelize.DataValidationTypeDecimal, op))
	dv.SetError(excelize.DataValidationErrorStyleStop, "请输入数字", msg)
	w.keep(w.f.AddDataValidation(sheet, dv))
}

func (w *blankWriter) list(sheet, cell string, values []string) {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = cell
	w.keep(dv.SetDropList(values))
	w.keep(w.f.AddDataValidation(sheet, dv))
}
