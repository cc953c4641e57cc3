package render

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/perfeval/perfeval/examples"
	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/document"
	"github.com/perfeval/perfeval/internal/report"
	"github.com/perfeval/perfeval/scoring"
	"github.com/shopspring/decimal"
)

// pdfOf draws a result's report as PDF, in the given wording (nil: the built-in one).
func pdfOf(t testing.TB, res *scoring.Result, w *report.Wording) ([]byte, []string) {
	t.Helper()
	var buf bytes.Buffer
	notes, err := writeReportPDF(&buf, res, w)
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), notes
}

func writeReportPDF(buf *bytes.Buffer, res *scoring.Result, w *report.Wording) ([]string, error) {
	if w == nil {
		var err error
		if w, err = report.LoadWording(""); err != nil {
			return nil, err
		}
	}
	f, _ := Lookup("pdf")
	return f.Write(buf, report.ScoreOutput(res, w, "test"))
}

// pdfText extracts a PDF's text with poppler's pdftotext (installed by .ci/run).
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext (poppler-utils) is not installed; .ci/run installs it")
		}
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	path := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-raw", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestReportText(t *testing.T) {
	tests := []struct {
		year string
		want []string
	}{
		{"2024", []string{
			"2024年12355项目经费绩效评价报告", "主管部门：共青团广东省委员会", "资金总额：1499.75 万元",
			"一、基本情况", "（一）资金安排与执行", "（二）支出明细", "二、评价结论", "经评价，项目综合得分 95.62 分，评价等级为“优”。",
			"图1 一级指标得分率示意图", "三、指标分析", "该指标分值 12 分，减 1.11 分，评价得分 10.89 分，得分率 90.75%。",
			"该指标分值 8 分，评价得分 8.00 分，得分率 100.00%。", "四、绩效目标完成情况", "五、资金执行情况",
			"支出进度与序时进度相差 18.55%", "6 × 1222.84 ÷ 1499.75 = 4.892 → 4.89，减 1.11 分", "126.49%",
			"仅考核线下个案青少年满意度", "超支2.44万元", "12355全年有效通话量同期增长率", "附录一 计算过程", "附录二 输入文件",
			"本报告由 perfeval test 生成", "第 1 页 共 7 页", "第 7 页 共 7 页",
		}},
		{"2023", []string{
			"2023年12355项目经费绩效自评报告", "经评价，项目综合得分 95.33 分", "该指标分值 12 分，减 1.02 分，评价得分 10.98 分，得分率 91.50%。",
			"超出预算4.38%", "104.38%",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.year, func(t *testing.T) {
			pdf, notes := pdfOf(t, examples.ScoreT(t, tt.year), nil)
			if len(notes) != 0 {
				t.Errorf("warnings: %v", notes)
			}
			text := strings.Join(strings.Fields(pdfText(t, pdf)), " ")
			for _, w := range tt.want {
				if !strings.Contains(strings.Join(strings.Fields(text), " "), strings.Join(strings.Fields(w), " ")) && !strings.Contains(strings.ReplaceAll(text, " ", ""), strings.ReplaceAll(w, " ", "")) {
					t.Errorf("the report lacks %q", w)
				}
			}
			// Every character drawn is one the font has.
			for _, r := range text {
				if !Covers(r) && r != ' ' {
					t.Errorf("the report draws %U %q, which the font lacks", r, r)
				}
			}
		})
	}
}

func TestReportIsDeterministic(t *testing.T) {
	res := examples.ScoreT(t, "2024")
	a, _ := pdfOf(t, res, nil)
	b, _ := pdfOf(t, res, nil)
	if !bytes.Equal(a, b) {
		t.Error("two renders of the same result differ")
	}
	if bytes.Contains(a, []byte(fmt.Sprint(2026))) {
		t.Error("the PDF holds the current year: a wall-clock date?")
	}
}

func TestMissingGlyphsAreReplacedAndReported(t *testing.T) {
	res := examples.ScoreT(t, "2024")
	n, _ := res.Node("C141")
	n.Trace.Deductions[0].Reason = "超支😀，见𠀀号文"
	pdf, notes := pdfOf(t, res, nil)
	if len(notes) != 2 || !strings.Contains(notes[0], "U+1F600") || !strings.Contains(notes[1], "U+20000") {
		t.Errorf("warnings %q", notes)
	}
	text := pdfText(t, pdf)
	if !strings.Contains(text, "超支□，见□号文") {
		t.Errorf("no visible replacement in the text")
	}
}

