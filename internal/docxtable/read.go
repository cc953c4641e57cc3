package docxtable

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/perfeval/perfeval/internal/files"
	"github.com/perfeval/perfeval/internal/lang"
)

// Caps on what one document may hold; the README lists them.
const (
	MaxFileSize   = 256 << 20 // bytes of the .docx itself
	MaxParts      = 10_000    // entries in the zip
	MaxXML        = 128 << 20 // bytes of word/document.xml, unzipped (declared or read)
	MaxDepth      = 256       // XML elements nested in one another
	MaxTables     = 10_000    // tables in the body
	MaxRows       = 50_000    // rows in a table, as in a sheet
	MaxParagraphs = 200_000   // paragraphs outside the tables (a report of 1,000 pages has some 20,000)
	MaxCells      = 2_000_000 // table cells in the document, each grid cell a merge covers included
	MaxColumns    = 16_384    // grid cells in a table row
	MaxCellLength = 32_767    // characters in a cell, as in a workbook
	maxParagraph  = 4_096     // characters kept of a paragraph outside the tables
)

// A Document is the body of a .docx: its paragraphs and tables in order.
type Document struct {
	Body []Block
}

// A Block is a paragraph outside any table (Table nil), or a table.
type Block struct {
	Text  string
	Table *Table
}

// A Table is a table of the body: its rows in order, each cell's text at
// its grid column (0-based), "" in the cells a merge covers.
type Table struct {
	N      int // 1-based, counting the body's tables
	Rows   [][]string
	Merges []Merge
}

// A Merge is a merged range of a table, by 1-based rows and columns.
type Merge struct{ Top, Left, Bottom, Right int }

// An Error is a document that cannot be read; its text says why, in the
// user's language. Table, Row and Col (1-based) place it when known.
type Error struct {
	Table, Row, Col int
	Msg, Hint       string
}

func (e *Error) Error() string { return e.Msg }

const documentPart = "word/document.xml"

// IsDocument reports whether data is a zip package holding a Word body
// (word/document.xml) and no workbook (xl/workbook.xml): what is read
// here rather than as a workbook, whatever the file's name.
func IsDocument(data []byte) bool {
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return false
	}
	if n, ok := files.ZipEntries(data); !ok || n > MaxParts {
		return false
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return false
	}
	doc := false
	for _, f := range zr.File {
		switch partName(f.Name) {
		case documentPart:
			doc = true
		case "xl/workbook.xml", "xl/workbook.bin":
			return false
		}
	}
	return doc
}

