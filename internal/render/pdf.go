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

// Page geometry, in millimetres (A4).
const (
	pageW      = 210.0
	pageH      = 297.0
	margin     = 20.0
	bottom     = 18.0 // space kept for the footer
	bodyW      = pageW - 2*margin
	cellPad    = 1.2
	fontFamily = "wqy"
)

// Font sizes, in points. Headings stand out by size, colour and a rule,
// since the font has no bold face.
const (
	sizeTitle = 20.0
	sizeH1    = 14.0
	sizeH2    = 12.0
	sizeH3    = 11.0
	sizeBody  = 10.5
	sizeTable = 9.0
	sizeSmall = 8.5
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
}

// writePDF draws a document on A4 pages and returns the warnings met while
// drawing it (characters the font lacks).
func writePDF(w io.Writer, d *document.Document) ([]string, error) {
	p := newPage(d.Title, d.Footer, cmp.Or(d.Date, fixedDate))
	p.pdf.AddPage()
	if d.Title != "" {
		p.title(d.Title)
	}
	for _, l := range d.Lines {
		p.para(l, sizeBody)
	}
	if len(d.Lines) > 0 {
		p.space(3)
	}
	for _, b := range d.Blocks {
		switch b.Kind {
		case document.Heading:
			switch b.Level {
			case 1:
				p.h1(b.Text)
			case 2:
				p.h2(b.Text, sizeH2)
			default:
				p.h2(b.Text, sizeH3)
			}
		case document.Paragraph:
			size := sizeBody
			if b.Style == document.Note {
				size = sizeSmall
			}
			p.para(b.Text, size)
			if b.Style == document.Cover {
				p.space(4)
			}
		case document.TableBlock:
			if b.Table.Title != "" {
				p.h2(b.Table.Title, sizeH2)
			}
			p.table(b.Table)
		case document.ChartBlock:
			p.barChart(b.Chart)
		case document.Gap:
			p.space(2)
		}
	}
	// The font's notes are known only once everything else is drawn.
	for _, n := range append(slices.Clone(d.Warnings), p.notes...) {
		p.para(d.WarningLabel+"："+n, sizeSmall)
	}
	if err := p.pdf.Error(); err != nil {
		return nil, err
	}
	if err := p.pdf.Output(w); err != nil {
		return nil, err
	}
	return p.notes, nil
}

