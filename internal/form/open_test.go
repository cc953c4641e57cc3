package form_test

import (
	"fmt"

	"github.com/perfeval/perfeval/internal/form"
	"github.com/perfeval/perfeval/internal/workbook"
)

// openForm reads a workbook held in memory as a form, as the pipeline
// does: nil with no error when no sheet of it is one.
func openForm(name string, data []byte) (*form.Form, error) {
	b, err := workbook.Open(name, data, workbook.Options{})
	if err != nil {
		return nil, err
	}
	defer b.Close()
	sheet := form.FindSheet(b)
	if sheet == "" {
		return nil, fmt.Errorf("%s: no sheet is a form", name)
	}
	return form.Read(b, sheet)
}
