package render

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/perfeval/perfeval/internal/document"
	"github.com/perfeval/perfeval/internal/third_party/fpdf"
	"github.com/perfeval/perfeval/templates"
)

// Page geometry, in millimetres: A4 with the margins of GB/T 9704
// (top 37, bottom 35, left 28, right 26). A page turned sideways for a
// wide table keeps the left and right margins and has top 28, bottom 26.
const (
	pageW      = 210.0
	pageH      = 297.0
	pdfTop     = 37.0
	marginL    = 28.0
	marginR    = 26.0
	bottom     = 35.0 // the bottom margin; the footer is drawn inside it
	bodyW      = pageW - marginL - marginR
	wideTop    = 28.0
	wideBottom = 26.0
	wideBodyW  = pageH - marginL - marginR
	cellPad    = 1.6
	fontFamily = "wqy"
	// serifFamily is the body font (templates.SerifFont).
	serifFamily = "serif"
	// kaiFamily is the 楷体 of second-level headings (templates.KaiFont).
	kaiFamily = "kai"
)

// margin is the left edge of the body.
const margin = marginL

// Font sizes, in points: the body 四号 (14 pt) with a two-character first
// line indent, headings 三号 (16 pt), tables 五号 (10.5 pt) throughout.
// The one embedded font has no bold face; headings stand out by size and
// by the space around them, in black as GB/T 9704 prints them.
const (
	sizeTitle = 22.0
	sizeCover = 16.0
	sizeH1    = 16.0
	sizeH2    = 15.0
	sizeH3    = 14.0
	sizeBody  = 14.0
	sizeTable = 10.5
	sizeSmall = 10.5
	leading   = 1.75 // line height ÷ font size: fixed line spacing
)

// fixedDate is written as the PDF's creation and modification date, so that
// the same inputs give the same bytes.
var fixedDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// replacement is drawn for a character the font lacks.
const replacement = '□'

// equivalents are drawn for characters the font lacks but has a twin of.
var equivalents = map[rune]rune{'⩾': '≥', '⩽': '≤', '\u00a0': ' ', '\u3000': ' '}

// A page is a PDF under construction with the report's house style.
type page struct {
	pdf     *fpdf.Fpdf
	missing map[rune]bool
	notes   []string // characters replaced, for the warnings
	layouts map[*document.Table]tableLayout
	// A report with a table of contents is drawn twice: the first pass
	// finds the page of every heading, the second prints them.
	headings  []tocEntry
	bodyStart int     // the first page that shows its number; 0: every page does
	front     bool    // the document has a cover and contents, showing no number
	family    string  // the face lines are set in; "": the report font
	keep      float64 // millimetres the last line written keeps with it on its page (the next block's start)
	// The page's geometry: upright, or lying sideways (wide).
	wide bool
	w    float64 // the body's width
	end  float64 // where the body ends, from the top
}

// A tocEntry is a heading of the table of contents and its page.
type tocEntry struct {
	level int
	text  string
	page  int // the page's number, counted from the cover
}

// writePDF draws a document on A4 pages and returns the warnings met while
// drawing it (characters the font lacks). A document with a Contents
// block is laid out once to find its headings' pages, then drawn with them.
func writePDF(w io.Writer, d *document.Document) ([]string, error) {
	var p *page
	if slices.ContainsFunc(d.Blocks, func(b document.Block) bool { return b.Kind == document.Contents }) {
		first := drawPDF(d, nil)
		if err := first.pdf.Error(); err != nil {
			return nil, err
		}
		p = drawPDF(d, first.headings)
	} else {
		p = drawPDF(d, nil)
	}
	if err := p.pdf.Error(); err != nil {
		return nil, err
	}
	if err := p.pdf.Output(w); err != nil {
		return nil, err
	}
	return p.notes, nil
}

