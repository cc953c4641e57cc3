package render

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/perfeval/perfeval/examples"
	"github.com/perfeval/perfeval/internal/document"
	"github.com/perfeval/perfeval/internal/report"
	"github.com/perfeval/perfeval/scoring"
	"github.com/perfeval/perfeval/templates"
)

var update = flag.Bool("update", false, "rebuild templates/report/reference.docx from reference/")

// TestReferenceIsBuiltFromItsSources: the built-in reference document is
// the zip of the XML under reference/, where its styles are read and
// edited; go test -run TestReference -update rebuilds it.
func TestReferenceIsBuiltFromItsSources(t *testing.T) {
	var names []string
	err := filepath.WalkDir("reference", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, path := range names { // WalkDir's lexical order: [Content_Types].xml first
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		name, _ := filepath.Rel("reference", path)
		f, err := z.CreateHeader(zipHeader(filepath.ToSlash(name), zip.Deflate))
		if err != nil {
			t.Fatal(err)
		}
		f.Write(data)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("../../templates/report/reference.docx", buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(buf.Bytes(), templates.Reference) {
		t.Fatal("templates/report/reference.docx is not the zip of reference/: run go test ./internal/render -run TestReference -update")
	}
}

// proseBook is a workbook with everything an evaluator writes: the cover
// rows, 报告正文 in every placed section and one of its own (written out of
// order, with numbers and a blank 章节), 指标说明 at three levels and a
// deviation reason.
const proseBook = `## 项目信息
| 字段 | 值 |
| 项目名称 | 文稿项目 |
| 主管部门 | 主管部门甲 |
| 实施单位 | 实施单位乙 |
| 评价机构 | 评价机构丙 |
| 报告日期 | 2025年3月31日 |
| 项目编码 | XM-0001 |
| 评价类型 | 绩效评价 |
| 年度 | 2024 |
| 评价基准日 | 2024-12-31 |
## 绩效目标
| 指标编码 | 目标值 | 实际值 | 偏差原因 |
| A11 | ≥10个 | 8个 | 偏差原因丁 |
| B1 | ≥90% | 95% | |
## 报告正文
| 章节 | 内容 |
| 八、改进建议 | 建议段落一 |
| 其他事项 | 其他段落一 |
| 项目概况 | 概况段落一 |
| | 概况段落二 |
| （二）存在的问题 | 问题段落一 |
| 评价结论 | 结论段落一 |
| 主要绩效 | 绩效段落一 |
| 专项说明 | 专项段落一 |
| 评价工作过程 | 过程段落一 |
## 指标说明
| 指标编码 | 分析说明 |
| A11 | 末级分析一 |
| A | 一级分析一 |
| A1 | 二级分析一 |
| A1 | 二级分析二 |
`

const proseFramework = `name: 文稿体系
indicators:
  - code: A
    name: 决策
    weight: 60
    children:
      - code: A1
        name: 立项
        weight: 60
        children:
          - {code: A11, name: 论证决策, weight: 30, rule: ratio}
          - {code: A12, name: 目标设置, weight: 30}
  - {code: B1, name: 效益, weight: 40, rule: ratio}
`

// proseOrder is every paragraph the evaluator wrote, in the order the
// reference reports put them.
var proseOrder = []string{
	"2024年度文稿项目绩效评价报告", "项目名称：文稿项目", "项目编码：XM-0001", "实施单位：实施单位乙", "评价方式：第三方评价", "评价机构：评价机构丙", "报告日期：2025年3月31日",
	"一、基本情况", "（一）项目概况", "概况段落一", "概况段落二", "（二）项目绩效目标", "二、绩效评价工作开展情况", "（三）评价工作过程", "过程段落一",
	"三、综合评价情况及评价结论", "结论段落一", "四、绩效评价指标分析", "一级分析一", "二级分析一", "二级分析二",
	"①论证决策。末级分析一", "偏差原因丁", "五、主要经验及做法、存在的问题及原因分析", "绩效段落一", "问题段落一",
	"六、有关建议", "建议段落一", "七、其他需要说明的问题", "其他段落一", "专项说明", "专项段落一", "评价机构丙", "2025年3月31日",
	"附件1", "附件2", "附件3",
}

func proseResult(t *testing.T) *scoring.Result { return scoreText(t, proseBook, proseFramework) }

func writeFormat(t *testing.T, name string, out document.Output) []byte {
	t.Helper()
	f, ok := Lookup(name)
	if !ok {
		t.Fatalf("no format %s", name)
	}
	var b bytes.Buffer
	if _, err := f.Write(&b, out); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return b.Bytes()
}

// inOrder fails unless every string of want is in text, each after the
// one before.
func inOrder(t *testing.T, name, text string, want []string) {
	t.Helper()
	at := 0
	for _, w := range want {
		i := strings.Index(text[at:], w)
		if i < 0 {
			if strings.Contains(text, w) {
				t.Errorf("%s: %q is out of order", name, w)
			} else {
				t.Errorf("%s: %q is missing", name, w)
			}
			continue
		}
		at += i + len(w)
	}
}

// TestProseInTheReportsOrder: the PDF and the DOCX carry every paragraph
// the evaluator wrote, where the reference reports put it.
func TestProseInTheReportsOrder(t *testing.T) {
	w, _ := report.LoadWording("")
	out := report.ScoreOutput(proseResult(t), w, "test")
	pdf := strings.Join(strings.Fields(pdfText(t, writeFormat(t, "pdf", out))), "")
	inOrder(t, "pdf", pdf, proseOrder)
	inOrder(t, "docx", strings.Join(docxParagraphs(t, writeFormat(t, "docx", out)), "\n"), proseOrder)
}

// docxParagraphs is the text of a DOCX's body, a paragraph a string
// (table cells included).
func docxParagraphs(t *testing.T, data []byte) []string {
	t.Helper()
	doc := docxPart(t, data, "word/document.xml")
	dec := xml.NewDecoder(bytes.NewReader(doc))
	var out []string
	var cur strings.Builder
	inText := false
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch e := tok.(type) {
		case xml.StartElement:
			inText = e.Name.Local == "t"
		case xml.EndElement:
			inText = false
			if e.Name.Local == "p" {
				out = append(out, cur.String())
				cur.Reset()
			}
		case xml.CharData:
			if inText {
				cur.Write(e)
			}
		}
	}
	return out
}

func docxPart(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	t.Fatalf("the DOCX has no %s", name)
	return nil
}

// TestDOCXIsAWordDocument reads the 2024 report's WordprocessingML for
// what makes it a Word document to edit: heading styles, repeating table
// headers, page fields, A4, East-Asian fonts, the chart as a Word chart, and the
// same bytes every time.
func TestDOCXIsAWordDocument(t *testing.T) {
	w, _ := report.LoadWording("")
	out := report.ScoreOutput(examples.ScoreT(t, "2024"), w, "test")
	data := writeFormat(t, "docx", out)
	if again := writeFormat(t, "docx", out); !bytes.Equal(data, again) {
		t.Error("two DOCX of the same result differ")
	}
	doc := string(docxPart(t, data, "word/document.xml"))
	styles := string(docxPart(t, data, "word/styles.xml"))
	footer := string(docxPart(t, data, "word/footer1.xml"))
	rels := string(docxPart(t, data, "word/_rels/document.xml.rels"))
	types := string(docxPart(t, data, "[Content_Types].xml"))
	for _, c := range []struct{ what, in, want string }{
		{"heading 1 used", doc, `<w:pStyle w:val="Heading1"/>`},
		{"heading 2 used", doc, `<w:pStyle w:val="Heading2"/>`},
		{"heading 3 used", doc, `<w:pStyle w:val="Heading3"/>`},
		{"heading 1 is Word's own", styles, `<w:name w:val="heading 1"/>`},
		{"headings are in the outline", styles, `<w:outlineLvl w:val="0"/>`},
		{"table header rows repeat", doc, `<w:tblHeader/>`},
		{"A4", doc, `<w:pgSz w:w="11906" w:h="16838"/>`},
		{"government margins", doc, `w:top="2098" w:right="1474" w:bottom="1984" w:left="1588"`},
		{"East-Asian body font", styles, `w:eastAsia="仿宋"`},
		{"East-Asian heading font", styles, `w:eastAsia="黑体"`},
		{"the footer", doc, `<w:footerReference w:type="default"`},
		{"page number field", footer, ` PAGE `},
		{"page count field (every page, as LibreOffice counts too)", footer, ` NUMPAGES `},
		{"a table of contents", doc, ` TOC \o "1-2"`},
		{"tables padded", doc, `<w:tblCellMar>`},
		{"the tool in the properties", string(docxPart(t, data, "docProps/core.xml")), `<dc:creator>perfeval test</dc:creator>`},
		{"page words", footer, `第 `},
		{"the chart", doc, `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="`},
		{"the chart's relationship", rels, `Target="charts/chart1.xml"`},
		{"the chart's content type", types, `PartName="/word/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"`},
		{"the figures", doc, "95.62"},
	} {
		if !strings.Contains(c.in, c.want) {
			t.Errorf("%s: no %s", c.what, c.want)
		}
	}
	// The cover and the contents are the first section, with no footer;
	// the body's sections (附件1 lies sideways in one of its own) have the
	// footer and go on counting.
	sects := strings.Split(doc, "<w:sectPr>")[1:]
	if len(sects) != 4 || strings.Contains(sects[0], "footerReference") || strings.Contains(doc, "pgNumType") {
		t.Errorf("want an unnumbered front section, then the body's; the document has %d sections", len(sects))
	}
	for i, s := range sects[1:] {
		if !strings.Contains(s[:strings.Index(s, "</w:sectPr>")], "footerReference") {
			t.Errorf("body section %d has no footer", i+1)
		}
		if landscape := strings.Contains(s[:strings.Index(s, "</w:sectPr>")], `w:orient="landscape"`); landscape != (i == 1) {
			t.Errorf("body section %d: landscape %v", i+1, landscape)
		}
	}
	chart := string(docxPart(t, data, "word/charts/chart1.xml"))
	for _, want := range []string{`<c:barDir val="bar"/>`, `<c:v>决策</c:v>`, `<c:v>0.975</c:v>`, `<c:externalData r:id="rId1">`} {
		if !strings.Contains(chart, want) {
			t.Errorf("the chart: no %s", want)
		}
	}
	if rels := string(docxPart(t, data, "word/charts/_rels/chart1.xml.rels")); !strings.Contains(rels, `Target="../embeddings/chart1.xlsx"`) {
		t.Errorf("the chart's figures are not embedded: %s", rels)
	}
	if book := docxPart(t, data, "word/embeddings/chart1.xlsx"); !bytes.HasPrefix(book, []byte("PK")) {
		t.Error("the chart's workbook is not a zip")
	}
	if strings.Contains(string(data), "perfeval 用本文件的样式") {
		t.Error("the reference document's sample text is in the report")
	}
}

// TestUserReferenceDocument: a reference saved by a Chinese Word numbers
// its style IDs ("1" for heading 1); the report finds styles by name, and
// takes the ones the reference lacks from the built-in reference.
func TestUserReferenceDocument(t *testing.T) {
	ref := readTestReference(t)
	styles := string(ref["word/styles.xml"])
	styles = strings.Replace(styles, `w:styleId="Heading1"`, `w:styleId="1"`, 1)
	start := strings.Index(styles, `<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableText">`)
	end := start + strings.Index(styles[start:], `</w:style>`) + len(`</w:style>`)
	ref["word/styles.xml"] = []byte(styles[:start] + styles[end:])
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for name, data := range ref {
		f, _ := z.Create(name)
		f.Write(data)
	}
	z.Close()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "reference.docx"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := report.LoadWording(dir)
	if err != nil {
		t.Fatal(err)
	}
	data := writeFormat(t, "docx", report.ScoreOutput(examples.ScoreT(t, "2024"), w, "test"))
	doc := string(docxPart(t, data, "word/document.xml"))
	got := string(docxPart(t, data, "word/styles.xml"))
	if !strings.Contains(doc, `<w:pStyle w:val="1"/>`) || strings.Contains(doc, `<w:pStyle w:val="Heading1"/>`) {
		t.Error("heading 1 is not taken by name from the reference")
	}
	if !strings.Contains(got, `<w:name w:val="Table Text"/>`) || !strings.Contains(doc, `<w:pStyle w:val="TableText"/>`) {
		t.Error("the Table Text style the reference lacks is not added")
	}
}

func readTestReference(t testing.TB) map[string][]byte {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(templates.Reference), int64(len(templates.Reference)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range z.File {
		rc, _ := f.Open()
		out[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	return out
}

// TestDOCXOpensInLibreOffice converts the report with LibreOffice
// headless, as an office suite opens it, and reads its text back: every
// paragraph in order and the figures. .ci/run installs LibreOffice.
func TestDOCXOpensInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer-nogui")
	}
	w, _ := report.LoadWording("")
	dir := t.TempDir()
	in := filepath.Join(dir, "report.docx")
	if err := os.WriteFile(in, writeFormat(t, "docx", report.ScoreOutput(proseResult(t), w, "test")), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	text, err := os.ReadFile(filepath.Join(dir, "report.txt"))
	if err != nil {
		t.Fatalf("LibreOffice wrote no text: %v", err)
	}
	inOrder(t, "LibreOffice's text", string(text), proseOrder)
}

// TestDOCXTallRowsMayBreak: a table row is kept whole on a page, except
// one too tall for it, which Word and LibreOffice would cut off.
func TestDOCXTallRowsMayBreak(t *testing.T) {
	d := &document.Document{}
	d.AddTable(document.Table{Columns: []string{"指标", "扣分理由"}, Rows: [][]document.Cell{
		{document.Str("短"), document.Str("理由")},
		{document.Str("长"), document.Str(strings.Repeat("很长的扣分理由", 400))},
	}})
	var buf bytes.Buffer
	if _, err := writeDOCX(&buf, d); err != nil {
		t.Fatal(err)
	}
	doc := string(docxPart(t, buf.Bytes(), "word/document.xml"))
	rows := strings.Split(doc, "<w:tr>")[1:] // the header, the short row, the long one
	if len(rows) != 3 || strings.Contains(rows[2], "cantSplit") {
		t.Errorf("the tall row is kept whole (%d rows)", len(rows))
	}
	if n := strings.Count(doc, "<w:cantSplit/>"); n != 2 {
		t.Errorf("%d rows kept whole, want the header and the short row", n)
	}
}
