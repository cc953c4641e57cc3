package workbook

import (
	"encoding/xml"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/indicators/lang"
	"github.com/xuri/excelize/v2"
)

// What a cell holds, by its type attribute.
type cellKind uint8

const (
	blankCell  cellKind = iota
	numberCell          // t absent or "n"
	stringCell          // a shared, inline or formula string
	boolCell            // t="b"
	errorCell           // t="e": #DIV/0!, #N/A, …
	dateCell            // t="d": an ISO 8601 date
)

// cellInfo is what a cell says besides its value, in 8 bytes: a sheet of
// 2,000,000 cells is held whole.
type cellInfo struct {
	kind    cellKind
	formula bool // the cell has a formula
	style   int32
}

// A cellNote is what few cells carry: a formula's text (empty for a
// shared formula's followers), or why the cell cannot be read, reported
// when it is.
type cellNote struct {
	col       int // 0-based
	expr, bad string
}

// A row of a sheet: its 1-based number, each cell's value (a number as
// stored, a string as written) and each cell's kind, style and formula.
type row struct {
	n     int
	cells []string
	info  []cellInfo
	notes []cellNote
}

// note returns the note of the cell in column col (0-based), if any.
func (r row) note(col int) cellNote {
	for _, n := range r.notes {
		if n.col == col {
			return n
		}
	}
	return cellNote{}
}

// stream reads a sheet's rows in order and calls fn with each row that
// holds a value or a formula; fn returns false to stop. Rows, cells, cell
// lengths and unzipped bytes are capped.
func (b *book) stream(name string, fn func(row) bool) error {
	var part string
	for _, s := range b.x.sheets {
		if s.name == name {
			part = s.path
		}
	}
	f := b.x.parts[part]
	if f == nil {
		return &readError{msg: lang.T("the sheet's part is missing from the workbook")}
	}
	rowN, cells, rows := 0, 0, 0
	delete(b.merges, name)
	return b.x.walk(f, func(d *xml.Decoder, tok xml.Token) (bool, error) {
		se, ok := tok.(xml.StartElement)
		if ok && se.Name.Local == "mergeCell" {
			return true, b.merge(name, attr(se, "ref"))
		}
		if !ok || se.Name.Local != "row" {
			return true, nil
		}
		n := rowN + 1
		if r := attr(se, "r"); r != "" {
			var err error
			n, err = strconv.Atoi(r)
			if err != nil || n <= rowN || n > excelize.TotalRows {
				return false, &readError{row: rowN + 1, msg: lang.Sprintf("row number %q is out of order or out of range", r)}
			}
		}
		rowN = n
		if rows++; rows > b.opts.MaxRows {
			return false, &readError{msg: lang.Sprintf("the sheet has more than %d rows", b.opts.MaxRows), hint: lang.T("delete the empty or unrelated rows below the data")}
		}
		r, err := b.readRow(d, se, n, &cells)
		if err != nil {
			return false, err
		}
		return !r.hasContent() || fn(r), nil
	})
}

// readRow reads the cells of one <row>.
func (b *book) readRow(d *xml.Decoder, start xml.StartElement, n int, cells *int) (row, error) {
	r := row{n: n}
	col := 0
	for {
		tok, err := d.Token()
		if err != nil {
			return r, err
		}
		switch el := tok.(type) {
		case xml.EndElement:
			if el.Name.Local == start.Name.Local {
				// Held to its length: the slices grew by doubling.
				r.cells, r.info = slices.Clone(r.cells), slices.Clone(r.info)
				return r, nil
			}
		case xml.StartElement:
			if el.Name.Local != "c" {
				if err := d.Skip(); err != nil {
					return r, err
				}
				continue
			}
			*cells++
			if *cells > MaxCells {
				return r, &readError{row: n, msg: lang.Sprintf("the sheet has more than %d cells", MaxCells)}
			}
			next := col + 1
			if ref := attr(el, "r"); ref != "" {
				c, _, err := excelize.CellNameToCoordinates(ref)
				if err != nil || c <= col {
					return r, &readError{row: n, msg: lang.Sprintf("cell reference %q is out of order or out of range", ref)}
				}
				next = c
			}
			if next > MaxColumns {
				return r, &readError{row: n, msg: lang.Sprintf("row %d has more than %d cells", n, MaxColumns)}
			}
			col = next
			text, info, note, err := b.readCell(d, el)
			if err != nil {
				var se *readError
				if errors.As(err, &se) {
					se.row, se.col = n, col
				}
				return r, err
			}
			if text == "" && !info.formula {
				continue
			}
			// The blanks before the cell are held too, and count as cells.
			if *cells += col - 1 - len(r.cells); *cells > MaxCells {
				return r, &readError{row: n, msg: lang.Sprintf("the sheet has more than %d cells", MaxCells)}
			}
			for len(r.cells) < col-1 {
				r.cells = append(r.cells, "")
				r.info = append(r.info, cellInfo{})
			}
			r.cells = append(r.cells, text)
			r.info = append(r.info, info)
			if note.expr != "" || note.bad != "" {
				note.col = col - 1
				r.notes = append(r.notes, note)
			}
		}
	}
}

