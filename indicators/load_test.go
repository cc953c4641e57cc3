package indicators

import (
	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/fuzzcheck"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLoadExample(t *testing.T) {
	data, err := os.ReadFile("../examples/gd12355/framework.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse("framework.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if f.Total.String() != "100" || f.Precision != 2 || len(f.Leaves()) != 22 {
		t.Errorf("total %s, precision %d, %d leaves", f.Total, f.Precision, len(f.Leaves()))
	}
	b11, ok := f.Lookup("B11")
	if !ok || b11.Rule.Type != Execution || b11.Parent.Code != "B1" || b11.Level != 3 {
		t.Errorf("B11 = %+v", b11)
	}
	if a11, _ := f.Lookup("A11"); a11.Rule.Type != Review {
		t.Errorf("A11 rule %s, want review", a11.Rule.Type)
	}
	if got := f.Grade(f.Total.Sub(f.Total)); got != "差" {
		t.Errorf("grade of 0 = %q", got)
	}
}

func TestParseRules(t *testing.T) {
	src := `
name: t
precision: 3
grades: [{grade: A, min: 85}, {grade: B, min: 0}]
indicators:
  - {code: X, name: 顶层叶子, weight: 10, rule: pass, description: " 是否达成 ", criteria: 达成得满分，未达成不得分}
  - code: Y
    name: y
    children:
      - code: Y1
        name: y1
        weight: 40
        rule: {type: bands, bands: [{from: 0.6, score: 0.6}, {from: 1, score: 1}, {from: 0, score: 0}]}
      - code: Y2
        name: y2
        weight: 50
        rule: {type: execution, lines: ["1.1", "1.10"], recovered: unspent}
`
	f, err := Parse("f.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if x, _ := f.Lookup("X"); x.Description != "是否达成" || x.Criteria != "达成得满分，未达成不得分" {
		t.Errorf("X description %q criteria %q", x.Description, x.Criteria)
	}
	y, _ := f.Lookup("Y")
	if y.Weight.String() != "90" || f.Total.String() != "100" || f.Precision != 3 {
		t.Errorf("Y weight %s (summed), total %s, precision %d", y.Weight, f.Total, f.Precision)
	}
	y1, _ := f.Lookup("Y1")
	var froms []string
	for _, b := range y1.Rule.Bands {
		froms = append(froms, b.From.String())
	}
	if diff := cmp.Diff([]string{"1", "0.6", "0"}, froms); diff != "" {
		t.Errorf("bands not sorted highest first: %s", diff)
	}
	y2, _ := f.Lookup("Y2")
	if diff := cmp.Diff([]string{"1.1", "1.10"}, y2.Rule.Lines); diff != "" || y2.Rule.Recovered != RecoveredUnspent {
		t.Errorf("lines %v recovered %s", y2.Rule.Lines, y2.Rule.Recovered)
	}
	if f.Grade(y.Weight) != "A" {
		t.Errorf("grade of 90 = %s", f.Grade(y.Weight))
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // every error line, in order
	}{
		{"syntax", "name: [a\nindicators: x\n", []string{"f.yaml:1:7: YAML syntax: did not find expected ',' or ']' (close the bracket opened here)"}},
		{"syntax, deep", "name: " + strings.Repeat("[", 100) + "\n", []string{"f.yaml:1:1: YAML syntax: did not find expected node content"}},
		{"blank code and name", "indicators: [{code: '', name: ' ', weight: 100}]\n", []string{"f.yaml:1:21: an indicator's code is blank", "f.yaml:1:31: an indicator's name is blank"}},
		{"grades", "grades: [{grade: 优, min: 90}, {grade: 优, min: 60}, {grade: '', min: 0}]\nindicators: [{code: A, name: a, weight: 100}]\n", []string{"f.yaml:1:39: grade \"优\" is listed twice", "f.yaml:1:60: a grade's name is blank"}},
		{"weight decimals", "indicators: [{code: A, name: a, weight: 33.335}, {code: B, name: b, weight: 66.665}]\n", []string{"f.yaml:1:41: indicator A: weight 33.335 has 3 decimals, more than the 2 its score is rounded to", "f.yaml:1:77: indicator B: weight 66.665 has 3 decimals, more than the 2 its score is rounded to"}},
		{"duplicate key", "name: a\nname: b\nindicators: [{code: A, name: a, weight: 100, weight: 90}]\n", []string{"f.yaml:2:1: the key \"name\" is given twice in one mapping (also at line 1) (keep one)", "f.yaml:3:46: the key \"weight\" is given twice in one mapping (also at line 3) (keep one)"}},
		{"second document", "indicators: [{code: A, name: a, weight: 100}]\n---\nindicators: [{code: B, name: b, weight: 100}]\n", []string{"f.yaml:3:1: a second YAML document (after ---) would not be read (keep the whole framework in one document)"}},
		{"unknown key", "name: x\nindicators:\n  - {code: A, name: a, wieght: 5}\n",
			[]string{`f.yaml:3:24: unknown key "wieght" in an indicator (did you mean "weight"?)`}},
		{"unknown rule", "indicators:\n  - {code: A, name: a, weight: 5, rule: ration}\n",
			[]string{`f.yaml:2:41: indicator A: unknown rule "ration" (did you mean "ratio"?)`}},
		{"duplicate code", "indicators:\n  - {code: A, name: a, weight: 5}\n  - {code: A, name: b, weight: 5}\n",
			[]string{`f.yaml:3:12: duplicate code "A" (first used at f.yaml:2:5)`}},
		{"weights", "indicators:\n  - code: A\n    name: a\n    weight: 12\n    children:\n      - {code: A1, name: b, weight: 4}\n      - {code: A2, name: c, weight: 6}\n",
			[]string{"f.yaml:4:13: indicator A: children's weights add up to 10, not 12 (A1 4 + A2 6)"}},
		{"total", "total: 100\nindicators:\n  - {code: A, name: a, weight: 5}\n",
			[]string{"f.yaml:1:8: the top-level weights add up to 5, not the total 100 (A 5)"}},
		{"rule on parent", "indicators:\n  - code: A\n    name: a\n    rule: ratio\n    children: [{code: A1, name: b, weight: 4}]\n",
			[]string{"f.yaml:4:11: indicator A has children, so it takes no rule (its score is the sum of theirs)"}},
		{"bad option", "indicators:\n  - {code: A, name: a, weight: 5, rule: {type: ratio, lines: [1]}}\n",
			[]string{`f.yaml:2:62: indicator A: rule ratio takes no "lines" option`}},
		{"band score", "indicators:\n  - {code: A, name: a, weight: 5, rule: {type: bands, bands: [{from: 1, score: 5}]}}\n",
			[]string{"f.yaml:2:80: indicator A: band score 5 must be a fraction of the weight, from 0 to 1"}},
		{"bands missing", "indicators:\n  - {code: A, name: a, weight: 5, rule: bands}\n",
			[]string{"f.yaml:2:41: indicator A: rule bands needs its bands (rule: {type: bands, bands: [{from: 1, score: 1}, …]})"}},
		{"recovered", "indicators:\n  - {code: A, name: a, weight: 5, rule: {type: execution, recovered: spent}}\n",
			[]string{`f.yaml:2:70: indicator A: recovered must be "executed" or "unspent", not "spent"`}},
		{"grades order", "grades: [{grade: A, min: 60}, {grade: B, min: 80}, {grade: C, min: 0}]\nindicators:\n  - {code: A, name: a, weight: 5}\n",
			[]string{`f.yaml:1:31: grade "B": min 80 must be below the previous grade's 60 (list grades from the highest)`}},
		{"negative weight", "indicators:\n  - {code: A, name: a, weight: -5}\n", []string{"f.yaml:2:32: indicator A: weight -5 must be positive"}},
		{"weight not a number", "indicators:\n  - {code: A, name: a, weight: five}\n", []string{`f.yaml:2:32: weight "five" is not a number`}},
		{"empty", "", []string{"f.yaml: the framework is empty"}},
		{"precision", "precision: 9\nindicators:\n  - {code: A, name: a, weight: 5}\n", []string{`f.yaml:1:12: precision "9" must be a whole number from 0 to 6`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("f.yaml", []byte(tt.src))
			if err == nil {
				t.Fatal("no error")
			}
			got := strings.Split(err.Error(), "\n")
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("errors mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseCollectsEveryProblem(t *testing.T) {
	src := `indicators:
  - code: A
    name: a
    weight: 20
    children:
      - {code: A1, name: b, weight: 4, rule: ratoi}
      - {code: A1, name: c, weight: 6, colour: red}
  - {code: B, weight: 5}
`
	_, err := Parse("f.yaml", []byte(src))
	var list diag.Errors
	if !asErrors(err, &list) || len(list) != 5 {
		t.Fatalf("want 5 errors, got %v", err)
	}
}

func asErrors(err error, list *diag.Errors) bool {
	l, ok := err.(diag.Errors)
	*list = l
	return ok
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"indicators:\n  - {code: A, name: a, weight: 5}\n",
		"name: x\nprecision: 2\ngrades: [{grade: 优, min: 90}, {grade: 差, min: 0}]\nindicators:\n  - code: A\n    name: a\n    children:\n      - {code: A1, name: b, weight: 4, rule: {type: bands, bands: [{from: 1, score: 1}]}}\n",
		"indicators:\n  - {code: B, name: b, weight: 6, rule: {type: execution, lines: ['1.1'], recovered: unspent}}\n",
		"indicators: [", "- a\n- b", "&a [*a]", "indicators:\n  - code: A\n    children: *x\n",
		"name: \"x\nindicators: [{a: 'b", "name: x\n weight: 1\n", "a:\n\t- b\n", "x: [[a], [b\n  c: d\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var fw *Framework
		var err error
		fuzzcheck.Bounded(t, func() { fw, err = Parse("f.yaml", []byte(src)) })
		if err == nil && fw == nil {
			t.Fatal("no framework and no error")
		}
		if err != nil && fw != nil {
			t.Fatal("a framework and an error")
		}
	})
}

// TestCodesLookAlike: codes are compared in NFKC, so a look-alike is the
// code it looks like; an invisible character in a code is an error at it.
func TestCodesLookAlike(t *testing.T) {
	tests := []struct {
		name, src string
		wantErr   string
		lookup    string // a code the framework finds, as NormalCode
	}{
		{name: "full-width is the code", src: "indicators:\n  - {code: Ｃ１１１, name: a, weight: 100}\n", lookup: "C111"},
		{name: "looked up full-width", src: "indicators:\n  - {code: C111, name: a, weight: 100}\n", lookup: "Ｃ１１１"},
		{name: "both are a duplicate", src: "indicators:\n  - {code: C111, name: a, weight: 50}\n  - {code: Ｃ１１１, name: b, weight: 50}\n",
			wantErr: `f.yaml:3:12: duplicate code "Ｃ１１１" (first used at f.yaml:2:5)`},
		{name: "zero-width", src: "indicators:\n  - {code: \"C\u200b1\", name: a, weight: 100}\n",
			wantErr: `f.yaml:2:12: the code "C\u200b1" holds U+200B, a zero-width character, which shows nothing (retype it without the character, which no screen shows)`},
		{name: "bidirectional", src: "indicators:\n  - {code: \"\u2067C1\u2069\", name: a, weight: 100}\n",
			wantErr: `f.yaml:2:12: the code "\u2067C1\u2069" holds U+2067, a bidirectional control`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse("f.yaml", []byte(tt.src))
			switch {
			case tt.wantErr != "":
				if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
					t.Errorf("error %v, want %s", err, tt.wantErr)
				}
			case err != nil:
				t.Fatal(err)
			default:
				if _, ok := f.Lookup(tt.lookup); !ok {
					t.Errorf("Lookup(%q) found nothing", tt.lookup)
				}
			}
		})
	}
}

// TestControlCharacters: a name, description or criteria holding a
// control character (ESC, BEL, C1) or a bidirectional override is an
// error at its place; a zero-width space in a name is let be.
func TestControlCharacters(t *testing.T) {
	src := "name: \"体系\\e]0;title\\a\"\nindicators:\n  - {code: A, name: \"决策\\u202e\", weight: 50, criteria: \"x\\x9by\"}\n  - {code: B, name: \"过\\u200b程\", weight: 50}\n"
	_, err := Parse("f.yaml", []byte(src))
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"f.yaml:1:7:", "U+001B", "f.yaml:3:21:", "U+202E", "f.yaml:3:55:", "U+009B"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("no %q in:\n%v", want, err)
		}
	}
	if strings.Contains(err.Error(), "U+200B") {
		t.Errorf("a zero-width space in a name is an error:\n%v", err)
	}
}
