package form_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/perfeval/perfeval/internal/form"
	"github.com/perfeval/perfeval/scoring"
)

// TestScreenCounty screens testdata/county, a county's invented forms
// with known faults, and finds each fault, nothing else, and the ranking
// they give (SPEC §10).
func TestScreenCounty(t *testing.T) {
	paths, err := filepath.Glob("testdata/county/*.md")
	if err != nil || len(paths) == 0 {
		t.Fatal(paths, err)
	}
	var checks []*form.Checked
	for _, p := range paths {
		md, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		c, err := form.Screen(read(t, filepath.Base(p), md), scoring.Options{})
		if err != nil {
			t.Fatal(err)
		}
		checks = append(checks, c)
	}
	form.Reused(checks)
	w := form.DefaultWeights()
	for _, c := range checks {
		w.Rate(c)
	}
	got := map[string][]string{}
	for _, c := range checks {
		for _, f := range c.Findings {
			got[c.File] = append(got[c.File], f.Kind+"@"+f.Pos.Cell)
		}
	}
	want := map[string][]string{
		"01-all-full.md": {"low_execution_without_reason@F7", "execution_vs_outputs@F7", "score_above_rule@H7", "ceiling@H13", "all_full_marks@J14"},
		"02-missed.md":   {"missed_without_reason@H9", "missed_without_reason@H10"},
		"03-pasted-a.md": {"reused_text@K9"},
		"04-pasted-b.md": {"reused_text@K9"},
		// 06 is 03's project a year earlier: the same text in it is no
		// reuse of 03's, but it is of 04's.
		"06-same-project.md": {"reused_text@K9"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	var ranking []string
	for _, c := range form.Rank(checks) {
		ranking = append(ranking, c.File+"="+c.Risk.Decimal.String())
	}
	wantRanking := []string{"01-all-full.md=16", "02-missed.md=6", "03-pasted-a.md=1", "04-pasted-b.md=1", "06-same-project.md=1", "05-clean.md=0"}
	if diff := cmp.Diff(wantRanking, ranking); diff != "" {
		t.Errorf("ranking (-want +got):\n%s", diff)
	}
	for _, c := range checks {
		for _, f := range c.Findings {
			if f.Kind == form.ReusedText && c.File == "04-pasted-b.md" && !strings.Contains(f.Message, "03-pasted-a.md!自评表!K9") {
				t.Errorf("the reuse in 04 does not name 03's place: %s", f.Message)
			}
		}
	}
}

// TestScreenLeavesCheckAlone: a plain check has none of the screen's kinds.
func TestScreenLeavesCheckAlone(t *testing.T) {
	md, err := os.ReadFile("testdata/county/01-all-full.md")
	if err != nil {
		t.Fatal(err)
	}
	c, err := form.Check(read(t, "01.md", md), scoring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Findings) != 1 || c.Findings[0].Kind != form.ScoreAboveRule || c.Risk.Valid {
		t.Errorf("check found %+v, risk %v", c.Findings, c.Risk)
	}
}

func TestParseWeights(t *testing.T) {
	w, err := form.ParseWeights("w.yaml", []byte("warning: 5\nreused_text: 0.5\nkind:\n  ceiling: 4\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		f    form.Finding
		want string
	}{
		{form.Finding{Kind: form.MissedWithoutReason, Severity: form.Warning}, "5"},
		{form.Finding{Kind: form.ReusedText, Severity: form.Note}, "0.5"},
		{form.Finding{Kind: form.Ceiling, Severity: form.Note}, "4"},
		{form.Finding{Kind: form.TotalMismatch, Severity: form.Error}, "10"},
		{form.Finding{Kind: form.AllFullMarks, Severity: form.Note}, "1"},
	} {
		if got := w.Of(tt.f).String(); got != tt.want {
			t.Errorf("weight of %s = %s, want %s", tt.f.Kind, got, tt.want)
		}
	}
	_, err = form.ParseWeights("w.yaml", []byte("warning: -1\nbogus: 2\nnote: many\nseverity:\n  reused_text: 1\nerror: 1\nerror: 2\n"))
	want := []string{
		"w.yaml:1:10:", // negative
		"w.yaml:2:1:",  // neither severity nor kind
		"w.yaml:3:7:",  // not a number
		"w.yaml:5:3:",  // a kind under severity
		"w.yaml:7:1:",  // twice
	}
	if err == nil {
		t.Fatal("no error")
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("no error at %s in:\n%v", w, err)
		}
	}
	if _, err := form.ParseWeights("w.yaml", []byte("[1, 2")); err == nil || !strings.Contains(err.Error(), "w.yaml:") {
		t.Errorf("syntax error: %v", err)
	}
}
