package report_test

import (
	"strings"
	"testing"

	"github.com/perfeval/perfeval/examples"
	"github.com/perfeval/perfeval/internal/diff"
	"github.com/perfeval/perfeval/internal/report"
)

// TestDiffSummaryWording: a grade or total that did not change reads as
// unchanged, not "等级由“优”变为“优”".
func TestDiffSummaryWording(t *testing.T) {
	w, _ := report.LoadWording("")
	for _, c := range []struct {
		old, new string
		want     []string
	}{
		{"2024", "2024", []string{"总分均为 95.62 分", "等级仍为“优”"}},
		{"2023", "2024", []string{"总分由 95.33 分变为 95.62 分，变动 +0.29 分", "等级仍为“优”"}},
	} {
		d, err := diff.Compare(diff.Side{Source: c.old, Result: diff.FromResult(examples.ScoreT(t, c.old))}, diff.Side{Source: c.new, Result: diff.FromResult(examples.ScoreT(t, c.new))})
		if err != nil {
			t.Fatal(err)
		}
		doc, err := report.DiffReport(d, false, w)
		if err != nil {
			t.Fatal(err)
		}
		var text strings.Builder
		for _, b := range doc.Blocks {
			text.WriteString(b.Text + "\n")
		}
		for _, want := range c.want {
			if !strings.Contains(text.String(), want) {
				t.Errorf("%s → %s: no %q in\n%s", c.old, c.new, want, text.String())
			}
		}
		if strings.Contains(text.String(), "变为“优”") {
			t.Errorf("%s → %s: an unchanged grade reads as a change", c.old, c.new)
		}
	}
}
