package form_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/perfeval/perfeval/internal/form"
	"github.com/perfeval/perfeval/internal/workbook"
	"github.com/perfeval/perfeval/scoring"
)

// read reads a form from its text form (as examples/ keeps them).
func read(t *testing.T, name string, md []byte) *form.Form {
	t.Helper()
	x, err := workbook.FromText(md)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return open(t, name, buf.Bytes())
}

func open(t *testing.T, name string, data []byte) *form.Form {
	t.Helper()
	c, err := workbook.OpenBytes(name, data, workbook.Options{})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if c.Form == nil {
		t.Fatalf("%s is not read as a form", name)
	}
	return c.Form
}

// figures are what a form says once scored: every leaf's name, 分值 and
// score, the total and the grade.
func figures(t *testing.T, f *form.Form) []string {
	t.Helper()
	res, err := form.Evaluate(f, scoring.Options{})
	if err != nil {
		t.Fatalf("%s: %v", f.File, err)
	}
	out := []string{res.Project.Name, res.Project.Year, res.Project.Unit, res.Project.Implementer, res.Total.String(), res.Grade}
	res.Walk(func(n *scoring.Node) {
		if n.Indicator.IsLeaf() {
			out = append(out, n.Indicator.Name+" "+n.Indicator.Weight.String()+" "+n.Score.String())
		}
	})
	return out
}

// TestWriteReadsBack writes each form as the national form, reads it back
// and finds the same figures; and a written form checks clean, its scores
// being the rules' own.
func TestWriteReadsBack(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.md")
	files = append(files, "../../examples/selfeval/2024.md")
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			md, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f := read(t, path, md)
			want := figures(t, f)
			res, err := form.Evaluate(read(t, path, md), scoring.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := form.Write(&buf, res); err != nil {
				t.Fatal(err)
			}
			back := open(t, "written.xlsx", buf.Bytes())
			got := figures(t, back)
			if len(got) != len(want) {
				t.Fatalf("read back %d figures, want %d:\n got %q\nwant %q", len(got), len(want), got, want)
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("figure %d: read back %q, want %q", i, got[i], want[i])
				}
			}
			c, err := form.Check(back, scoring.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, fd := range c.Findings {
				if fd.Kind != form.Unreadable && fd.Kind != form.Weights {
					t.Errorf("the written form has a finding: %+v", fd)
				}
			}
			var again bytes.Buffer
			if err := form.Write(&again, res); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), again.Bytes()) {
				t.Error("two writes of one result differ")
			}
		})
	}
}