// readCell reads one <c>: its value as text and what it is.
func (b *book) readCell(d *xml.Decoder, start xml.StartElement) (string, cellInfo, cellNote, error) {
	var info cellInfo
	var note cellNote
	if s := attr(start, "s"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 32); err == nil {
			info.style = int32(n)
		}
	}
	t := attr(start, "t")
	var v, inline string
	hasInline := false
	for {
		tok, err := d.Token()
		if err != nil {
			return "", info, note, err
		}
		switch el := tok.(type) {
		case xml.EndElement:
			if el.Name.Local != start.Name.Local {
				continue
			}
			text, kind, bad, err := b.cellText(t, v, inline, hasInline)
			info.kind, note.bad = kind, bad
			return text, info, note, err
		case xml.StartElement:
			switch el.Name.Local {
			case "v", "f":
				var s string
				if err := d.DecodeElement(&s, &el); err != nil {
					return "", info, note, err
				}
				if el.Name.Local == "f" {
					info.formula, note.expr = true, s
				} else {
					v = s
				}
			case "is":
				hasInline = true
				if inline, err = richText(d, el); err != nil {
					return "", info, note, err
				}
			default:
				if err := d.Skip(); err != nil {
					return "", info, note, err
				}
			}
		}
	}
}

// cellText resolves a cell's value by its type; bad says why a cell
// cannot be read.
func (b *book) cellText(t, v, inline string, hasInline bool) (text string, kind cellKind, bad string, err error) {
	text = v
	switch t {
	case "s":
		if err := b.x.sharedStrings(); err != nil {
			return "", blankCell, "", err
		}
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(b.x.sst) {
			return v, errorCell, lang.Sprintf("the cell refers to shared string %q, which the workbook does not have", v), nil
		}
		text, kind = b.x.sst[i], stringCell
	case "inlineStr":
		text, kind = inline, stringCell
	case "str":
		kind = stringCell
		if hasInline {
			text = inline
		}
	case "b":
		kind = boolCell
	case "e":
		kind = errorCell
	case "d":
		kind = dateCell
	default:
		text, kind = excelDigits(v), numberCell
	}
	if text == "" {
		kind = blankCell
	}
	return text, kind, "", nil
}

func (r row) hasContent() bool {
	for i, c := range r.cells {
		if strings.TrimSpace(c) != "" || r.info[i].formula {
			return true
		}
	}
	return false
}

// sheetRows reads a sheet's rows that hold anything. A sheet that cannot
// be read is recorded and gives false.
func (b *book) sheetRows(name string) ([]row, bool) {
	var out []row
	err := b.stream(name, func(r row) bool {
		out = append(out, r)
		return true
	})
	if err != nil {
		b.sheetFailed(name, err)
		return nil, false
	}
	return out, true
}

// sheetFailed records why a sheet could not be read, at its cell when known.
func (b *book) sheetFailed(name string, err error) {
	at := b.sheetPos(name)
	var re *readError
	switch {
	case errors.As(err, &re):
		if re.row > 0 && re.col > 0 {
			at.Cell, at.Row, at.ColNo = cellName(re.col-1, re.row), re.row, re.col
		}
		b.errs.Add(&indicators.Error{Pos: at, Msg: re.msg, Hint: re.hint})
	default:
		b.errs.Addf(at, "the sheet is damaged: %v", err)
	}
}

// A cellRange is a merged range of a sheet, by 1-based rows and columns.
type cellRange struct{ top, left, bottom, right int }

// covers reports whether the range holds the cell at row n, column col
// (0-based).
func (c cellRange) covers(n, col int) bool {
	return n >= c.top && n <= c.bottom && col+1 >= c.left && col+1 <= c.right
}

// maxMerges caps the merged ranges kept of one sheet: a printed form has a
// few hundred.
const maxMerges = 100_000

// merge records a merged range (<mergeCell ref="A1:C2"/>) of a sheet. A
// range that does not read is left out: it merges nothing.
func (b *book) merge(sheet, ref string) error {
	from, to, ok := strings.Cut(ref, ":")
	if !ok {
		return nil
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(from)
	c2, r2, err2 := excelize.CellNameToCoordinates(to)
	if err1 != nil || err2 != nil {
		return nil
	}
	if len(b.merges[sheet]) >= maxMerges {
		return &readError{msg: lang.Sprintf("the sheet has more than %d merged ranges", maxMerges)}
	}
	if b.merges == nil {
		b.merges = map[string][]cellRange{}
	}
	b.merges[sheet] = append(b.merges[sheet], cellRange{top: min(r1, r2), left: min(c1, c2), bottom: max(r1, r2), right: max(c1, c2)})
	return nil
}
