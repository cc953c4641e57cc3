package render

import (
	"archive/zip"
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/templates"
)

// The DOCX package: a reference document's styles and settings around a
// body perfeval writes, the way pandoc's reference.docx works.
//
// The WordprocessingML is written here by hand, with archive/zip and
// encoding/xml, because no permissively licensed Go library covers what the
// report needs together (tables with repeating header rows, East-Asian
// fonts, page fields): fumiama/go-docx is AGPL, gomutex/godocx cannot set
// East-Asian fonts and unidoc/unioffice needs a commercial key. It is kept
// to the parts a report uses; the look comes from the reference document.

const (
	relStyles    = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
	relImage     = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
	relFooter    = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
	relDocument  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
	relCore      = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
	typeDocument = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
	typeFooter   = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
	typeCore     = "application/vnd.openxmlformats-package.core-properties+xml"
)

// keptRelations are the document's relationships a reference gives: its
// styles and what they rest on. Its headers, footers, images and the rest
// belong to its own text, which perfeval replaces.
var keptRelations = []string{"styles", "stylesWithEffects", "settings", "webSettings", "fontTable", "theme", "numbering"}

// The styles the report uses, by the names Word gives them (a Chinese Word
// keeps these names and numbers the IDs).
const (
	styleNormal       = "normal"
	styleTitle        = "title"
	styleCover        = "cover line"
	styleNote         = "note"
	styleTableText    = "table text"
	styleTableHeading = "table heading"
	styleCaption      = "caption"
	styleFooter       = "footer"
	styleTableGrid    = "table grid"
	styleContents1    = "toc 1"
	styleContents2    = "toc 2"
)

var reportStyles = []string{styleNormal, styleTitle, "heading 1", "heading 2", "heading 3", styleCover, styleNote,
	styleTableText, styleTableHeading, styleCaption, styleFooter, styleTableGrid, styleContents1, styleContents2}

// A reference is a reference document read for its parts and styles.
type reference struct {
	files  map[string]*zip.File // by part name, without a leading slash
	parts  map[string][]byte    // the parts read so far
	read   int64                // bytes unzipped so far
	types  contentTypes
	styles map[string]styleDef // by lower-case name
	end    int                 // where </w:styles> closes the styles part
}

// The caps on a reference document (the file itself is at most 64 MiB):
// the parts its zip lists, the bytes of the parts perfeval reads of it,
// and the parts it copies into a report.
const (
	MaxReferenceParts  = 1000
	MaxReferenceBytes  = 64 << 20
	MaxReferenceCopied = 64
)

type styleDef struct {
	id  string
	raw []byte // the <w:style> element as written
}

type relationships struct {
	XMLName xml.Name       `xml:"http://schemas.openxmlformats.org/package/2006/relationships Relationships"`
	Rels    []relationship `xml:"Relationship"`
}

type relationship struct {
	ID         string `xml:"Id,attr"`
	Type       string `xml:"Type,attr"`
	Target     string `xml:"Target,attr"`
	TargetMode string `xml:"TargetMode,attr,omitempty"`
}

type contentTypes struct {
	XMLName   xml.Name `xml:"http://schemas.openxmlformats.org/package/2006/content-types Types"`
	Defaults  []ctDefault
	Overrides []ctOverride
}

type ctDefault struct {
	XMLName     xml.Name `xml:"Default"`
	Extension   string   `xml:"Extension,attr"`
	ContentType string   `xml:"ContentType,attr"`
}

type ctOverride struct {
	XMLName     xml.Name `xml:"Override"`
	PartName    string   `xml:"PartName,attr"`
	ContentType string   `xml:"ContentType,attr"`
}

// readReference opens a reference document; nil data is the built-in one.
func readReference(data []byte) (*reference, error) {
	if data == nil {
		data = templates.Reference
	}
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, lang.Errorf("reference.docx: not a Word document: %w", err)
	}
	if len(z.File) > MaxReferenceParts {
		return nil, lang.Errorf("reference.docx: it has %d parts; perfeval reads one of at most %d", len(z.File), MaxReferenceParts)
	}
	ref := &reference{files: map[string]*zip.File{}, parts: map[string][]byte{}}
	for _, f := range z.File {
		if name, ok := partName(f.Name); ok {
			ref.files[name] = f
		}
	}
	types, ok, err := ref.part("[Content_Types].xml")
	if err != nil {
		return nil, err
	}
	if err := xml.Unmarshal(types, &ref.types); err != nil || !ok {
		return nil, lang.Errorf("reference.docx: [Content_Types].xml: %v", err)
	}
	styles, ok, err := ref.part("word/styles.xml")
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, lang.Errorf("reference.docx: it has no styles (word/styles.xml)")
	}
	if ref.styles, ref.end, err = readStyles(styles); err != nil {
		return nil, lang.Errorf("reference.docx: word/styles.xml: %w", err)
	}
	return ref, nil
}

