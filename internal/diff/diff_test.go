package diff_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/perfeval/perfeval/examples"
	"github.com/perfeval/perfeval/indicators"
	. "github.com/perfeval/perfeval/internal/diff"
	"github.com/perfeval/perfeval/internal/render"
	"github.com/perfeval/perfeval/internal/report"
	"github.com/perfeval/perfeval/internal/resultjson"
	"github.com/perfeval/perfeval/scoring"
	"github.com/shopspring/decimal"
)

func words(t *testing.T) *report.Wording {
	t.Helper()
	w, err := report.LoadWording("")
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func encode(t *testing.T, d *Diff) resultjson.Diff {
	t.Helper()
	j, err := report.DiffJSON(d, words(t))
	if err != nil {
		t.Fatal(err)
	}
	return j
}

func result(t *testing.T, framework string, deds map[string]string, actuals map[string]string) *Result {
	t.Helper()
	f, err := indicators.Parse("f.yaml", []byte(framework))
	if err != nil {
		t.Fatal(err)
	}
	in := &scoring.Input{HasTargets: true}
	for code, a := range actuals {
		tv, _ := indicators.ParseValue("100")
		av, _ := indicators.ParseValue(a)
		in.Targets = append(in.Targets, scoring.Measure{Code: code, Target: tv, Actual: av, HasTarget: true, HasActual: true})
	}
	for code, p := range deds {
		in.Deductions = append(in.Deductions, scoring.Deduction{Code: code, Points: decimal.RequireFromString(p), Reason: "理由"})
	}
	res, err := scoring.Score(f, in, scoring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return FromResult(res)
}

func TestFrameworkChanges(t *testing.T) {
	old := result(t, `indicators:
  - code: A
    name: a
    weight: 50
    children:
      - {code: A1, name: a1, weight: 20}
      - {code: A2, name: a2, weight: 30, rule: ratio}
  - code: B
    name: b
    weight: 50
    children:
      - {code: B1, name: b1, weight: 25}
      - {code: B2, name: b2, weight: 25}
`, map[string]string{"B2": "5"}, map[string]string{"A2": "90"})
	new := result(t, `indicators:
  - code: A
    name: a
    weight: 60
    children:
      - {code: A1, name: a1, weight: 30}
      - {code: A2, name: a2, weight: 30, rule: ratio}
  - code: B
    name: b
    weight: 40
    children:
      - {code: B1, name: b1 新名, weight: 25}
      - {code: B3, name: b3, weight: 15}
`, nil, map[string]string{"A2": "80"})
	d, err := Compare(Side{Result: old, Source: "old"}, Side{Result: new, Source: "new"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, in := range d.Indicators {
		var changes []string
		for _, c := range append(in.Framework, in.Changes...) {
			changes = append(changes, c.Field+" "+c.Old+" → "+c.New)
		}
		got = append(got, in.Code+" "+in.Status+" "+in.Delta.String()+" "+strings.Join(changes, "；"))
	}
	want := []string{
		"A reweighted 7 weight 50 → 60",
		"A1 reweighted 10 weight 20 → 30",
		"A2 changed -3 actual 90 → 80",
		"B reweighted -5 weight 50 → 40",
		"B1 changed 0 name b1 → b1 新名",
		"B3 added 15 ",
		"B2 removed -20 ",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// The leaves reconcile with the total: 10 − 3 + 0 + 15 − 20 = 2.
	if d.LeafSum.String() != "2" || d.TotalDelta.String() != "2" || !d.Rescale.IsZero() {
		t.Errorf("leaf sum %s, total %s, rescale %s", d.LeafSum, d.TotalDelta, d.Rescale)
	}
	if r := encode(t, d).Reconciliation; r != "末级指标变动合计 +2.00（新增计新得分，删除计负的原得分）= 总分变动 +2.00" {
		t.Errorf("reconciliation %q", r)
	}
}

func TestRescaleIsReconciled(t *testing.T) {
	fw := "indicators:\n  - {code: A, name: a, weight: 50, rule: ratio}\n  - {code: B, name: b, weight: 50}\n"
	old := result(t, fw, nil, map[string]string{"A": "50"})
	new := result(t, fw, nil, map[string]string{"A": "不适用"})
	d, err := Compare(Side{Result: old, Source: "old"}, Side{Result: new, Source: "new"})
	if err != nil {
		t.Fatal(err)
	}
	// Old: 25 + 50 = 75. New: 50 × 100 ÷ 50 = 100. Leaves: −25; rescaling: +50.
	if d.TotalDelta.String() != "25" || d.LeafSum.String() != "-25" || d.Rescale.String() != "50" {
		t.Errorf("total %s, leaves %s, rescale %s", d.TotalDelta, d.LeafSum, d.Rescale)
	}
}

func exampleResult(t *testing.T, year string) *scoring.Result {
	t.Helper()
	res, err := examples.Score(year)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestSavedResultsDiffTheSame diffs the examples as scored and as read back
// from their JSON: the comparisons are identical.
func TestSavedResultsDiffTheSame(t *testing.T) {
	roundTrip := func(r *scoring.Result) *Result {
		j, err := report.ResultJSON(r, words(t), "test")
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := render.WriteJSON(&buf, j); err != nil {
			t.Fatal(err)
		}
		back, err := resultjson.Decode("r.json", buf.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		return back
	}
	old, new := exampleResult(t, "2023"), exampleResult(t, "2024")
	live, err := Compare(Side{Result: FromResult(old), Source: "s"}, Side{Result: FromResult(new), Source: "s"})
	if err != nil {
		t.Fatal(err)
	}
	saved, err := Compare(Side{Result: roundTrip(old), Source: "s"}, Side{Result: roundTrip(new), Source: "s"})
	if err != nil {
		t.Fatal(err)
	}
	liveJ, savedJ := encode(t, live), encode(t, saved)
	if diff := cmp.Diff(liveJ, savedJ); diff != "" {
		t.Errorf("(-live +saved):\n%s", diff)
	}
	deltas := map[string]string{}
	for _, in := range liveJ.Indicators {
		if in.Status != Unchanged {
			deltas[in.Code] = string(in.Delta)
		}
	}
	for code, want := range map[string]string{"A13": "0.30", "B11": "-0.09", "B22": "0.50", "C123": "-0.35", "C131": "-0.07", "C141": "0.50", "C222": "-0.50", "C113": "0.00"} {
		if deltas[code] != want {
			t.Errorf("%s delta %q, want %s", code, deltas[code], want)
		}
	}
	if string(liveJ.TotalDelta) != "0.29" {
		t.Errorf("total delta %s", liveJ.TotalDelta)
	}
}

// TestParentReweighted: children of a reweighted parent that did not move
// themselves stay unchanged; the change is the parent's and the new leaf's.
func TestParentReweighted(t *testing.T) {
	old := result(t, "indicators:\n  - code: A\n    name: a\n    children:\n      - {code: A1, name: a1, weight: 20}\n      - {code: A2, name: a2, weight: 30}\n  - {code: B, name: b, weight: 50}\n", nil, nil)
	new := result(t, "indicators:\n  - code: A\n    name: a\n    children:\n      - {code: A1, name: a1, weight: 20}\n      - {code: A2, name: a2, weight: 30}\n      - {code: A3, name: a3, weight: 10}\n  - {code: B, name: b, weight: 40}\n", map[string]string{"B": "1"}, nil)
	d, err := Compare(Side{Result: old, Source: "old"}, Side{Result: new, Source: "new"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, in := range d.Indicators {
		got[in.Code] = in.Status + " " + in.Delta.String()
	}
	want := map[string]string{"A": "reweighted 10", "A1": "unchanged 0", "A2": "unchanged 0", "A3": "added 10", "B": "reweighted -11"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if d.LeafSum.String() != "-1" || d.TotalDelta.String() != "-1" {
		t.Errorf("leaves %s, total %s", d.LeafSum, d.TotalDelta)
	}
}
