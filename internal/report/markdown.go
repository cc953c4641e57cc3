package report

import (
	"bufio"
	"io"
	"strings"
)

// WriteMarkdown writes the document as Markdown: a heading, the summary
// lines and a pipe table per table.
func WriteMarkdown(w io.Writer, d Document) error {
	bw := bufio.NewWriter(w)
	if d.Title != "" {
		bw.WriteString("# " + mdEscape(d.Title) + "\n\n")
	}
	for _, l := range d.Lines {
		bw.WriteString("- " + mdEscape(l) + "\n")
	}
	for _, t := range d.Tables {
		bw.WriteString("\n## " + mdEscape(t.Title) + "\n\n")
		bw.WriteString("| " + strings.Join(escapeAll(t.Columns), " | ") + " |\n|")
		for _, row := range t.Rows[:min(1, len(t.Rows))] {
			for _, c := range row {
				if c.Kind == Text {
					bw.WriteString("---|")
				} else {
					bw.WriteString("---:|")
				}
			}
		}
		if len(t.Rows) == 0 {
			bw.WriteString(strings.Repeat("---|", len(t.Columns)))
		}
		bw.WriteString("\n")
		for _, row := range t.Rows {
			cells := make([]string, len(row))
			for i, c := range row {
				cells[i] = mdEscape(c.Text)
				if c.Indent > 0 {
					cells[i] = strings.Repeat("&nbsp;&nbsp;", c.Indent) + cells[i]
				}
			}
			bw.WriteString("| " + strings.Join(cells, " | ") + " |\n")
		}
		for _, n := range t.Notes {
			bw.WriteString("\n" + mdEscape(n) + "\n")
		}
	}
	if len(d.Warnings) > 0 {
		bw.WriteString("\n## 警告\n\n")
		for _, wn := range d.Warnings {
			bw.WriteString("- " + mdEscape(wn) + "\n")
		}
	}
	return bw.Flush()
}

func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

func escapeAll(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = mdEscape(s)
	}
	return out
}
