package xlsx

// The reader opens the .xlsx package itself. excelize's streaming Rows
// gives only a cell's text; a cell's type, style and formula come only
// from calls (GetCellType, GetCellStyle, GetCellFormula) that load the
// whole sheet into memory, so a 250 KB file of 11 million empty cells
// needs gigabytes. Here the parts a reading needs (the workbook, its
// relationships, the shared strings, the styles) and each sheet are
// decoded token by token from their zip entries, with a cap on every
// count, and nothing larger than one capped string is ever held. excelize
// still decrypts a protected workbook, shows a number as its format
// displays it (format.go), and computes an uncached formula that passes
// the gate in formula.go.

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/perfeval/perfeval/internal/files"
	"github.com/perfeval/perfeval/internal/lang"
)

// Caps on what one workbook may hold; the README lists them.
const (
	MaxCellLength   = 32_767    // characters in a cell: Excel's own limit
	MaxColumns      = 16_384    // cells in a row: Excel's last column, XFD
	MaxCells        = 2_000_000 // cells in a sheet, blank ones included
	maxSharedText   = 64 << 20  // bytes of all shared strings
	maxStyles       = 65_536    // cell formats (Excel allows 64,000)
	maxRun          = 1 << 20   // bytes of XML between two tags, or inside one
	maxSheetsListed = 4_096     // sheets in the workbook
	maxParts        = 10_000    // entries in the zip
	maxSheetName    = 255       // characters in a sheet's name (Excel allows 31)
	maxStrings      = MaxCells  // shared strings
)

// A pkg is an opened .xlsx package: its sheets, shared strings and cell
// formats. Every part is read through one budget of unzipped bytes.
type pkg struct {
	parts    map[string]*zip.File // by lower-case name
	sheets   []sheetPart          // in the workbook's order
	sst      []string             // shared strings, read when first needed
	sstPath  string
	sstRead  bool
	xfs      []int          // cell format index → number format id
	codes    map[int]string // custom number format codes by id
	date1904 bool
	left     int64 // bytes that may still be unzipped
	sheetXML int64 // unzipped bytes of all sheets
}

// A sheetPart is a sheet as the workbook lists it. A hidden sheet
// (state="hidden" or "veryHidden") is one the user does not see in Excel.
type sheetPart struct {
	name, path string
	hidden     bool
}

// A Error is a workbook or a sheet that cannot be read; its text
// says why, in the user's language. row and col (1-based) place it in a
// sheet when known; hint says what to do.
type Error struct {
	Row, Col  int // 1-based; 0 when not known
	Msg, Hint string
}

func (e *Error) Error() string { return e.Msg }

// notWorkbook is a file that is not an .xlsx perfeval reads.
func notWorkbook(msg string) *Error {
	return &Error{Msg: msg, Hint: lang.T("save it from Excel or WPS as .xlsx")}
}

