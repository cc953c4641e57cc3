package render

import (
	"sync"

	"github.com/perfeval/perfeval/internal/third_party/fpdf"
	"github.com/perfeval/perfeval/templates"
	"golang.org/x/image/font/sfnt"
)

var prepareOnce sync.Once

// prepareFont parses the report font in the background: the PDF library
// parses a font once per process and every document shares it (see
// internal/third_party/fpdf), so the first report need not wait for the
// whole parse after the scoring is done.
func prepareFont() {
	prepareOnce.Do(func() {
		go func() {
			f := fpdf.New("P", "mm", "A4", "")
			f.AddUTF8FontFromBytes(fontFamily, "", templates.Font)
			f.AddUTF8FontFromBytes(serifFamily, "", templates.SerifFont)
			f.AddUTF8FontFromBytes(kaiFamily, "", templates.KaiFont)
			Covers('中')
		}()
	})
}

var (
	fontOnce  sync.Once
	fontFace  *sfnt.Font
	fontErr   error
	coverMu   sync.Mutex
	coverMemo = map[rune]bool{}
)

// Covers reports whether the report font has a glyph for r. gofpdf cannot
// draw runes above U+FFFF at all.
func Covers(r rune) bool {
	if r > 0xFFFF {
		return false
	}
	if r < 0x20 {
		return r == '\n' || r == '\t'
	}
	fontOnce.Do(func() { fontFace, fontErr = sfnt.Parse(templates.Font) })
	if fontErr != nil {
		return r < 0x80
	}
	coverMu.Lock()
	defer coverMu.Unlock()
	if ok, seen := coverMemo[r]; seen {
		return ok
	}
	var buf sfnt.Buffer
	g, err := fontFace.GlyphIndex(&buf, r)
	ok := err == nil && g != 0
	coverMemo[r] = ok
	return ok
}

// A face is an embedded font whose characters are looked up once each.
type face struct {
	data []byte
	once sync.Once
	font *sfnt.Font
	mu   sync.Mutex
	memo map[rune]bool
}

// The faces besides the report font: the serif body (templates.SerifFont)
// and the 楷体 of second-level headings (templates.KaiFont).
var (
	serifFace = &face{data: templates.SerifFont}
	kaiFace   = &face{data: templates.KaiFont}
)

// all reports whether the face has a glyph for every character of s (line
// breaks aside): a paragraph is set in it whole or not at all, never in
// two faces.
func (f *face) all(s string) bool {
	f.once.Do(func() { f.font, _ = sfnt.Parse(f.data); f.memo = map[rune]bool{} })
	if f.font == nil {
		return false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var buf sfnt.Buffer
	for _, r := range s {
		if r == '\n' || r == '\r' || r == '\t' {
			continue
		}
		ok, seen := f.memo[r]
		if !seen {
			g, err := f.font.GlyphIndex(&buf, r)
			ok = err == nil && g != 0 && r <= 0xFFFF
			f.memo[r] = ok
		}
		if !ok {
			return false
		}
	}
	return true
}

// serifCovers reports whether the serif body font can set s whole.
func serifCovers(s string) bool { return serifFace.all(s) }
