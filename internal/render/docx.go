package render

import (
	"fmt"
	"io"
	"math"
	"regexp"
	"strings"
	"sync"

	"github.com/perfeval/perfeval/internal/document"
)

// The page: A4 with the margins of government documents (GB/T 9704: top
// 37 mm, bottom 35 mm, left 28 mm, right 26 mm), in twips. A page turned
// sideways for a wide table keeps the left and right margins and has top
// 28 mm, bottom 26 mm, as the PDF's.
const (
	pageWTwips       = 11906
	pageHTwips       = 16838
	marginTop        = 2098
	marginBottom     = 1984
	marginLeft       = 1588
	marginRight      = 1474
	bodyWTwips       = pageWTwips - marginLeft - marginRight
	wideMarginTop    = 1588
	wideMarginBottom = 1474
	wideBodyWTwips   = pageHTwips - marginLeft - marginRight
	// The table text's size in half-points: 五号 (10.5 pt), and 小五 (9 pt)
	// for a table too wide for the page in 五号.
	tableSize    = 21 // 五号, every table
	cellPadTwips = 2 * 108
)

// writeDOCX draws a document as a Word document over the reference
// document the wording names (see docxpkg.go): the title and cover on a
// page of their own, headings in Word's heading styles, tables whose header
// row repeats on every page, charts as Word charts and 第 N 页 共 M 页 as page
// fields in the footer.
func writeDOCX(w io.Writer, d *document.Document) ([]string, error) {
	ref, err := readReference(d.Reference)
	if err != nil {
		return nil, err
	}
	styles, ids, err := ref.completeStyles()
	if err != nil {
		return nil, err
	}
	pkg, err := newPackage(ref, styles)
	if err != nil {
		return nil, err
	}
	x := &docxWriter{pkg: pkg, ids: ids}
	if d.Footer != "" {
		x.footer = x.footerPart(d.Footer)
	}
	x.b.WriteString(xmlHeader + `<w:document ` + wordNamespaces + `><w:body>`)
	if d.Title != "" {
		x.para(styleTitle, d.Title)
	}
	for _, l := range d.Lines {
		x.para(styleNormal, l)
	}
	for i, b := range d.Blocks {
		keep := ""
		if d.KeepsWithNext(i) {
			keep = `<w:keepNext/>`
		}
		switch b.Kind {
		case document.Heading:
			x.para(fmt.Sprintf("heading %d", min(max(b.Level, 1), 3)), b.Text)
		case document.Paragraph:
			switch b.Style {
			case document.Cover:
				x.para(styleCover, b.Text)
				if i+1 < len(d.Blocks) {
					x.b.WriteString(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`)
				}
			case document.Signature:
				x.b.WriteString(`<w:p><w:pPr><w:keepNext/></w:pPr></w:p>`)
				lines := strings.Split(b.Text, "\n")
				for j, line := range lines {
					next := ""
					if j+1 < len(lines) {
						next = `<w:keepNext/>`
					}
					x.paraProps(styleNormal, next+`<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="right"/>`)
					x.run(line)
					x.b.WriteString(`</w:p>`)
				}
			case document.Placeholder:
				lines := strings.Split(b.Text, "\n")
				for j, line := range lines {
					x.paraProps(styleNormal, keepLast(keep, j, len(lines)))
					x.b.WriteString(`<w:r><w:rPr><w:color w:val="C00000"/></w:rPr><w:t xml:space="preserve">` + escape(line) + `</w:t></w:r></w:p>`)
				}
			case document.Note:
				x.paraKeep(styleNote, b.Text, keep)
			default:
				x.paraKeep(styleNormal, b.Text, keep)
			}
		case document.Contents:
			x.contents(b.Text, d.Blocks)
		case document.PageBreak:
			if wide := b.Style == document.Landscape; wide != x.wide {
				// A section ends here, and the next lies the other way.
				x.b.WriteString(`<w:p><w:pPr>` + x.sectPr(x.wide, true) + `</w:pPr></w:p>`)
				x.wide = wide
			} else {
				x.b.WriteString(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`)
			}
		case document.TableBlock:
			x.table(b.Table)
		case document.ChartBlock:
			if err := x.chart(b.Chart); err != nil {
				return nil, err
			}
		}
	}
	for _, n := range d.Warnings {
		x.para(styleNote, d.WarningLabel+"："+n)
	}
	x.b.WriteString(x.sectPr(x.wide, true))
	x.b.WriteString(`</w:body></w:document>`)
	pr := d.Properties
	return nil, pkg.write(w, []byte(x.b.String()), d.Title, docProperties{Creator: pr.Creator, Subject: pr.Subject, Description: pr.Description})
}

const (
	xmlHeader      = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	wordNamespaces = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ` +
		`xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ` +
		`xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ` +
		`xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"`
)

type docxWriter struct {
	pkg    *docxPackage
	ids    map[string]string // style IDs by name
	b      strings.Builder
	charts int
	size   int    // the runs' size in half-points where not their style's; 0: the style's
	footer string // the footer's relationship ID; "": no footer
	wide   bool   // the section lies sideways
}

// para writes one paragraph a line of text, in a style.
func (x *docxWriter) para(style, text string) { x.paraKeep(style, text, "") }

// paraKeep is para with more properties (keep) on its last paragraph.
func (x *docxWriter) paraKeep(style, text, keep string) {
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		x.paraProps(style, keepLast(keep, i, len(lines)))
		x.run(line)
		x.b.WriteString(`</w:p>`)
	}
}