// drawPDF lays a document out: toc gives the headings' pages (nil on the
// first pass).
func drawPDF(d *document.Document, toc []tocEntry) *page {
	p := newPage(d.Title, d.Footer, cmp.Or(d.Date, fixedDate))
	p.front = slices.ContainsFunc(d.Blocks, func(b document.Block) bool { return b.Kind == document.Contents })
	pr := d.Properties
	if pr.Creator != "" {
		p.pdf.SetCreator(p.clean(pr.Creator), true)
	}
	if pr.Subject != "" {
		p.pdf.SetSubject(p.clean(pr.Subject), true)
	}
	if pr.Description != "" {
		p.pdf.SetKeywords(p.clean(pr.Description), true)
	}
	p.pdf.AddPage()
	cover := len(d.Blocks) > 0 && d.Blocks[0].Kind == document.Paragraph && d.Blocks[0].Style == document.Cover
	if cover {
		p.pdf.SetY(75)
	}
	if d.Title != "" {
		p.title(d.Title)
	}
	for _, l := range d.Lines {
		p.para(l, sizeBody)
	}
	if len(d.Lines) > 0 {
		p.space(3)
	}
	for i, b := range d.Blocks {
		p.keep = 0
		if d.KeepsWithNext(i) {
			p.keep = p.startHeight(d.Blocks[i+1])
		}
		switch b.Kind {
		case document.Heading:
			p.heading(b.Level, b.Text)
		case document.Paragraph:
			switch b.Style {
			case document.Cover:
				p.cover(b.Text)
			case document.Note:
				p.lines(b.Text, sizeSmall, "L", 0)
			case document.Signature:
				p.space(signatureGap)
				p.lines(b.Text, sizeBody, "R", 0) // startHeight
			case document.Placeholder:
				p.pdf.SetTextColor(192, 0, 0)
				p.body(b.Text)
				p.pdf.SetTextColor(0, 0, 0)
			default:
				p.body(b.Text)
			}
		case document.Contents:
			if toc == nil {
				// The first pass: the same entries, their pages not yet known.
				for _, h := range d.Blocks {
					if h.Kind == document.Heading {
						toc = append(toc, tocEntry{level: h.Level, text: p.clean(h.Text)})
					}
				}
			}
			p.contents(b.Text, toc)
		case document.TableBlock:
			p.table(b.Table)
		case document.ChartBlock:
			p.barChart(b.Chart)
		case document.Gap:
			p.space(2)
		case document.PageBreak:
			p.turn(b.Style == document.Landscape)
		}
	}
	// The font's notes are known only once everything else is drawn.
	for _, n := range append(slices.Clone(d.Warnings), p.notes...) {
		p.lines(d.WarningLabel+"："+n, sizeSmall, "L", 0)
	}
	return p
}

// newPage starts a PDF. The footer is the document's, with {page} and
// {pages} standing for the page number and the page count; date is the
// creation date written. Pages are counted from the first, as Word counts
// them with its PAGE and NUMPAGES fields, so a report reads the same in
// both; a cover and contents show no number.
func newPage(title, footer string, date time.Time) *page {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(true)
	pdf.SetCreationDate(date)
	pdf.SetModificationDate(date)
	pdf.SetCatalogSort(true)
	pdf.AddUTF8FontFromBytes(fontFamily, "", templates.Font)
	pdf.AddUTF8FontFromBytes(serifFamily, "", templates.SerifFont)
	pdf.AddUTF8FontFromBytes(kaiFamily, "", templates.KaiFont)
	pdf.SetMargins(marginL, pdfTop, marginR)
	pdf.SetAutoPageBreak(false, bottom)
	pdf.AliasNbPages("{nb}")
	p := &page{pdf: pdf, missing: map[rune]bool{}, layouts: map[*document.Table]tableLayout{}, w: bodyW, end: pageH - bottom}
	pdf.SetTitle(p.clean(title), true)
	pdf.SetCreator("perfeval", true)
	if footer != "" {
		pdf.SetFooterFunc(func() {
			n := pdf.PageNo()
			if p.front && (p.bodyStart == 0 || n < p.bodyStart) {
				return // the cover and the contents show no number
			}
			text := strings.NewReplacer("{page}", fmt.Sprint(n), "{pages}", "{nb}").Replace(footer)
			pdf.SetY(p.end + 10)
			pdf.SetFont(fontFamily, "", sizeSmall+1.5)
			pdf.CellFormat(0, 5, p.clean(text), "", 0, "C", false, 0, "")
		})
	}
	return p
}

