package workbook

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

	"github.com/perfeval/perfeval/indicators/lang"
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

type sheetPart struct{ name, path string }

// errPackage is a package that is not an .xlsx workbook, or is damaged;
// its text says why.
type errPackage struct{ msg string }

func (e *errPackage) Error() string { return e.msg }

// openPackage reads the structure of an .xlsx held in memory.
func openPackage(data []byte) (*pkg, error) {
	if n, ok := zipEntries(data); ok && n > maxParts {
		return nil, &errPackage{lang.Sprintf("the file holds %d parts; a workbook has a few dozen (at most %d are read)", n, maxParts)}
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
		return nil, errZipBomb{}
	}
	if f := p.parts["mimetype"]; f != nil {
		if b, err := p.small(f); err == nil && strings.HasPrefix(string(b), "application/vnd.oasis.opendocument") {
			return nil, &errPackage{lang.T("an OpenDocument spreadsheet (.ods), not an Excel workbook (.xlsx)")}
		}
	}
	if p.parts["xl/workbook.bin"] != nil {
		return nil, &errPackage{lang.T("a binary workbook (.xlsb), not an Excel workbook (.xlsx)")}
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
		return nil, &errPackage{lang.T("not an Excel workbook (.xlsx)")}
	}
	if err := p.workbook(wb); err != nil {
		return nil, err
	}
	return p, nil
}

// zipEntries reads how many entries a zip's directory lists, from its end
// record, before the directory itself is read (each entry costs memory);
// ok is false when there is no end record. A zip64 count (0xFFFF) is over
// any cap.
func zipEntries(data []byte) (int, bool) {
	const endLen = 22
	from := max(0, len(data)-endLen-0xFFFF)
	i := bytes.LastIndex(data[from:], []byte("PK\x05\x06"))
	if i < 0 || from+i+endLen > len(data) {
		return 0, false
	}
	end := data[from+i:]
	return int(end[10]) | int(end[11])<<8, true
}

// errTooMuchXML is a workbook whose parts read unzip to more than
// maxReadSize: time grows with what is decoded.
type errTooMuchXML struct{}

func (errTooMuchXML) Error() string {
	return lang.Sprintf("the workbook's sheets and parts unzip to more than %d MiB; perfeval reads at most that", maxReadSize>>20)
}

// errZipBomb is a workbook that unzips to more than maxUnzippedSize.
type errZipBomb struct{}

func (errZipBomb) Error() string {
	return lang.Sprintf("the workbook unzips to more than %d MiB; refused as a possible zip bomb", maxUnzippedSize>>20)
}

// open opens a part for decoding, through the budget of unzipped bytes and
// the cap on a run of XML.
func (p *pkg) open(f *zip.File) (*xml.Decoder, io.Closer, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, nil, err
	}
	d := xml.NewDecoder(&runCap{r: &budget{r: rc, left: &p.left}})
	return d, rc, nil
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
		return n, errTooMuchXML{}
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

// errLongCell is XML with a run longer than any cell Excel writes.
type errLongCell struct{}

func (errLongCell) Error() string {
	return lang.Sprintf("the sheet holds a cell longer than Excel's %d characters", MaxCellLength)
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
		return n, errLongCell{}
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
	d, c, err := p.open(f)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	var out []rel
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "Relationship" {
			continue
		}
		if len(out) >= maxSheetsListed*4 {
			return nil, &errPackage{lang.T("the workbook lists too many parts")}
		}
		r := rel{id: attr(se, "Id"), typ: attr(se, "Type"), target: attr(se, "Target")}
		if strings.HasPrefix(r.target, "/") {
			r.target = strings.TrimPrefix(r.target, "/")
		} else {
			r.target = path.Join(dir, r.target)
		}
		r.target = strings.ToLower(r.target)
		out = append(out, r)
	}
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// workbook reads the sheet list, the date system and where the shared
// strings and styles are.
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
	d, c, err := p.open(p.parts[name])
	if err != nil {
		return err
	}
	defer c.Close()
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "workbookPr":
			v := attr(se, "date1904")
			p.date1904 = v == "1" || v == "true"
		case "sheet":
			if len(p.sheets) >= maxSheetsListed {
				return &errPackage{lang.Sprintf("the workbook has more than %d sheets", maxSheetsListed)}
			}
			target := ""
			for _, a := range se.Attr {
				if a.Name.Local == "id" && a.Name.Space != "" {
					target = byID[a.Value]
				}
			}
			name := attr(se, "name")
			if n := utf8.RuneCountInString(name); n > maxSheetName {
				return &errPackage{lang.Sprintf("a sheet's name has %d characters; Excel allows 31", n)}
			}
			p.sheets = append(p.sheets, sheetPart{name: name, path: target})
		}
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

// readStyles reads the number format of every cell format.
func (p *pkg) readStyles(f *zip.File) error {
	d, c, err := p.open(f)
	if err != nil {
		return err
	}
	defer c.Close()
	inXfs := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
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
					continue
				}
				if len(p.xfs) >= maxStyles {
					return &errPackage{lang.Sprintf("the workbook has more than %d cell formats", maxStyles)}
				}
				id, _ := strconv.Atoi(attr(el, "numFmtId"))
				p.xfs = append(p.xfs, id)
			}
		case xml.EndElement:
			if el.Name.Local == "cellXfs" {
				inXfs = false
			}
		}
	}
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
	d, c, err := p.open(f)
	if err != nil {
		return err
	}
	defer c.Close()
	total := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "si" {
			s, err := richText(d, se)
			if err != nil {
				return err
			}
			total += len(s)
			if len(p.sst) >= maxStrings {
				return &errPackage{lang.Sprintf("the workbook has more than %d shared strings", maxStrings)}
			}
			if total > maxSharedText {
				return &errPackage{lang.Sprintf("the workbook's shared strings exceed %d MiB", maxSharedText>>20)}
			}
			p.sst = append(p.sst, s)
		}
	}
}

// richText reads the text of an <si> or <is>: its <t>, or the <t> of its
// runs, leaving out phonetic guides (<rPh>). A text longer than Excel
// allows is errLongCell.
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
					return "", errLongCell{}
				}
				b.Write(el)
			}
		}
	}
}