func partName(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, `\`, "/"), "/"))
}

func notDocument(msg string) *Error {
	return &Error{Msg: msg, Hint: lang.T("save it from Word or WPS as .docx")}
}

// Read reads the body of a .docx held in memory.
func Read(data []byte) (*Document, error) {
	if len(data) > MaxFileSize {
		return nil, &Error{Msg: lang.Sprintf("the document is %d MiB; perfeval reads at most %d MiB", len(data)>>20, MaxFileSize>>20)}
	}
	if n, ok := files.ZipEntries(data); ok && n > MaxParts {
		return nil, notDocument(lang.Sprintf("the file holds %d parts; a document has a few dozen (at most %d are read)", n, MaxParts))
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, notDocument(lang.Sprintf("the Word document is damaged or truncated: %v", err))
	}
	if len(zr.File) > MaxParts {
		return nil, notDocument(lang.Sprintf("the file holds %d parts; a document has a few dozen (at most %d are read)", len(zr.File), MaxParts))
	}
	var part *zip.File
	for _, f := range zr.File {
		if partName(f.Name) == documentPart {
			part = f
		}
	}
	if part == nil {
		return nil, notDocument(lang.T("not a Word document (.docx): it has no word/document.xml"))
	}
	if part.UncompressedSize64 > MaxXML {
		return nil, tooBig()
	}
	rc, err := part.Open()
	if err != nil {
		return nil, notDocument(lang.Sprintf("the Word document is damaged or truncated: %v", err))
	}
	defer rc.Close()
	r := &reader{d: xml.NewDecoder(&capped{r: rc, left: MaxXML}), doc: &Document{}}
	r.d.Strict = true
	if err := r.body(); err != nil {
		var e *Error
		if errors.As(err, &e) {
			return nil, e
		}
		return nil, notDocument(lang.Sprintf("the Word document is damaged or truncated: %v", err))
	}
	return r.doc, nil
}

// tooBig is a body that unzips to more than MaxXML: a possible zip bomb.
func tooBig() *Error {
	return &Error{Msg: lang.Sprintf("the document's text unzips to more than %d MiB; refused as a possible zip bomb", MaxXML>>20)}
}

// capped reads at most left bytes, then fails.
type capped struct {
	r    io.Reader
	left int64
}

func (c *capped) Read(p []byte) (int, error) {
	if c.left <= 0 {
		return 0, tooBig()
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

// A reader walks word/document.xml token by token, its depth and counts
// capped.
type reader struct {
	d     *xml.Decoder
	doc   *Document
	depth int
	cells int
	table int // the table being read, 1-based
	row   int // the row being read, 1-based
	col   int // the grid column being read, 1-based
}

// next is the next token, with the depth it leaves the reader at. A DTD
// is refused: it is how entities would be declared, and a document needs
// none.
func (r *reader) next() (xml.Token, error) {
	tok, err := r.d.Token()
	if err != nil {
		if err == io.EOF {
			return nil, err
		}
		var e *Error
		if errors.As(err, &e) {
			return nil, e
		}
		return nil, r.errf(lang.Sprintf("the Word document's XML does not read: %v", err))
	}
	switch t := tok.(type) {
	case xml.StartElement:
		if r.depth++; r.depth > MaxDepth {
			return nil, r.errf(lang.Sprintf("the Word document's XML nests more than %d elements deep", MaxDepth))
		}
	case xml.EndElement:
		r.depth--
	case xml.Directive:
		if bytes.HasPrefix(bytes.TrimSpace(t), []byte("DOCTYPE")) {
			return nil, r.errf(lang.T("the Word document declares a DTD (<!DOCTYPE>), which no Word document has; refused, for its entities could expand without end"))
		}
	}
	return tok, nil
}

// errf is an error at the place being read.
func (r *reader) errf(msg string) *Error {
	return &Error{Table: r.table, Row: r.row, Col: r.col, Msg: msg}
}

// body reads the document's paragraphs and tables, at any depth outside a
// table (inside w:sdt and the like).
func (r *reader) body() error {
	for {
		tok, err := r.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "p":
			if len(r.doc.Body)-r.table >= MaxParagraphs {
				return r.errf(lang.Sprintf("the document has more than %d paragraphs", MaxParagraphs))
			}
			var b strings.Builder
			if err := r.text(&b, maxParagraph*utf8.UTFMax, false); err != nil {
				return err
			}
			r.doc.Body = append(r.doc.Body, Block{Text: strings.TrimSpace(b.String())})
		case "tbl":
			if err := r.tableBlock(); err != nil {
				return err
			}
		case "Fallback":
			if err := r.skip(); err != nil {
				return err
			}
		}
	}
}

// skip reads past the element just started.
func (r *reader) skip() error {
	for end := r.depth - 1; r.depth > end; {
		if _, err := r.next(); err != nil {
			return unexpectedEOF(err)
		}
	}
	return nil
}

func unexpectedEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// text appends the text of the element just started to b: runs joined,
// soft breaks, carriage returns and tabs as spaces, paragraphs inside it
// (of a nested table or a text box) ended by a line break; deleted text,
// field codes and a Fallback's copy left out. More than limit bytes is a
// cell too long when long is set, and is dropped otherwise.
func (r *reader) text(b *strings.Builder, limit int, long bool) error {
	inText := false
	for end := r.depth - 1; r.depth > end; {
		tok, err := r.next()
		if err != nil {
			return unexpectedEOF(err)
		}
		add := ""
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "t":
				inText = true
			case "br", "cr", "tab":
				add = " "
			case "noBreakHyphen":
				add = "-"
			case "sym":
				add = symbol(t)
			case "Fallback", "delText", "instrText", "moveFrom", "tcPr", "pPr", "rPr", "trPr", "tblPr":
				if err := r.skip(); err != nil {
					return err
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				if r.depth > end && b.Len() > 0 {
					add = "\n"
				}
			}
		case xml.CharData:
			if inText {
				add = string(t)
			}
		}
		if b.Len()+len(add) > limit {
			if long {
				return r.errf(lang.Sprintf("the table holds a cell longer than %d characters", MaxCellLength))
			}
			continue
		}
		b.WriteString(add)
	}
	return nil
}

// symbolFont is what a w:sym of the Symbol font shows (Insert Symbol
// writes ≥ and ≤ so): the characters a form's targets use.
var symbolFont = map[string]string{"B3": "≥", "A3": "≤", "3E": ">", "3C": "<", "3D": "=", "B1": "±", "B4": "×", "B8": "÷", "B0": "°", "25": "%"}

// symbol is the text of a w:sym: a character of the Symbol font, or a
// Unicode character given by its code (w:char="2265"); "" for another
// font's picture.
func symbol(se xml.StartElement) string {
	code := strings.ToUpper(attr(se, "char"))
	if strings.EqualFold(attr(se, "font"), "Symbol") {
		return symbolFont[strings.TrimPrefix(code, "F0")]
	}
	n, err := strconv.ParseUint(code, 16, 32)
	if err != nil || n < 0x20 || n >= 0x7F && n < 0xA0 || n >= 0xE000 && n <= 0xF8FF || n > utf8.MaxRune || !utf8.ValidRune(rune(n)) {
		return "" // a private-use code of a picture font (Wingdings), or none
	}
	return string(rune(n))
}

// tableBlock reads a table of the body.
func (r *reader) tableBlock() error {
	if r.table >= MaxTables {
		return r.errf(lang.Sprintf("the document has more than %d tables", MaxTables))
	}
	r.table++
	t := &Table{N: r.table}
	open := map[int]int{} // grid column → its open vertical merge, by index in t.Merges
	r.row = 0
	for end := r.depth - 1; r.depth > end; {
		tok, err := r.next()
		if err != nil {
			return unexpectedEOF(err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "tr":
			if r.row++; r.row > MaxRows {
				return r.errf(lang.Sprintf("a table has more than %d rows", MaxRows))
			}
			if r.cells++; r.cells > MaxCells { // a row costs a cell, even an empty one
				return r.errf(lang.Sprintf("the document's tables hold more than %d cells", MaxCells))
			}
			row, err := r.tableRow(t, open)
			if err != nil {
				return err
			}
			t.Rows = append(t.Rows, row)
		case "tblPr", "tblGrid", "Fallback":
			if err := r.skip(); err != nil {
				return err
			}
		}
	}
	merges := t.Merges[:0]
	for _, m := range t.Merges {
		if m.Bottom > m.Top || m.Right > m.Left {
			merges = append(merges, m)
		}
	}
	t.Merges = merges
	r.doc.Body = append(r.doc.Body, Block{Table: t})
	r.row, r.col = 0, 0
	return nil
}

// tableRow reads one w:tr: its cells at their grid columns.
func (r *reader) tableRow(t *Table, open map[int]int) ([]string, error) {
	var cells []string
	r.col = 0
	seen := map[int]bool{}
	for end := r.depth - 1; r.depth > end; {
		tok, err := r.next()
		if err != nil {
			return nil, unexpectedEOF(err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "trPr", "tblPrEx":
			before, err := r.gridBefore()
			if err != nil {
				return nil, err
			}
			if err := r.grow(&cells, before); err != nil {
				return nil, err
			}
		case "tc":
			c := len(cells)
			r.col = c + 1
			cell, err := r.tableCell()
			if err != nil {
				return nil, err
			}
			if err := r.grow(&cells, cell.span); err != nil {
				return nil, err
			}
			seen[c] = true
			m, isOpen := open[c]
			switch {
			case cell.vMerge == "continue" && isOpen:
				t.Merges[m].Bottom = r.row
			case cell.vMerge == "restart" || cell.span > 1:
				cells[c] = cell.text
				t.Merges = append(t.Merges, Merge{Top: r.row, Left: c + 1, Bottom: r.row, Right: c + cell.span})
				delete(open, c)
				if cell.vMerge == "restart" {
					open[c] = len(t.Merges) - 1
				}
			default:
				cells[c] = cell.text
				delete(open, c)
			}
		case "Fallback":
			if err := r.skip(); err != nil {
				return nil, err
			}
		}
	}
	for c := range open {
		if !seen[c] {
			delete(open, c) // a row without a cell there ends the merge
		}
	}
	return cells, nil
}

// grow adds n grid cells to a row, against the caps.
func (r *reader) grow(cells *[]string, n int) error {
	if len(*cells)+n > MaxColumns {
		return r.errf(lang.Sprintf("a table row holds more than %d cells", MaxColumns))
	}
	if r.cells += n; r.cells > MaxCells {
		return r.errf(lang.Sprintf("the document's tables hold more than %d cells", MaxCells))
	}
	*cells = append(*cells, make([]string, n)...)
	return nil
}

// gridBefore reads a w:trPr (or w:tblPrEx) for the grid columns left out
// before the row's first cell.
func (r *reader) gridBefore() (int, error) {
	n := 0
	for end := r.depth - 1; r.depth > end; {
		tok, err := r.next()
		if err != nil {
			return 0, unexpectedEOF(err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "gridBefore" {
			n = r.count(se)
		}
	}
	return n, nil
}

// count reads a w:val count (gridSpan, gridBefore): at least 0, and more
// than a row may hold is capped there, for grow to refuse.
func (r *reader) count(se xml.StartElement) int {
	v, err := strconv.Atoi(strings.TrimSpace(attr(se, "val")))
	if err != nil || v < 0 {
		return 0
	}
	return min(v, MaxColumns+1)
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

type cell struct {
	text   string
	span   int
	vMerge string // "", "restart" or "continue"
}

// tableCell reads one w:tc: its properties and its text.
func (r *reader) tableCell() (cell, error) {
	c := cell{span: 1}
	var b strings.Builder
	for end := r.depth - 1; r.depth > end; {
		tok, err := r.next()
		if err != nil {
			return c, unexpectedEOF(err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "tcPr":
			if err := r.cellProps(&c); err != nil {
				return c, err
			}
		case "p", "tbl":
			if se.Name.Local == "p" && b.Len() > 0 {
				b.WriteString("\n")
			}
			if err := r.text(&b, MaxCellLength*utf8.UTFMax, true); err != nil {
				return c, err
			}
		case "Fallback":
			if err := r.skip(); err != nil {
				return c, err
			}
		}
	}
	text := strings.TrimRight(b.String(), "\n")
	if utf8.RuneCountInString(text) > MaxCellLength {
		return c, r.errf(lang.Sprintf("the table holds a cell longer than %d characters", MaxCellLength))
	}
	c.text = text
	return c, nil
}

// cellProps reads a w:tcPr: w:gridSpan and w:vMerge.
func (r *reader) cellProps(c *cell) error {
	for end := r.depth - 1; r.depth > end; {
		tok, err := r.next()
		if err != nil {
			return unexpectedEOF(err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "gridSpan":
			c.span = max(1, r.count(se))
		case "vMerge":
			c.vMerge = "continue"
			if attr(se, "val") == "restart" {
				c.vMerge = "restart"
			}
		}
	}
	return nil
}
