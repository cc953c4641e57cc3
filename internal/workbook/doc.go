// Package workbook reads a project-year's data workbook (XLSX) into a
// scoring.Input, through the tables every workbook reader shares.
//
// Sheets are found by their Chinese name or English alias and columns by
// their header text, in any order; extra sheets and columns are ignored.
// Every value keeps the cell it came from (2024.xlsx!绩效目标!D7). Cells are
// read raw, never as displayed: a percent-formatted 0.9849 is 98.49%, a date
// cell is a date, a formula cell gives its cached value (or is computed).
// The package itself is opened and streamed by internal/xlsx, which knows
// nothing of what a workbook means.
//
// A Table is a sheet's rows under its header, columns by key; its cells
// read as perfeval's values (text, amounts in the workbook's money unit,
// the value grammar, printed figures), each mistake recorded at its cell
// (Book.Errs). perfeval's own sheets are read through it here; the
// standard self-evaluation form is read through it by internal/form.
//
// The sheets and columns are declared once, in layout.go: that table drives
// the reader, init's blank workbook (Blank) and its 说明 sheet.
package workbook
