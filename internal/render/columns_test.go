package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/document"
	"github.com/perfeval/perfeval/internal/report"
	"github.com/perfeval/perfeval/internal/testkit"
	"github.com/perfeval/perfeval/internal/third_party/excelize"
	"github.com/perfeval/perfeval/internal/workbook"
	"github.com/perfeval/perfeval/scoring"
)

// TestEveryColumnReachesEveryOutput: whatever the workbook reader reads
// — every column of every sheet and every 项目信息 row, as the reader's own
// table lists them — shows in the text tables, the JSON, the XLSX and the
// report PDF. A column added to the reader without a place in the outputs
// fails here.
func TestEveryColumnReachesEveryOutput(t *testing.T) {
	// What each column holds in the workbook below, and how each output may
	// show it (any of the forms).
	shown := map[string][]string{
		"项目信息/name":        {"列测项目"},
		"项目信息/department":  {"主管部门辛"},
		"项目信息/kind":        {"绩效自评"},
		"项目信息/year":        {"2031"},
		"项目信息/as_of":       {"2031-09-30", "2031年9月30日"},
		"项目信息/unit":        {"万元"},
		"项目信息/code":        {"XM-2031-007"},
		"项目信息/implementer": {"实施单位壬"},
		"项目信息/evaluator":   {"评价机构癸"},
		"项目信息/report_date": {"2032-03-15", "2032年3月15日"},
		"报告正文/section":     {"存在问题"},
		"报告正文/text":        {"正文段落子丑"},
		"指标说明/code":        {"K2"},
		"指标说明/name":        {"管理规范"},
		"指标说明/text":        {"分析说明寅卯"},
		"绩效目标/code":        {"K1"},
		"绩效目标/name":        {"覆盖人数"},
		"绩效目标/target":      {"≥95%"},
		"绩效目标/actual":      {"96.5%"},
		"绩效目标/note":        {"偏差说明甲乙"},
		"绩效目标/comparator":  {"≥95%"},
		"绩效目标/unit":        {"96.5%"},
		"绩效目标/claimed":     {"9.5"},
		"扣分/code":          {"K2"},
		"扣分/points":        {"0.37"},
		"扣分/reason":        {"扣分理由丙丁"},
		"预算执行/line":        {"7.1"},
		"预算执行/name":        {"资金名称戊"},
		"预算执行/initial":     {"111.11"},
		"预算执行/budget":      {"222.22"},
		"预算执行/paid":        {"133.33"},
		"预算执行/recovered":   {"4.44"},
		"项目信息/goal":        {"总体目标辰巳"},
		"项目信息/achieved":    {"完成情况午未"},
		"支出明细/line":        {"8.8"},
		"支出明细/name":        {"用途己庚"},
		"支出明细/budget":      {"55.55"},
		"支出明细/actual":      {"66.66"},
	}
	const book = `## 项目信息
| 字段 | 值 |
| 项目名称 | 列测项目 |
| 主管部门 | 主管部门辛 |
| 评价类型 | 绩效自评 |
| 年度 | 2031 |
| 评价基准日 | 2031-09-30 |
| 金额单位 | 万元 |
| 项目编码 | XM-2031-007 |
| 实施单位 | 实施单位壬 |
| 评价机构 | 评价机构癸 |
| 报告日期 | 2032-03-15 |
| 年度总体目标 | 总体目标辰巳 |
| 年度目标完成情况 | 完成情况午未 |
## 绩效目标
| 指标编码 | 指标名称 | 比较符 | 目标值 | 计量单位 | 实际值 | 自评得分 | 备注 |
| K1 | 覆盖人数 | ≥ | 95 | % | 96.5 | 9.5 | 偏差说明甲乙 |
## 扣分
| 指标编码 | 扣分 | 扣分理由 |
| K2 | 0.37 | 扣分理由丙丁 |
## 预算执行
| 编号 | 资金名称 | 年初预算数 | 预算数 | 实际支出 | 财政收回 |
| 7.1 | 资金名称戊 | 111.11 | 222.22 | 133.33 | 4.44 |
## 支出明细
| 编号 | 用途 | 预算数 | 实际支出 |
| 8.8 | 用途己庚 | 55.55 | 66.66 |
## 报告正文
| 章节 | 内容 |
| 存在问题 | 正文段落子丑 |
## 指标说明
| 指标编码 | 指标名称 | 分析说明 |
| K2 | 管理规范 | 分析说明寅卯 |
`
	const framework = `name: 列测体系
indicators:
  - {code: K1, name: 覆盖人数, weight: 10, rule: ratio}
  - {code: K2, name: 管理规范, weight: 10}
  - {code: K3, name: 资金执行, weight: 80, rule: execution}
`
	for _, c := range workbook.Columns() {
		if _, ok := shown[c.Sheet+"/"+c.Key]; !ok {
			t.Errorf("the reader reads %s %s (%s): give it a value in this test", c.Sheet, c.Name, c.Key)
		}
	}
	res := scoreText(t, book, framework)
	w, _ := report.LoadWording("")
	out := report.ScoreOutput(res, w, "test")
	texts := map[string]string{}
	for _, name := range []string{"text", "json", "xlsx", "pdf"} {
		format, _ := Lookup(name)
		var b bytes.Buffer
		if _, err := format.Write(&b, out); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		switch name {
		case "json":
			var v any // undo JSON's escapes
			if err := json.Unmarshal(b.Bytes(), &v); err != nil {
				t.Fatal(err)
			}
			texts[name] = fmt.Sprint(v)
		case "xlsx":
			texts[name] = xlsxText(t, b.Bytes())
		case "pdf":
			texts[name] = strings.Join(strings.Fields(pdfText(t, b.Bytes())), "")
		default:
			texts[name] = b.String()
		}
	}
	// The report names indicators, never their codes, and prints a
	// section of 报告正文 under its slot's own heading (SPEC §5): those
	// reach it by their names and paragraphs.
	reportOmits := map[string]bool{"扣分/code": true, "指标说明/code": true, "报告正文/section": true}
	for _, c := range workbook.Columns() {
		for name, text := range texts {
			if name == "pdf" && reportOmits[c.Sheet+"/"+c.Key] {
				continue
			}
			found := false
			for _, s := range shown[c.Sheet+"/"+c.Key] {
				found = found || strings.Contains(text, s)
			}
			if !found {
				t.Errorf("%s: %s %s (%s) = %q is missing", name, c.Sheet, c.Name, c.Key, shown[c.Sheet+"/"+c.Key][0])
			}
		}
	}
}

