package xlsx

import "archive/zip"

// A Grid is a sheet held in memory rather than read from a package: the
// rows of text cells and the merged ranges another reader found (a Word
// table), so that what reads a sheet reads it the same way.
type Grid struct {
	Name   string
	Rows   []Row
	Merges []Range
}

// FromGrids is a workbook whose sheets are the grids given, in order. Its
// cells are text (a number in one is read from its text, as from a text
// cell of a workbook); it has no formulas and no number formats.
func FromGrids(grids []Grid) *Book {
	p := &pkg{parts: map[string]*zip.File{}, codes: map[int]string{}}
	held := map[string]Grid{}
	for _, g := range grids {
		p.sheets = append(p.sheets, sheetPart{name: g.Name})
		held[g.Name] = g
	}
	return &Book{x: p, held: held, maxRows: DefaultMaxRows, formats: map[int]Format{}}
}

// TextRow is row n of text cells ("" a blank one).
func TextRow(n int, cells []string) Row {
	r := Row{N: n, Cells: cells, Info: make([]Cell, len(cells))}
	for i, c := range cells {
		if c != "" {
			r.Info[i].Kind = StringCell
		}
	}
	return r
}

// streamHeld streams a sheet held in memory, as Stream streams a part.
func (b *Book) streamHeld(g Grid, fn func(Row) bool) error {
	if b.merges == nil {
		b.merges = map[string][]Range{}
	}
	b.merges[g.Name] = g.Merges
	for _, r := range g.Rows {
		if r.HasContent() && !fn(r) {
			return nil
		}
	}
	return nil
}
