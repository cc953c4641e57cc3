package report_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/perfeval/perfeval/examples"
)

// TestReferenceFigures checks every figure of SPEC §6.6.
func TestReferenceFigures(t *testing.T) {
	type fig struct{ score, rate string }
	tests := []struct {
		year      string
		total     string
		grade     string
		nodes     map[string]fig
		execution [4]string // budget, paid, executed, rate
		lines     map[string]string
		overspent []string
	}{
		{
			year: "2023", total: "95.33", grade: "优",
			nodes: map[string]fig{
				"A": {"19.20", "0.9600"}, "A1": {"11.20", "0.9333"}, "A12": {"5.50", "0.9167"}, "A13": {"1.70", "0.8500"},
				"A2": {"8.00", "1.0000"}, "B": {"17.98", "0.8990"}, "B1": {"10.98", "0.9150"}, "B11": {"4.98", "0.8300"},
				"B2": {"7.00", "0.8750"}, "C": {"58.15", "0.9692"}, "C1": {"28.15", "0.9383"}, "C123": {"3.00", "1.0000"},
				"C131": {"4.15", "0.8300"}, "C141": {"2.00", "0.6667"}, "C2": {"30.00", "1.0000"},
			},
			execution: [4]string{"1179.71", "979.71", "979.71", "0.8305"},
			overspent: []string{"2.2.1 +2.60 1.0438 0.0438"},
		},
		{
			year: "2024", total: "95.62", grade: "优",
			nodes: map[string]fig{
				"A": {"19.50", "0.9750"}, "A1": {"11.50", "0.9583"}, "A12": {"5.50", "0.9167"}, "A13": {"2.00", "1.0000"},
				"A2": {"8.00", "1.0000"}, "B": {"18.39", "0.9195"}, "B1": {"10.89", "0.9075"}, "B11": {"4.89", "0.8150"},
				"B2": {"7.50", "0.9375"}, "C": {"57.73", "0.9622"}, "C1": {"28.23", "0.9410"}, "C123": {"2.65", "0.8833"},
				"C131": {"4.08", "0.8160"}, "C141": {"2.50", "0.8333"}, "C2": {"29.50", "0.9833"},
			},
			execution: [4]string{"1499.75", "1221.51", "1222.84", "0.8154"},
			lines:     map[string]string{"1": "0.8000", "1.3": "0.3203", "2": "0.9759"},
			overspent: []string{"4.5.1 +2.44 1.2649 0.2649"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.year, func(t *testing.T) {
			res := examples.ScoreT(t, tt.year)
			if got := res.Total.StringFixed(2) + " " + res.Grade; got != tt.total+" "+tt.grade {
				t.Errorf("total %s, want %s %s", got, tt.total, tt.grade)
			}
			for code, want := range tt.nodes {
				n, ok := res.Node(code)
				if !ok {
					t.Errorf("no node %s", code)
					continue
				}
				if got := (fig{n.Score.StringFixed(2), n.Rate().StringFixed(4)}); got != want {
					t.Errorf("%s = %v, want %v", code, got, want)
				}
			}
			e := res.Execution
			got := [4]string{e.Budget.StringFixed(2), e.Paid.StringFixed(2), e.Executed.StringFixed(2), e.Rate.StringFixed(4)}
			if got != tt.execution {
				t.Errorf("execution %v, want %v", got, tt.execution)
			}
			for code, want := range tt.lines {
				l, _ := e.Lines.Lookup(code)
				if got := l.Executed(true).Div(l.Budget).StringFixed(4); got != want {
					t.Errorf("line %s rate %s, want %s", code, got, want)
				}
			}
			var over []string
			for _, o := range res.Overspent {
				over = append(over, o.Line.Code+" +"+o.Over.StringFixed(2)+" "+o.Ratio.StringFixed(4)+" "+o.Excess.StringFixed(4))
			}
			if diff := cmp.Diff(tt.overspent, over); diff != "" {
				t.Errorf("overspent (-want +got):\n%s", diff)
			}
			if len(res.Mismatches) != 0 || len(res.Warnings) != 0 {
				t.Errorf("mismatches %v, warnings %v", res.Mismatches, res.Warnings)
			}
		})
	}
}
