// perfeval patch: the shared parse must write what upstream's private
// parse writes. This fails if an upstream change makes them differ.

package fpdf

import (
	"bytes"
	"os"
	"slices"
	"sync"
	"testing"
	"time"
)

var fixedTime = time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)

// The report font perfeval embeds, a 4.6 MB CJK TrueType font.
const testFont = "../../../templates/font/wqy-microhei.ttf"

func sample(t *testing.T, font []byte) []byte {
	t.Helper()
	pdf := New("P", "mm", "A4", "")
	pdf.SetCreationDate(fixedTime)
	pdf.SetModificationDate(fixedTime)
	pdf.SetCompression(true)
	pdf.AliasNbPages("")
	pdf.AddUTF8FontFromBytes("wqy", "", font)
	pdf.SetFont("wqy", "", 12)
	pdf.AddPage()
	pdf.MultiCell(0, 6, "项目支出绩效评价 ≥95% × ÷ → 第 {nb} 页 Ünïcode 12355", "", "", false)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSharedParseWritesWhatUpstreamWrites(t *testing.T) {
	font, err := os.ReadFile(testFont)
	if err != nil {
		t.Skip(err)
	}
	shared := sample(t, font)
	if again := sample(t, font); !bytes.Equal(shared, again) {
		t.Fatal("two documents from the shared parse differ")
	}

	// Upstream: a private parse and a private cut, as before the patch.
	utf := newUTF8Font(&fileReader{array: font})
	if err := utf.parseFile(); err != nil {
		t.Fatal(err)
	}
	s, _ := sharedFonts[fontBytes{&font[0], len(font)}]
	if s == nil {
		t.Fatal("the font was not shared")
	}
	runes := map[int]int{}
	for _, r := range "项目支出绩效评价 ≥95% × ÷ →" {
		runes[int(r)] = int(r)
	}
	mine, _, err := sharedUTF8Font(font)
	if err != nil {
		t.Fatal(err)
	}
	// (Before the cut, which overwrites upstream's widths.)
	if id, _ := generateFontID(fontDefType{Tp: "UTF8", Name: "x", Cw: utf.CharWidths}); id != s.fontID(fontDefType{Tp: "UTF8", Name: "x", Cw: mine.CharWidths}) {
		t.Error("the shared font ID differs from upstream's")
	}
	private := utf.GenerateCutFont(runes)
	if cut := mine.GenerateCutFont(runes); !bytes.Equal(private, cut) {
		t.Errorf("the cut from the shared parse (%d bytes) differs from upstream's (%d bytes)", len(cut), len(private))
	}
}

func TestSharedParseIsSafeConcurrently(t *testing.T) {
	font, err := os.ReadFile(testFont)
	if err != nil {
		t.Skip(err)
	}
	want := sample(t, font)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got := sample(t, font); !bytes.Equal(got, want) {
				t.Error("a document made concurrently differs")
			}
		})
	}
	wg.Wait()
}

// TestWidthsFromTheCharacterMap: parseTables' widths, read from the map of
// character to glyph (parseHMTXWidths), are upstream's, read from the map of
// glyph to characters (parseHMTXTable).
func TestWidthsFromTheCharacterMap(t *testing.T) {
	font, err := os.ReadFile(testFont)
	if err != nil {
		t.Skip(err)
	}
	mine := newUTF8Font(&fileReader{array: font})
	if err := mine.parseFile(); err != nil {
		t.Fatal(err)
	}

	theirs := newUTF8Font(&fileReader{array: font})
	if err := theirs.parseFile(); err != nil {
		t.Fatal(err)
	}
	theirs.SeekTable("maxp")
	theirs.skip(4)
	numSymbols := theirs.readUint16()
	symbolChar, charSymbol := map[int][]int{}, map[int]int{}
	theirs.generateSCCSDictionaries(theirs.parseCMAPTable(theirs.parseNAMETable()), symbolChar, charSymbol)
	metrics := theirs.parseHHEATable()
	theirs.parseHMTXTable(metrics, numSymbols, symbolChar, 1000.0/float64(theirs.fontElementSize))

	if mine.DefaultWidth != theirs.DefaultWidth {
		t.Errorf("DefaultWidth %v, upstream %v", mine.DefaultWidth, theirs.DefaultWidth)
	}
	if !slices.Equal(mine.CharWidths, theirs.CharWidths) {
		for i := range mine.CharWidths {
			if mine.CharWidths[i] != theirs.CharWidths[i] {
				t.Fatalf("CharWidths[%d] = %d, upstream %d", i, mine.CharWidths[i], theirs.CharWidths[i])
			}
		}
	}
}
