package form

import (
	"fmt"
	"io"

	"github.com/perfeval/perfeval/internal/third_party/excelize"
	"github.com/perfeval/perfeval/scoring"
)

// targetSheet names the sheet of a blank target table.
const targetSheet = "项目支出绩效目标表"

// targetGroups are the 一级 and 二级 indicators of the national target
// table (财预〔2020〕10号's common framework), each given a row for its
// 三级 indicators.
var targetGroups = []struct {
	level1 string
	level2 []string
}{
	{"产出指标", []string{"数量指标", "质量指标", "时效指标", "成本指标"}},
	{"效益指标", []string{"经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"}},
	{"满意度指标", []string{"服务对象满意度指标"}},
}

// WriteBlankTargets writes a blank target table in the national layout:
// the project block, the fund block (年度资金总额, 其中：财政拨款, 其他资金),
// 中长期目标 and 年度目标, and the indicator table with its 一级 and 二级
// names and a blank row for each 二级's 三级 indicators, which `perfeval
// targets` reads back.
func WriteBlankTargets(w io.Writer) error {
	fw := &formWriter{f: excelize.NewFile(), res: &scoring.Result{Precision: 2}}
	defer fw.f.Close()
	fw.sheet = targetSheet
	fw.keep(fw.f.SetSheetName("Sheet1", targetSheet))
	const when = "2000-01-01T00:00:00Z" // fixed: the same bytes every time
	fw.keep(fw.f.SetDocProps(&excelize.DocProperties{Title: targetSheet, Creator: "perfeval", LastModifiedBy: "perfeval", Created: when, Modified: when, Language: "zh-CN"}))
	fw.styles()
	fw.put("A1", "I1", "项目支出绩效目标表（    年度）", fw.title)
	fw.put("A2", "A2", "项目名称", fw.label)
	fw.put("B2", "D2", "", fw.text)
	fw.put("E2", "E2", "项目编码", fw.label)
	fw.put("F2", "I2", "", fw.text)
	fw.put("A3", "A3", "主管部门", fw.label)
	fw.put("B3", "D3", "", fw.text)
	fw.put("E3", "E3", "实施单位", fw.label)
	fw.put("F3", "I3", "", fw.text)
	fw.put("A4", "A6", "项目资金（万元）", fw.label)
	for i, name := range []string{"年度资金总额", "其中：财政拨款", "其他资金"} {
		fw.put(cell("B", 4+i), cell("C", 4+i), name, fw.center)
		fw.put(cell("D", 4+i), cell("I", 4+i), "", fw.money)
	}
	fw.put("A7", "A8", "总体目标", fw.label)
	fw.put("B7", "D7", "中长期目标", fw.label)
	fw.put("E7", "I7", "年度目标", fw.label)
	fw.put("B8", "D8", "", fw.text)
	fw.put("E8", "I8", "", fw.text)
	const header = 9
	for i, h := range []string{"绩效指标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "分值", "备注"} {
		col, _ := excelize.ColumnNumberToName(i + 1)
		fw.put(cell(col, header), cell(col, header), h, fw.head)
	}
	r := header + 1
	for _, g := range targetGroups {
		fw.put(cell("B", r), cell("B", r+len(g.level2)-1), g.level1, fw.center)
		for _, l2 := range g.level2 {
			fw.put(cell("C", r), cell("C", r), l2, fw.center)
			for _, col := range []string{"D", "E", "F", "G", "H", "I"} {
				fw.put(cell(col, r), cell(col, r), "", fw.text)
			}
			r++
		}
	}
	fw.put(cell("A", header+1), cell("A", r-1), "", fw.center)
	for i, wd := range []float64{12, 12, 18, 26, 10, 12, 10, 8, 20} {
		col, _ := excelize.ColumnNumberToName(i + 1)
		fw.keep(fw.f.SetColWidth(targetSheet, col, col, wd))
	}
	fw.keep(fw.f.SetPageLayout(targetSheet, &excelize.PageLayoutOptions{Size: ptr(9), Orientation: ptr("portrait"), FitToWidth: ptr(1), FitToHeight: ptr(0)}))
	fw.keep(fw.f.SetSheetProps(targetSheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)}))
	fw.keep(fw.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: targetSheet,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", targetSheet, header, header)}))
	if fw.err != nil {
		return fw.err
	}
	return fw.f.Write(w)
}
