package render

import (
	"bufio"
	"io"
	"slices"
	"strings"

	"github.com/mattn/go-runewidth"
	"github.com/perfeval/perfeval/internal/document"
)

// A Layout fits terminal text to a terminal. The zero Layout is for a pipe
// or a file: full lines, and characters of ambiguous East-Asian width
// (≥ ─ × ÷ →) counted as one column, so the bytes do not depend on the
// locale.
type Layout struct {
	Width     int  // the terminal's columns; 0: no limit
	EastAsian bool // ambiguous-width characters take two columns, as East-Asian terminals draw them
}

// TerminalLayout is the layout of a terminal cols wide. Characters of
// ambiguous width count one column whatever the locale, as tmux, Windows
// Terminal and most emulators draw them even under zh_CN; a terminal that
// draws them two columns wide is named by RUNEWIDTH_EASTASIAN=1 in the
// environment (lookup reads it).
func TerminalLayout(cols int, lookup func(string) (string, bool)) Layout {
	v, _ := lookup("RUNEWIDTH_EASTASIAN")
	return Layout{Width: cols, EastAsian: v == "1"}
}

// The two ways of counting columns, made once: their tables are costly.
var narrowAmbiguous, wideAmbiguous = condition(false), condition(true)

func condition(eastAsian bool) *runewidth.Condition {
	c := runewidth.NewCondition()
	c.EastAsianWidth = eastAsian
	return c
}

func (l Layout) condition() *runewidth.Condition {
	if l.EastAsian {
		return wideAmbiguous
	}
	return narrowAmbiguous
}

// Width is the number of terminal columns s takes in a pipe or a file:
// two for Chinese and other wide or full-width characters, none for
// combining marks.
func Width(s string) int { return Layout{}.width(s) }

// width adds up the characters' widths, which is quicker than go-runewidth's
// StringWidth (it finds grapheme clusters first) and the same for the text
// of tables: combining marks count none either way.
func (l Layout) width(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			c := l.condition()
			for _, r := range s[i:] {
				n += c.RuneWidth(r)
			}
			return n
		}
		n++
	}
	return n
}

func (l Layout) pad(s string, w int, right bool) string {
	gap := w - l.width(s)
	if gap <= 0 {
		return s
	}
	if right {
		return strings.Repeat(" ", gap) + s
	}
	return s + strings.Repeat(" ", gap)
}

// indentation is how a level of the tree is shown in text.
func indentation(level int) string { return strings.Repeat("  ", level) }

// shown is the cell on one terminal line: indented, line breaks as spaces.
func shown(c document.Cell) string {
	text := oneLine(c.Text)
	if c.Indent > 0 {
		return indentation(c.Indent) + text
	}
	return text
}

func oneLine(s string) string {
	if strings.ContainsAny(s, "\r\n\t") {
		return strings.Join(strings.Fields(s), " ")
	}
	return s
}

// Wrap breaks s into lines of at most w columns (breakLines); with w ≤ 0
// it is one line.
func (l Layout) Wrap(s string, w int) []string {
	if w <= 0 || l.width(s) <= w {
		return []string{s}
	}
	c := l.condition()
	return breakLines(s, float64(w), func(r rune) float64 { return float64(c.RuneWidth(r)) }, false)
}

// writeText writes the document for a terminal of the layout, or for a
// pipe or a file with the zero Layout: headings and paragraphs as lines,
// tables aligned. Columns of numbers are right-aligned; the last
// column is not padded, so a long trace runs on without widening the
// others. With a width, text columns and paragraphs wrap to it.
func (l Layout) writeText(w io.Writer, d *document.Document) error {
	bw := bufio.NewWriter(w)
	para := func(s string) {
		for _, line := range l.Wrap(s, l.Width) {
			bw.WriteString(line + "\n")
		}
	}
	if d.Title != "" {
		para(d.Title)
	}
	for _, s := range d.Lines {
		para(s)
	}
	for _, b := range d.Blocks {
		switch b.Kind {
		case document.Heading:
			bw.WriteString("\n")
			para(b.Text)
		case document.Paragraph:
			para(b.Text)
		case document.TableBlock:
			l.textTable(bw, b.Table, para)
		case document.ChartBlock:
			for _, bar := range b.Chart.Bars {
				para(bar.Label + "  " + document.Pct(bar.Rate).Text)
			}
		case document.Gap:
			bw.WriteString("\n")
		}
	}
	return bw.Flush()
}

