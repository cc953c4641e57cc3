// Package workbook reads a project-year's data workbook (XLSX) into a
// scoring.Input.
//
// Sheets are found by their Chinese name or English alias and columns by
// their header text, in any order; extra sheets and columns are ignored.
// Every value keeps the cell it came from (2024.xlsx!绩效目标!D7). Cells are
// read raw, never as displayed: a percent-formatted 0.9849 is 98.49%, a date
// cell is a date, a formula cell gives its cached value (or is computed). A
// number cell is read at Excel's 15 significant digits as it is streamed
// (96.599999999999994 is 96.6), before anything else sees it.
// Sheets are streamed and capped in rows, so memory stays bounded.
//
// A workbook without the 项目信息 sheet whose sheet has a form's indicator
// header (三级指标, 分值, 得分) is a standard self-evaluation form and is read
// into a form.Form instead (form.go): blocks by their labels, columns by
// header words over one or two rows, blank or merged 一级/二级 cells as
// above, printed scores as displayed.
//
// The sheets and columns are declared once, in layout.go: that table drives
// the reader, init's blank workbook (Blank) and its 说明 sheet.
package workbook
