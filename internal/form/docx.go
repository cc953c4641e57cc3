package form

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/docxtable"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/workbook"
	"github.com/perfeval/perfeval/internal/xlsx"
)

// A Word document is read as a workbook whose sheets are its forms: each
// table with an indicator header (a form's or a target table's), with the
// tables above it back to the one holding 项目名称 (the project block is
// often a table of its own) and the short paragraphs above and between
// them (the title, 单位：万元), one row each, in the body's order. From
// there the form is read as a workbook's sheet is: one model, one
// derivation. A cell is placed as a person counts it in Word,
// file.docx!表2!行7列5 (table, row, grid column).

// paragraphsAbove is how many paragraphs right above a form's first table
// are read with it (the title, the year, the amount unit); a paragraph
// longer than shortParagraph is prose, and ends them.
const (
	paragraphsAbove = 5
	shortParagraph  = 100
)

// OpenDocument opens a Word document held in memory as a book whose
// sheets are its forms (FindSheet and FindTargetSheet find them, Read
// and ReadTargets read them); name is used in places.
func OpenDocument(name string, data []byte) (*workbook.Book, error) {
	doc, err := docxtable.Read(data)
	if err != nil {
		return nil, documentError(name, err)
	}
	grids, origins := documentSheets(doc)
	place := func(sheet string, rowN, col0 int) diag.Pos {
		rows := origins[sheet]
		if rowN < 1 || rowN > len(rows) {
			return diag.Pos{File: name, Sheet: sheet}
		}
		// Row is the row in the form's reading order, which sorts findings.
		o := rows[rowN-1]
		if o.table == 0 {
			return diag.Pos{File: name, Sheet: "正文", Cell: fmt.Sprintf("第%d段", o.row), Row: rowN}
		}
		return diag.Pos{File: name, Sheet: fmt.Sprintf("表%d", o.table), Cell: fmt.Sprintf("行%d列%d", o.row, col0+1), Row: rowN, ColNo: col0 + 1}
	}
	return workbook.FromGrids(name, data, xlsx.FromGrids(grids), place), nil
}

// documentError places a document that does not read.
func documentError(name string, err error) error {
	at := diag.Pos{File: name}
	var e *docxtable.Error
	if !errors.As(err, &e) {
		return diag.Errorf(at, "the Word document is damaged or truncated: %v", err)
	}
	if e.Table > 0 {
		at.Sheet = fmt.Sprintf("表%d", e.Table)
		if e.Row > 0 && e.Col > 0 {
			at.Cell, at.Row, at.ColNo = fmt.Sprintf("行%d列%d", e.Row, e.Col), e.Row, e.Col
		} else if e.Row > 0 {
			at.Cell, at.Row = fmt.Sprintf("行%d", e.Row), e.Row
		}
	}
	return &diag.Error{Pos: at, Msg: e.Msg, Hint: e.Hint}
}

// An origin is where a row of a document's sheet comes from: row row of
// table table, or paragraph row of the body (table 0).
type origin struct{ table, row int }

// documentSheets groups a document's tables into sheets: one per table
// with an indicator header, with the tables above it back to the one
// holding 项目名称 (none when it holds the label itself) and the short
// paragraphs above and between them; and one for each other table.
func documentSheets(doc *docxtable.Document) ([]xlsx.Grid, map[string][]origin) {
	var grids []xlsx.Grid
	origins := map[string][]origin{}
	rowsOf := func(t *docxtable.Table) []xlsx.Row {
		rows := make([]xlsx.Row, len(t.Rows))
		for i, cells := range t.Rows {
			rows[i] = xlsx.TextRow(i+1, cells)
		}
		return rows
	}
	var headers []int // body indexes of the tables with an indicator header
	used := map[int]bool{}
	paragraph := make([]int, len(doc.Body)) // a paragraph's number in the body, as Word counts them
	n := 0
	for i, b := range doc.Body {
		if b.Table == nil {
			n++
			paragraph[i] = n
		} else if hasIndicatorHeader(rowsOf(b.Table)) {
			headers = append(headers, i)
		}
	}
	prev := -1
	for _, h := range headers {
		first := h
		for i := h - 1; i > prev && !hasProjectLabel(doc.Body[h].Table); i-- {
			if t := doc.Body[i].Table; t != nil && hasProjectLabel(t) {
				first = i
				break
			}
		}
		var g xlsx.Grid
		var from []origin
		add := func(o origin, cells []string) {
			g.Rows = append(g.Rows, xlsx.TextRow(len(g.Rows)+1, cells))
			from = append(from, o)
		}
		// The short paragraphs right above the first table: the title.
		above, kept := first, 0
		for above > prev+1 && kept < paragraphsAbove && doc.Body[above-1].Table == nil && utf8.RuneCountInString(doc.Body[above-1].Text) <= shortParagraph {
			if above--; doc.Body[above].Text != "" {
				kept++
			}
		}
		for i := above; i <= h; i++ {
			b := doc.Body[i]
			if b.Table == nil {
				if b.Text != "" && utf8.RuneCountInString(b.Text) <= shortParagraph {
					add(origin{0, paragraph[i]}, paragraphCells(b.Text))
				}
				continue
			}
			top := len(g.Rows)
			for r, cells := range b.Table.Rows {
				add(origin{b.Table.N, r + 1}, cells)
			}
			for _, m := range b.Table.Merges {
				g.Merges = append(g.Merges, xlsx.Range{Top: top + m.Top, Left: m.Left, Bottom: top + m.Bottom, Right: m.Right})
			}
			used[i] = true
		}
		g.Name = fmt.Sprintf("表%d", doc.Body[h].Table.N)
		grids = append(grids, g)
		origins[g.Name] = from
		prev = h
	}
	for i, b := range doc.Body {
		if b.Table == nil || used[i] {
			continue
		}
		name := fmt.Sprintf("表%d", b.Table.N)
		g := xlsx.Grid{Name: name, Rows: rowsOf(b.Table)}
		for _, m := range b.Table.Merges {
			g.Merges = append(g.Merges, xlsx.Range(m))
		}
		grids = append(grids, g)
		for r := range b.Table.Rows {
			origins[name] = append(origins[name], origin{b.Table.N, r + 1})
		}
	}
	return grids, origins
}