// partName is a zip entry's part name, without a leading slash; false for
// a name that is no part of the package (../x, a backslash, an empty or
// dot segment), which is never read or copied.
func partName(name string) (string, bool) {
	name = strings.TrimPrefix(name, "/")
	if name == "" || strings.ContainsAny(name, "\\\x00") || path.Clean(name) != name || name == "." || strings.HasPrefix(name, "../") || name == ".." {
		return "", false
	}
	return name, true
}

// part reads a part of the reference, once, within MaxReferenceBytes in
// all, with its DTD (a <!DOCTYPE>, with the entities it could declare)
// taken out of an XML part.
func (ref *reference) part(name string) ([]byte, bool, error) {
	if b, ok := ref.parts[name]; ok {
		return b, true, nil
	}
	f, ok := ref.files[name]
	if !ok {
		return nil, false, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, false, lang.Errorf("reference.docx: %s: %w", name, err)
	}
	defer rc.Close()
	left := MaxReferenceBytes - ref.read
	b, err := io.ReadAll(io.LimitReader(rc, left+1))
	if err != nil {
		return nil, false, lang.Errorf("reference.docx: %s: %w", name, err)
	}
	if ref.read += int64(len(b)); ref.read > MaxReferenceBytes {
		return nil, false, lang.Errorf("reference.docx: unzips to more than %d MiB", MaxReferenceBytes>>20)
	}
	if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
		b = withoutDTD(b)
	}
	ref.parts[name] = b
	return b, true, nil
}

// withoutDTD is an XML part with its directives (<!DOCTYPE …>) cut out:
// Office parts have none, and a DTD can declare entities.
func withoutDTD(data []byte) []byte {
	if !bytes.Contains(data, []byte("<!")) {
		return data
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	var out []byte
	from := int64(0)
	for {
		before := dec.InputOffset()
		tok, err := dec.RawToken()
		if err != nil {
			break
		}
		if _, ok := tok.(xml.Directive); ok {
			out = append(out, data[from:before]...)
			from = dec.InputOffset()
		}
	}
	if out == nil {
		return data
	}
	return append(out, data[from:]...)
}

// readStyles lists the <w:style> elements of a styles part by name.
func readStyles(data []byte) (map[string]styleDef, int, error) {
	out := map[string]styleDef{}
	dec := xml.NewDecoder(bytes.NewReader(data))
	var cur *styleDef
	var name string
	var start int64
	end, depth := -1, 0
	for {
		before := dec.InputOffset()
		tok, err := dec.Token()
		if err == io.EOF {
			if end < 0 {
				return nil, 0, lang.Errorf("it has no </w:styles>")
			}
			return out, end, nil
		}
		if err != nil {
			return nil, 0, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case t.Name.Local == "style" && cur == nil:
				cur, name, start = &styleDef{id: attr(t, "styleId")}, "", before
			case t.Name.Local == "name" && cur != nil:
				name = strings.ToLower(attr(t, "val"))
			}
		case xml.EndElement:
			if depth--; depth == 0 {
				end = int(before) // the root's end, not one in a comment
			}
			if t.Name.Local == "style" && cur != nil {
				cur.raw = data[start:dec.InputOffset()]
				if _, dup := out[name]; !dup && name != "" {
					out[name] = *cur
				}
				cur = nil
			}
		}
	}
}

func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// completeStyles gives the reference every style the report uses: one it
// lacks comes from the built-in reference, under an ID of its own. It
// returns the styles part and the ID of each style by name.
func (ref *reference) completeStyles() ([]byte, map[string]string, error) {
	ids := map[string]string{}
	taken := map[string]bool{}
	for _, s := range ref.styles {
		taken[s.id] = true
	}
	var added [][]byte
	var builtin *reference
	for _, name := range reportStyles {
		if s, ok := ref.styles[name]; ok {
			ids[name] = s.id
			continue
		}
		if builtin == nil {
			var err error
			if builtin, err = readReference(nil); err != nil {
				return nil, nil, err
			}
		}
		s, ok := builtin.styles[name]
		if !ok {
			return nil, nil, lang.Errorf("the built-in reference has no style %q", name)
		}
		id := s.id
		for taken[id] {
			id = "perfeval" + id
		}
		taken[id] = true
		ids[name] = id
		raw := bytes.Replace(s.raw, []byte(`w:styleId="`+s.id+`"`), []byte(`w:styleId="`+id+`"`), 1)
		added = append(added, raw)
	}
	styles := ref.parts["word/styles.xml"]
	if len(added) > 0 {
		styles = slices.Concat(styles[:ref.end], bytes.Join(added, []byte("\n")), styles[ref.end:])
	}
	return styles, ids, nil
}

