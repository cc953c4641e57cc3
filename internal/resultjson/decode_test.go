package resultjson_test

import (
	"bytes"
	"testing"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/render"
	"github.com/perfeval/perfeval/internal/report"
	"github.com/perfeval/perfeval/internal/resultjson"
	"github.com/perfeval/perfeval/scoring"
)

// TestDecodeKeepsTraces: a result read back from its JSON writes the same
// traces, a rounding other than half-up included.
func TestDecodeKeepsTraces(t *testing.T) {
	f, err := indicators.Parse("f.yaml", []byte("indicators:\n  - {code: X, name: x, weight: 3, rule: ratio, precision: 0, rounding: down}\n  - {code: Y, name: y, weight: 97}\n"))
	if err != nil {
		t.Fatal(err)
	}
	target, _ := indicators.ParseValue("100%")
	actual, _ := indicators.ParseValue("99%")
	res, err := scoring.Score(f, &scoring.Input{HasTargets: true, Targets: []scoring.Measure{{Code: "X", Target: target, Actual: actual, HasTarget: true, HasActual: true}}}, scoring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	w, _ := report.LoadWording("")
	j, err := report.ResultJSON(res, w, "test")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	render.WriteJSON(&buf, j)
	back, err := resultjson.Decode("r.json", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"X", "Y"} {
		a, _ := res.Node(code)
		b, _ := back.Node(code)
		if got, want := report.TraceText(b.Trace), report.TraceText(a.Trace); got != want {
			t.Errorf("%s: trace read back %q, want %q", code, got, want)
		}
	}
	if x, _ := back.Node("X"); report.TraceText(x.Trace) != "3 × 99% ÷ 100% = 2.97 → 2（舍去）" {
		t.Errorf("X: %q", report.TraceText(x.Trace))
	}
}
