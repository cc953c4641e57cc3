package render

import (
	"bytes"
	"fmt"
	"maps"
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

// TestReportText: the report follows the outline of 财预〔2020〕10号, its
// tables numbered with units, its figures in words and without software
// artefacts; a self-evaluation says 自评 where an evaluation says 评价.
func TestReportText(t *testing.T) {
	tests := []struct {
		year      string
		want, not []string
	}{
		{"2024", []string{
			"2024年12355项目经费绩效评价报告", "项目名称：2024年12355项目经费", "主管部门：共青团广东省委员会", "评价方式：第三方评价",
			"目 录", "一、基本情况", "（一）项目概况", "（二）项目绩效目标", "二、绩效评价工作开展情况", "（一）评价目的、对象和范围",
			"（二）评价原则、指标体系、方法和标准", "评价指标体系由决策、过程、产出和效益3个一级指标、6个二级指标、",
			"（三）评价工作过程", "三、综合评价情况及评价结论", "经评价，项目综合得分95.62分，评价等级为“优”。",
			"表1 资金安排及执行情况", "单位：万元", "1,499.75", "图1 一级指标得分率", "四、绩效评价指标分析", "（一）决策情况",
			"该指标分值12分，减1.11分，评价得分10.89分，得分率90.75%。", "该指标分值8分，评价得分8.00分，得分率100.00%。",
			"①论证决策。", "资金执行率81.54%（1,222.84 ÷ 1,499.75），按执行率计分，得4.89分。", "支出进度低于序时进度18.55个百分点",
			"126.49%", "仅考核线下个案青少年满意度", "超支2.44万元", "12355全年有效通话量同期增长率",
			"五、主要经验及做法、存在的问题及原因分析", "（一）主要经验及做法", "（二）存在的问题及原因分析", "六、有关建议",
			"七、其他需要说明的问题", "附件1 评价指标体系及评分表", "指标解释", "评分标准", "按资金执行率计分：得分 = 分值 × 资金执行率",
			"附件2 绩效目标完成情况表", "100%（超额完成）", "附件3 评分计算过程", "SHA-256", "第 3 页 共", "第 4 页 共",
		}, []string{"min(", "47224", "A11", "C111", "预警等级", "绿", "待补充", "examples/", "1499.75", "附录", "第1页", "第2页"}},
		{"2023", []string{
			"2023年12355项目经费绩效自评报告", "评价方式：单位自评", "二、绩效自评工作开展情况", "（一）自评目的、对象和范围",
			"三、综合自评情况及自评结论", "经自评，项目综合得分95.33分，自评等级为“优”。", "该指标分值12分，减1.02分，自评得分10.98分，得分率91.50%。",
			"附件1 自评指标体系及评分表", "超出预算4.38%", "104.38%",
		}, []string{"经评价", "评价得分", "min(", "待补充"}},
	}
	for _, tt := range tests {
		t.Run(tt.year, func(t *testing.T) {
			pdf, notes := pdfOf(t, examples.ScoreT(t, tt.year), nil)
			if len(notes) != 0 {
				t.Errorf("warnings: %v", notes)
			}
			text := strings.Join(strings.Fields(pdfText(t, pdf)), " ")
			flat := strings.ReplaceAll(text, " ", "")
			for _, w := range tt.want {
				if !strings.Contains(text, strings.Join(strings.Fields(w), " ")) && !strings.Contains(flat, strings.ReplaceAll(w, " ", "")) {
					t.Errorf("the report lacks %q", w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(flat, w) {
					t.Errorf("the report shows %q", w)
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

// TestEmptySlotsArePlaceholders: a slot with no prose shows （待补充：…）,
// and one warning names every empty slot.
func TestEmptySlotsArePlaceholders(t *testing.T) {
	res := examples.ScoreT(t, "2024")
	res.Narrative = nil
	pdf, notes := pdfOf(t, res, nil)
	if len(notes) != 1 || !strings.Contains(notes[0], "项目概况") || !strings.Contains(notes[0], "有关建议") {
		t.Errorf("warnings %q", notes)
	}
	text := strings.ReplaceAll(pdfText(t, pdf), "\n", "")
	for _, w := range []string{"（待补充：项目概况）", "（待补充：存在的问题及原因分析）", "（待补充：有关建议）", "（待补充：评价工作过程）"} {
		if !strings.Contains(text, w) {
			t.Errorf("the report lacks %q", w)
		}
	}
}

// TestPDFHasBookmarksAndProperties: every heading is a bookmark, and the
// tool and the inputs' hashes are in the document's properties.
func TestPDFHasBookmarksAndProperties(t *testing.T) {
	pdf, _ := pdfOf(t, examples.ScoreT(t, "2024"), nil)
	if n := bytes.Count(pdf, []byte("/Parent")); n < 20 {
		t.Errorf("%d bookmarks", n)
	}
	if !bytes.Contains(pdf, []byte("/Keywords")) || !bytes.Contains(pdf, []byte("/Creator")) {
		t.Error("no properties")
	}
}

func TestReportIsDeterministic(t *testing.T) {
	res := examples.ScoreT(t, "2024")
	a, _ := pdfOf(t, res, nil)
	b, _ := pdfOf(t, res, nil)
	if !bytes.Equal(a, b) {
		t.Error("two renders of the same result differ")
	}
	if bytes.Contains(a, []byte(fmt.Sprint("D:", time.Now().Year()))) {
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
	for _, w := range []string{"不适用，不计分", "不适用指标", "折算"} {
		if !strings.Contains(text, w) {
			t.Errorf("lacks %q", w)
		}
	}
	// The long reason runs over pages, each starting with the header again.
	if strings.Count(text, "扣分理由") < 3 {
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
	if !strings.Contains(text, "分值12，得10.89。") || !strings.Contains(text, "二、绩效评价工作开展情况") {
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

// TestThresholdsReachTheReport: the report words the time schedule as
// the reports do, with no colour of a warning level.
func TestThresholdsReachTheReport(t *testing.T) {
	for _, tt := range []struct{ red, yellow string }{{"0.6", "0.8"}, {"0.85", "0.9"}} {
		res, err := examples.ScoreWith("2024", scoring.Options{Thresholds: scoring.Thresholds{Red: decimal.RequireFromString(tt.red), Yellow: decimal.RequireFromString(tt.yellow)}})
		if err != nil {
			t.Fatal(err)
		}
		pdf, _ := pdfOf(t, res, nil)
		text := strings.Join(strings.Fields(pdfText(t, pdf)), "")
		if !strings.Contains(text, "低于序时进度18.55个百分点") || strings.Contains(text, "预警") {
			t.Errorf("red %s yellow %s: the schedule is not worded as the reports word it", tt.red, tt.yellow)
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
	if text := strings.Join(strings.Fields(pdfText(t, pdf)), ""); !strings.Contains(text, "得分保留0位小数，舍去；") {
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
	n := 0
	for n < len(lines) && strings.Join(lines[:n], "") != title {
		n++
	}
	if n < 2 || strings.Join(lines[:n], "") != title {
		t.Fatalf("the title is not on several lines: %q", lines)
	}
	for _, l := range lines[1:n] {
		if a, b := len([]rune(lines[0])), len([]rune(l)); b < a-4 || b > a+4 {
			t.Errorf("lines of %d and %d characters: %q", a, b, lines[:n])
		}
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

// keptTogether draws, for every body length from 11 to 41 paragraphs so
// that the body ends at every place on a page, a body whose last line is
// last followed by next, and fails when the page that shows the text mark
// lacks want: the two stay on one page.
func keptTogether(t *testing.T, last string, next document.Block, mark, want string) {
	t.Helper()
	checked := 0
	for n := 10; n <= 40; n++ {
		var body []string
		for i := range n {
			body = append(body, fmt.Sprintf("第%d段正文。", i+1))
		}
		body = append(body, last)
		d := &document.Document{}
		d.AddParagraph(document.Body, strings.Join(body, "\n"))
		d.Blocks = append(d.Blocks, next)
		var buf bytes.Buffer
		if _, err := writePDF(&buf, d); err != nil {
			t.Fatal(err)
		}
		for _, pg := range strings.Split(pdfText(t, buf.Bytes()), "\f") {
			if strings.Contains(pg, mark) {
				checked++
				if !strings.Contains(pg, want) {
					t.Fatalf("%d paragraphs: %q is on a page without %q:\n%s", n+1, mark, want, pg)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatalf("no %q found", mark)
	}
}

// TestSignatureNeverAlone: wherever the body ends on its page, the 落款
// shares its page with the last line before it (GB/T 9704 7.3.5), in the
// PDF and, by keepNext, in the DOCX.
func TestSignatureNeverAlone(t *testing.T) {
	sig := document.Block{Kind: document.Paragraph, Style: document.Signature, Text: "落款单位\n二〇二四年"}
	keptTogether(t, "末行正文。", sig, "落款单位", "末行正文")

	d := &document.Document{Blocks: []document.Block{{Kind: document.Paragraph, Text: "甲段。\n乙段。"}, sig}}
	var buf bytes.Buffer
	if _, err := writeDOCX(&buf, d); err != nil {
		t.Fatal(err)
	}
	paras := strings.Split(string(docxPart(t, buf.Bytes(), "word/document.xml")), "<w:p>")
	keeps := map[string]bool{}
	for _, p := range paras {
		for _, text := range []string{"甲段", "乙段", "落款单位", "二〇二四年"} {
			if strings.Contains(p, text) {
				keeps[text] = strings.Contains(p, "<w:keepNext/>")
			}
		}
	}
	want := map[string]bool{"甲段": false, "乙段": true, "落款单位": true, "二〇二四年": false}
	if !maps.Equal(keeps, want) {
		t.Errorf("keepNext by paragraph: %v, want %v", keeps, want)
	}
}

// TestLeadInKeepsWithItsTable: a paragraph that leads into a table is
// never left at the foot of a page above it, wherever the body ends; in
// the DOCX it keeps with the table by keepNext.
func TestLeadInKeepsWithItsTable(t *testing.T) {
	table := document.Table{Title: "表2 超出预算的支出明细", Unit: "单位：万元", Columns: []string{"编号", "用途", "预算数"},
		Rows: [][]document.Cell{{document.Str("4.5.1"), document.Str("咨询服务"), document.Str("9.21")}}}
	keptTogether(t, "以下支出明细超出预算：", document.Block{Kind: document.TableBlock, Table: &table}, "以下支出明细超出预算", "咨询服务")

	d := &document.Document{}
	d.AddParagraph(document.Body, "甲段。\n以下支出明细超出预算：")
	d.AddTable(table)
	var buf bytes.Buffer
	if _, err := writeDOCX(&buf, d); err != nil {
		t.Fatal(err)
	}
	for _, p := range strings.Split(string(docxPart(t, buf.Bytes(), "word/document.xml")), "<w:p>") {
		if strings.Contains(p, "以下支出明细超出预算") && !strings.Contains(p, "<w:keepNext/>") {
			t.Errorf("the lead-in does not keep with its table: %s", p)
		}
		if strings.Contains(p, "甲段") && strings.Contains(p, "<w:keepNext/>") {
			t.Errorf("the paragraph's first line keeps with the next: %s", p)
		}
	}
}
