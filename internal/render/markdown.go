package render

import (
	"bufio"
	"io"
	"strings"

	"github.com/perfeval/perfeval/internal/document"
)

// writeMarkdown writes the document as Markdown: a heading, the summary
// lines, then headings, paragraphs and a pipe table per table.
func writeMarkdown(w io.Writer, d *document.Document) error {
	bw := bufio.NewWriter(w)
	if d.Title != "" {
		bw.WriteString("# " + mdEscape(d.Title) + "\n\n")
	}
	for _, l := range d.Lines {
		bw.WriteString("- " + mdEscape(l) + "\n")
	}
	for _, b := range d.Blocks {
		switch b.Kind {
		case document.Heading:
			bw.WriteString("\n" + strings.Repeat("#", b.Level+1) + " " + mdEscape(b.Text) + "\n")
			continue
		case document.Paragraph:
			bw.WriteString("\n" + strings.ReplaceAll(b.Text, "\n", "\n\n") + "\n")
			continue
		case document.ChartBlock:
			for _, bar := range b.Chart.Bars {
				bw.WriteString("- " + mdEscape(bar.Label) + "：" + document.Pct(bar.Rate).Text + "\n")
			}
			continue
		}
		t := b.Table
		if t.Title != "" {
			bw.WriteString("\n## " + mdEscape(t.Title) + "\n")
		}
		bw.WriteString("\n")
		bw.WriteString("| " + strings.Join(escapeAll(t.Columns), " | ") + " |\n|")
		for _, row := range t.Rows[:min(1, len(t.Rows))] {
			for _, c := range row {
				if c.Kind == document.Text {
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
	if len(d.Warnings) > 0 && d.WarningLabel != "" {
		bw.WriteString("\n## " + d.WarningLabel + "\n\n")
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
