package form_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/form"
	"github.com/perfeval/perfeval/internal/testkit"
	"github.com/perfeval/perfeval/internal/third_party/excelize"
	"github.com/perfeval/perfeval/internal/workbook"
	"github.com/perfeval/perfeval/scoring"
)

// read reads a form from its text form (as examples/ keeps them).
func read(t *testing.T, name string, md []byte) *form.Form {
	t.Helper()
	x, err := testkit.FromText(md)
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
	f, err := openForm(name, data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return f
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
				if fd.Kind != form.Unreadable && fd.Kind != form.Weights && fd.Severity != form.Info {
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

// TestReferenceRoundTrip writes both reference projects as the national
// form and reads the forms back (SPEC §8 "Deductions in words"): the same
// total and grade, and every 三级 indicator with the same 分值 and score,
// the deductions having come back from their 扣N分 reasons.
func TestReferenceRoundTrip(t *testing.T) {
	data, err := os.ReadFile("../../examples/gd12355/framework.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fw, err := indicators.Parse("framework.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	for _, year := range []string{"2023", "2024"} {
		t.Run(year, func(t *testing.T) {
			in, err := workbook.Read("../../examples/gd12355/"+year+".xlsx", workbook.Options{})
			if err != nil {
				t.Fatal(err)
			}
			res, err := scoring.Score(fw, in, scoring.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := form.Write(&buf, res); err != nil {
				t.Fatal(err)
			}
			back, err := form.Evaluate(open(t, year+"-form.xlsx", buf.Bytes()), scoring.Options{})
			if err != nil {
				t.Fatal(err)
			}
			leaves := func(r *scoring.Result) []string {
				out := []string{r.Total.String() + " " + r.Grade}
				r.Walk(func(n *scoring.Node) {
					if n.Indicator.IsLeaf() && !n.Indicator.IsPlaceholder() {
						out = append(out, fmt.Sprintf("%s %s %s %d", n.Indicator.Name, n.Indicator.Weight, n.Score.StringFixed(2), len(n.Deductions)))
					}
				})
				return out
			}
			if diff := cmp.Diff(leaves(res), leaves(back)); diff != "" {
				t.Errorf("the form reads back otherwise (-scored +read back):\n%s", diff)
			}
		})
	}
}

// TestWritePrintsOnePageWide: the written form prints on A4 one page wide,
// its indicator header repeated on every page (SPEC §8 "Printing").
func TestWritePrintsOnePageWide(t *testing.T) {
	md, err := os.ReadFile("../../examples/selfeval/2024.md")
	if err != nil {
		t.Fatal(err)
	}
	res, err := form.Evaluate(read(t, "2024.md", md), scoring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := form.Write(&buf, res); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sheet := x.GetSheetName(0)
	props, err := x.GetSheetProps(sheet)
	if err != nil || props.FitToPage == nil || !*props.FitToPage {
		t.Errorf("fit to page is not enabled: %+v, %v", props, err)
	}
	layout, err := x.GetPageLayout(sheet)
	if err != nil || *layout.Size != 9 || *layout.FitToWidth != 1 || *layout.FitToHeight != 0 {
		t.Errorf("page layout %+v, %v: want A4 (9), 1 page wide, any pages long", layout, err)
	}
	titles := ""
	for _, dn := range x.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles = dn.RefersTo
		}
	}
	if titles == "" {
		t.Error("no print titles: the indicator header is not repeated on each page")
	} else if v, _ := x.GetCellValue(sheet, "D"+titles[strings.LastIndex(titles, "$")+1:]); v != "三级指标" {
		t.Errorf("print titles %s are not the indicator header (D holds %q)", titles, v)
	}
}
