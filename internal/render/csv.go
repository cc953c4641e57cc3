package render

import (
	"encoding/csv"
	"io"

	"github.com/perfeval/perfeval/internal/document"
)

// writeCSV writes each table as a block: its title on a line of its own,
// the header, the rows, and a blank line. Numbers are written as shown. A
// UTF-8 byte-order mark comes first, so that Excel on a Chinese Windows
// reads the file as UTF-8.
func writeCSV(w io.Writer, d *document.Document) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	for i, t := range d.Tables() {
		if i > 0 {
			cw.Write(nil)
		}
		cw.Write([]string{t.Title})
		cw.Write(t.Columns)
		for _, row := range t.Rows {
			rec := make([]string, len(row))
			for j, c := range row {
				rec[j] = c.Text
			}
			cw.Write(rec)
		}
	}
	cw.Flush()
	return cw.Error()
}
