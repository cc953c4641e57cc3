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

func (c Cell) shown() string {
	if c.Indent > 0 {
		return Indent(c.Indent) + c.Text
	}
	return c.Text
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
		widths := make([]int, len(t.Columns))
		numeric := make([]bool, len(t.Columns))
		for i, c := range t.Columns {
			widths[i] = Width(c)
			numeric[i] = true
		}
		for _, row := range t.Rows {
			for i, c := range row {
				widths[i] = max(widths[i], Width(c.shown()))
				if c.Kind == Text && c.Text != "" && c.Text != "—" {
					numeric[i] = false
				}
			}
		}
		line := func(cells []string) {
			var b strings.Builder
			for i, s := range cells {
				last := i == len(cells)-1
				if last && !numeric[i] {
					b.WriteString(s)
				} else {
					b.WriteString(pad(s, widths[i], numeric[i]))
				}
				if !last {
					b.WriteString("  ")
				}
			}
			bw.WriteString(strings.TrimRight(b.String(), " ") + "\n")
		}
		line(t.Columns)
		total := 0
		for _, w := range widths {
			total += w + 2
		}
		bw.WriteString(strings.Repeat("─", total-2) + "\n")
		for _, row := range t.Rows {
			cells := make([]string, len(row))
			for i, c := range row {
				cells[i] = c.shown()
			}
			line(cells)
		}
		for _, n := range t.Notes {
			bw.WriteString(n + "\n")
		}
	}
	return bw.Flush()
}
