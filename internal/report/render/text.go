package render

import (
	"bufio"
	"io"
	"strings"
	"unicode"

	"github.com/perfeval/perfeval/internal/report"
	"golang.org/x/text/width"
)

// Width is the number of terminal columns s takes: two for Chinese and
// other wide or full-width characters, none for combining marks.
func Width(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || r == '\u200b':
		case r < 0x20:
		default:
			switch width.LookupRune(r).Kind() {
			case width.EastAsianWide, width.EastAsianFullwidth:
				n += 2
			default:
				n++
			}
		}
	}
	return n
}

func pad(s string, w int, right bool) string {
	gap := w - Width(s)
	if gap <= 0 {
		return s
	}
	if right {
		return strings.Repeat(" ", gap) + s
	}
	return s + strings.Repeat(" ", gap)
}

// shown is the cell on one terminal line: indented, line breaks as spaces.
func shown(c report.Cell) string {
	text := oneLine(c.Text)
	if c.Indent > 0 {
		return report.Indent(c.Indent) + text
	}
	return text
}

func oneLine(s string) string {
	if strings.ContainsAny(s, "\r\n\t") {
		return strings.Join(strings.Fields(s), " ")
	}
	return s
}

// writeText writes the document for a terminal: headings and paragraphs
// as lines, tables aligned. Columns of numbers are right-aligned; the last
// column is not padded, so a long trace runs on without widening the others.
func writeText(w io.Writer, d *report.Document) error {
	bw := bufio.NewWriter(w)
	if d.Title != "" {
		bw.WriteString(d.Title + "\n")
	}
	for _, l := range d.Lines {
		bw.WriteString(l + "\n")
	}
	for _, b := range d.Blocks {
		switch b.Kind {
		case report.Heading:
			bw.WriteString("\n" + b.Text + "\n")
		case report.Paragraph:
			bw.WriteString(b.Text + "\n")
		case report.TableBlock:
			textTable(bw, b.Table)
		case report.ChartBlock:
			for _, bar := range b.Chart.Bars {
				bw.WriteString(bar.Label + "  " + report.Pct(bar.Rate).Text + "\n")
			}
		case report.Gap:
			bw.WriteString("\n")
		}
	}
	return bw.Flush()
}

func textTable(bw *bufio.Writer, t *report.Table) {
	if t.Title != "" {
		bw.WriteString("\n" + t.Title + "\n")
	} else {
		bw.WriteString("\n")
	}
	if len(t.Rows) == 0 && len(t.Notes) > 0 {
		for _, n := range t.Notes {
			bw.WriteString(n + "\n")
		}
		return
	}
	widths := make([]int, len(t.Columns))
	for i, c := range t.Columns {
		widths[i] = Width(c)
	}
	for _, row := range t.Rows {
		for i, c := range row {
			widths[i] = max(widths[i], Width(shown(c)))
		}
	}
	// Numbers (and the dash that stands for none) are right-aligned,
	// text left-aligned; a last text cell is not padded.
	line := func(cells []report.Cell) {
		var b strings.Builder
		for i, c := range cells {
			right := c.Kind != report.Text || c.Text == "—"
			switch {
			case i == len(cells)-1 && !right:
				b.WriteString(shown(c))
			default:
				b.WriteString(pad(shown(c), widths[i], right))
			}
			if i < len(cells)-1 {
				b.WriteString("  ")
			}
		}
		bw.WriteString(strings.TrimRight(b.String(), " ") + "\n")
	}
	header := make([]report.Cell, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = report.Str(c)
	}
	line(header)
	total := 0
	for _, w := range widths {
		total += w + 2
	}
	bw.WriteString(strings.Repeat("─", total-2) + "\n")
	for _, row := range t.Rows {
		line(row)
	}
	for _, n := range t.Notes {
		bw.WriteString(n + "\n")
	}
}