// clean makes s drawable: a character the font lacks (an emoji, an
// ideograph beyond U+FFFF) becomes a visible □ and is noted once.
func (p *page) clean(s string) string {
	if strings.ContainsAny(s, "\r\t") {
		s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\t", " ").Replace(s)
	}
	ok := true
	for _, r := range s {
		if !Covers(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case Covers(r):
			b.WriteRune(r)
		case Covers(equivalents[r]) && equivalents[r] != 0:
			b.WriteRune(equivalents[r])
		default:
			b.WriteRune(replacement)
			if !p.missing[r] {
				p.missing[r] = true
				p.notes = append(p.notes, fmt.Sprintf("the report font has no %U %q (in %q); it is drawn as %c", r, r, snippet(s, r), replacement))
			}
		}
	}
	return b.String()
}

func snippet(s string, r rune) string {
	rs := []rune(s)
	for i, c := range rs {
		if c == r {
			return string(rs[max(0, i-8):min(len(rs), i+9)])
		}
	}
	return s
}

// indentStep is a table cell's indent for each level of the indicator
// tree, in millimetres.
const indentStep = 3.0

// signatureGap is the space above the 落款, in millimetres.
const signatureGap = 6

// startHeight is how much of a page the beginning of block b needs, which
// the block before it keeps with (Document.KeepsWithNext): the whole 落款,
// a table's title, header and first row, a whole chart.
func (p *page) startHeight(b document.Block) float64 {
	switch b.Kind {
	case document.TableBlock:
		return p.tableStart(b.Table)
	case document.ChartBlock:
		return chartHeight(b.Chart)
	}
	// The 落款: the gap above it and a line for each of its lines, which
	// are short and set right.
	return signatureGap + float64(strings.Count(b.Text, "\n")+1)*p.lineH(sizeBody)
}

func (p *page) lineH(size float64) float64 { return size * 0.3528 * leading }

func (p *page) room() float64 { return p.end - p.pdf.GetY() }

// ensure starts a new page unless h millimetres fit on this one.
func (p *page) ensure(h float64) {
	if p.room() < h {
		p.addPage()
	}
}

// top is where the page's body begins.
func (p *page) top() float64 {
	if p.wide {
		return wideTop
	}
	return pdfTop
}

// addPage starts a page, lying as the one before.
func (p *page) addPage() {
	if p.wide {
		p.pdf.AddPageFormat("L", fpdf.SizeType{Wd: pageW, Ht: pageH})
	} else {
		p.pdf.AddPage()
	}
}

// turn starts a page upright or lying sideways, and the pages after it
// lie the same way. The footer of the page before is drawn as the new
// page starts, so the geometry changes after.
func (p *page) turn(wide bool) {
	p.wide = wide
	p.pdf.SetMargins(marginL, p.top(), marginR)
	p.addPage()
	p.w, p.end = bodyW, pageH-bottom
	if wide {
		p.w, p.end = wideBodyW, pageW-wideBottom
	}
}

func (p *page) space(h float64) {
	if p.room() > h {
		p.pdf.SetY(p.pdf.GetY() + h)
	}
}

// para writes wrapped text at the given size, breaking pages as needed.
func (p *page) para(s string, size float64) { p.lines(s, size, "L", 0) }

// body writes body paragraphs: 四号, each first line indented two
// characters, in the serif body font where it has every character (else
// in the report font, as the rest).
func (p *page) body(s string) {
	if serifCovers(s) {
		p.family = serifFamily
		defer func() { p.family = "" }()
	}
	p.lines(s, sizeBody, "L", 2*sizeBody*0.3528)
}

