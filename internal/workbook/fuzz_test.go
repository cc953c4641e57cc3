package workbook

import (
	"archive/zip"
	"bytes"
	"github.com/perfeval/perfeval/internal/fuzzcheck"
	"os"
	"testing"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/third_party/excelize"
	"github.com/perfeval/perfeval/scoring"
)

// FuzzReadWorkbook writes fuzzed values into the cells of a workbook, reads
// it and scores it against the example framework: errors, never a panic.
func FuzzReadWorkbook(f *testing.F) {
	f.Add("C123", "≥30%", "26.51%", "C141", "0.5", "理由", "1.1", "1,499.75", "１２２２.８４")
	f.Add("C131", "100%", "不适用", "A11", "-1", "", "1", "0", "5")
	f.Add("C111", "≥50场", "80个", "Z9", "abc", "x", "1.1.1", "34.27万", "")
	f.Add("", "=1/0", "#N/A", "B11", "1e400", "😀", "1..1", "-0", "1e-400")
	fw := exampleFramework(f)
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

// FuzzSheetXML wraps fuzzed sheet, shared-strings and styles XML in a
// well-formed package (so that the zip's checksums hold and the fuzzer
// reaches the XML), then reads and scores it: errors, never a panic, in
// bounded time and memory.
func FuzzSheetXML(f *testing.F) {
	f.Add(`<row r="1"><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row><row r="2"><c t="inlineStr"><is><t>项目名称</t></is></c><c t="s"><v>2</v></c></row>`,
		`<si><t>字段</t></si><si><r><t>值</t></r><rPh><t>x</t></rPh></si><si><t>某项目</t></si>`, `<numFmts><numFmt numFmtId="164" formatCode="0.00%"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs>`)
	f.Add(`<row r="1"><c r="A1" t="inlineStr"><is><t>编号</t></is></c><c r="B1" t="inlineStr"><is><t>预算数（万元）</t></is></c><c r="C1" t="inlineStr"><is><t>实际支出（元）</t></is></c></row><row r="2"><c r="A2"><v>1</v></c><c r="B2" s="1"><v>1E9999</v></c><c r="C2" t="b"><v>1</v></c><c r="D2"><f>D2+1</f></c><c r="E2" t="e"><v>#DIV/0!</v></c><c r="XFD2"><f>SUM(A:XFD)</f></c></row>`,
		`<si><t></t></si>`, `<cellXfs><xf numFmtId="14"/><xf numFmtId="9"/></cellXfs>`)
	f.Add(`<row r="3"><c r="B3" t="d"><v>2024-12-31T00:00:00</v></c></row><row r="2"/>`, ``, ``)
	fw := exampleFramework(f)
	f.Fuzz(func(t *testing.T, sheet, sst, styles string) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for name, text := range map[string]string{
			"xl/workbook.xml":            `<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="项目信息" sheetId="1" r:id="rId1"/><sheet name="预算执行" sheetId="2" r:id="rId2"/></sheets></workbook>`,
			"xl/_rels/workbook.xml.rels": `<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="x/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="x/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId4" Type="x/styles" Target="styles.xml"/></Relationships>`,
			"xl/worksheets/sheet1.xml":   `<worksheet><sheetData>` + sheet + `</sheetData></worksheet>`,
			"xl/sharedStrings.xml":       `<sst>` + sst + `</sst>`,
			"xl/styles.xml":              `<styleSheet>` + styles + `</styleSheet>`,
		} {
			w, err := zw.Create(name)
			if err != nil {
				t.Fatal(err)
			}
			w.Write([]byte(text))
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		fuzzcheck.Bounded(t, func() {
			if in, err := ReadBytes("f.xlsx", buf.Bytes(), Options{}); err == nil && in != nil {
				scoring.Score(fw, in, scoring.Options{})
			}
		})
	})
}

// exampleFramework is the reference framework the fuzzed workbooks are
// scored with.
func exampleFramework(f *testing.F) *indicators.Framework {
	data, err := os.ReadFile("../../examples/gd12355/framework.yaml")
	if err != nil {
		f.Fatal(err)
	}
	fw, err := indicators.Parse("framework.yaml", data)
	if err != nil {
		f.Fatal(err)
	}
	return fw
}