// keepLast is keep for the last of n paragraphs, else nothing.
func keepLast(keep string, i, n int) string {
	if i == n-1 {
		return keep
	}
	return ""
}

// paraProps opens a paragraph in a style, with more properties (already
// XML) if any.
func (x *docxWriter) paraProps(style, more string) {
	x.b.WriteString(`<w:p><w:pPr>`)
	if style != styleNormal {
		x.b.WriteString(`<w:pStyle w:val="` + escape(x.ids[style]) + `"/>`)
	}
	x.b.WriteString(more + `</w:pPr>`)
}

// run writes text as a run, line breaks as breaks.
func (x *docxWriter) run(text string) {
	if text == "" {
		return
	}
	x.b.WriteString(`<w:r>`)
	if x.size != 0 {
		fmt.Fprintf(&x.b, `<w:rPr><w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr>`, x.size, x.size)
	}
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			x.b.WriteString(`<w:br/>`)
		}
		x.b.WriteString(`<w:t xml:space="preserve">` + escape(line) + `</w:t>`)
	}
	x.b.WriteString(`</w:r>`)
}

// table writes a table: its title as a caption, a header row that repeats
// after a page break, numbers on the right, the tree's levels indented,
// and its notes under it. A table too wide for the page in the table
// style's size is set a size smaller.
func (x *docxWriter) table(t *document.Table) {
	if t.Title != "" {
		x.para(styleCaption, t.Title)
	}
	if t.Unit != "" {
		x.paraProps(styleTableText, `<w:keepNext/><w:jc w:val="right"/>`)
		x.run(t.Unit)
		x.b.WriteString(`</w:p>`)
	}
	size := tableSize
	body := bodyWTwips
	if x.wide {
		body = wideBodyWTwips
	}
	widths, _ := columnWidths(t, size, body)
	em := size * 10 // twips
	x.b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="` + escape(x.ids[styleTableGrid]) + `"/>`)
	fmt.Fprintf(&x.b, `<w:tblW w:w="%d" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="45" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="45" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>`, body)
	for _, w := range widths {
		fmt.Fprintf(&x.b, `<w:gridCol w:w="%d"/>`, w)
	}
	x.b.WriteString(`</w:tblGrid>`)
	// The header row repeats on every page, shaded the PDF's grey.
	x.b.WriteString(`<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>`)
	for i, c := range t.Columns {
		x.cell(widths[i], `<w:shd w:val="clear" w:color="auto" w:fill="EBEBEB"/><w:vAlign w:val="center"/>`, styleTableHeading, "", c)
	}
	x.b.WriteString(`</w:tr>`)
	for _, row := range t.Rows {
		if rowLines(row, widths, float64(em)) <= maxKeptLines {
			x.b.WriteString(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
		} else {
			x.b.WriteString(`<w:tr>`)
		}
		for i, c := range row {
			if i >= len(widths) {
				break
			}
			more := ""
			if c.Kind != document.Text {
				more = `<w:jc w:val="right"/>`
			}
			if c.Indent > 0 {
				more += fmt.Sprintf(`<w:ind w:left="%d"/>`, c.Indent*em/2)
			}
			x.cell(widths[i], `<w:vAlign w:val="center"/>`, styleTableText, more, c.Text)
		}
		x.b.WriteString(`</w:tr>`)
	}
	x.b.WriteString(`</w:tbl>`)
	for _, n := range t.Notes {
		x.para(styleNote, n)
	}
	// space after every table
	x.b.WriteString(`<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr></w:p>`)
}

// contents writes the table of contents: its heading, a TOC field over
// heading levels 1–2 (Word and WPS update it on opening; its text until
// then lists the headings), and the end of the unnumbered front section.
func (x *docxWriter) contents(title string, blocks []document.Block) {
	x.paraProps(styleTitle, "")
	x.run(title)
	x.b.WriteString(`</w:p>`)
	var entries []document.Block
	for _, b := range blocks {
		if b.Kind == document.Heading && b.Level <= 2 {
			entries = append(entries, b)
		}
	}
	// The cover and the contents are a section of their own, with no
	// footer, ending with the field's last paragraph; the body's section
	// goes on counting the pages from the cover.
	end := x.sectPr(false, false)
	for i, b := range entries {
		style, more := styleContents1, ""
		if b.Level == 2 {
			style = styleContents2
		}
		if i == len(entries)-1 {
			more = end
		}
		x.paraProps(style, more)
		if i == 0 {
			x.b.WriteString(`<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-2" \h \z \u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`)
		}
		x.run(b.Text)
		if i == len(entries)-1 {
			x.b.WriteString(`<w:r><w:fldChar w:fldCharType="end"/></w:r>`)
		}
		x.b.WriteString(`</w:p>`)
	}
	if len(entries) == 0 {
		x.b.WriteString(`<w:p><w:pPr>` + end + `</w:pPr></w:p>`)
	}
}