// lines writes text wrapped to the body width, one paragraph per line
// break, aligned "L", "C" or "R", the first line of each indented by
// indent millimetres, starting a new page when a line does not fit.
func (p *page) lines(s string, size float64, align string, indent float64) {
	pdf := p.pdf
	pdf.SetFont(cmp.Or(p.family, fontFamily), "", size)
	lh := p.lineH(size)
	paragraphs := strings.Split(p.clean(s), "\n")
	for k, paragraph := range paragraphs {
		var lines []string
		switch {
		case align == "C":
			lines = p.balanced(paragraph, p.w)
		case indent > 0:
			lines = p.indented(paragraph, indent)
		default:
			lines = p.split(paragraph, p.w)
		}
		for i, line := range lines {
			if last := i == len(lines)-1 && k == len(paragraphs)-1; last && p.keep > 0 {
				p.ensure(lh + p.keep)
			} else {
				p.ensure(lh)
			}
			x, w := margin, p.w
			if i == 0 && indent > 0 {
				x, w = margin+indent, p.w-indent
			}
			pdf.SetX(x)
			pdf.CellFormat(w, lh, line, "", 1, align, false, 0, "")
		}
	}
}

// indented wraps a paragraph whose first line is indent millimetres
// narrower than the rest.
func (p *page) indented(s string, indent float64) []string {
	first := p.split(s, p.w-indent)
	if len(first) < 2 || !strings.HasPrefix(s, first[0]) {
		return first
	}
	rest := strings.TrimLeft(strings.TrimPrefix(s, first[0]), " ")
	return append([]string{first[0]}, p.split(rest, p.w)...)
}

// split wraps s to width w at the current font (breakLines), a closing
// mark hanging past the edge rather than starting a line.
func (p *page) split(s string, w float64) []string {
	return breakLines(s, w-2*p.pdf.GetCellMargin(), func(r rune) float64 { return p.pdf.GetStringWidth(string(r)) }, true)
}

