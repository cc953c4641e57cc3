package form_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/perfeval/perfeval/internal/form"
	"github.com/perfeval/perfeval/scoring"
)

// TestLayouts checks each form of testdata/, laid out as units publish
// them (SPEC §8 "Reading forms as they are really filled in"), and finds
// exactly the findings listed: a clean form finds none, and every
// contradiction is a finding, never a refusal.
func TestLayouts(t *testing.T) {
	tests := []struct {
		file     string
		total    string
		findings []string // kind@place
	}{
		// A header over two rows: 三级指标 on the second, 实际完成值, 分值
		// and 得分 merged down from the first.
		{"yunnan-14.md", "99.50", nil},
		// ≥100百分比 over a bare 100 (and ≥90 over 95%): read as
		// percentages, an info each.
		{"anhui-export.md", "100.00", []string{"bare_percent@F14", "bare_percent@F15", "bare_percent@F17", "bare_percent@E18", "bare_percent@F19"}},
		// Template instructions left in cells are blank; 其中 rows, and
		// rows inside the merged 分值/得分 above, are breakdowns; 扣1分 on
		// a review row is a deduction.
		{"sichuan-template.md", "98.50", nil},
		// 年度资金总额 0/0/0 above a 其中 row of 90/89.974: the 其中 row is
		// used, with a warning, and the printed 99.97% agrees.
		{"funds-in-parts.md", "100.00", []string{"funds_mismatch@B5"}},
		// Published unfilled: a warning for every row, never a clean pass.
		{"unfilled.md", "100.00", []string{"unreadable@B6", "unreadable@F9", "unreadable@F10", "unreadable@F11", "unreadable@F12"}},
		// 分值 with three decimals score at three; a second 合计 row that
		// differs from the 总分 row is an error.
		{"totals-and-precision.md", "98.000", []string{"duplicate_total@H9"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			md, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			c, err := form.Check(read(t, path, md), scoring.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range c.Findings {
				got = append(got, f.Kind+"@"+f.Pos.Cell)
			}
			if diff := cmp.Diff(tt.findings, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s\n%+v", diff, c.Findings)
			}
			if s := c.ComputedTotal.Decimal.String(); c.ComputedTotal.Decimal.StringFixed(-c.ComputedTotal.Decimal.Exponent()) != tt.total {
				t.Errorf("computed total %s, want %s", s, tt.total)
			}
		})
	}
}

// TestBreakdownsAndDeductions reads the Sichuan template's rows: the
// breakdowns under their indicators, the 扣1分 as a deduction with its
// reason, and the template's instructions blank.
func TestBreakdownsAndDeductions(t *testing.T) {
	path := "testdata/sichuan-template.md"
	md, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f := read(t, path, md)
	var parts, reasons []string
	for _, r := range f.Leaves() {
		for _, p := range r.Parts {
			parts = append(parts, r.Name+" > "+p.Name+" "+p.Target.Written+" "+p.Actual.Written)
		}
		for _, d := range r.Deductions {
			reasons = append(reasons, r.Name+" "+d.Points.String()+" "+d.Reason)
		}
		if r.Reason != "" && len(r.Deductions) == 0 {
			t.Errorf("%s: a reason %q was read from a template's instruction", r.Name, r.Reason)
		}
	}
	want := []string{
		"培训人次 > 其中：线上培训 ≥300人次 320人次", "培训人次 > 其中：线下培训 ≥200人次 200人次",
		"参训干部覆盖乡镇 > 城区街道 12个 12个", "参训干部覆盖乡镇 > 农村乡镇 28个 28个",
	}
	if diff := cmp.Diff(want, parts); diff != "" {
		t.Errorf("breakdowns (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"培训成果转化机制 1 成果转化跟踪回访尚未全覆盖"}, reasons); diff != "" {
		t.Errorf("deductions (-want +got):\n%s", diff)
	}
	if f.FundNote != "" || f.Achieved != "" {
		t.Errorf("template text read as content: note %q, achieved %q", f.FundNote, f.Achieved)
	}
	if slices.ContainsFunc(f.Leaves(), func(r *form.Row) bool { return r.Name == "指标2：" }) {
		t.Error("the empty template row 指标2： is read as an indicator")
	}
}
