package render

import (
	"archive/zip"
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/perfeval/perfeval/templates"
)

var update = flag.Bool("update", false, "rebuild templates/report/reference.docx from reference/")

// TestReferenceIsBuiltFromItsSources: the built-in reference document is
// the zip of the XML under reference/, where its styles are read and
// edited; go test -run TestReference -update rebuilds it.
func TestReferenceIsBuiltFromItsSources(t *testing.T) {
	var names []string
	err := filepath.WalkDir("reference", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, path := range names { // WalkDir's lexical order: [Content_Types].xml first
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		name, _ := filepath.Rel("reference", path)
		f, err := z.CreateHeader(zipHeader(filepath.ToSlash(name), zip.Deflate))
		if err != nil {
			t.Fatal(err)
		}
		f.Write(data)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("../../../templates/report/reference.docx", buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(buf.Bytes(), templates.Reference) {
		t.Fatal("templates/report/reference.docx is not the zip of reference/: run go test ./internal/report/render -run TestReference -update")
	}
}
