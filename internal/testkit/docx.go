package testkit

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"

	"github.com/perfeval/perfeval/internal/third_party/excelize"
)

// DocxOptions say how a form is laid out in Word.
type DocxOptions struct {
	// Split puts the rows from the indicator header on (the first row with
	// 绩效指标, 一级指标 or 三级指标) in a second table, as units often
	// keep the 项目名称 block in a table of its own.
	Split bool
	// Titles writes the rows above the first one with two cells filled
	// (the title, the year) as paragraphs above the table.
	Titles bool
}

// DocxFromText builds a Word document from the text form of a workbook
// (FromText): every sheet's rows as a table, merged cells as w:gridSpan
// and w:vMerge, each cell's text as Excel displays it (a number in its
// format: 95%, 9.5), split into runs the way Word and WPS split them.
func DocxFromText(src []byte, opts DocxOptions) ([]byte, error) {
	f, err := FromText(src)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var body strings.Builder
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			return nil, err
		}
		merged, err := f.GetMergeCells(sheet)
		if err != nil {
			return nil, err
		}
		width := 0
		for _, r := range rows {
			width = max(width, len(r))
		}
		// covered: a cell a merge covers → its anchor and the merge's corner.
		type span struct{ top, left, bottom, right int }
		at := map[[2]int]span{}
		for _, m := range merged {
			c1, r1, _ := excelize.CellNameToCoordinates(strings.Split(m[0], ":")[0])
			c2, r2, _ := excelize.CellNameToCoordinates(strings.Split(m[0], ":")[1])
			s := span{r1 - 1, c1 - 1, r2 - 1, c2 - 1}
			for r := s.top; r <= s.bottom; r++ {
				for c := s.left; c <= s.right; c++ {
					at[[2]int{r, c}] = s
				}
			}
			width = max(width, c2)
		}
		cell := func(r, c int) string {
			if r < len(rows) && c < len(rows[r]) {
				return rows[r][c]
			}
			return ""
		}
		filled := func(r int) int {
			n := 0
			for c := range width {
				if s, ok := at[[2]int{r, c}]; (!ok || s.left == c && s.top == r) && strings.TrimSpace(cell(r, c)) != "" {
					n++
				}
			}
			return n
		}
		first := 0
		if opts.Titles {
			for first < len(rows) && filled(first) <= 1 {
				if t := strings.TrimSpace(cell(first, 0)); t != "" {
					body.WriteString(paragraph(t))
				}
				first++
			}
		}
		split := len(rows)
		if opts.Split {
			for r := first + 1; r < len(rows); r++ {
				if header := strings.Join(rows[r], "|"); strings.Contains(header, "绩效指标") || strings.Contains(header, "一级指标") || strings.Contains(header, "三级指标") {
					split = r
					break
				}
			}
		}
		for _, part := range [][2]int{{first, split}, {split, len(rows)}} {
			if part[0] >= part[1] {
				continue
			}
			body.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>`)
			for range width {
				body.WriteString(`<w:gridCol w:w="1200"/>`)
			}
			body.WriteString(`</w:tblGrid>`)
			for r := part[0]; r < part[1]; r++ {
				body.WriteString(`<w:tr><w:trPr><w:jc w:val="center"/></w:trPr>`)
				for c := 0; c < width; c++ {
					s, ok := at[[2]int{r, c}]
					props := `<w:tcW w:w="1200" w:type="dxa"/>`
					if ok {
						if s.left != c {
							continue // inside a horizontal span, written with its first cell
						}
						// A merge that began above the table's first row starts again here.
						top := max(s.top, part[0])
						if n := s.right - s.left + 1; n > 1 {
							props += fmt.Sprintf(`<w:gridSpan w:val="%d"/>`, n)
						}
						switch {
						case s.bottom > s.top && r == top:
							props += `<w:vMerge w:val="restart"/>`
						case s.bottom > s.top:
							props += `<w:vMerge/>`
						}
					}
					text := ""
					if !ok || s.top == r || r == part[0] {
						text = cell(r, c)
						if ok {
							text = cell(s.top, s.left)
						}
					}
					body.WriteString(`<w:tc><w:tcPr>` + props + `<w:vAlign w:val="center"/></w:tcPr>`)
					lines := strings.Split(text, "\n")
					for _, line := range lines {
						body.WriteString(paragraph(line))
					}
					body.WriteString(`</w:tc>`)
				}
				body.WriteString(`</w:tr>`)
			}
			body.WriteString(`</w:tbl>`)
			body.WriteString(paragraph(""))
		}
	}
	return docxPackage(body.String())
}

// paragraph is a paragraph of text, split into runs of a few characters
// each (as an editor leaves them) with a bookmark and a proofing mark
// between, as Word and WPS write them.
func paragraph(text string) string {
	var b strings.Builder
	b.WriteString(`<w:p><w:pPr><w:jc w:val="center"/><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr></w:pPr>`)
	runes := []rune(text)
	for i := 0; i < len(runes); i += 3 {
		if i == 3 {
			b.WriteString(`<w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>`)
		}
		part := string(runes[i:min(i+3, len(runes))])
		b.WriteString(`<w:r><w:rPr><w:rFonts w:hint="eastAsia" w:ascii="宋体" w:hAnsi="宋体"/><w:sz w:val="20"/></w:rPr><w:t xml:space="preserve">` + html.EscapeString(part) + `</w:t></w:r>`)
	}
	b.WriteString(`</w:p>`)
	return b.String()
}

// docxPackage wraps a body in the smallest package Word opens.
func docxPackage(body string) ([]byte, error) {
	parts := []struct{ name, text string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body + `<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr></w:body></w:document>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(p.text)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteDocx builds the Word document of the text file src and saves it at
// dst.
func WriteDocx(src, dst string, opts DocxOptions) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	out, err := DocxFromText(data, opts)
	if err != nil {
		return fmt.Errorf("%s: %w", src, err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, out, 0o644)
}