// paragraphCells is a paragraph above a form as a row: its text, then
// each project label written in it with its value (项目名称：甲　主管部门：乙
// gives 项目名称 | 甲 | 主管部门 | 乙), for the project block reads a label's
// value from the cell right of it.
func paragraphCells(text string) []string {
	cells := []string{text}
	var at [][]int // each label's start, its end and the end of its colon
	for _, list := range projectLabels {
		for _, w := range list {
			for from := 0; ; {
				i := strings.Index(text[from:], w)
				if i < 0 {
					break
				}
				start, end := from+i, from+i+len(w)
				rest := strings.TrimLeft(text[end:], " \t　")
				if c, ok := strings.CutPrefix(rest, "："); ok {
					at = append(at, []int{start, end, len(text) - len(c)})
				} else if c, ok := strings.CutPrefix(rest, ":"); ok {
					at = append(at, []int{start, end, len(text) - len(c)})
				}
				from = end
			}
		}
	}
	slices.SortFunc(at, func(a, b []int) int { return cmp.Or(a[0]-b[0], b[1]-a[1]) })
	// A label inside a longer one (实施单位 in 实施单位名称) is that one.
	at = slices.CompactFunc(at, func(next, prev []int) bool { return next[0] < prev[2] })
	for k, a := range at {
		stop := len(text)
		if k+1 < len(at) {
			stop = at[k+1][0]
		}
		value := strings.Trim(text[a[2]:stop], " \t　;；,，、")
		cells = append(cells, text[a[0]:a[1]], value)
	}
	return cells
}

// hasIndicatorHeader reports whether rows hold a form's or a target
// table's indicator header within the rows a sheet is searched in.
func hasIndicatorHeader(rows []xlsx.Row) bool {
	rows = rows[:min(len(rows), formScan)]
	for i := range rows {
		var below *xlsx.Row
		if i+1 < len(rows) {
			below = &rows[i+1]
		}
		if headerRows(rows[i], below) || isTargetHeader(rows[i].Cells) || below != nil && targetHeaderRows(rows[i], below) {
			return true
		}
	}
	return false
}

// hasProjectLabel reports whether a table holds the 项目名称 label.
func hasProjectLabel(t *docxtable.Table) bool {
	for _, cells := range t.Rows {
		for _, c := range cells {
			if wordKey(projectLabels, c) == "name" {
				return true
			}
		}
	}
	return false
}

// ReadDocument reads the form a Word document held in memory holds: its
// tables, found and read as a workbook's sheet is (FindSheet, Read).
func ReadDocument(name string, data []byte) (*Form, error) {
	b, err := OpenDocument(name, data)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	sheet := FindSheet(b)
	if sheet == "" {
		return nil, NoForm(name)
	}
	return Read(b, sheet)
}

// NoForm is the error for a document with no table that reads as a form.
func NoForm(name string) error {
	return &diag.Error{Pos: diag.Pos{File: name}, Msg: lang.T("has no table that reads as a self-evaluation form (项目支出绩效自评表)"),
		Hint: lang.T("a form's indicator header has 三级指标, 分值 and 得分, with a target and an actual column")}
}