func (l Layout) textTable(bw *bufio.Writer, t *document.Table, para func(string)) {
	if t.Title != "" {
		bw.WriteString("\n")
		para(t.Title)
	} else {
		bw.WriteString("\n")
	}
	if len(t.Rows) == 0 && len(t.Notes) > 0 {
		for _, n := range t.Notes {
			para(n)
		}
		return
	}
	widths, under := l.columnWidths(t)
	// Under a terminal too narrow for the table, the last column (a
	// reason, a message) goes under its row, aligned with the second
	// column and as wide as the terminal lets it be.
	indent := 0
	if under {
		indent = min(widths[0]+2, l.Width/3)
	}
	// Numbers (and the dash that stands for none) are right-aligned,
	// text left-aligned; a last text cell is not padded.
	line := func(cells []document.Cell) {
		var last document.Cell
		if under {
			cells, last = cells[:len(cells)-1], cells[len(cells)-1]
		}
		parts := make([][]string, len(cells))
		height := 1
		for i, c := range cells {
			indent := ""
			if c.Indent > 0 {
				indent = indentation(c.Indent)
			}
			for _, s := range l.Wrap(oneLine(c.Text), widths[i]-l.width(indent)) {
				parts[i] = append(parts[i], indent+s)
			}
			height = max(height, len(parts[i]))
		}
		for k := range height {
			var b strings.Builder
			for i, c := range cells {
				right := c.Kind != document.Text || c.Text == "—"
				s := ""
				if k < len(parts[i]) {
					s = parts[i][k]
				}
				if i == len(cells)-1 && !right {
					b.WriteString(s)
				} else {
					b.WriteString(l.pad(s, widths[i], right))
				}
				if i < len(cells)-1 {
					b.WriteString("  ")
				}
			}
			bw.WriteString(strings.TrimRight(b.String(), " ") + "\n")
		}
		if text := oneLine(last.Text); under && text != "" {
			for _, s := range l.Wrap(text, l.Width-indent) {
				bw.WriteString(strings.Repeat(" ", indent) + s + "\n")
			}
		}
	}
	header := make([]document.Cell, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = document.Str(c)
	}
	line(header)
	total := 0
	for _, w := range widths {
		total += w + 2
	}
	if under {
		total = l.Width + 2
	}
	bw.WriteString(strings.Repeat("─", (total-2)/l.width("─")) + "\n")
	for _, row := range t.Rows {
		line(row)
	}
	for _, n := range t.Notes {
		para(n)
	}
}

// columnWidths are the table's columns: each as wide as its widest cell,
// and with a width, the text columns narrowed the way a page's are
// (fitColumns) until the table fits. Numbers never wrap, nor does the
// table's key column (a place, a code, a file: what the row is found by,
// the first unless the table says otherwise) unless it is wider than half
// the terminal. When
// the table cannot fit with a last text column beside the others, under
// is set: that column goes under each row, and the others share the
// width.
func (l Layout) columnWidths(t *document.Table) (widths []int, under bool) {
	texts := make([][]string, len(t.Rows))
	for r, row := range t.Rows {
		texts[r] = make([]string, len(row))
		for i, c := range row {
			texts[r][i] = oneLine(c.Text)
		}
	}
	measure := func(s string) float64 { return float64(l.width(s)) }
	natural, flexible := naturalWidths(t, t.Columns, texts, measure, measure(indentation(1)))
	widths = make([]int, len(natural))
	total := 2 * (len(natural) - 1)
	for i, w := range natural {
		widths[i] = int(w)
		total += widths[i]
	}
	if l.Width <= 0 || total <= l.Width {
		return widths, false
	}
	const least = 8 // a text column narrower than this reads as a column of fragments
	n := len(natural)
	if n > 2 && flexible[n-1] {
		under = true
		natural, flexible = natural[:n-1], flexible[:n-1]
	}
	flexible = slices.Clone(flexible)
	if t.Key < len(flexible) && natural[t.Key] <= float64(l.Width)/2 {
		flexible[t.Key] = false // a key wider than half the terminal gives way too
	}
	fitted := fitColumns(natural, flexible, float64(l.Width-2*(len(natural)-1)), least)
	for i := range natural {
		if flexible[i] {
			widths[i] = min(widths[i], max(int(fitted[i]), least))
		}
	}
	return widths, under
}
