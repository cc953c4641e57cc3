package pipeline

import (
	"strings"
	"testing"

	"github.com/perfeval/perfeval/internal/testkit"
	"github.com/perfeval/perfeval/internal/workbook"
)

// TestInvisibleCharacters: a zero-width or bidirectional control character
// in a sheet's name, a header or a code is an error at its place, naming
// it; the sheet and the column are still found, so that nothing else is
// reported for it.
func TestInvisibleCharacters(t *testing.T) {
	const project = "## 项目信息\n| 字段 | 值 |\n| 项目名称 | 甲 |\n"
	tests := []struct {
		name, text, want string
	}{
		{"sheet name", project + "## 绩效\u200b目标\n| 指标编码 | 目标值 | 实际值 |\n| C1 | 1 | 1 |\n",
			`w.xlsx: the sheet's name "绩效\u200b目标" holds U+200B, a zero-width character, which shows nothing (retype it without the character, which no screen shows)`},
		{"header", project + "## 绩效目标\n| 指标编码 | 目标\u202e值 | 实际值 |\n| C1 | 1 | 1 |\n",
			`w.xlsx!绩效目标!B1: the header "目标\u202e值" holds U+202E, a bidirectional control, which changes the order the text shows in (retype it without the character, which no screen shows)`},
		{"code", project + "## 绩效目标\n| 指标编码 | 目标值 | 实际值 |\n| C1 | 1 | 1 |\n| \ufeffC2 | 1 | 1 |\n",
			`w.xlsx!绩效目标!A3: the code "\ufeffC2" holds U+FEFF, a zero-width character`},
		{"line code", project + "## 预算执行\n| 编号 | 预算数 | 实际支出 |\n| 1\u200e | #1 | #1 |\n",
			`w.xlsx!预算执行!A2: the code "1\u200e" holds U+200E, a bidirectional control`},
		{"form header", "## 表\n| 项目名称 | 甲 |\n| 一级指标 | 二级指标 | 三级\u2060指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n| 产出指标 | 数量指标 | 培训 | ≥1 | 1 | #100 | #100 |\n",
			`w.xlsx!表!C2: the header "三级\u2060指标" holds U+2060, a zero-width character`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := testkit.FromText([]byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			buf, _ := f.WriteToBuffer()
			_, err = OpenBytes("w.xlsx", buf.Bytes(), workbook.Options{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error\n%v\nwant it to hold\n%s", err, tt.want)
			}
			if err != nil && strings.Count(err.Error(), "\n") > 0 {
				t.Errorf("more than the one error:\n%v", err)
			}
		})
	}
}
