package render

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/perfeval/perfeval/examples"
	"github.com/perfeval/perfeval/internal/report"
)

// hostileReference is the built-in reference with edit applied to its
// parts, zipped in name order (so that the test is deterministic).
func hostileReference(t *testing.T, edit func(map[string][]byte)) []byte {
	t.Helper()
	ref := readTestReference(t)
	edit(ref)
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, name := range sortedKeys(ref) {
		f, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		f.Write(ref[name])
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sortedKeys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// docxWith writes the 2024 report on a reference document.
func docxWith(t *testing.T, ref []byte) ([]byte, error) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "reference.docx"), ref, 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := report.LoadWording(dir)
	if err != nil {
		return nil, err
	}
	f, _ := Lookup("docx")
	var b bytes.Buffer
	_, err = f.Write(&b, report.ScoreOutput(examples.ScoreT(t, "2024"), w, "test"))
	return b.Bytes(), err
}

func partNames(t *testing.T, data []byte) []string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range z.File {
		out = append(out, f.Name)
	}
	return out
}

// TestReferenceGivesStylesOnly (SPEC §7): a part named outside the package,
// an external attachedTemplate, a remote image, a DTD, a macro project and
// a </w:styles> in a comment after the root do not reach the report.
func TestReferenceGivesStylesOnly(t *testing.T) {
	ref := hostileReference(t, func(p map[string][]byte) {
		rels := string(p["word/_rels/document.xml.rels"])
		rels = strings.Replace(rels, "</Relationships>",
			`<Relationship Id="x1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="../../../tmp/x"/>`+
				`<Relationship Id="x2" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>`+
				`<Relationship Id="x3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="http://example.com/i.png" TargetMode="External"/>`+
				`<Relationship Id="x4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="http://example.com/n.xml" TargetMode="External"/>`+
				`</Relationships>`, 1)
		p["word/_rels/document.xml.rels"] = []byte(rels)
		p["../../../tmp/x"] = []byte("<x/>")
		p["word/vbaProject.bin"] = []byte("macro")
		p["word/settings.xml"] = bytes.Replace(p["word/settings.xml"], []byte("<w:defaultTabStop"), []byte(`<w:attachedTemplate xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rIdT"/><w:defaultTabStop`), 1)
		p["word/_rels/settings.xml.rels"] = []byte(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="http://example.com/t.dotm" TargetMode="External"/></Relationships>`)
		styles := string(p["word/styles.xml"])
		styles = strings.Replace(styles, "<w:styles", `<!DOCTYPE w:styles [<!ENTITY x "boom">]><w:styles`, 1) + "<!-- </w:styles> -->"
		styles = strings.Replace(styles, `<w:style w:type="paragraph" w:customStyle="1" w:styleId="Note">`, `<w:style w:type="paragraph" w:customStyle="1" w:styleId="Gone">`, 1)
		styles = strings.Replace(styles, `<w:name w:val="Note"/>`, `<w:name w:val="Gone"/>`, 1)
		p["word/styles.xml"] = []byte(styles)
	})
	if !bytes.Contains(docxPart(t, ref, "word/settings.xml"), []byte("attachedTemplate")) {
		t.Fatal("the test's settings have no attachedTemplate")
	}
	data, err := docxWith(t, ref)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range partNames(t, data) {
		if strings.Contains(name, "..") || strings.HasPrefix(name, "/") || strings.Contains(name, "tmp") || strings.Contains(name, "vba") {
			t.Errorf("the report holds the part %q", name)
		}
	}
	all := string(data)
	for _, bad := range []string{"example.com", "External", "vbaProject"} {
		if strings.Contains(all, bad) {
			t.Errorf("the report holds %q", bad)
		}
	}
	settings := string(docxPart(t, data, "word/settings.xml"))
	if strings.Contains(settings, "attachedTemplate") {
		t.Error("the attachedTemplate is kept")
	}
	styles := string(docxPart(t, data, "word/styles.xml"))
	if strings.Contains(styles, "DOCTYPE") || strings.Contains(styles, "ENTITY") {
		t.Error("the DTD is kept")
	}
	note := strings.Index(styles, `<w:name w:val="Note"/>`)
	end := strings.Index(styles, "</w:styles>")
	if note < 0 || note > end {
		t.Errorf("the Note style is added at %d, after the root's end at %d", note, end)
	}
}

// TestReferenceCaps: a reference over its caps is an error, in bounded
// time and memory.
func TestReferenceCaps(t *testing.T) {
	many := hostileReference(t, func(p map[string][]byte) {
		for i := range MaxReferenceParts {
			p[fmt.Sprintf("junk/%d.xml", i)] = nil
		}
	})
	if _, err := docxWith(t, many); err == nil || !strings.Contains(err.Error(), "parts") {
		t.Errorf("%d parts: %v", MaxReferenceParts+10, err)
	}
	chained := hostileReference(t, func(p map[string][]byte) {
		rels := string(p["word/_rels/document.xml.rels"])
		p["word/_rels/document.xml.rels"] = []byte(strings.Replace(rels, "</Relationships>",
			`<Relationship Id="x1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/c0.xml"/></Relationships>`, 1))
		for i := range 2 * MaxReferenceCopied {
			p[fmt.Sprintf("word/theme/c%d.xml", i)] = []byte("<a/>")
			p[fmt.Sprintf("word/theme/_rels/c%d.xml.rels", i)] = []byte(fmt.Sprintf(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="x/image" Target="c%d.xml"/></Relationships>`, i+1))
		}
	})
	if _, err := docxWith(t, chained); err == nil || !strings.Contains(err.Error(), "more than") {
		t.Errorf("chained parts: %v", err)
	}
	big := hostileReference(t, func(p map[string][]byte) {
		p["word/styles.xml"] = append(p["word/styles.xml"], bytes.Repeat([]byte(" "), MaxReferenceBytes)...)
	})
	if _, err := docxWith(t, big); err == nil || !strings.Contains(err.Error(), "MiB") {
		t.Errorf("a styles part past %d bytes: %v", MaxReferenceBytes, err)
	}
}

// FuzzReferenceStyles reads arbitrary bytes as a reference's styles part:
// an error or styles, never a panic, and never a DTD kept.
func FuzzReferenceStyles(f *testing.F) {
	ref := readTestReference(f)
	f.Add(ref["word/styles.xml"])
	f.Add([]byte(`<!DOCTYPE w:styles [<!ENTITY x "y">]><w:styles><w:style w:styleId="a"><w:name w:val="Note"/></w:style></w:styles><!-- </w:styles> -->`))
	f.Add([]byte(`<w:styles><w:style><w:style></w:style></w:style></w:styles>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		clean := withoutDTD(data)
		if _, end, err := readStyles(clean); err == nil && (end < 0 || end > len(clean)) {
			t.Fatalf("the root ends at %d of %d", end, len(clean))
		}
	})
}
