package targets_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/perfeval/perfeval/internal/form"
	"github.com/perfeval/perfeval/internal/targets"
	"github.com/perfeval/perfeval/internal/testkit"
	"github.com/perfeval/perfeval/internal/workbook"
)

// open reads testdata/NAME.md, built as a workbook, as a target table or,
// with asForm, as a self-evaluation form.
func open(t *testing.T, name string, asForm bool) *form.Form {
	t.Helper()
	md, err := os.ReadFile(filepath.Join("testdata", name+".md"))
	if err != nil {
		t.Fatal(err)
	}
	x, err := testkit.FromText(md)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	b, err := workbook.Open(name+".xlsx", buf.Bytes(), workbook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if asForm {
		f, err := form.Read(b, form.FindSheet(b))
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	sheet := form.FindTargetSheet(b)
	if sheet == "" {
		t.Fatalf("%s: no target table found", name)
	}
	f, err := form.ReadTargets(b, sheet)
	if err != nil {
		t.Fatal(err)
	}
	if f.Filled() {
		t.Fatalf("%s reads as a filled form", name)
	}
	return f
}

func kinds(rv *targets.Reviewed) []string {
	var out []string
	for _, f := range rv.Findings {
		out = append(out, f.Kind+"@"+f.Pos.Sheet+"!"+f.Pos.Cell)
	}
	return out
}

// TestReview finds each fault of a table by itself where it is, and
// nothing on a table filed as it should be.
func TestReview(t *testing.T) {
	w := targets.DefaultWords()
	tests := []struct {
		name string
		want []string
	}{
		{"good", nil},
		{"across", nil},
		{"faults", []string{
			"weights@目标表!", // 分值 add up to 105, no 合计 row
			"funds_mismatch@目标表!D4",
			"placeholder@目标表!D10",
			"no_unit@目标表!F11",
			"misfiled@目标表!D12", // 预算执行率 under 产出
			"vague@目标表!F13",
			"no_target@目标表!F14",
			"direction@目标表!F15",
			"misfiled@目标表!D16", // 满意度 under 效益
			"misfiled@目标表!D17", // an output under 效益
			"concentration@目标表!H18",
			"impossible@目标表!F19",
		}},
		{"template", []string{"missing_dimension@目标表!", "placeholder@目标表!F8", "placeholder@目标表!F9", "placeholder@目标表!F10"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rv := targets.Review(open(t, tt.name, false), w)
			if diff := cmp.Diff(tt.want, kinds(rv)); diff != "" {
				t.Errorf("findings (-want +got):\n%s\n%+v", diff, rv.Findings)
			}
		})
	}
}

// TestAgainstLastYear holds the good table to last year's form: targets
// below what was achieved are found, targets above it are not.
func TestAgainstLastYear(t *testing.T) {
	table := open(t, "good", false)
	for _, tt := range []struct {
		previous string
		want     []string
	}{
		{"previous-2024", []string{
			"low_ambition@目标表!F10",     // ≥300公里 after 320公里
			"low_ambition@目标表!F11",     // ≥80% after 98%
			"unchanged_target@目标表!F11", // and ≥80% was last year's target
			"low_ambition@目标表!F12",     // ≤12月 after 11月
			"low_ambition@目标表!F13",     // ≤0.6万元 after 0.5万元
			"low_ambition@目标表!F15",     // ≥90% after 93%
		}},
		{"previous-met", nil},
	} {
		t.Run(tt.previous, func(t *testing.T) {
			rv := &targets.Reviewed{Table: table}
			prev := open(t, tt.previous, true)
			if targets.Match(table, []*form.Form{prev}) != prev {
				t.Fatal("the previous form is not matched to the table by its 项目名称")
			}
			targets.Ambition(rv, prev)
			if diff := cmp.Diff(tt.want, kinds(rv)); diff != "" {
				t.Errorf("findings (-want +got):\n%s\n%+v", diff, rv.Findings)
			}
		})
	}
}

// TestAgainstForm holds the good table to this year's form: a target
// changed, an indicator dropped and one added, and another 年初预算数 are
// found; a form that keeps the table gives nothing.
func TestAgainstForm(t *testing.T) {
	table := open(t, "good", false)
	for _, tt := range []struct {
		form string
		want []string
	}{
		{"against-2025", []string{
			"changed@自评表!F7",
			"dropped@目标表!D12",
			"added@自评表!D10",
			"funds_changed@自评表!C5",
		}},
		{"against-same", nil},
	} {
		t.Run(tt.form, func(t *testing.T) {
			rv := &targets.Reviewed{Table: table}
			targets.Against(rv, open(t, tt.form, true))
			if diff := cmp.Diff(tt.want, kinds(rv)); diff != "" {
				t.Errorf("findings (-want +got):\n%s\n%+v", diff, rv.Findings)
			}
		})
	}
}

// TestMatch: by 项目编码 where both give one, else by 项目名称 without
// spaces or full-width forms.
func TestMatch(t *testing.T) {
	table := &form.Form{Name: "农村公路 养护工程"}
	other := &form.Form{Name: "城区道路改造"}
	same := &form.Form{Name: "农村公路养护工程"}
	if got := targets.Match(table, []*form.Form{other, same}); got != same {
		t.Errorf("matched %+v", got)
	}
	coded := &form.Form{Name: "农村公路养护工程", Code: "2025-JT-001"}
	if got := targets.Match(coded, []*form.Form{{Name: "农村公路养护工程", Code: "2025-JT-002"}}); got != nil {
		t.Errorf("a form of another 项目编码 matched: %+v", got)
	}
}

func TestParseWords(t *testing.T) {
	if _, err := targets.ParseWords("w.yaml", []byte("vague: [提升]\nbudget: 预算执行率\nbogus: []\n")); err == nil {
		t.Fatal("no error")
	} else {
		for _, want := range []string{"w.yaml:2:9:", "w.yaml:3:1:", "capped is missing"} {
			if !bytes.Contains([]byte(err.Error()), []byte(want)) {
				t.Errorf("no %q in\n%v", want, err)
			}
		}
	}
}

// TestFundsAcross reads a fund block laid out across, labels over amounts.
func TestFundsAcross(t *testing.T) {
	f := open(t, "across", false)
	var got []string
	for _, fd := range f.Funds {
		got = append(got, fd.Name+"="+fd.Budget.Text)
	}
	if diff := cmp.Diff([]string{"资金总额=120.5", "财政拨款=100.5", "其他资金=20"}, got); diff != "" {
		t.Errorf("funds (-want +got):\n%s", diff)
	}
	if f.Code != "2025-WJ-013" || f.Year != "2025" || f.Planned == "" {
		t.Errorf("code %q, year %q, goal %q", f.Code, f.Year, f.Planned)
	}
}
