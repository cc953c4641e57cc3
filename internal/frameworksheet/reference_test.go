package frameworksheet_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/frameworksheet"
	"github.com/perfeval/perfeval/internal/workbook"
	"github.com/perfeval/perfeval/scoring"
)

// The reference framework written as a 指标体系 sheet scores both
// reference workbooks exactly as framework.yaml does, indicator by
// indicator.
func TestReferenceSheetScoresAsYAML(t *testing.T) {
	data, err := os.ReadFile("../../examples/gd12355/framework.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fromYAML, err := indicators.Parse("framework.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	x, err := frameworksheet.Write(fromYAML)
	if err != nil {
		t.Fatal(err)
	}
	buf, err := x.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	fromSheet, err := frameworksheet.ReadBytes("指标体系.xlsx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for _, year := range []string{"2023", "2024"} {
		t.Run(year, func(t *testing.T) {
			in, err := workbook.Read("../../examples/gd12355/"+year+".xlsx", workbook.Options{})
			if err != nil {
				t.Fatal(err)
			}
			want, err := scoring.Score(fromYAML, in, scoring.Options{})
			if err != nil {
				t.Fatal(err)
			}
			got, err := scoring.Score(fromSheet, in, scoring.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(scores(want), scores(got)); diff != "" {
				t.Errorf("scored with the sheet, not as with the YAML (-yaml +sheet):\n%s", diff)
			}
			if n := len(scores(want)); n != 1+37 { // the total and every indicator
				t.Errorf("%d lines compared, want 38", n)
			}
		})
	}
}

// scores lists every indicator's code, name, weight, rule, ratio, score
// and deductions, and the total and grade.
func scores(res *scoring.Result) []string {
	out := []string{fmt.Sprintf("total %s %s (%s excluded)", res.Total, res.Grade, res.Excluded)}
	var walk func([]*scoring.Node)
	walk = func(list []*scoring.Node) {
		for _, n := range list {
			in := n.Indicator
			rule := ""
			if in.Rule != nil {
				rule = string(in.Rule.Type)
			}
			out = append(out, fmt.Sprintf("%s %s weight %s rule %s ratio %v score %s deducted %s", in.Code, in.Name, in.Weight, rule, n.Ratio, n.Score, n.Deducted()))
			walk(n.Children)
		}
	}
	walk(res.Indicators)
	return out
}