// A docxPackage is the parts of the document being written.
type docxPackage struct {
	ref    *reference
	copied int // parts copied from the reference
	parts  map[string][]byte
	rels   []relationship // the document's
	types  contentTypes
}

// newPackage starts a document on a reference: its styles (completed), and
// the parts they rest on with their own relationships.
func newPackage(ref *reference, styles []byte) (*docxPackage, error) {
	p := &docxPackage{ref: ref, parts: map[string][]byte{}}
	for _, d := range ref.types.Defaults {
		if strings.Contains(strings.ToLower(d.ContentType), "vba") || strings.Contains(strings.ToLower(d.ContentType), "macro") {
			continue // no macro project is copied: no type for one
		}
		p.types.Defaults = append(p.types.Defaults, ctDefault{Extension: d.Extension, ContentType: d.ContentType})
	}
	var docRels relationships
	data, ok, err := ref.part("word/_rels/document.xml.rels")
	if err != nil {
		return nil, err
	}
	if ok {
		if err := xml.Unmarshal(data, &docRels); err != nil {
			return nil, lang.Errorf("reference.docx: word/_rels/document.xml.rels: %w", err)
		}
	}
	for _, r := range docRels.Rels {
		kind := path.Base(r.Type)
		name, inside := target("word", r)
		if !slices.Contains(keptRelations, kind) || !inside {
			continue
		}
		if r.Type == relStyles {
			p.put(name, styles, ref.typeOf(name))
		} else if err := p.copyPart(name); err != nil {
			return nil, err
		}
		r.Target, r.TargetMode = "/"+name, ""
		p.rels = append(p.rels, r)
	}
	if !slices.ContainsFunc(p.rels, func(r relationship) bool { return r.Type == relStyles }) {
		p.put("word/styles.xml", styles, "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml")
		p.rels = append(p.rels, relationship{ID: "perfevalStyles", Type: relStyles, Target: "styles.xml"})
	}
	return p, nil
}

// target is the part a relationship of a part in dir names; false for an
// external one (a URL: Word would fetch it) or a name outside the package.
func target(dir string, r relationship) (string, bool) {
	if r.TargetMode != "" && r.TargetMode != "Internal" || strings.Contains(r.Target, "://") {
		return "", false
	}
	name := path.Join(dir, r.Target)
	if strings.HasPrefix(r.Target, "/") {
		name = r.Target
	}
	return partName(path.Clean(name))
}

// copyPart copies a part of the reference, with the parts its own
// relationships name (the fonts a font table embeds); a relationship to
// anything outside the package is dropped, and the element that uses it
// with it (a settings part's attachedTemplate, which Word would fetch).
// At most MaxReferenceCopied parts are copied.
func (p *docxPackage) copyPart(name string) error {
	if _, done := p.parts[name]; done {
		return nil
	}
	if p.copied++; p.copied > MaxReferenceCopied {
		return lang.Errorf("reference.docx: its styles rest on more than %d parts", MaxReferenceCopied)
	}
	data, ok, err := p.ref.part(name)
	if err != nil {
		return err
	}
	if !ok {
		return lang.Errorf("reference.docx: it names %s but has no such part", name)
	}
	p.put(name, data, p.ref.typeOf(name))
	relsName := path.Join(path.Dir(name), "_rels", path.Base(name)+".rels")
	relsData, ok, err := p.ref.part(relsName)
	if err != nil || !ok {
		return err
	}
	var rels relationships
	if err := xml.Unmarshal(relsData, &rels); err != nil {
		return lang.Errorf("reference.docx: %s: %w", relsName, err)
	}
	var kept []relationship
	for _, r := range rels.Rels {
		to, inside := target(path.Dir(name), r)
		if !inside {
			data = dropUses(data, r.ID)
			continue
		}
		if err := p.copyPart(to); err != nil {
			return err
		}
		r.Target, r.TargetMode = "/"+to, ""
		kept = append(kept, r)
	}
	p.parts[name] = data
	p.parts[relsName] = xmlPart(relationships{Rels: kept})
	return nil
}

