package render

import (
	"encoding/csv"
	"io"
	"strings"

	"github.com/perfeval/perfeval/internal/document"
)

// writeCSV writes each table as a block: its title on a line of its own,
// the header, the rows, and a blank line. Numbers are written as shown. A
// UTF-8 byte-order mark comes first, so that Excel on a Chinese Windows
// reads the file as UTF-8. Every text field is made inert (inert).
func writeCSV(w io.Writer, d *document.Document) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	texts := func(list []string) []string {
		out := make([]string, len(list))
		for i, s := range list {
			out[i] = inert(s)
		}
		return out
	}
	for i, t := range d.Tables() {
		if i > 0 {
			cw.Write(nil)
		}
		cw.Write(texts([]string{t.Title}))
		cw.Write(texts(t.Columns))
		for _, row := range t.Rows {
			rec := make([]string, len(row))
			for j, c := range row {
				rec[j] = c.Text
				if c.Kind == document.Text {
					rec[j] = inert(c.Text)
				}
			}
			cw.Write(rec)
		}
	}
	cw.Flush()
	return cw.Error()
}

// inert keeps a spreadsheet from reading a text field as a formula
// (CWE-1236, as OWASP advises): a field that begins with =, +, -, @, a tab
// or a carriage return, after any leading spaces, is written with an
// apostrophe before it. Nothing is trimmed, so white space never turns an
// inert field into a live one; numbers are not text fields and stay as
// they are.
func inert(s string) string {
	rest := strings.TrimLeft(s, " ")
	if rest != "" && strings.ContainsRune("=+-@\t\r", rune(rest[0])) {
		return "'" + s
	}
	return s
}
