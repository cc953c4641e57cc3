package report

import (
	"bufio"
	"io"
	"strings"
	"unicode"

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
func (c Cell) shown() string {
	text := c.Text
	if strings.ContainsAny(text, "\r\n\t") {
		text = strings.Join(strings.Fields(text), " ")
	}
	if c.Indent > 0 {
		return Indent(c.Indent) + text
	}
	return text
}

// WriteText writes the document as aligned tables for a terminal. Columns
// of numbers are right-aligned; the last column is not padded, so a long
// trace runs on without widening the others.
func WriteText(w io.Writer, d Document) error {
	bw := bufio.NewWriter(w)
	if d.Title != "" {
		bw.WriteString(d.Title + "\n")
	}
	for _, l := range d.Lines {
		bw.WriteString(l + "\n")
	}
	for _, t := range d.Tables {
		bw.WriteString("\n" + t.Title + "\n")
		if len(t.Rows) == 0 && len(t.Notes) > 0 {
			for _, n := range t.Notes {
				bw.WriteString(n + "\n")
			}
			continue
		}
		widths := make([]int, len(t.Columns))
		for i, c := range t.Columns {
			widths[i] = Width(c)
		}
		for _, row := range t.Rows {
			for i, c := range row {
				widths[i] = max(widths[i], Width(c.shown()))
			}
		}
		// Numbers (and the dash that stands for none) are right-aligned,
		// text left-aligned; a last text cell is not padded.
		line := func(cells []Cell) {
			var b strings.Builder
			for i, c := range cells {
				right := c.Kind != Text || c.Text == "—"
				switch {
				case i == len(cells)-1 && !right:
					b.WriteString(c.shown())
				default:
					b.WriteString(pad(c.shown(), widths[i], right))
				}
				if i < len(cells)-1 {
					b.WriteString("  ")
				}
			}
			bw.WriteString(strings.TrimRight(b.String(), " ") + "\n")
		}
		header := make([]Cell, len(t.Columns))
		for i, c := range t.Columns {
			header[i] = Str(c)
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
	return bw.Flush()
}
