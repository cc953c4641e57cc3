package render

import (
	"bytes"
	"github.com/perfeval/perfeval/examples"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/perfeval/perfeval/internal/report"
	"github.com/perfeval/perfeval/internal/third_party/excelize"
)

func TestWriteXLSXReadsBack(t *testing.T) {
	res := examples.ScoreT(t, "2024")
	var buf bytes.Buffer
	w, _ := report.LoadWording("")
	f, _ := Lookup("xlsx")
	if _, err := f.Write(&buf, report.ScoreOutput(res, w, "test")); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if props, err := x.GetDocProps(); err != nil || props.Creator != "perfeval" || props.Title == "" {
		t.Errorf("document properties: %+v %v", props, err)
	}
	if diff := cmp.Diff([]string{"概况", "一级指标得分", "指标明细", "绩效目标完成情况", "资金执行", "支出明细", "指标说明", "报告正文"}, x.GetSheetList()); diff != "" {
		t.Errorf("sheets (-want +got):\n%s", diff)
	}
	rows, _ := x.GetRows("一级指标得分")
	if diff := cmp.Diff([]string{"评价维度", "满分分值", "评价得分", "得分率"}, rows[0]); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	// Numbers are stored as numbers, rates as percent cells holding fractions.
	checks := []struct {
		sheet, cell, raw, shown string
		typ                     excelize.CellType
	}{
		{"一级指标得分", "C2", "19.5", "19.50", excelize.CellTypeUnset},
		{"一级指标得分", "D2", "0.975", "97.50%", excelize.CellTypeUnset},
		{"一级指标得分", "C5", "95.62", "95.62", excelize.CellTypeUnset},
		{"一级指标得分", "C6", "优", "优", excelize.CellTypeSharedString},
		{"资金执行", "F5", "0.3203", "32.03%", excelize.CellTypeUnset},
		{"指标明细", "G12", "6 × 1222.84 ÷ 1499.75 = 4.892 → 4.89", "6 × 1222.84 ÷ 1499.75 = 4.892 → 4.89", excelize.CellTypeSharedString},
	}
	for _, c := range checks {
		raw, _ := x.GetCellValue(c.sheet, c.cell, excelize.Options{RawCellValue: true})
		shown, _ := x.GetCellValue(c.sheet, c.cell)
		typ, _ := x.GetCellType(c.sheet, c.cell)
		if raw != c.raw || shown != c.shown || typ != c.typ {
			t.Errorf("%s!%s = %q shown %q type %v; want %q, %q, %v", c.sheet, c.cell, raw, shown, typ, c.raw, c.shown, c.typ)
		}
	}
	panes, err := x.GetPanes("指标明细")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header row not frozen: %+v %v", panes, err)
	}
}
