package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/perfeval/perfeval/internal/document"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/third_party/excelize"
)

// writeXLSX writes one sheet per table: a styled, frozen header row,
// numbers stored as numbers (percentages as percent cells), text wrapped in
// wide columns, and the table's notes under it.
func writeXLSX(w io.Writer, d *document.Document) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDocProps(docProps(d.Title)); err != nil {
		return err
	}
	x := &xlsxWriter{f: f, styles: map[string]int{}}
	used := map[string]bool{}
	tables := d.Tables()
	if d.Overview != "" {
		name := sheetName(d.Overview, used)
		if err := f.SetSheetName("Sheet1", name); err != nil {
			return err
		}
		if err := x.overview(name, d); err != nil {
			return lang.Errorf("sheet %s: %w", name, err)
		}
	}
	for i, t := range tables {
		name := sheetName(t.Name, used)
		if i == 0 && d.Overview == "" {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		if err := x.table(name, t); err != nil {
			return lang.Errorf("sheet %s: %w", name, err)
		}
	}
	if len(tables) == 0 && d.Overview == "" {
		f.SetCellStr("Sheet1", "A1", d.Title)
	}
	f.SetActiveSheet(0)
	_, err := f.WriteTo(w)
	return err
}

// overview writes the title, the lines under it and the warnings, one
// to a row.
func (x *xlsxWriter) overview(sheet string, d *document.Document) error {
	bold, err := x.style("bold", &excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	type row struct {
		text  string
		style int
	}
	rows := []row{{d.Title, bold}}
	for _, l := range d.Lines {
		rows = append(rows, row{l, 0})
	}
	if len(d.Warnings) > 0 {
		rows = append(rows, row{}, row{d.WarningLabel, bold})
		for _, w := range d.Warnings {
			rows = append(rows, row{w, 0})
		}
	}
	for i, r := range rows {
		axis, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.f.SetCellStr(sheet, axis, r.text); err != nil {
			return err
		}
		if r.style != 0 {
			if err := x.f.SetCellStyle(sheet, axis, axis, r.style); err != nil {
				return err
			}
		}
	}
	return nil
}

// sheetName makes a valid, unique sheet name (at most 31 characters, none
// of []:*?/\).
func sheetName(name string, used map[string]bool) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '_'
		}
		return r
	}, name)
	if name == "" {
		name = "Sheet"
	}
	r := []rune(name)
	if len(r) > 28 {
		name = string(r[:28])
	}
	base := name
	for i := 2; used[name]; i++ {
		name = fmt.Sprintf("%s %d", base, i)
	}
	used[name] = true
	return name
}

type xlsxWriter struct {
	f      *excelize.File
	styles map[string]int
}

func (x *xlsxWriter) style(key string, s *excelize.Style) (int, error) {
	if id, ok := x.styles[key]; ok {
		return id, nil
	}
	id, err := x.f.NewStyle(s)
	if err == nil {
		x.styles[key] = id
	}
	return id, err
}

var thin = []excelize.Border{
	{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
	{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1},
}

func (x *xlsxWriter) cellStyle(c document.Cell, wrap bool) (int, error) {
	switch c.Kind {
	case document.Number, document.Percent:
		code := "0"
		if c.Places > 0 {
			code += "." + strings.Repeat("0", int(c.Places))
		}
		if c.Kind == document.Percent {
			code += "%"
		}
		return x.style("n"+code, &excelize.Style{CustomNumFmt: &code, Border: thin})
	}
	key := fmt.Sprintf("t%d%v", c.Indent, wrap)
	return x.style(key, &excelize.Style{Border: thin, Alignment: &excelize.Alignment{Indent: c.Indent, WrapText: wrap, Vertical: "top"}})
}

const maxColumnWidth = 60

func (x *xlsxWriter) table(sheet string, t *document.Table) error {
	f := x.f
	head, err := x.style("header", &excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E79"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Border:    thin,
	})
	if err != nil {
		return err
	}
	widths := make([]int, len(t.Columns))
	for i, c := range t.Columns {
		axis, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellStr(sheet, axis, c); err != nil {
			return err
		}
		widths[i] = Width(c) + 2
	}
	for _, row := range t.Rows {
		for i, c := range row {
			widths[i] = max(widths[i], Width(c.Text)+2*c.Indent+2)
		}
	}
	for r, row := range t.Rows {
		for i, c := range row {
			axis, _ := excelize.CoordinatesToCellName(i+1, r+2)
			if c.Kind == document.Text {
				if c.Text != "" {
					if err := f.SetCellStr(sheet, axis, c.Text); err != nil {
						return err
					}
				}
			} else if err := f.SetCellDefault(sheet, axis, c.Num.String()); err != nil {
				return err
			}
			id, err := x.cellStyle(c, widths[i] > maxColumnWidth)
			if err != nil {
				return err
			}
			if err := f.SetCellStyle(sheet, axis, axis, id); err != nil {
				return err
			}
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(t.Columns), 1)
	if err := f.SetCellStyle(sheet, "A1", last, head); err != nil {
		return err
	}
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, float64(min(w, maxColumnWidth))*1.1); err != nil {
			return err
		}
	}
	for i, n := range t.Notes {
		axis, _ := excelize.CoordinatesToCellName(1, len(t.Rows)+3+i)
		f.SetCellStr(sheet, axis, n)
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// docProps are a workbook's document properties: its title, and perfeval
// as its author rather than the library's default; times fixed, so that
// the same inputs give the same bytes.
func docProps(title string) *excelize.DocProperties {
	const when = "2000-01-01T00:00:00Z"
	return &excelize.DocProperties{Title: title, Creator: "perfeval", LastModifiedBy: "perfeval", Created: when, Modified: when, Language: "zh-CN"}
}
