package report_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/perfeval/perfeval/examples"
	"github.com/perfeval/perfeval/internal/report"
	"github.com/perfeval/perfeval/templates"
)

// TestEnglishTables: the English wording gives English titles and column
// headers, and keeps the names the user wrote; with a Chinese report
// wording beside it (an English locale without --lang en), the report
// stays Chinese.
func TestEnglishTables(t *testing.T) {
	en, err := report.LoadWordingIn("", true)
	if err != nil {
		t.Fatal(err)
	}
	zh, err := report.LoadWording("")
	if err != nil {
		t.Fatal(err)
	}
	res := examples.ScoreT(t, "2024")
	out := report.ScoreOutput(res, en.WithReport(zh), "test")
	tables, err := out.Tables()
	if err != nil {
		t.Fatal(err)
	}
	var cols []string
	for _, tb := range tables.Tables() {
		cols = append(cols, tb.Columns...)
	}
	han := regexp.MustCompile(`\p{Han}`)
	for _, c := range cols {
		if han.MatchString(c) {
			t.Errorf("a Chinese column header in the English tables: %q", c)
		}
	}
	if !slices.Contains(cols, "Indicator") {
		t.Errorf("no English header Indicator among %q", cols)
	}
	rep, err := out.Report()
	if err != nil {
		t.Fatal(err)
	}
	if title := rep.Title; !han.MatchString(title) || strings.Contains(title, "evaluation") {
		t.Errorf("the report's title %q is not Chinese", title)
	}
}

// TestEnglishLabelsComplete: labels.en.tmpl defines every label that
// labels.tmpl does, so an English table never falls back to Chinese.
func TestEnglishLabelsComplete(t *testing.T) {
	defines := func(name string) []string {
		data, err := templates.Report.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, m := range regexp.MustCompile(`\{\{define "([^"]+)"`).FindAllStringSubmatch(string(data), -1) {
			out = append(out, m[1])
		}
		return out
	}
	en := defines("report/labels.en.tmpl")
	for _, name := range defines("report/labels.tmpl") {
		if !slices.Contains(en, name) {
			t.Errorf("labels.en.tmpl lacks %q", name)
		}
	}
}
