package report

import (
	"encoding/csv"
	"io"
)

// WriteCSV writes each table as a block: its title on a line of its own,
// the header, the rows, and a blank line. Numbers are written as shown.
func WriteCSV(w io.Writer, d Document) error {
	cw := csv.NewWriter(w)
	for i, t := range d.Tables {
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