func (x *docxWriter) cell(width int, cellProps, style, paraProps, text string) {
	fmt.Fprintf(&x.b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>%s</w:tcPr>`, width, cellProps)
	x.paraProps(style, paraProps)
	x.run(text)
	x.b.WriteString(`</w:p></w:tc>`)
}

// columnWidths fits a table's columns to the page as the PDF does, for
// text of a size in half-points: whole twips that add up to the body's
// width. fits says whether every column has its natural width.
func columnWidths(t *document.Table, size, bodyW int) (widths []int, fits bool) {
	em := float64(size * 10) // twips
	texts := make([][]string, len(t.Rows))
	for r, row := range t.Rows {
		for _, c := range row {
			texts[r] = append(texts[r], c.Text)
		}
	}
	lineWidth := func(line string) float64 { return docxLineWidth(line, em) }
	pad := cellPadTwips + em/2
	measure := func(s string) float64 {
		w := 0.0
		for _, line := range strings.Split(s, "\n") {
			w = max(w, lineWidth(line))
		}
		return w + pad
	}
	natural, flexible := naturalWidths(t, t.Columns, texts, measure, em/2)
	total := sum(natural)
	fitted := fitColumns(natural, flexible, float64(bodyW), 3*em)
	if total > float64(bodyW) {
		indent := func(r, i int) float64 { return float64(t.Rows[r][i].Indent) * em / 2 }
		fitted = balanceColumns(fitted, natural, flexible, 3*em, em, pad, t.Columns, texts, indent, lineWidth)
	}
	widths = make([]int, len(fitted))
	sum := 0
	for i, w := range fitted {
		widths[i] = int(w)
		sum += widths[i]
	}
	widths[len(widths)-1] += bodyW - sum
	return widths, total <= float64(bodyW)
}

// docxLineWidth is a line's width in twips, its East-Asian characters a
// full em and the others half.
func docxLineWidth(line string, em float64) float64 {
	w := 0.0
	for _, r := range line {
		if wide(r) {
			w += em
		} else {
			w += em / 2
		}
	}
	return w
}

// maxKeptLines is the most lines a table row may have and still be kept
// whole on a page (cantSplit): a taller row may break, since Word and
// LibreOffice cut off a row that must stay whole but is taller than the
// page.
const maxKeptLines = 10

// rowLines estimates the lines the tallest cell of a row takes at the
// columns' widths.
func rowLines(row []document.Cell, widths []int, em float64) int {
	n := 1
	for i, c := range row {
		if i >= len(widths) {
			break
		}
		room := float64(widths[i]) - cellPadTwips - em/2 - float64(c.Indent)*em/2
		lines := 0
		for _, line := range strings.Split(c.Text, "\n") {
			lines += max(1, int(math.Ceil(docxLineWidth(line, em)/max(room, em))))
		}
		n = max(n, lines)
	}
	return n
}

// footerPart writes the footer, its page fields standing for {page} and
// {pages}, and returns its relationship's ID.
func (x *docxWriter) footerPart(footer string) string {
	var f strings.Builder
	f.WriteString(xmlHeader + `<w:ftr ` + wordNamespaces + `>`)
	fx := &docxWriter{ids: x.ids}
	fx.paraProps(styleFooter, `<w:jc w:val="center"/>`)
	last := 0
	for _, m := range pageFields().FindAllStringIndex(footer, -1) {
		fx.run(footer[last:m[0]])
		// Pages are counted from the cover, which shows no number:
		// SECTIONPAGES would count the body's alone, but LibreOffice
		// does not compute it and prints the value written here.
		field := "PAGE"
		if footer[m[0]:m[1]] == "{pages}" {
			field = "NUMPAGES"
		}
		fx.b.WriteString(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ` + field + ` </w:instrText></w:r>` +
			`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`)
		last = m[1]
	}
	fx.run(footer[last:])
	fx.b.WriteString(`</w:p>`)
	f.WriteString(fx.b.String() + `</w:ftr>`)
	x.pkg.put("word/footer1.xml", []byte(f.String()), typeFooter)
	return x.pkg.relate(relFooter, "footer1.xml")
}

// sectPr is the properties of the section they end: A4 upright or lying
// sideways, the margins, and the footer where numbered (each numbered
// section names it: one that did not would take the section's before).
func (x *docxWriter) sectPr(wide, numbered bool) string {
	ref := ""
	if numbered && x.footer != "" {
		ref = `<w:footerReference w:type="default" r:id="` + x.footer + `"/>`
	}
	if wide {
		return fmt.Sprintf(`<w:sectPr>%s<w:pgSz w:w="%d" w:h="%d" w:orient="landscape"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="851" w:footer="850" w:gutter="0"/></w:sectPr>`,
			ref, pageHTwips, pageWTwips, wideMarginTop, marginRight, wideMarginBottom, marginLeft)
	}
	return fmt.Sprintf(`<w:sectPr>%s<w:pgSz w:w="%d" w:h="%d"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>`,
		ref, pageWTwips, pageHTwips, marginTop, marginRight, marginBottom, marginLeft)
}

// pageFields are the page number and count in a document's footer.
var pageFields = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\{pages?\}`) })