// dropUses takes out of an XML part the empty elements that use the
// relationship id (<w:attachedTemplate r:id="rId1"/>).
func dropUses(data []byte, id string) []byte {
	re := regexp.MustCompile(`<[^<>]*\sr:id="` + regexp.QuoteMeta(id) + `"[^<>]*/>`)
	return re.ReplaceAll(data, nil)
}

// typeOf is a part's content type as the reference declares it ("" when it
// goes by its extension's default).
func (ref *reference) typeOf(name string) string {
	for _, o := range ref.types.Overrides {
		if strings.TrimPrefix(o.PartName, "/") == name {
			return o.ContentType
		}
	}
	return ""
}

// put adds a part; a content type "" goes by its extension's default.
func (p *docxPackage) put(name string, data []byte, contentType string) {
	p.parts[name] = data
	if contentType != "" {
		p.types.Overrides = append(p.types.Overrides, ctOverride{PartName: "/" + name, ContentType: contentType})
	}
}

// relate adds a relationship of the document and returns its ID.
func (p *docxPackage) relate(kind, target string) string {
	id := fmt.Sprintf("perfeval%d", len(p.rels)+1)
	p.rels = append(p.rels, relationship{ID: id, Type: kind, Target: target})
	return id
}

// defaultType makes sure an extension has a content type.
func (p *docxPackage) defaultType(ext, contentType string) {
	if !slices.ContainsFunc(p.types.Defaults, func(d ctDefault) bool { return strings.EqualFold(d.Extension, ext) }) {
		p.types.Defaults = append(p.types.Defaults, ctDefault{Extension: ext, ContentType: contentType})
	}
}

// write zips the package: the same parts give the same bytes (no times,
// parts in name order after [Content_Types].xml).
func (p *docxPackage) write(w io.Writer, document []byte, title string, pr docProperties) error {
	p.put("word/document.xml", document, typeDocument)
	rels := relationships{Rels: p.rels}
	p.parts["word/_rels/document.xml.rels"] = xmlPart(rels)
	p.put("docProps/core.xml", []byte(xml.Header+`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>`+escape(title)+`</dc:title><dc:subject>`+escape(pr.Subject)+`</dc:subject><dc:creator>`+escape(cmp.Or(pr.Creator, "perfeval"))+`</dc:creator><dc:description>`+escape(pr.Description)+`</dc:description></cp:coreProperties>`), typeCore)
	p.parts["_rels/.rels"] = xmlPart(relationships{Rels: []relationship{
		{ID: "rId1", Type: relDocument, Target: "word/document.xml"},
		{ID: "rId2", Type: relCore, Target: "docProps/core.xml"},
	}})
	p.defaultType("rels", "application/vnd.openxmlformats-package.relationships+xml")
	p.defaultType("xml", "application/xml")
	slices.SortFunc(p.types.Overrides, func(a, b ctOverride) int { return strings.Compare(a.PartName, b.PartName) })
	p.types.Overrides = slices.CompactFunc(p.types.Overrides, func(a, b ctOverride) bool { return a.PartName == b.PartName })

	const types = "[Content_Types].xml" // first, as Office writes it
	p.parts[types] = xmlPart(p.types)
	rest := slices.DeleteFunc(slices.Sorted(maps.Keys(p.parts)), func(n string) bool { return n == types })
	names := append([]string{types}, rest...)
	z := zip.NewWriter(w)
	for _, name := range names {
		method := zip.Deflate
		if strings.HasSuffix(name, ".png") {
			method = zip.Store // already compressed
		}
		f, err := z.CreateHeader(zipHeader(name, method))
		if err != nil {
			return err
		}
		if _, err := f.Write(p.parts[name]); err != nil {
			return err
		}
	}
	return z.Close()
}

// zipHeader is a part's header at a fixed time, 1980-01-01 (the earliest
// a zip holds), so that the same parts give the same bytes.
func zipHeader(name string, method uint16) *zip.FileHeader {
	return &zip.FileHeader{Name: name, Method: method, ModifiedDate: 1<<5 | 1}
}

func xmlPart(v any) []byte {
	b, err := xml.Marshal(v)
	if err != nil {
		panic("render: " + err.Error()) // the package's own types always marshal
	}
	return append([]byte(xml.Header), b...)
}

// escape is text made safe for XML; characters XML cannot hold become
// U+FFFD.
func escape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// docProperties are the document's core properties beside its title.
type docProperties struct {
	Creator, Subject, Description string
}
