package workbook

import (
	"bytes"
	"github.com/perfeval/perfeval/internal/fuzzcheck"
	"os"
	"testing"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/scoring"
	"github.com/xuri/excelize/v2"
)

// FuzzReadWorkbook writes fuzzed values into the cells of a workbook, reads
// it and scores it against the example framework: errors, never a panic.
func FuzzReadWorkbook(f *testing.F) {
	f.Add("C123", "≥30%", "26.51%", "C141", "0.5", "理由", "1.1", "1,499.75", "１２２２.８４")
	f.Add("C131", "100%", "不适用", "A11", "-1", "", "1", "0", "5")
	f.Add("C111", "≥50场", "80个", "Z9", "abc", "x", "1.1.1", "34.27万", "")
	f.Add("", "=1/0", "#N/A", "B11", "1e400", "😀", "1..1", "-0", "1e-400")
	data, err := os.ReadFile("../../examples/gd12355/framework.yaml")
	if err != nil {
		f.Fatal(err)
	}
	fw, err := indicators.Parse("framework.yaml", data)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, code, target, actual, dcode, points, reason, line, budget, paid string) {
		x := excelize.NewFile()
		defer x.Close()
		x.SetSheetName("Sheet1", "项目信息")
		x.SetSheetRow("项目信息", "A1", &[]any{"字段", "值"})
		x.SetSheetRow("项目信息", "A2", &[]any{"项目名称", reason})
		x.SetSheetRow("项目信息", "A3", &[]any{"评价基准日", budget})
		x.NewSheet("绩效目标")
		x.SetSheetRow("绩效目标", "A1", &[]any{"指标编码", "目标值", "实际值"})
		x.SetSheetRow("绩效目标", "A2", &[]any{code, target, actual})
		x.NewSheet("扣分")
		x.SetSheetRow("扣分", "A1", &[]any{"指标编码", "扣分", "扣分理由"})
		x.SetSheetRow("扣分", "A2", &[]any{dcode, points, reason})
		x.NewSheet("预算执行")
		x.SetSheetRow("预算执行", "A1", &[]any{"编号", "预算数", "实际支出"})
		x.SetSheetRow("预算执行", "A2", &[]any{line, budget, paid})
		x.SetCellDefault("预算执行", "B3", budget) // as a number cell, however odd
		x.SetCellStr("预算执行", "A3", line+".1")
		buf, err := x.WriteToBuffer()
		if err != nil {
			return
		}
		fuzzcheck.Bounded(t, func() {
			if in, err := ReadBytes("f.xlsx", buf.Bytes(), Options{}); err == nil {
				scoring.Score(fw, in, scoring.Options{})
			}
		})
	})
}

// FuzzReadBytes feeds arbitrary bytes, starting from a real workbook, to
// the reader.
func FuzzReadBytes(f *testing.F) {
	data, err := os.ReadFile("../../examples/gd12355/2024.xlsx")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte("PK\x03\x04"))
	f.Add(bytes.Repeat([]byte{0xD0, 0xCF, 0x11, 0xE0}, 8))
	f.Fuzz(func(t *testing.T, b []byte) {
		fuzzcheck.Bounded(t, func() { ReadBytes("f.xlsx", b, Options{MaxRows: 1000}) })
	})
}