// scoreText scores a workbook written as text (testkit.FromText) against
// a framework written as YAML, through the reader and the scorer.
func scoreText(t *testing.T, book, framework string) *scoring.Result {
	t.Helper()
	x, err := testkit.FromText([]byte(book))
	if err != nil {
		t.Fatal(err)
	}
	buf, err := x.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	in, err := workbook.ReadBytes("w.xlsx", buf.Bytes(), workbook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := indicators.Parse("f.yaml", []byte(framework))
	if err != nil {
		t.Fatal(err)
	}
	res, err := scoring.Score(f, in, scoring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// xlsxText is every cell of every sheet, as shown and as stored.
func xlsxText(t *testing.T, data []byte) string {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	var b strings.Builder
	for _, s := range x.GetSheetList() {
		for _, raw := range []bool{false, true} {
			rows, err := x.GetRows(s, excelize.Options{RawCellValue: raw})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				b.WriteString(strings.Join(r, "\t") + "\n")
			}
		}
	}
	return b.String()
}

func TestTerminalWrap(t *testing.T) {
	tests := []struct {
		name string
		in   string
		w    int
		want []string
	}{
		{"fits", "满分 4.00", 20, []string{"满分 4.00"}},
		{"at spaces, numbers whole", "6 × 1222.84 ÷ 1499.75 = 4.892 → 4.89", 20, []string{"6 × 1222.84 ÷", "1499.75 = 4.892 →", "4.89"}},
		{"between Chinese characters", "项目运行管理机制有待完善", 10, []string{"项目运行管", "理机制有待", "完善"}},
		{"no line starts with a comma", "甲乙丙丁，戊己", 8, []string{"甲乙丙", "丁，戊己"}},
		{"a word longer than a line is cut", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"no limit", "甲乙丙丁戊己", 0, []string{"甲乙丙丁戊己"}},
		{"between fields", "examples/selfeval/2024.xlsx  青少年心理健康服务项目  填报总分 96.6  复算总分 96.47", 80,
			[]string{"examples/selfeval/2024.xlsx  青少年心理健康服务项目  填报总分 96.6", "复算总分 96.47"}},
		{"a wrapped line does not start with a space", "甲乙丙丁→ 戊己", 9, []string{"甲乙丙丁→", "戊己"}},
		{"a paragraph keeps its indent", "甲乙\n  丙丁", 9, []string{"甲乙", "  丙丁"}},
		{"inside a field when the break would leave less than half a line", "甲乙  丙丁戊己庚辛壬癸子丑寅卯辰巳", 20,
			[]string{"甲乙  丙丁戊己庚辛壬", "癸子丑寅卯辰巳"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Layout{}.Wrap(tt.in, tt.w)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			for _, line := range got {
				if tt.w > 0 && Width(line) > tt.w {
					t.Errorf("%q is %d wide", line, Width(line))
				}
			}
		})
	}
}

func TestInert(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1":              "'=1+1",
		"\t=1+1":            "'\t=1+1",
		"  @SUM(A1)":        "'  @SUM(A1)",
		"+86 10":            "'+86 10",
		"-":                 "'-",
		"\r=cmd":            "'\r=cmd",
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")",
		"项目=1":              "项目=1",
		"":                  "",
		"  ":                "  ",
		"95.62":             "95.62",
		"＝1+1 (full width)": "＝1+1 (full width)",
	} {
		if got := inert(in); got != want {
			t.Errorf("inert(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTextEscapesControls: what a workbook holds is shown in a terminal,
// never acted on: ESC, OSC, BEL and bidirectional overrides come out as
// escapes in text and Markdown.
func TestTextEscapesControls(t *testing.T) {
	d := document.Document{Title: "项目\x1b]0;pwned\x07", Lines: []string{"\u202eabc"}}
	d.AddTable(document.Table{Title: "t", Columns: []string{"a"}, Rows: [][]document.Cell{{document.Str("x\x1b[2Jy")}}})
	for _, name := range []string{"text", "md"} {
		f, err := Pick(name, "")
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if _, err := f.Write(&b, document.Output{Tables: func() (document.Document, error) { return d, nil }}); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if strings.ContainsAny(out, "\x1b\x07\u202e") || !strings.Contains(out, `\x1b]0;pwned\x07`) || !strings.Contains(out, `x\x1b[2Jy`) {
			t.Errorf("%s: %q", name, out)
		}
	}
}

// TestBalanceColumns: a long name beside two explanations is not left
// three characters wide; the widths keep their sum, and no one move of
// width from one text column to another makes the table shorter.
func TestBalanceColumns(t *testing.T) {
	width := func(s string) float64 { return float64(len([]rune(s))) } // one per character
	header := []string{"指标", "分值", "解释", "标准"}
	long := strings.Repeat("解释文字", 20) // 80 characters
	texts := [][]string{
		{"十五个字的三级指标名称很长的", "5", long, long},
		{"短名", "3", long[:90], long},
		{"另一个相当长的指标名称", "2", long, long[:180]},
	}
	natural := []float64{15, 2, 80, 80}
	flexible := []bool{true, false, true, true}
	fitted := fitColumns(natural, flexible, 20, 2)
	if fitted[0] >= 4 {
		t.Fatalf("the case needs a name narrower than four characters; fitColumns gave %v", fitted)
	}
	got := balanceColumns(fitted, natural, flexible, 2, 1, 0, header, texts, nil, width)
	if s, want := sum(got), sum(fitted); s < want-1e-6 || s > want+1e-6 {
		t.Errorf("widths %v add up to %v, not %v", got, s, want)
	}
	if got[0] < 4 {
		t.Errorf("the name column is %v characters wide: %v", got[0], got)
	}
	height := func(w []float64) int {
		h := 0
		for _, row := range texts {
			m := 1
			for i, c := range row {
				if flexible[i] {
					m = max(m, int(math.Ceil(width(c)/w[i])))
				}
			}
			h += m
		}
		return h
	}
	// No move of a character from one text column to another (the name
	// staying four wide) makes the table shorter.
	for _, i := range []int{0, 2, 3} {
		for _, j := range []int{0, 2, 3} {
			w := append([]float64{}, got...)
			w[i]--
			w[j]++
			if i != j && w[0] >= 4 && w[i] >= 2 && height(w) < height(got) {
				t.Errorf("%v is %d lines; %v would be %d", got, height(got), w, height(w))
			}
		}
	}
}

// TestBalanceColumnsIndent: a name drawn indented is measured with its
// indent, so its column is not left as narrow as an unindented one's.
func TestBalanceColumnsIndent(t *testing.T) {
	width := func(s string) float64 { return float64(len([]rune(s))) }
	header := []string{"指标", "计分过程"}
	texts := [][]string{}
	for range 8 {
		texts = append(texts, []string{"十二个字的三级指标名称", "实际完成值达到年度目标值，按百分之百计分，得三分。"})
	}
	natural := []float64{11, 25}
	flexible := []bool{true, true}
	fitted := fitColumns(natural, flexible, 24, 2)
	plain := balanceColumns(fitted, natural, flexible, 2, 1, 0, header, texts, nil, width)
	indented := balanceColumns(fitted, natural, flexible, 2, 1, 0, header, texts, func(r, i int) float64 {
		if i == 0 {
			return 5 // two levels down the tree
		}
		return 0
	}, width)
	if indented[0] <= plain[0] {
		t.Errorf("indented names get %v, unindented %v: the indent is not counted", indented, plain)
	}
}
