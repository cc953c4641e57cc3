package resultjson_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/perfeval/perfeval/examples"
	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/diff"
	"github.com/perfeval/perfeval/internal/render"
	"github.com/perfeval/perfeval/internal/report"
	"github.com/perfeval/perfeval/internal/resultjson"
	"github.com/perfeval/perfeval/scoring"
	"github.com/shopspring/decimal"
)

// encode writes a result's JSON as `perfeval score --format json` does.
func encode(t *testing.T, r *scoring.Result) []byte {
	t.Helper()
	w, err := report.LoadWording("")
	if err != nil {
		t.Fatal(err)
	}
	j, err := report.ResultJSON(r, w, "test")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := render.WriteJSON(&buf, j); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// placed is a result with what the examples lack: a deduction and a
// warning each with its cell, a rounding other than half-up, a target and
// an actual left unwritten, and an indicator not applicable.
func placed(t *testing.T) *scoring.Result {
	t.Helper()
	f, err := indicators.Parse("f.yaml", []byte(`indicators:
  - {code: X, name: x, weight: 3, rule: ratio, precision: 0, rounding: down}
  - {code: N, name: n, weight: 7, rule: ratio}
  - code: Y
    name: y
    children:
      - {code: Y1, name: y1, weight: 40}
      - {code: Y2, name: y2, weight: 50}
`))
	if err != nil {
		t.Fatal(err)
	}
	target, _ := indicators.ParseValue("100%")
	actual, _ := indicators.ParseValue("99%")
	na, _ := indicators.ParseValue("不适用")
	cell := diag.Pos{File: "2024.xlsx", Sheet: "扣分", Cell: "A2", Row: 2, ColNo: 1}
	in := &scoring.Input{HasTargets: true,
		Targets: []scoring.Measure{
			{Code: "X", Target: target, Actual: actual, HasTarget: true, HasActual: true},
			{Code: "N", Target: target, Actual: na, HasTarget: true, HasActual: true},
		},
		Deductions: []scoring.Deduction{{Code: "Y1", Points: decimal.RequireFromString("0.5"), Reason: "理由", Pos: cell}},
	}
	res, err := scoring.Score(f, in, scoring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res.Warnings = append(res.Warnings, diag.Warnf(diag.Pos{File: "2024.xlsx", Sheet: "绩效目标", Cell: "D7", Row: 7, ColNo: 4}, "a warning"))
	return res
}

// TestDecodeWithoutLoss: what a comparison reads of a result is the same
// whether it is read from the result or from its saved JSON, places
// included.
func TestDecodeWithoutLoss(t *testing.T) {
	results := map[string]*scoring.Result{"placed": placed(t)}
	for _, year := range []string{"2023", "2024"} {
		results[year] = examples.ScoreT(t, year)
	}
	for name, r := range results {
		t.Run(name, func(t *testing.T) {
			back, err := resultjson.Decode("r.json", encode(t, r))
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(diff.FromResult(r), back); d != "" {
				t.Errorf("(-scored +saved):\n%s", d)
			}
		})
	}
	back, err := resultjson.Decode("r.json", encode(t, results["placed"]))
	if err != nil {
		t.Fatal(err)
	}
	y1 := back.Indicators[2].Children[0]
	if got := y1.Deductions[0].Place; got != "2024.xlsx!扣分!A2" {
		t.Errorf("deduction read back at %q", got)
	}
	if got := back.Warnings; len(got) != 1 || got[0] != "2024.xlsx!绩效目标!D7: a warning" {
		t.Errorf("warnings read back as %q", got)
	}
}

// TestDecodeIsStrict: a saved result whose figures do not read is an
// error naming the key, never a zero; so is one that could not have been
// scored (a leaf without a rule, a code used twice, fund lines that do not
// make a tree).
func TestDecodeIsStrict(t *testing.T) {
	saved := string(encode(t, examples.ScoreT(t, "2023")))
	tests := []struct {
		name     string
		old, new string // the edit, made once
		wantErr  string
	}{
		{"score missing", `"score": 19.20,`, ``, "r.json: indicators[0].score: missing"},
		{"score not a number", `"score": 4.98,`, `"score": "lots",`, "r.json: not a perfeval result JSON: "},
		{"score out of range", `"score": 4.98,`, `"score": 1E9999,`, "r.json: indicators[1].children[0].children[0].score: 1E9999 is beyond the range of any figure"},
		{"precision", `"precision": 2,`, `"precision": 2000000000,`, "r.json: precision: 2000000000 is not from 0 to 6"},
		{"an indicator's precision", `"code": "A",`, `"code": "A", "precision": 7,`, "r.json: indicators[0].precision: 7 is not from 0 to 6"},
		{"rounding", `"code": "A",`, `"code": "A", "rounding": "sideways",`, `r.json: indicators[0].rounding: "sideways" is not a rounding`},
		{"rule", `"rule": "ratio"`, `"rule": "nonsense"`, "r.json: indicators[2].children[0].children[0].children[0].rule: missing or not a rule"},
		{"code missing", `"code": "A12"`, `"code": ""`, "r.json: indicators[0].children[0].children[1].code: missing"},
		{"code twice", `"code": "A12"`, `"code": "A11"`, `r.json: duplicate code "A11" (first at r.json)`},
		{"calculation", `"total_calc": {`, `"total_calc": null, "x": {`, "r.json: total_calc: missing"},
		{"deduction", `"points": 0.5,`, `"points": 1e400,`, "r.json: indicators[0].children[0].children[1].deductions[0].points: 1e400 is beyond the range of any figure"},
		{"date", `"as_of": "2023-12-31",`, `"as_of": "2023-13-31",`, `r.json: project.as_of: "2023-13-31" is not a date (YYYY-MM-DD)`},
		{"execution", `"red": 0.6,`, `"red": 1e9999,`, "r.json: execution.red: 1e9999 is beyond the range of any figure"},
		{"fund line", `"budget": 766.00,`, `"budget": -766.00,`, "r.json: execution.lines: line 1: negative amount -766"},
		{"overspent", `"over": 2.60,`, `"over": 1e999,`, "r.json: overspent[0].over: 1e999 is beyond the range of any figure"},
		{"another tool's", `"tool": "perfeval"`, `"tool": "other"`, "r.json: not a perfeval result (write one with perfeval score --format json)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(saved, tt.old) {
				t.Fatalf("the saved result has no %s", tt.old)
			}
			_, err := resultjson.Decode("r.json", []byte(strings.Replace(saved, tt.old, tt.new, 1)))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want %q", err, tt.wantErr)
			}
		})
	}
	if _, err := resultjson.Decode("r.json", []byte(saved)); err != nil {
		t.Errorf("the saved result itself: %v", err)
	}
}

// An indicator's 指标解释 and 评分标准 are carried to the JSON as
// description and criteria, and left out where the framework gives none.
func TestDescriptionAndCriteria(t *testing.T) {
	f, err := indicators.Parse("f.yaml", []byte(`indicators:
  - code: A
    name: 决策
    description: 项目决策情况
    children:
      - {code: A1, name: 立项, weight: 60, criteria: "规范得满分，\n否则酌情扣分"}
      - {code: A2, name: 目标, weight: 40}
`))
	if err != nil {
		t.Fatal(err)
	}
	res, err := scoring.Score(f, &scoring.Input{}, scoring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := string(encode(t, res))
	for _, want := range []string{`"description": "项目决策情况"`, `"criteria": "规范得满分，\n否则酌情扣分"`} {
		if !strings.Contains(out, want) {
			t.Errorf("the JSON lacks %s", want)
		}
	}
	if n := strings.Count(out, `"description"`) + strings.Count(out, `"criteria"`); n != 2 {
		t.Errorf("%d description and criteria keys, want 2 (empty ones left out)", n)
	}
}
