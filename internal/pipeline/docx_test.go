package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/perfeval/perfeval/internal/form"
	"github.com/perfeval/perfeval/internal/testkit"
	"github.com/perfeval/perfeval/internal/workbook"
	"github.com/perfeval/perfeval/scoring"
)

// formFixtures are the text forms of every form layout in the tests and
// the examples.
func formFixtures(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, pattern := range []string{"../form/testdata/*.md", "../form/testdata/*/*.md", "../../examples/selfeval/*.md", "../targets/testdata/against-*.md"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m...)
	}
	if len(out) < 8 {
		t.Fatalf("only %d form fixtures found", len(out))
	}
	return out
}

// place is a place in a message or an error (w.xlsx!Sheet!C7,
// w.docx!表2!行7列5, w.docx!表2), which differs between the two files by
// design.
var place = regexp.MustCompile(`w\.(?:xlsx|docx)(?:![^!:\s]+){0,2}`)

// An outcome is what a run gives that does not depend on the kind of
// file: findings without their places, totals and the exit status.
type outcome struct {
	Exit             int
	Error            string
	Project          string
	Printed, Total   string
	Findings         []string
	Score, Grade     string
	Scores, Warnings []string
}

func checkOutcome(name string, data []byte, screen bool) outcome {
	var o outcome
	c, err := OpenBytes(name, data, workbook.Options{})
	switch {
	case err != nil:
		o.Exit, o.Error = 1, place.ReplaceAllString(err.Error(), "@")
	case c.Form == nil:
		o.Exit, o.Error = 1, "not a form"
	default:
		check := form.Check
		if screen {
			check = form.Screen
		}
		ch, err := check(c.Form, scoring.Options{})
		if err != nil {
			o.Exit, o.Error = 1, place.ReplaceAllString(err.Error(), "@")
			break
		}
		o.Project, o.Printed, o.Total = ch.Project, ch.PrintedTotal.Decimal.String(), ch.ComputedTotal.Decimal.String()
		for _, f := range ch.Findings {
			o.Findings = append(o.Findings, fmt.Sprintf("%s %s %s %s|%s %s", f.Indicator, f.Kind, f.Severity, f.Printed.Text, f.Computed.Text, place.ReplaceAllString(f.Message, "@")))
		}
		if ch.Count("error")+ch.Count("warning") > 0 {
			o.Exit = 3
		}
	}
	res, err := ScoreBytes(name, data, &Frameworks{}, scoring.Options{})
	if err != nil {
		o.Scores = append(o.Scores, "error: "+place.ReplaceAllString(err.Error(), "@"))
		return o
	}
	o.Score, o.Grade = res.Total.String(), res.Grade
	var walk func([]*scoring.Node)
	walk = func(nodes []*scoring.Node) {
		for _, n := range nodes {
			o.Scores = append(o.Scores, n.Indicator.Code+" "+n.Indicator.Name+" "+n.Score.String())
			walk(n.Children)
		}
	}
	walk(res.Indicators)
	for _, w := range res.Warnings {
		o.Warnings = append(o.Warnings, place.ReplaceAllString(w.Msg, "@"))
	}
	return o
}

// TestWordFormsReadAsWorkbooks: every form layout written as a Word table
// (its title as paragraphs and its 项目名称 block as a table of its own,
// or all in one table) gives the findings, totals, scores and exit status
// its workbook gives; only the places differ.
func TestWordFormsReadAsWorkbooks(t *testing.T) {
	for _, path := range formFixtures(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, err := testkit.FromText(src)
		if err != nil {
			t.Fatal(err)
		}
		buf, err := f.WriteToBuffer()
		if err != nil {
			t.Fatal(err)
		}
		for _, screen := range []bool{false, true} {
			want := checkOutcome("w.xlsx", buf.Bytes(), screen)
			if want.Exit == 1 {
				t.Errorf("%s: the workbook does not read: %s", path, want.Error)
			}
			for _, opts := range []testkit.DocxOptions{{Split: true, Titles: true}, {}, {Titles: true}} {
				t.Run(fmt.Sprintf("%s/%+v/screen=%v", filepath.Base(path), opts, screen), func(t *testing.T) {
					doc, err := testkit.DocxFromText(src, opts)
					if err != nil {
						t.Fatal(err)
					}
					got := checkOutcome("w.docx", doc, screen)
					if diff := cmp.Diff(want, got); diff != "" {
						t.Errorf("the Word form differs from the workbook (-xlsx +docx):\n%s", diff)
					}
				})
			}
		}
	}
}

// TestWordFormAmongOtherTables: the report's prose and tables before and
// after a form (a budget table with 预算数 and 执行数, another project's
// table) are not read with it: the form gives what its workbook alone
// gives.
func TestWordFormAmongOtherTables(t *testing.T) {
	src, err := os.ReadFile("../form/testdata/variant-a.md")
	if err != nil {
		t.Fatal(err)
	}
	f, err := testkit.FromText(src)
	if err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	want := checkOutcome("w.xlsx", buf.Bytes(), false)
	before := "## 报告\n| 一、项目基本情况。本项目由某县民政局实施，2023年度共安排资金125万元，用于村级便民服务站建设，年度内完成了建设任务并投入使用。 |\n" +
		"| 项目名称 | 另一项目 |\n| 资金 | 预算数 | 执行数 |\n| 合计 | #10 | #9 |\n"
	after := "## 附表\n| 说明 | 一级指标 | 三级指标 |\n| 甲 | 乙 | 丙 |\n"
	doc, err := testkit.DocxFromText([]byte(before+string(src)+"\n"+after), testkit.DocxOptions{Split: true, Titles: true})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, checkOutcome("w.docx", doc, false)); diff != "" {
		t.Errorf("the Word form differs from the workbook (-xlsx +docx):\n%s", diff)
	}
}

// TestWordFormPlaces: findings and errors name the table, row and column
// as a person counts them in Word.
func TestWordFormPlaces(t *testing.T) {
	src, err := os.ReadFile("../form/testdata/variant-a.md")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := testkit.DocxFromText(src, testkit.DocxOptions{Split: true, Titles: true})
	if err != nil {
		t.Fatal(err)
	}
	checked, err := Check(writeTemp(t, "自评表.docx", doc), CheckRequest{Frameworks: &Frameworks{}})
	if err != nil {
		t.Fatal(err)
	}
	var places []string
	for _, f := range checked.Findings {
		places = append(places, filepath.Base(f.Pos.String()))
	}
	want := []string{"自评表.docx!表1!行4列7", "自评表.docx!表2!行4列9", "自评表.docx!表2!行6列10", "自评表.docx!表2!行7列10",
		"自评表.docx!表2!行8列2", "自评表.docx!表2!行12列10", "自评表.docx!表2!行12列11"}
	if diff := cmp.Diff(want, places); diff != "" {
		t.Errorf("places (-want +got):\n%s", diff)
	}
	if !slices.ContainsFunc(checked.Readings, func(r string) bool { return strings.Contains(r, "表2!行1列4 三级指标 (name)") }) {
		t.Errorf("no reading names the 三级指标 column by its Word place:\n%s", strings.Join(checked.Readings, "\n"))
	}
	if !strings.Contains(checked.File, "自评表.docx") {
		t.Errorf("file %q", checked.File)
	}
}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
