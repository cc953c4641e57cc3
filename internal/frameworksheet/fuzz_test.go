package frameworksheet

import (
	"os"
	"testing"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/testkit"
)

// FuzzReadSheet reads arbitrary 指标体系 sheets (in testkit's text form):
// no panic, and a sheet that reads writes back to the same framework.
func FuzzReadSheet(f *testing.F) {
	if src, err := os.ReadFile("testdata/evaluator.md"); err == nil {
		f.Add(string(src))
	}
	f.Add("## 指标体系\n| 一级指标 | 二级指标 | 分值 | 计分方法 |\n| 决策 | 立项 | #60 | 正向比例 |\n| | 目标 | #40 | {type: bands, bands: [{from: 1, score: 1}]} |\n| 合计 | | #100 | |\n| 小数位数 | #1 |\n")
	f.Add("## 指标体系\n| t |\n| 指标 | < | 分值 |\n| 一级指标 | 二级指标 | ^ |\n| 决策 | | #5 |\n| 过程 | 管理 | #5 |\n| 评价等级 | [{grade: 好, min: 0}] |\n")
	f.Fuzz(func(t *testing.T, text string) {
		x, err := testkit.FromText([]byte(text))
		if err != nil {
			return
		}
		buf, err := x.WriteToBuffer()
		x.Close()
		if err != nil {
			return
		}
		fw, err := ReadBytes("f.xlsx", buf.Bytes())
		if err != nil {
			return
		}
		out, err := Write(fw)
		if err != nil {
			return // a text longer than a cell holds
		}
		again, err := out.WriteToBuffer()
		out.Close()
		if err != nil {
			t.Fatal(err)
		}
		back, err := ReadBytes("back.xlsx", again.Bytes())
		if err != nil {
			t.Fatalf("the sheet written does not read back: %v\n%s", err, indicators.Format(fw))
		}
		if a, b := string(indicators.Format(fw)), string(indicators.Format(back)); a != b {
			t.Fatalf("sheet → sheet changed the framework:\n%s\n---\n%s", a, b)
		}
	})
}