// openPackage reads the structure of an .xlsx held in memory.
func openPackage(data []byte) (*pkg, error) {
	if n, ok := files.ZipEntries(data); ok && n > maxParts {
		return nil, notWorkbook(lang.Sprintf("the file holds %d parts; a workbook has a few dozen (at most %d are read)", n, maxParts))
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	p := &pkg{parts: map[string]*zip.File{}, codes: map[int]string{}, left: maxReadSize}
	var declared uint64
	for _, f := range zr.File {
		name := strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(f.Name, `\`, "/"), "/"))
		p.parts[name] = f
		if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
			declared += f.UncompressedSize64 // pictures and other parts are never read
		}
		if strings.HasPrefix(name, "xl/worksheets/") {
			p.sheetXML += int64(f.UncompressedSize64)
		}
	}
	if declared > maxUnzippedSize {
		return nil, zipBomb()
	}
	if f := p.parts["mimetype"]; f != nil {
		if b, err := p.small(f); err == nil && strings.HasPrefix(string(b), "application/vnd.oasis.opendocument") {
			return nil, notWorkbook(lang.T("an OpenDocument spreadsheet (.ods), not an Excel workbook (.xlsx)"))
		}
	}
	if p.parts["xl/workbook.bin"] != nil {
		return nil, notWorkbook(lang.T("a binary workbook (.xlsb), not an Excel workbook (.xlsx)"))
	}
	wb := "xl/workbook.xml"
	if rels, err := p.rels("_rels/.rels", ""); err == nil {
		for _, r := range rels {
			if strings.HasSuffix(r.typ, "/officeDocument") {
				wb = r.target
			}
		}
	}
	if p.parts[wb] == nil {
		return nil, notWorkbook(lang.T("not an Excel workbook (.xlsx)"))
	}
	if err := p.workbook(wb); err != nil {
		return nil, err
	}
	return p, nil
}

// tooMuchXML is a workbook whose parts read unzip to more than
// maxReadSize: time grows with what is decoded.
func tooMuchXML() *Error {
	return &Error{Msg: lang.Sprintf("the workbook's sheets and parts unzip to more than %d MiB; perfeval reads at most that", maxReadSize>>20)}
}

// zipBomb is a workbook whose XML parts declare more than maxUnzippedSize.
func zipBomb() *Error {
	return &Error{Msg: lang.Sprintf("the workbook unzips to more than %d MiB; refused as a possible zip bomb", maxUnzippedSize>>20)}
}

// longCell is XML with a run longer than any cell Excel writes.
func longCell() *Error {
	return &Error{Msg: lang.Sprintf("the sheet holds a cell longer than Excel's %d characters", MaxCellLength)}
}

// walk decodes a part token by token, through the budget of unzipped
// bytes and the cap on a run of XML, and calls fn with each token until
// the part ends, fn returns false, or either fails. fn may read on from d
// (an element's content).
func (p *pkg) walk(f *zip.File, fn func(d *xml.Decoder, tok xml.Token) (more bool, err error)) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(&runCap{r: &budget{r: rc, left: &p.left}})
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if more, err := fn(d, tok); err != nil || !more {
			return err
		}
	}
}

// small reads a small part whole (a mimetype).
func (p *pkg) small(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(io.LimitReader(rc, 256))
}

// A budget counts unzipped bytes against what is left for the workbook.
type budget struct {
	r    io.Reader
	left *int64
}

func (b *budget) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	*b.left -= int64(n)
	if *b.left < 0 {
		return n, tooMuchXML()
	}
	return n, err
}

// A runCap refuses XML with more than maxRun bytes between two tags or
// inside one, so that the decoder never holds a huge token.
type runCap struct {
	r     io.Reader
	run   int
	inTag bool
}

func (c *runCap) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for _, b := range p[:n] {
		switch {
		case b == '<' && !c.inTag, b == '>' && c.inTag:
			c.inTag, c.run = !c.inTag, 0
		default:
			c.run++
		}
	}
	if c.run > maxRun {
		return n, longCell()
	}
	return n, err
}

type rel struct{ id, typ, target string }

// rels reads a relationships part; targets are resolved against dir.
func (p *pkg) rels(name, dir string) ([]rel, error) {
	f := p.parts[name]
	if f == nil {
		return nil, io.EOF
	}
	var out []rel
	err := p.walk(f, func(_ *xml.Decoder, tok xml.Token) (bool, error) {
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "Relationship" {
			return true, nil
		}
		if len(out) >= maxSheetsListed*4 {
			return false, notWorkbook(lang.T("the workbook lists too many parts"))
		}
		r := rel{id: attr(se, "Id"), typ: attr(se, "Type"), target: attr(se, "Target")}
		if strings.HasPrefix(r.target, "/") {
			r.target = strings.TrimPrefix(r.target, "/")
		} else {
			r.target = path.Join(dir, r.target)
		}
		r.target = strings.ToLower(r.target)
		out = append(out, r)
		return true, nil
	})
	return out, err
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// workbook reads the sheet list (with each sheet's state), the date
// system and where the shared strings and styles are.
func (p *pkg) workbook(name string) error {
	dir := path.Dir(name)
	relName := path.Join(dir, "_rels", path.Base(name)+".rels")
	rels, err := p.rels(relName, dir)
	if err != nil && err != io.EOF {
		return err
	}
	byID := map[string]string{}
	p.sstPath = path.Join(dir, "sharedstrings.xml")
	styles := path.Join(dir, "styles.xml")
	for _, r := range rels {
		byID[r.id] = r.target
		switch {
		case strings.HasSuffix(r.typ, "/sharedStrings"):
			p.sstPath = r.target
		case strings.HasSuffix(r.typ, "/styles"):
			styles = r.target
		}
	}
	err = p.walk(p.parts[name], func(_ *xml.Decoder, tok xml.Token) (bool, error) {
		se, ok := tok.(xml.StartElement)
		if !ok {
			return true, nil
		}
		switch se.Name.Local {
		case "workbookPr":
			v := attr(se, "date1904")
			p.date1904 = v == "1" || v == "true"
		case "sheet":
			if len(p.sheets) >= maxSheetsListed {
				return false, notWorkbook(lang.Sprintf("the workbook has more than %d sheets", maxSheetsListed))
			}
			target := ""
			for _, a := range se.Attr {
				if a.Name.Local == "id" && a.Name.Space != "" {
					target = byID[a.Value]
				}
			}
			name := attr(se, "name")
			if n := utf8.RuneCountInString(name); n > maxSheetName {
				return false, notWorkbook(lang.Sprintf("a sheet's name has %d characters; Excel allows 31", n))
			}
			state := attr(se, "state")
			p.sheets = append(p.sheets, sheetPart{name: name, path: target, hidden: state == "hidden" || state == "veryHidden"})
		}
		return true, nil
	})
	if err != nil {
		return err
	}
	if f := p.parts[styles]; f != nil {
		return p.readStyles(f)
	}
	return nil
}

// sheetNames lists the sheets in the workbook's order.
func (p *pkg) sheetNames() []string {
	out := make([]string, len(p.sheets))
	for i, s := range p.sheets {
		out[i] = s.name
	}
	return out
}

// hidden reports whether the sheet named name is hidden or very hidden.
func (p *pkg) hidden(name string) bool {
	for _, s := range p.sheets {
		if s.name == name {
			return s.hidden
		}
	}
	return false
}

// readStyles reads the number format of every cell format.
func (p *pkg) readStyles(f *zip.File) error {
	inXfs := false
	return p.walk(f, func(_ *xml.Decoder, tok xml.Token) (bool, error) {
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "numFmt":
				// Excel's format codes are at most 255 characters; a longer
				// one is left out, and its cells show their numbers as stored.
				if id, err := strconv.Atoi(attr(el, "numFmtId")); err == nil && len(p.codes) < maxStyles && utf8.RuneCountInString(attr(el, "formatCode")) <= 255 {
					p.codes[id] = attr(el, "formatCode")
				}
			case "cellXfs":
				inXfs = true
			case "xf":
				if !inXfs {
					break
				}
				if len(p.xfs) >= maxStyles {
					return false, notWorkbook(lang.Sprintf("the workbook has more than %d cell formats", maxStyles))
				}
				id, _ := strconv.Atoi(attr(el, "numFmtId"))
				p.xfs = append(p.xfs, id)
			}
		case xml.EndElement:
			if el.Name.Local == "cellXfs" {
				inXfs = false
			}
		}
		return true, nil
	})
}

// numFmt returns a cell format's number format: its id and, for a custom
// one, its code.
func (p *pkg) numFmt(style int) (int, *string) {
	if style <= 0 || style >= len(p.xfs) {
		return 0, nil
	}
	id := p.xfs[style]
	if code, ok := p.codes[id]; ok {
		return id, &code
	}
	return id, nil
}

// sharedStrings reads the shared strings the first time a cell needs one.
func (p *pkg) sharedStrings() error {
	if p.sstRead {
		return nil
	}
	p.sstRead = true
	f := p.parts[p.sstPath]
	if f == nil {
		return nil
	}
	total := 0
	return p.walk(f, func(d *xml.Decoder, tok xml.Token) (bool, error) {
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "si" {
			return true, nil
		}
		s, err := richText(d, se)
		if err != nil {
			return false, err
		}
		total += len(s)
		if len(p.sst) >= maxStrings {
			return false, &Error{Msg: lang.Sprintf("the workbook has more than %d shared strings", maxStrings)}
		}
		if total > maxSharedText {
			return false, &Error{Msg: lang.Sprintf("the workbook's shared strings exceed %d MiB", maxSharedText>>20)}
		}
		p.sst = append(p.sst, s)
		return true, nil
	})
}

// richText reads the text of an <si> or <is>: its <t>, or the <t> of its
// runs, leaving out phonetic guides (<rPh>). A text longer than Excel
// allows is a longCell error.
func richText(d *xml.Decoder, start xml.StartElement) (string, error) {
	var b strings.Builder
	inT, skip := false, 0
	for {
		tok, err := d.Token()
		if err != nil {
			return "", err
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "rPh":
				skip++
			case "t":
				inT = skip == 0
			}
		case xml.EndElement:
			switch el.Name.Local {
			case "rPh":
				skip--
			case "t":
				inT = false
			case start.Name.Local:
				return b.String(), nil
			}
		case xml.CharData:
			if inT {
				if b.Len()+len(el) > 4*MaxCellLength {
					return "", longCell()
				}
				b.Write(el)
			}
		}
	}
}
