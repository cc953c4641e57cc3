// perfeval patch: a UTF-8 font parsed once per process.
//
// Upstream parses the whole TrueType font (4.6 MB for a CJK font) in every
// document that adds it, again when it cuts the subset, and JSON-encodes
// its 65,536 widths to name it. Here the parse, the character map, the
// glyph positions and the name are made once per font and shared,
// read-only, by every document: each document gets its own utf8FontFile
// over the same bytes for the per-document state of a cut. The bytes given
// to AddUTF8FontFromBytes must not change afterwards (upstream keeps them
// for the cut too).

package fpdf

import (
	"sync"
	"unsafe"
)

// sharedFont is one font's parse, shared by every document that adds it.
type sharedFont struct {
	once  sync.Once
	proto utf8FontFile // the parse; copied, never changed
	err   error

	cutOnce        sync.Once
	cutOK          bool
	charSymbol     map[int]int // rune → glyph
	symbolPosition []int       // glyph → offset in glyf

	mu  sync.Mutex
	ids map[string]string // font ID by font key
}

type fontBytes struct {
	p *byte
	n int
}

// maxSharedFonts bounds the cache for a caller that passes fresh buffers:
// past it, fonts are parsed per document as upstream does.
const maxSharedFonts = 16

var (
	sharedMu    sync.Mutex
	sharedFonts = map[fontBytes]*sharedFont{}
)

// sharedUTF8Font returns a document's own utf8FontFile over b, from the
// process-wide parse of b.
func sharedUTF8Font(b []byte) (*utf8FontFile, *sharedFont, error) {
	key := fontBytes{unsafe.SliceData(b), len(b)}
	sharedMu.Lock()
	s, ok := sharedFonts[key]
	if !ok {
		s = &sharedFont{}
		if len(sharedFonts) < maxSharedFonts {
			sharedFonts[key] = s
		}
	}
	sharedMu.Unlock()
	s.once.Do(func() {
		utf := newUTF8Font(&fileReader{array: b})
		s.err = utf.parseFile()
		s.proto = *utf
	})
	if s.err != nil {
		return nil, nil, s.err
	}
	utf := s.proto
	utf.fileReader = &fileReader{array: b}
	utf.shared = s
	return &utf, s, nil
}

// cut makes the character map and the glyph positions a subset is cut
// from, once; false when the font has no Unicode character map.
func (s *sharedFont) cut(locaFormat, numSymbols int) bool {
	s.cutOnce.Do(func() {
		// The character map is the one the parse read (parseTables keeps
		// it), the same table generateCMAP would read again.
		if len(s.proto.charSymbolDictionary) == 0 {
			return
		}
		utf := s.proto
		utf.fileReader = &fileReader{array: s.proto.fileReader.array}
		utf.parseLOCATable(locaFormat, numSymbols)
		s.charSymbol, s.symbolPosition, s.cutOK = s.proto.charSymbolDictionary, utf.symbolPosition, true
	})
	return s.cutOK
}

// fontID is generateFontID(def), made once per font key.
func (s *sharedFont) fontID(def fontDefType) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if id, ok := s.ids[def.Name]; ok {
		return id
	}
	id, _ := generateFontID(def)
	if s.ids == nil {
		s.ids = map[string]string{}
	}
	s.ids[def.Name] = id
	return id
}
