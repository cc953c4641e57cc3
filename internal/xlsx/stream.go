package xlsx

import (
	"encoding/xml"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/third_party/excelize"
)

// A Kind is what a cell holds, by its type attribute.
type Kind uint8

const (
	BlankCell  Kind = iota
	NumberCell      // t absent or "n"
	StringCell      // a shared, inline or formula string
	BoolCell        // t="b"
	ErrorCell       // t="e": #DIV/0!, #N/A, …
	DateCell        // t="d": an ISO 8601 date
)

// A Cell is what a cell says besides its value, in 8 bytes: a sheet of
// 2,000,000 cells is held whole.
type Cell struct {
	Kind    Kind
	Formula bool // the cell has a formula
	Style   int32
}

// A Note is what few cells carry: a formula's text (empty for a shared
// formula's followers), or why the cell cannot be read, for the reader to
// report when it reads the cell.
type Note struct {
	Col       int // 0-based
	Expr, Bad string
}

// A Row of a sheet: its 1-based number, each cell's value (a number as
// stored, read at 15 digits; a string as written) and each cell's kind,
// style and formula.
type Row struct {
	N     int
	Cells []string
	Info  []Cell
	notes []Note
}

// Note returns the note of the cell in column col (0-based), if any.
func (r Row) Note(col int) Note {
	for _, n := range r.notes {
		if n.Col == col {
			return n
		}
	}
	return Note{}
}

// Stream reads a sheet's rows in order and calls fn with each row that
// holds a value or a formula; fn returns false to stop. Rows, cells, cell
// lengths and unzipped bytes are capped.
func (b *Book) Stream(name string, fn func(Row) bool) error {
	if g, ok := b.held[name]; ok {
		return b.streamHeld(g, fn)
	}
	if rows, ok := b.whole(name); ok {
		for i, r := range rows {
			if !fn(r) {
				return nil
			}
			if i == len(rows)-1 {
				delete(b.kept, name) // read to the end: its reader has it now
			}
		}
		return nil
	}
	return b.stream(name, fn)
}

// smallSheet is the size, unzipped, up to which a sheet is read whole the
// first time it is streamed and its rows kept until they are streamed to
// the end: a form is found by its first rows and then read whole, and
// parsing its XML twice was a fifth of checking it.
const smallSheet = 1 << 20

// whole reads a small sheet's rows once, or gives false: a sheet too
// large to keep, or one whose reading fails (streamed again, it fails at
// its place).
func (b *Book) whole(name string) ([]Row, bool) {
	if rows, ok := b.kept[name]; ok {
		return rows, true
	}
	f := b.x.parts[b.sheetPart(name)]
	if f == nil || f.UncompressedSize64 > smallSheet {
		return nil, false
	}
	rows := []Row{}
	if b.stream(name, func(r Row) bool { rows = append(rows, r); return true }) != nil {
		return nil, false
	}
	if b.kept == nil {
		b.kept = map[string][]Row{}
	}
	b.kept[name] = rows
	return rows, true
}

func (b *Book) sheetPart(name string) string {
	var part string
	for _, s := range b.x.sheets {
		if s.name == name {
			part = s.path
		}
	}
	return part
}

func (b *Book) stream(name string, fn func(Row) bool) error {
	var part string
	for _, s := range b.x.sheets {
		if s.name == name {
			part = s.path
		}
	}
	f := b.x.parts[part]
	if f == nil {
		return &Error{Msg: lang.T("the sheet's part is missing from the workbook")}
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
				return false, &Error{Row: rowN + 1, Msg: lang.Sprintf("row number %q is out of order or out of range", r)}
			}
		}
		rowN = n
		if rows++; rows > b.maxRows {
			return false, &Error{Msg: lang.Sprintf("the sheet has more than %d rows", b.maxRows), Hint: lang.T("delete the empty or unrelated rows below the data")}
		}
		r, err := b.readRow(d, se, n, &cells)
		if err != nil {
			return false, err
		}
		return !r.HasContent() || fn(r), nil
	})
}