// newPage starts a PDF. The footer is the document's, with {page} and
// {pages} standing for the page number and the page count.
func newPage(title, footer string, date time.Time) *page {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(true)
	pdf.SetCreationDate(date)
	pdf.SetModificationDate(date)
	pdf.SetCatalogSort(true)
	pdf.AddUTF8FontFromBytes(fontFamily, "", templates.Font)
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(false, bottom)
	pdf.AliasNbPages("{nb}")
	p := &page{pdf: pdf, missing: map[rune]bool{}}
	pdf.SetTitle(p.clean(title), true)
	pdf.SetCreator("perfeval", true)
	if footer != "" {
		pdf.SetFooterFunc(func() {
			text := strings.NewReplacer("{page}", fmt.Sprint(pdf.PageNo()), "{pages}", "{nb}").Replace(footer)
			pdf.SetY(pageH - 12)
			pdf.SetFont(fontFamily, "", sizeSmall)
			pdf.SetTextColor(100, 100, 100)
			pdf.CellFormat(0, 5, p.clean(text), "", 0, "C", false, 0, "")
			pdf.SetTextColor(0, 0, 0)
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

func (p *page) lineH(size float64) float64 { return size * 0.3528 * 1.55 }

func (p *page) room() float64 { return pageH - bottom - p.pdf.GetY() }

// ensure starts a new page unless h millimetres fit on this one.
func (p *page) ensure(h float64) {
	if p.room() < h {
		p.pdf.AddPage()
	}
}

func (p *page) space(h float64) {
	if p.room() > h {
		p.pdf.SetY(p.pdf.GetY() + h)
	}
}

// para writes wrapped text at the given size, breaking pages as needed.
func (p *page) para(s string, size float64) { p.lines(s, size, "L") }

// lines writes text wrapped to the body width, one paragraph per line
// break, aligned "L" or "C", starting a new page when a line does not fit.
func (p *page) lines(s string, size float64, align string) {
	pdf := p.pdf
	pdf.SetFont(fontFamily, "", size)
	lh := p.lineH(size)
	for _, paragraph := range strings.Split(p.clean(s), "\n") {
		split := p.split
		if align == "C" {
			split = p.balanced
		}
		for _, line := range split(paragraph, bodyW) {
			p.ensure(lh)
			pdf.SetX(margin)
			pdf.CellFormat(bodyW, lh, line, "", 1, align, false, 0, "")
		}
	}
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
	p.pdf.SetTextColor(31, 56, 100)
	p.lines(s, sizeTitle, "C")
	p.pdf.SetTextColor(0, 0, 0)
	p.space(4)
}

// h1 is a section heading: large, coloured, ruled, kept with what follows.
func (p *page) h1(s string) {
	pdf := p.pdf
	p.space(4)
	p.ensure(45) // a heading is never left alone at the foot of a page
	pdf.SetFont(fontFamily, "", sizeH1)
	pdf.SetTextColor(31, 78, 121)
	lh := p.lineH(sizeH1)
	pdf.SetX(margin)
	pdf.CellFormat(bodyW, lh, p.clean(s), "", 1, "L", false, 0, "")
	pdf.SetDrawColor(31, 78, 121)
	pdf.SetLineWidth(0.4)
	y := pdf.GetY() + 0.5
	pdf.Line(margin, y, pageW-margin, y)
	pdf.SetY(y + 2)
	pdf.SetTextColor(0, 0, 0)
	pdf.SetLineWidth(0.2)
}

func (p *page) h2(s string, size float64) {
	pdf := p.pdf
	p.space(2)
	p.ensure(30) // with the sentence and the table header that follow
	pdf.SetTextColor(31, 78, 121)
	p.lines(s, size, "L")
	pdf.SetTextColor(0, 0, 0)
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
	pdf.SetFont(fontFamily, "", sizeTable)
	lh := p.lineH(sizeTable)
	header := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = p.clean(c)
	}
	rows := make([][]string, len(t.Rows))
	for r, row := range t.Rows {
		rows[r] = make([]string, len(row))
		for i, c := range row {
			rows[r][i] = p.clean(c.Text)
		}
	}
	widths := p.columnWidths(t, header, rows)

	p.ensure(3*lh + 4*cellPad)
	p.headerRow(header, widths, lh)
	for r, row := range rows {
		p.row(row, t.Rows[r], widths, lh, header)
	}
	pdf.SetFont(fontFamily, "", sizeSmall)
	for _, n := range t.Notes {
		p.para(n, sizeSmall)
	}
	p.space(3)
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
		indents[i] = float64(kinds[i].Indent) * 3
		lines[i] = p.split(c, widths[i]-indents[i])
		n = max(n, len(lines[i]))
		aligns[i] = "L"
		if kinds[i].Kind != document.Text || kinds[i].Text == "—" {
			aligns[i] = "R"
		}
	}
	pageRoom := pageH - bottom - margin - 2*lh - 4*cellPad // below a repeated header
	for start := 0; start < n && !pdf.Err(); {
		fit := int(math.Floor((p.room() - 2*cellPad) / lh))
		rest := n - start
		if fit < rest && (fit < 1 || start == 0 && float64(rest)*lh+2*cellPad <= pageRoom) {
			pdf.AddPage()
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
		pdf.SetFillColor(221, 235, 247)
		style = "FD"
	}
	pdf.SetDrawColor(160, 160, 160)
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
// the widest ones (a trace, a reason) wrap.
func (p *page) columnWidths(t *document.Table, header []string, rows [][]string) []float64 {
	pad := 2*p.pdf.GetCellMargin() + 1
	natural, flexible := naturalWidths(t, header, rows, func(s string) float64 { return p.pdf.GetStringWidth(s) + pad }, 3)
	return fitColumns(natural, flexible, bodyW, 10)
}

// barChart draws horizontal bars of 得分率 with a 0–100% scale.
func (p *page) barChart(c *document.Chart) {
	bars := c.Bars
	pdf := p.pdf
	const (
		labelW = 38.0
		barH   = 6.0
		gap    = 3.0
	)
	areaW := bodyW - labelW - 18
	h := float64(len(bars))*(barH+gap) + 22
	p.ensure(h)
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
	pdf.CellFormat(bodyW, 5, p.clean(c.Title), "", 1, "C", false, 0, "")
	p.space(3)
}
