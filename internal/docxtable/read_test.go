package docxtable

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`

// pack writes a package holding word/document.xml with the body given.
func pack(t testing.TB, body string) []byte {
	t.Helper()
	return packXML(t, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document `+ns+`><w:body>`+body+`</w:body></w:document>`)
}

func packXML(t testing.TB, xml string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(w, xml); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func p(text string) string { return `<w:p><w:r><w:t>` + text + `</w:t></w:r></w:p>` }

func tc(props, content string) string {
	return `<w:tc><w:tcPr>` + props + `</w:tcPr>` + content + `</w:tc>`
}

func TestRead(t *testing.T) {
	tests := []struct {
		name, body string
		want       []Block
	}{
		{"runs joined, breaks and tabs as spaces, deleted text and field codes left out",
			`<w:p><w:r><w:t>项目支出</w:t></w:r><w:proofErr/><w:r><w:rPr><w:b/></w:rPr><w:t>绩效</w:t><w:br/><w:t>自评表</w:t></w:r>` +
				`<w:del><w:r><w:delText>删去</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:tab/><w:t>（2024年度）</w:t></w:r></w:p>`,
			[]Block{{Text: "项目支出绩效 自评表 （2024年度）"}}},
		{"symbols inserted from the Symbol font, tracked moves as they end",
			`<w:p><w:r><w:sym w:font="Symbol" w:char="F0B3"/><w:t>95%</w:t><w:sym w:font="Wingdings" w:char="F0AB"/><w:sym w:font="宋体" w:char="2264"/></w:r>` +
				`<w:moveFrom><w:r><w:t>旧</w:t></w:r></w:moveFrom></w:p>`,
			[]Block{{Text: "≥95%≤"}}},
		{"a text box's fallback copy read once",
			`<w:p><w:r><mc:AlternateContent><mc:Choice><w:t>甲</w:t></mc:Choice><mc:Fallback><w:t>甲</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>`,
			[]Block{{Text: "甲"}}},
		{"gridSpan and vMerge as merges, text in the first cell",
			`<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>` +
				`<w:tr>` + tc(`<w:gridSpan w:val="2"/>`, p("项目名称")) + tc("", p("甲")) + `</w:tr>` +
				`<w:tr>` + tc(`<w:vMerge w:val="restart"/>`, p("产出指标")) + tc("", p("数量")) + tc("", p("1")) + `</w:tr>` +
				`<w:tr>` + tc(`<w:vMerge/>`, p("")) + tc("", p("质量")) + tc("", p("2")) + `</w:tr>` +
				`</w:tbl>`,
			[]Block{{Table: &Table{N: 1, Rows: [][]string{{"项目名称", "", "甲"}, {"产出指标", "数量", "1"}, {"", "质量", "2"}},
				Merges: []Merge{{Top: 1, Left: 1, Bottom: 1, Right: 2}, {Top: 2, Left: 1, Bottom: 3, Right: 1}}}}}},
		{"a cell's paragraphs joined by line breaks, a nested table's text kept, gridBefore skipped",
			`<w:tbl><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>` + tc("", p("偏差原因")+p("及改进措施")) +
				tc("", `<w:tbl><w:tr>`+tc("", p("内"))+tc("", p("表"))+`</w:tr></w:tbl>`) + `</w:tr></w:tbl>` + p("单位：万元"),
			[]Block{{Table: &Table{N: 1, Rows: [][]string{{"", "偏差原因\n及改进措施", "内\n表"}}}}, {Text: "单位：万元"}}},
		{"a continued vMerge with nothing above is a cell",
			`<w:tbl><w:tr>` + tc(`<w:vMerge/>`, p("甲")) + `</w:tr></w:tbl>`,
			[]Block{{Table: &Table{N: 1, Rows: [][]string{{"甲"}}}}}},
		{"content controls around rows and cells",
			`<w:tbl><w:sdt><w:sdtContent><w:tr><w:sdt><w:sdtContent>` + tc("", p("甲")) + `</w:sdtContent></w:sdt></w:tr></w:sdtContent></w:sdt></w:tbl>`,
			[]Block{{Table: &Table{N: 1, Rows: [][]string{{"甲"}}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(pack(t, tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, doc.Body); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestHostile: every hostile class of SPEC §7 is refused, in bounded time
// and memory, with a message and its place where there is one.
func TestHostile(t *testing.T) {
	row := func(n int, cell string) string {
		return `<w:tbl>` + strings.Repeat(`<w:tr>`+cell+`</w:tr>`, n) + `</w:tbl>`
	}
	tests := []struct {
		name string
		data func(t *testing.T) []byte
		want string
		at   [3]int
	}{
		{"entity expansion (a DTD)", func(t *testing.T) []byte {
			return packXML(t, `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><w:document `+ns+`><w:body>`+p("&lol2;")+`</w:body></w:document>`)
		}, "declares a DTD", [3]int{}},
		{"an entity never declared", func(t *testing.T) []byte { return pack(t, p("&lol;")) }, "XML does not read", [3]int{}},
		{"deep nesting", func(t *testing.T) []byte {
			return pack(t, strings.Repeat("<w:sdt>", MaxDepth)+strings.Repeat("</w:sdt>", MaxDepth))
		}, "nests more than 256 elements deep", [3]int{}},
		{"a row wider than the cap", func(t *testing.T) []byte {
			return pack(t, row(1, tc(`<w:gridSpan w:val="99999999999"/>`, p("甲"))))
		}, "a table row holds more than 16384 cells", [3]int{1, 1, 1}},
		{"more cells than the cap", func(t *testing.T) []byte {
			return pack(t, row(MaxCells/16_000+1, tc(`<w:gridSpan w:val="16000"/>`, "")))
		}, "the document's tables hold more than 2000000 cells", [3]int{1, 125, 1}},
		{"more rows than the cap", func(t *testing.T) []byte {
			return pack(t, `<w:tbl>`+strings.Repeat(`<w:tr/>`, MaxRows+1)+`</w:tbl>`)
		}, "a table has more than 50000 rows", [3]int{1, 50001, 0}},
		{"more paragraphs than the cap", func(t *testing.T) []byte {
			return pack(t, strings.Repeat(`<w:p/>`, MaxParagraphs+1))
		}, "the document has more than 200000 paragraphs", [3]int{}},
		{"a cell longer than the cap", func(t *testing.T) []byte {
			return pack(t, row(1, tc("", "")+tc("", p(strings.Repeat("长", MaxCellLength+1)))))
		}, "a cell longer than 32767 characters", [3]int{1, 1, 2}},
		{"a zip bomb", func(t *testing.T) []byte {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			w, _ := zw.CreateHeader(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate})
			_, _ = io.CopyN(w, zeros{}, MaxXML+1)
			_ = zw.Close()
			return buf.Bytes()
		}, "refused as a possible zip bomb", [3]int{}},
		{"too many parts", func(t *testing.T) []byte {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			for i := range MaxParts + 1 {
				_, _ = zw.Create(fmt.Sprintf("word/media/%d.png", i))
			}
			_ = zw.Close()
			return buf.Bytes()
		}, "the file holds 10001 parts", [3]int{}},
		{"no body", func(t *testing.T) []byte {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			_, _ = zw.Create("xl/workbook.xml")
			_ = zw.Close()
			return buf.Bytes()
		}, "no word/document.xml", [3]int{}},
		{"truncated", func(t *testing.T) []byte { d := pack(t, row(3, tc("", p("甲")))); return d[:len(d)/2] }, "damaged or truncated", [3]int{}},
		{"XML cut short", func(t *testing.T) []byte { return packXML(t, `<w:document `+ns+`><w:body><w:tbl><w:tr>`) }, "XML does not read", [3]int{1, 1, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(tt.data(t))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T), want an *Error", err, err)
			}
			if !strings.Contains(e.Msg, tt.want) {
				t.Errorf("error %q, want it to hold %q", e.Msg, tt.want)
			}
			if got := [3]int{e.Table, e.Row, e.Col}; got != tt.at {
				t.Errorf("placed at %v, want %v", got, tt.at)
			}
		})
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

// TestCappedRead: a body that unzips past what its header declares is
// still stopped at MaxXML.
func TestCappedRead(t *testing.T) {
	c := &capped{r: strings.NewReader("0123456789"), left: 4}
	b, err := io.ReadAll(c)
	if string(b) != "0123" || err == nil || !strings.Contains(err.Error(), "zip bomb") {
		t.Errorf("read %q, %v", b, err)
	}
}

func TestIsDocument(t *testing.T) {
	if !IsDocument(pack(t, p("甲"))) {
		t.Error("a document is not one")
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	_, _ = zw.Create("xl/workbook.xml")
	_, _ = zw.Create("word/document.xml")
	_ = zw.Close()
	if IsDocument(buf.Bytes()) || IsDocument([]byte("PK\x03\x04")) || IsDocument(nil) {
		t.Error("a workbook or a broken zip is read as a document")
	}
}

// FuzzRead reads arbitrary XML as a document's body and arbitrary bytes
// as a package: a mistake may be reported, never a panic, and what reads
// keeps to the caps.
func FuzzRead(f *testing.F) {
	f.Add(`<w:tbl><w:tr>`+tc(`<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>`, p("甲"))+`</w:tr><w:tr>`+tc(`<w:vMerge/><w:gridSpan w:val="2"/>`, "")+tc("", p("乙"))+`</w:tr></w:tbl>`, []byte("PK\x03\x04"))
	f.Add(`<w:p><w:r><w:t>（2024年度）</w:t><w:br/></w:r></w:p><w:tbl><w:tr><w:trPr><w:gridBefore w:val="3"/></w:trPr></w:tr></w:tbl>`, []byte{})
	f.Add(`<w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>内</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>`, []byte("PK\x05\x06"))
	f.Fuzz(func(t *testing.T, body string, raw []byte) {
		for _, data := range [][]byte{pack(t, body), raw} {
			doc, err := Read(data)
			if err != nil {
				var e *Error
				if !errors.As(err, &e) || e.Msg == "" {
					t.Fatalf("error %v (%T), want an *Error with a message", err, err)
				}
				continue
			}
			cells := 0
			for _, b := range doc.Body {
				if b.Table == nil {
					continue
				}
				for _, r := range b.Table.Rows {
					if cells += len(r); len(r) > MaxColumns || cells > MaxCells {
						t.Fatalf("a row of %d cells, %d in all", len(r), cells)
					}
				}
				for _, m := range b.Table.Merges {
					if m.Top < 1 || m.Left < 1 || m.Bottom < m.Top || m.Right < m.Left || m.Bottom > len(b.Table.Rows) || m.Right > len(b.Table.Rows[m.Top-1]) {
						t.Fatalf("merge %+v outside its table", m)
					}
				}
			}
		}
	})
}

// BenchmarkRead reads a document of one table of 2,000 rows by 20 cells,
// merged as a form merges them.
func BenchmarkRead(b *testing.B) {
	row := `<w:tr>` + tc(`<w:vMerge w:val="restart"/>`, p("产出指标")) + tc(`<w:gridSpan w:val="2"/>`, p("数量指标")) +
		strings.Repeat(tc("", `<w:p><w:r><w:t>≥1</w:t></w:r><w:r><w:t>00人次</w:t></w:r></w:p>`), 17) + `</w:tr>`
	data := pack(b, `<w:tbl>`+strings.Repeat(row, 2_000)+`</w:tbl>`)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(data); err != nil {
			b.Fatal(err)
		}
	}
}
