package pipeline

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteStream: a file gets the whole output or none of it, a symbolic
// link keeps pointing at the file it names, and an input is never an
// output.
func TestWriteStream(t *testing.T) {
	dir := t.TempDir()
	file, target, link, input := filepath.Join(dir, "out.json"), filepath.Join(dir, "target.json"), filepath.Join(dir, "link.json"), filepath.Join(dir, "in.xlsx")
	for _, p := range []string{file, target, input} {
		if err := os.WriteFile(p, []byte("before"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("target.json", link); err != nil {
		t.Skip(err)
	}
	write := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	if err := WriteStream(io.Discard, nil, file, func(w io.Writer) error {
		io.WriteString(w, "half")
		return errors.New("failed")
	}); err == nil {
		t.Error("a failed write is no error")
	}
	if b, _ := os.ReadFile(file); string(b) != "before" {
		t.Errorf("a failed write left %q", b)
	}
	if err := WriteStream(io.Discard, nil, file, write("after")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(file); string(b) != "after" {
		t.Errorf("the file holds %q", b)
	}
	if err := WriteStream(io.Discard, nil, link, write("through")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}
	if b, _ := os.ReadFile(target); string(b) != "through" {
		t.Errorf("the link's file holds %q", b)
	}
	if err := WriteStream(io.Discard, []string{input}, input, write("over")); err == nil {
		t.Error("an input was written over")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 4 {
		t.Errorf("%d files left, want 4 (no temporary file)", len(entries))
	}
}