// balanced wraps s into as few lines as split does at width w, but each
// as long as the others, so that a centred title does not leave a
// character or two alone on its last line: the narrowest width that
// keeps the count of lines, found by halving.
func (p *page) balanced(s string, w float64) []string {
	lines := p.split(s, w)
	if len(lines) < 2 {
		return lines
	}
	lo, hi := 0.0, w
	for range 20 {
		mid := (lo + hi) / 2
		if len(p.split(s, mid)) == len(lines) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return p.split(s, hi)
}

func (p *page) title(s string) {
	p.lines(s, sizeTitle, "C", 0)
	p.space(6)
}

// cover draws the cover lines as a block in the lower half of the first
// page; the body starts on the next.
func (p *page) cover(s string) {
	pdf := p.pdf
	pdf.SetY(max(pdf.GetY(), 150))
	pdf.SetFont(fontFamily, "", sizeCover)
	lh := p.lineH(sizeCover)
	for _, line := range strings.Split(p.clean(s), "\n") {
		for _, l := range p.split(line, p.w-30) {
			p.ensure(lh)
			pdf.SetX(margin + 20)
			pdf.CellFormat(p.w-30, lh, l, "", 1, "L", false, 0, "")
		}
	}
	pdf.AddPage()
}

// contents prints the table of contents (first and second level
// headings with their pages, dotted) on pages of its own; the page after
// it is the first to show its number.
func (p *page) contents(title string, toc []tocEntry) {
	pdf := p.pdf
	p.lines(title, sizeH1, "C", 0)
	p.space(4)
	pdf.SetFont(fontFamily, "", sizeBody)
	lh := p.lineH(sizeBody)
	numW := pdf.GetStringWidth("0000")
	for _, e := range toc {
		if e.level > 2 {
			continue
		}
		indent := float64(e.level-1) * 2 * sizeBody * 0.3528
		text := p.clean(e.text)
		lines := p.split(text, p.w-indent-numW-4)
		for i, l := range lines {
			p.ensure(lh)
			y := pdf.GetY()
			pdf.SetX(margin + indent)
			pdf.CellFormat(p.w-indent-numW, lh, l, "", 0, "L", false, 0, "")
			if i == len(lines)-1 {
				// dot leaders from the text to the page number
				from := margin + indent + pdf.GetStringWidth(l) + 2*pdf.GetCellMargin() + 1
				to := margin + p.w - numW - 1
				dot := pdf.GetStringWidth("·")
				for x := from; x+dot <= to; x += dot * 1.5 {
					pdf.Text(x, y+lh*0.65, "·")
				}
				pdf.SetXY(margin+p.w-numW, y)
				pdf.CellFormat(numW, lh, fmt.Sprint(e.page), "", 0, "R", false, 0, "")
			}
			pdf.SetXY(margin, y+lh)
		}
	}
	pdf.AddPage()
	p.bodyStart = pdf.PageNo()
}

// heading draws a heading of level 1 to 3 — black, larger than the body
// and set apart by space, kept with what follows — adds a bookmark for it
// and notes its page for the table of contents.
func (p *page) heading(level int, s string) {
	size, before, keep := sizeH3, 2.0, 30.0
	switch level {
	case 1:
		size, before, keep = sizeH1, 5.0, 45.0
	case 2:
		size, before = sizeH2, 3.0
	}
	p.space(before)
	p.ensure(keep) // a heading is never left alone at the foot of a page
	pdf := p.pdf
	pdf.SetFont(fontFamily, "", size)
	indent := 0.0
	if level > 1 {
		indent = 2 * sizeBody * 0.3528
	}
	text := p.clean(s)
	p.headings = append(p.headings, tocEntry{level: level, text: text, page: pdf.PageNo()})
	pdf.Bookmark(text, min(level, 3)-1, -1)
	if level == 2 && kaiFace.all(s) {
		p.family = kaiFamily // （一）… in 楷体, as GB/T 9704 sets them
		// The 楷体 has no bold face, and its strokes are thin beside the
		// body's serif: its outline is stroked too, as the DOCX's heading
		// 2 is bold.
		width := pdf.GetLineWidth()
		r, g, b := pdf.GetDrawColor()
		pdf.SetTextRenderingMode(2)
		pdf.SetLineWidth(0.15)
		pdf.SetDrawColor(0, 0, 0)
		defer func() {
			p.family = ""
			pdf.SetTextRenderingMode(0)
			pdf.SetLineWidth(width)
			pdf.SetDrawColor(r, g, b)
		}()
	}
	p.lines(s, size, "L", indent)
	p.space(1)
}

// table draws a report table across the body width: numbers right-aligned,
// long text wrapped inside its cell, the header repeated after a page break.
func (p *page) table(t *document.Table) {
	if len(t.Columns) == 0 {
		return
	}
	if len(t.Rows) == 0 && len(t.Notes) > 0 {
		for _, n := range t.Notes {
			p.para(n, sizeBody)
		}
		return
	}
	pdf := p.pdf
	lh := p.lineH(sizeTable) * 0.8
	l := p.layout(t)
	header, rows, widths := l.header, l.rows, l.widths
	p.ensure(p.tableStart(t))
	if t.Title != "" {
		p.space(2)
		p.lines(t.Title, sizeTable+1.5, "C", 0)
	}
	if t.Unit != "" {
		p.lines(t.Unit, sizeTable, "R", 0)
	}
	pdf.SetFont(fontFamily, "", sizeTable)
	p.headerRow(header, widths, lh)
	for r, row := range rows {
		// The last row (a total) never stands alone under a repeated
		// header: the row before goes over with it.
		if r > 0 && r == len(rows)-2 {
			h := float64(p.rowLines(row, t.Rows[r], widths)+p.rowLines(rows[r+1], t.Rows[r+1], widths))*lh + 4*cellPad
			if h > p.room() && h < (p.end-p.top())/2 {
				p.addPage()
				pdf.SetFont(fontFamily, "", sizeTable)
				p.headerRow(header, widths, lh)
			}
		}
		p.row(row, t.Rows[r], widths, lh, header)
	}
	for _, n := range t.Notes {
		p.para(n, sizeSmall)
	}
	p.space(5) // space after every table
}

// A tableLayout is a table as the PDF draws it: its header and cells
// cleaned for the fonts, and its columns' widths.
type tableLayout struct {
	header []string
	rows   [][]string
	widths []float64
}

// layout lays a table out once, for the block before it (startHeight) and
// for drawing it.
func (p *page) layout(t *document.Table) tableLayout {
	if l, ok := p.layouts[t]; ok {
		return l
	}
	p.pdf.SetFont(fontFamily, "", sizeTable)
	l := tableLayout{header: make([]string, len(t.Columns)), rows: make([][]string, len(t.Rows))}
	for i, c := range t.Columns {
		l.header[i] = p.clean(c)
	}
	for r, row := range t.Rows {
		l.rows[r] = make([]string, len(row))
		for i, c := range row {
			l.rows[r][i] = p.clean(c.Text)
		}
	}
	l.widths = p.columnWidths(t, l.header, l.rows)
	p.layouts[t] = l
	return l
}

// tableStart is what a table's beginning needs of a page: the title and
// the unit are kept with the header and the first row (or as much of it
// as a page holds).
func (p *page) tableStart(t *document.Table) float64 {
	if len(t.Columns) == 0 || len(t.Rows) == 0 {
		return 0
	}
	l := p.layout(t)
	p.pdf.SetFont(fontFamily, "", sizeTable)
	first := p.rowLines(l.rows[0], t.Rows[0], l.widths)
	above := 0.0
	if t.Title != "" {
		above += 2 + p.lineH(sizeTable+1.5)
	}
	if t.Unit != "" {
		above += p.lineH(sizeTable)
	}
	return min(above+float64(first+2)*p.lineH(sizeTable)*0.8+4*cellPad, p.end-p.top()-20)
}

// rowLines is the lines the tallest cell of a row takes.
func (p *page) rowLines(cells []string, kinds []document.Cell, widths []float64) int {
	n := 1
	for i, c := range cells {
		if i < len(widths) {
			n = max(n, len(p.split(c, widths[i]-float64(kinds[i].Indent)*indentStep)))
		}
	}
	return n
}

// row draws one table row, its long cells wrapped. A row that does not fit
// on the page moves to the next one (under the header drawn again); a row
// taller than a page is split across pages.
func (p *page) row(cells []string, kinds []document.Cell, widths []float64, lh float64, header []string) {
	pdf := p.pdf
	lines := make([][]string, len(cells))
	indents := make([]float64, len(cells))
	aligns := make([]string, len(cells))
	n := 1
	for i, c := range cells {
		indents[i] = float64(kinds[i].Indent) * indentStep
		lines[i] = p.split(c, widths[i]-indents[i])
		n = max(n, len(lines[i]))
		aligns[i] = "L"
		if kinds[i].Kind != document.Text || kinds[i].Text == "—" {
			aligns[i] = "R"
		}
	}
	pageRoom := p.end - p.top() - 2*lh - 4*cellPad // below a repeated header
	for start := 0; start < n && !pdf.Err(); {
		fit := int(math.Floor((p.room() - 2*cellPad) / lh))
		rest := n - start
		if fit < rest && (fit < 1 || start == 0 && float64(rest)*lh+2*cellPad <= pageRoom) {
			p.addPage()
			pdf.SetFont(fontFamily, "", sizeTable)
			p.headerRow(header, widths, lh)
			continue
		}
		k := min(rest, fit)
		p.band(lines, widths, indents, aligns, start, k, lh, false)
		start += k
	}
}

// headerRow draws the table's header: shaded, centred, wrapped.
func (p *page) headerRow(header []string, widths []float64, lh float64) {
	lines := make([][]string, len(header))
	aligns := make([]string, len(header))
	n := 1
	for i, c := range header {
		lines[i] = p.split(c, widths[i])
		aligns[i] = "C"
		n = max(n, len(lines[i]))
	}
	p.band(lines, widths, make([]float64, len(header)), aligns, 0, n, lh, true)
}

// band draws lines [start, start+k) of every cell of a row as one strip of
// boxes, shaded when fill is set, and moves below it.
func (p *page) band(lines [][]string, widths, indents []float64, aligns []string, start, k int, lh float64, fill bool) {
	pdf := p.pdf
	style := "D"
	if fill {
		pdf.SetFillColor(235, 235, 235)
		style = "FD"
	}
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetLineWidth(0.2)
	h := float64(k)*lh + 2*cellPad
	x, y := margin, pdf.GetY()
	for i := range lines {
		pdf.Rect(x, y, widths[i], h, style)
		for j := start; j < start+k && j < len(lines[i]); j++ {
			pdf.SetXY(x+indents[i], y+cellPad+float64(j-start)*lh)
			pdf.CellFormat(widths[i]-indents[i], lh, lines[i][j], "", 0, aligns[i], false, 0, "")
		}
		x += widths[i]
	}
	pdf.SetXY(margin, y+h)
}

// columnWidths gives every column its natural width when they all fit.
// Otherwise numbers keep their width and the text columns share the rest
// fairly: a column narrower than its share keeps its natural width, and
// the widest ones (a trace, a reason) wrap; then the shares move to where
// they make the table shortest (balanceColumns).
func (p *page) columnWidths(t *document.Table, header []string, rows [][]string) []float64 {
	pad := 2*p.pdf.GetCellMargin() + 1
	natural, flexible := naturalWidths(t, header, rows, func(s string) float64 { return p.pdf.GetStringWidth(s) + pad }, indentStep)
	widths := fitColumns(natural, flexible, p.w, 10)
	if sum(natural) > p.w {
		indent := func(r, i int) float64 { return float64(t.Rows[r][i].Indent) * indentStep }
		widths = balanceColumns(widths, natural, flexible, 10, p.pdf.GetStringWidth("中"), pad, header, rows, indent, p.pdf.GetStringWidth)
	}
	return widths
}

// A chart's bars: their height and the gap between them, in millimetres.
const (
	chartBarH = 6.0
	chartGap  = 3.0
)

// chartHeight is the height a chart takes, its scale and title included.
func chartHeight(c *document.Chart) float64 {
	return float64(len(c.Bars))*(chartBarH+chartGap) + 22
}

// barChart draws horizontal bars of 得分率 with a 0–100% scale.
func (p *page) barChart(c *document.Chart) {
	bars := c.Bars
	pdf := p.pdf
	const labelW = 38.0
	barH, gap := chartBarH, chartGap
	areaW := p.w - labelW - 18
	p.ensure(chartHeight(c))
	y0 := pdf.GetY() + 2
	pdf.SetFont(fontFamily, "", sizeSmall)
	pdf.SetDrawColor(200, 200, 200)
	for i := 0; i <= 5; i++ {
		x := margin + labelW + areaW*float64(i)/5
		pdf.Line(x, y0, x, y0+float64(len(bars))*(barH+gap))
		pdf.SetXY(x-8, y0+float64(len(bars))*(barH+gap)+0.5)
		pdf.CellFormat(16, 4, fmt.Sprintf("%d%%", i*20), "", 0, "C", false, 0, "")
	}
	for i, b := range bars {
		y := y0 + float64(i)*(barH+gap) + gap/2
		pdf.SetFont(fontFamily, "", sizeTable)
		pdf.SetTextColor(0, 0, 0)
		pdf.SetXY(margin, y)
		label := p.clean(b.Label)
		for pdf.GetStringWidth(label) > labelW-3 && len([]rune(label)) > 1 {
			label = string([]rune(label)[:len([]rune(label))-2]) + "…"
		}
		pdf.CellFormat(labelW-2, barH, label, "", 0, "R", false, 0, "")
		// The rate becomes a length here, and only here.
		w := areaW * math.Max(0, math.Min(b.Rate.InexactFloat64(), 1))
		pdf.SetFillColor(68, 114, 196)
		if w > 0 {
			pdf.Rect(margin+labelW, y, w, barH, "F")
		}
		pdf.SetXY(margin+labelW+w+1, y)
		pdf.CellFormat(18, barH, document.Pct(b.Rate).Text, "", 0, "L", false, 0, "")
	}
	pdf.SetY(y0 + float64(len(bars))*(barH+gap) + 6)
	pdf.SetFont(fontFamily, "", sizeSmall)
	pdf.SetX(margin)
	pdf.CellFormat(p.w, 5, p.clean(c.Title), "", 1, "C", false, 0, "")
	p.space(3)
}