// TestAnyFramework draws a framework of another shape: a top-level leaf,
// four levels, 不适用, and a reason longer than a page.
func TestAnyFramework(t *testing.T) {
	f, err := indicators.Parse("f.yaml", []byte(`
name: 长表测试
indicators:
  - {code: T, name: 顶层叶子指标, weight: 10}
  - code: A
    name: 深层
    weight: 90
    children:
      - code: A1
        name: 第二层
        weight: 90
        children:
          - code: A11
            name: 第三层
            weight: 90
            children:
              - {code: A111, name: 不适用指标, weight: 10, rule: ratio}
              - {code: A112, name: 长理由指标, weight: 80}
`))
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("资金使用存在问题，需整改。", 400)
	na, _ := indicators.ParseValue("不适用")
	target, _ := indicators.ParseValue("≥1")
	in := &scoring.Input{
		Project:    scoring.Project{Name: "测试"},
		HasTargets: true,
		Targets:    []scoring.Measure{{Code: "A111", Target: target, Actual: na, HasTarget: true, HasActual: true}},
		Deductions: []scoring.Deduction{{Code: "A112", Points: decimal.NewFromInt(5), Reason: long}},
	}
	res, err := scoring.Score(f, in, scoring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pdf, _ := pdfOf(t, res, nil)
	text := pdfText(t, pdf)
	for _, w := range []string{"不适用：不计分", "不适用指标", "折算"} {
		if !strings.Contains(text, w) {
			t.Errorf("lacks %q", w)
		}
	}
	// The long reason runs over pages, each starting with the header again.
	if strings.Count(text, "计算依据与扣分理由") < 3 {
		t.Errorf("the table header does not repeat across pages")
	}
}

func TestWordingOverride(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "mine.tmpl"), []byte(`{{define "node"}}分值{{.Weight}}，得{{.Score}}。{{end}}`), 0o644)
	words, err := report.LoadWording(dir)
	if err != nil {
		t.Fatal(err)
	}
	pdf, _ := pdfOf(t, examples.ScoreT(t, "2024"), words)
	text := pdfText(t, pdf)
	if !strings.Contains(text, "分值12，得10.89。") || !strings.Contains(text, "二、评价结论") {
		t.Error("the replaced sentence is not used, or the rest of the wording is lost")
	}
	os.WriteFile(filepath.Join(dir, "mine.tmpl"), []byte(`{{define "node"}}{{.Nope}}{{end}}`), 0o644)
	words, _ = report.LoadWording(dir)
	if _, err := writeReportPDF(&bytes.Buffer{}, examples.ScoreT(t, "2024"), words); err == nil {
		t.Error("a template naming an unknown field renders")
	}
	if _, err := report.LoadWording(t.TempDir()); err == nil {
		t.Error("an empty template directory is accepted")
	}
}

// TestThresholdsReachTheReport: the warning level in the report is the one
// the run's thresholds give (score --red/--yellow), not a default.
func TestThresholdsReachTheReport(t *testing.T) {
	for _, tt := range []struct{ red, yellow, want string }{{"0.6", "0.8", "绿"}, {"0.6", "0.9", "黄"}, {"0.85", "0.9", "红"}} {
		res, err := examples.ScoreWith("2024", scoring.Options{Thresholds: scoring.Thresholds{Red: decimal.RequireFromString(tt.red), Yellow: decimal.RequireFromString(tt.yellow)}})
		if err != nil {
			t.Fatal(err)
		}
		pdf, _ := pdfOf(t, res, nil)
		text := strings.Join(strings.Fields(pdfText(t, pdf)), "")
		if want := "预警等级为“" + tt.want + "”"; !strings.Contains(text, want) {
			t.Errorf("red %s yellow %s: the report lacks %s", tt.red, tt.yellow, want)
		}
	}
}

// TestReportNamesTheRounding: the appendix says how scores were rounded.
func TestReportNamesTheRounding(t *testing.T) {
	f, err := indicators.Parse("f.yaml", []byte("rounding: down\nprecision: 0\nindicators:\n  - {code: A, name: 甲, weight: 100}\n"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := scoring.Score(f, &scoring.Input{Project: scoring.Project{Name: "测试"}}, scoring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pdf, _ := pdfOf(t, res, nil)
	if text := strings.Join(strings.Fields(pdfText(t, pdf)), ""); !strings.Contains(text, "分数保留0位小数，舍去；") {
		t.Errorf("the appendix does not name the rounding:\n%s", text)
	}
}

// TestLongTitleIsBalanced: a title too long for a line breaks into lines
// of like length, never leaving a character or two alone on the last.
func TestLongTitleIsBalanced(t *testing.T) {
	title := "2024年广东省共青团12355青少年服务台项目经费及配套信息化建设专项资金绩效评价对比报告"
	var buf bytes.Buffer
	if _, err := writePDF(&buf, &document.Document{Title: title}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(pdfText(t, buf.Bytes())), "\n")
	if len(lines) < 2 || lines[0]+lines[1] != title {
		t.Fatalf("the title is not on two lines: %q", lines)
	}
	a, b := len([]rune(lines[0])), len([]rune(lines[1]))
	if b < a-4 || b > a+4 {
		t.Errorf("lines of %d and %d characters: %q", a, b, lines[:2])
	}
}

// TestPDFDate: a report's date is the PDF's creation date; without one
// the date is fixed, so the bytes do not change.
func TestPDFDate(t *testing.T) {
	for _, tc := range []struct {
		date time.Time
		want string
	}{
		{time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), "/CreationDate (D:20250301000000)"},
		{time.Time{}, "/CreationDate (D:20000101000000)"},
	} {
		var buf bytes.Buffer
		if _, err := writePDF(&buf, &document.Document{Title: "t", Date: tc.date}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(buf.Bytes(), []byte(tc.want)) {
			t.Errorf("no %s", tc.want)
		}
	}
}
