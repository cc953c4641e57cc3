package render

import (
	"sync"

	"github.com/perfeval/perfeval/templates"
	"golang.org/x/image/font/sfnt"
)

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