// readRow reads the cells of one <row>.
func (b *Book) readRow(d *xml.Decoder, start xml.StartElement, n int, cells *int) (Row, error) {
	r := Row{N: n}
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
				r.Cells, r.Info = slices.Clone(r.Cells), slices.Clone(r.Info)
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
				return r, &Error{Row: n, Msg: lang.Sprintf("the sheet has more than %d cells", MaxCells)}
			}
			next := col + 1
			if ref := attr(el, "r"); ref != "" {
				c, _, err := excelize.CellNameToCoordinates(ref)
				if err != nil || c <= col {
					return r, &Error{Row: n, Msg: lang.Sprintf("cell reference %q is out of order or out of range", ref)}
				}
				next = c
			}
			if next > MaxColumns {
				return r, &Error{Row: n, Msg: lang.Sprintf("row %d has more than %d cells", n, MaxColumns)}
			}
			col = next
			text, info, note, err := b.readCell(d, el)
			if err != nil {
				var se *Error
				if errors.As(err, &se) {
					se.Row, se.Col = n, col
				}
				return r, err
			}
			if text == "" && !info.Formula {
				continue
			}
			// The blanks before the cell are held too, and count as cells.
			if *cells += col - 1 - len(r.Cells); *cells > MaxCells {
				return r, &Error{Row: n, Msg: lang.Sprintf("the sheet has more than %d cells", MaxCells)}
			}
			for len(r.Cells) < col-1 {
				r.Cells = append(r.Cells, "")
				r.Info = append(r.Info, Cell{})
			}
			r.Cells = append(r.Cells, text)
			r.Info = append(r.Info, info)
			if note.Expr != "" || note.Bad != "" {
				note.Col = col - 1
				r.notes = append(r.notes, note)
			}
		}
	}
}

// readCell reads one <c>: its value as text and what it is.
func (b *Book) readCell(d *xml.Decoder, start xml.StartElement) (string, Cell, Note, error) {
	var info Cell
	var note Note
	if s := attr(start, "s"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 32); err == nil {
			info.Style = int32(n)
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
			info.Kind, note.Bad = kind, bad
			return text, info, note, err
		case xml.StartElement:
			switch el.Name.Local {
			case "v", "f":
				s, err := elementText(d)
				if err != nil {
					return "", info, note, err
				}
				if el.Name.Local == "f" {
					info.Formula, note.Expr = true, s
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

// elementText reads the text of the element just started, up to its end,
// as DecodeElement into a string reads it (the text of elements inside it
// left out) without its reflection: a <v> or <f> in every cell.
func elementText(d *xml.Decoder) (string, error) {
	var text []byte
	for {
		tok, err := d.Token()
		if err != nil {
			return "", err
		}
		switch el := tok.(type) {
		case xml.CharData:
			text = append(text, el...)
		case xml.StartElement:
			if err := d.Skip(); err != nil {
				return "", err
			}
		case xml.EndElement:
			return string(text), nil
		}
	}
}

// cellText resolves a cell's value by its type; bad says why a cell
// cannot be read.
func (b *Book) cellText(t, v, inline string, hasInline bool) (text string, kind Kind, bad string, err error) {
	text = v
	switch t {
	case "s":
		if err := b.x.sharedStrings(); err != nil {
			return "", BlankCell, "", err
		}
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(b.x.sst) {
			return v, ErrorCell, lang.Sprintf("the cell refers to shared string %q, which the workbook does not have", v), nil
		}
		text, kind = b.x.sst[i], StringCell
	case "inlineStr":
		text, kind = inline, StringCell
	case "str":
		kind = StringCell
		if hasInline {
			text = inline
		}
	case "b":
		kind = BoolCell
	case "e":
		kind = ErrorCell
	case "d":
		kind = DateCell
	default:
		text, kind = digits(v), NumberCell
	}
	if text == "" {
		kind = BlankCell
	}
	return text, kind, "", nil
}

// HasContent reports whether a row holds a value or a formula.
func (r Row) HasContent() bool {
	for i, c := range r.Cells {
		if strings.TrimSpace(c) != "" || r.Info[i].Formula {
			return true
		}
	}
	return false
}

// Rows reads a sheet's rows that hold anything, and records its merged
// ranges (Merges).
func (b *Book) Rows(name string) ([]Row, error) {
	var out []Row
	err := b.Stream(name, func(r Row) bool {
		out = append(out, r)
		return true
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Merges are the merged ranges of a sheet read whole by Rows.
func (b *Book) Merges(name string) []Range { return b.merges[name] }

// A Range is a merged range of a sheet, by 1-based rows and columns.
type Range struct{ Top, Left, Bottom, Right int }

// Covers reports whether the range holds the cell at row n, column col
// (0-based).
func (c Range) Covers(n, col int) bool {
	return n >= c.Top && n <= c.Bottom && col+1 >= c.Left && col+1 <= c.Right
}

// maxMerges caps the merged ranges kept of one sheet: a printed form has a
// few hundred.
const maxMerges = 100_000

// merge records a merged range (<mergeCell ref="A1:C2"/>) of a sheet. A
// range that does not read is left out: it merges nothing.
func (b *Book) merge(sheet, ref string) error {
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
		return &Error{Msg: lang.Sprintf("the sheet has more than %d merged ranges", maxMerges)}
	}
	if b.merges == nil {
		b.merges = map[string][]Range{}
	}
	b.merges[sheet] = append(b.merges[sheet], Range{Top: min(r1, r2), Left: min(c1, c2), Bottom: max(r1, r2), Right: max(c1, c2)})
	return nil
}
