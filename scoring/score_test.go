package scoring_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/report"
	. "github.com/perfeval/perfeval/scoring"
	"github.com/shopspring/decimal"
)

func framework(t *testing.T, src string) *indicators.Framework {
	t.Helper()
	f, err := indicators.Parse("f.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func value(t *testing.T, s string) indicators.Value {
	t.Helper()
	v, err := indicators.ParseValue(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func measure(t *testing.T, code, target, actual string) Measure {
	m := Measure{Code: code, Pos: diag.Pos{File: "w.xlsx", Sheet: "绩效目标", Cell: "A2"},
		TargetPos: diag.Pos{File: "w.xlsx", Sheet: "绩效目标", Cell: "C2"},
		ActualPos: diag.Pos{File: "w.xlsx", Sheet: "绩效目标", Cell: "D2"}}
	if target != "" {
		m.Target, m.HasTarget = value(t, target), true
	}
	if actual != "" {
		m.Actual, m.HasActual = value(t, actual), true
	}
	return m
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func null(s string) decimal.NullDecimal {
	if s == "" {
		return decimal.NullDecimal{}
	}
	return decimal.NewNullDecimal(dec(s))
}

func ded(code, points, reason string) Deduction {
	return Deduction{Code: code, Points: dec(points), Reason: reason,
		Pos: diag.Pos{File: "w.xlsx", Sheet: "扣分", Cell: "A2"}, PointsPos: diag.Pos{File: "w.xlsx", Sheet: "扣分", Cell: "B2"},
		ReasonPos: diag.Pos{File: "w.xlsx", Sheet: "扣分", Cell: "C2"}}
}

// TestLeafRules scores one leaf of weight 3 under every rule.
func TestLeafRules(t *testing.T) {
	tests := []struct {
		name      string
		rule      string
		target    string
		actual    string
		deds      []Deduction
		want      string // score
		wantTrace string
		wantErr   string
	}{
		{"review", "review", "", "", nil, "3.00", "满分 3.00", ""},
		{"review deduction", "review", "", "", []Deduction{ded("X", "0.5", "超支2.44万元")}, "2.50", "3 − 0.5（超支2.44万元）= 2.50", ""},
		{"review two deductions", "review", "", "", []Deduction{ded("X", "0.5", "甲"), ded("X", "0.25", "乙")}, "2.25", "3 − 0.5（甲）− 0.25（乙）= 2.25", ""},
		{"deductions exceed", "review", "", "", []Deduction{ded("X", "2", "甲"), ded("X", "1.5", "乙")}, "", "", "w.xlsx!扣分!B2: deductions for X add up to more than the 3 its rule gave"},
		{"ratio below target", "ratio", "≥30%", "26.51%", nil, "2.65", "3 × 26.51% ÷ 30% = 2.651 → 2.65", ""},
		{"ratio above target", "ratio", "≥50场", "4701场", nil, "3.00", "3 × min(4701场 ÷ 50场, 1) = 3.00", ""},
		{"ratio no comparator", "ratio", "1700个", "1600个", nil, "2.82", "3 × 1600个 ÷ 1700个 = 2.823 → 2.82", ""},
		{"ratio scales", "ratio", "≥15万个", "342700个", nil, "3.00", "3 × min(342700个 ÷ 15万个, 1) = 3.00", ""},
		{"ratio half up", "ratio", "100%", "81.5%", nil, "2.45", "3 × 81.5% ÷ 100% = 2.445 → 2.45", ""},
		{"ratio with deduction", "ratio", "100%", "81.54%", []Deduction{ded("X", "0.5", "迟")}, "1.95", "3 × 81.54% ÷ 100% = 2.446 − 0.5（迟）= 1.946 → 1.95", ""},
		{"reverse under target", "ratio", "≤50元", "40元", nil, "3.00", "3 × min(50元 ÷ 40元, 1) = 3.00", ""},
		{"reverse over target", "ratio", "≤50元", "60元", nil, "2.50", "3 × 50元 ÷ 60元 = 2.50", ""},
		{"reverse word", "ratio", "不超过50元", "75元", nil, "2.00", "3 × 50元 ÷ 75元 = 2.00", ""},
		{"reverse actual zero", "ratio", "≤5%", "0%", nil, "3.00", "实际值 0% 不超过目标，得满分 3.00", ""},
		{"target zero", "ratio", "≥0", "0", nil, "3.00", "目标值为 0，得满分 3.00", ""},
		{"negative actual", "ratio", "≥10%", "-5%", nil, "0.00", "3 × -5% ÷ 10% = 0.00", ""},
		{"word at least", "ratio", "不低于95%", "90%", nil, "2.84", "3 × 90% ÷ 95% = 2.842 → 2.84", ""},
		{"units differ", "ratio", "50场", "80个", nil, "", "", `w.xlsx!绩效目标!D2: indicator X: unit "个" of the actual 80个 does not match unit "场" of the target 50场`},
		{"percent vs a plain 1", "ratio", "≥3%", "1", nil, "", "", "w.xlsx!绩效目标!D2: indicator X: the target ≥3% is a percentage but the actual 1 could be 1% or 100% (write it with %)"},
		{"percent vs count", "ratio", "≥95%", "98个", nil, "", "", "w.xlsx!绩效目标!D2: indicator X: the target ≥95% and the actual 98个 cannot be compared: one is a percentage, the other is in 个"},
		{"percent vs plain", "ratio", "≥95%", "98", nil, "", "", "w.xlsx!绩效目标!D2: indicator X: the target ≥95% is a percentage but the actual 98 is not (write 98%)"},
		{"text target", "ratio", "不超预算", "总体不超预算", nil, "", "", `w.xlsx!绩效目标!C2: indicator X: rule ratio needs a numeric target, not "不超预算"`},
		{"pass met", "pass", "≥95%", "99%", nil, "3.00", "99% ≥ 95%，达标，得 3.00", ""},
		{"pass not met", "pass", "≥95%", "94%", nil, "0.00", "94% 未达到 ≥ 95%，未达标，得 0.00", ""},
		{"pass at most", "pass", "<10天", "9天", nil, "3.00", "9天 < 10天，达标，得 3.00", ""},
		{"pass yes", "pass", "达成", "是", nil, "3.00", "实际“是”，达标，得 3.00", ""},
		{"pass no", "pass", "达成", "未达成", nil, "0.00", "实际“未达成”，未达标，得 0.00", ""},
		{"pass bad word", "pass", "达成", "基本达成", nil, "", "", `w.xlsx!绩效目标!D2: indicator X: actual "基本达成" is neither a number nor a yes/no word (是/否, 达成/未达成)`},
		{"not applicable", "ratio", "≥95%", "不适用", nil, "0.00", "不适用：不计分，分值 3 从总分中剔除", ""},
		{"missing target", "ratio", "", "90%", nil, "", "", "w.xlsx!绩效目标!C2: indicator X: the target (目标值) is blank"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := framework(t, "indicators:\n  - {code: X, name: x, weight: 3, rule: "+tt.rule+"}\n  - {code: Y, name: y, weight: 97}\n")
			in := &Input{File: "w.xlsx", HasTargets: true, Deductions: tt.deds}
			if tt.target != "" || tt.actual != "" {
				in.Targets = []Measure{measure(t, "X", tt.target, tt.actual)}
			}
			res, err := Score(f, in, Options{})
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("error = %v\nwant %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			n, _ := res.Node("X")
			got := []string{n.Score.StringFixed(2), report.TraceText(n.Trace)}
			if diff := cmp.Diff([]string{tt.want, tt.wantTrace}, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestBands(t *testing.T) {
	f := framework(t, `indicators:
  - code: X
    name: x
    weight: 10
    rule: {type: bands, bands: [{from: 1, score: 1}, {from: 0.8, score: 0.8}, {from: 0.6, score: 0.6}, {from: 0, score: 0}]}
  - {code: Y, name: y, weight: 90}
`)
	tests := []struct{ target, actual, want, trace string }{
		{"≥100", "120", "10.00", "120 ÷ 100 = 1.2 ≥ 1 档：10 × 1 = 10.00"},
		{"≥100", "85", "8.00", "85 ÷ 100 = 0.85 ≥ 0.8 档：10 × 0.8 = 8.00"},
		{"≥100", "79.99", "6.00", "79.99 ÷ 100 = 0.7999 ≥ 0.6 档：10 × 0.6 = 6.00"},
		{"≥100", "10", "0.00", "10 ÷ 100 = 0.1 ≥ 0 档：10 × 0 = 0.00"},
		{"≤50元", "60元", "8.00", "50元 ÷ 60元 = 0.8333 ≥ 0.8 档：10 × 0.8 = 8.00"},
	}
	for _, tt := range tests {
		res, err := Score(f, &Input{HasTargets: true, Targets: []Measure{measure(t, "X", tt.target, tt.actual)}}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		n, _ := res.Node("X")
		if got := []string{n.Score.StringFixed(2), report.TraceText(n.Trace)}; !cmp.Equal(got, []string{tt.want, tt.trace}) {
			t.Errorf("%s vs %s: got %q, want %q", tt.actual, tt.target, got, []string{tt.want, tt.trace})
		}
	}
}

func fundLines(rows ...[5]string) []Line {
	var out []Line
	for i, r := range rows {
		at := func(col string) diag.Pos {
			return diag.Pos{File: "w.xlsx", Sheet: "预算执行", Cell: col + string(rune('2'+i))}
		}
		l := Line{Code: r[0], Name: r[1], Budget: null(r[2]), Paid: null(r[3]), Recovered: null(r[4]),
			Pos: at("A"), BudgetPos: at("C"), PaidPos: at("D"), RecoveredPos: at("E")}
		for _, w := range TotalWords {
			if r[0] == w || r[1] == w {
				l.Total = w
			}
		}
		out = append(out, l)
	}
	return out
}

var funding2024 = [][5]string{
	{"1", "12355项目经费", "1368.75", "", ""},
	{"1.1", "2023年度结转资金", "200.00", "198.67", "1.33"},
	{"1.2", "2024年年初预算", "766.00", "766.00", ""},
	{"1.3", "2024年年中追加", "402.75", "129.00", ""},
	{"2", "12355信息化项目经费", "131.00", "", ""},
	{"2.1", "2024年年初预算", "131.00", "127.84", ""},
}

func TestExecutionRule(t *testing.T) {
	tests := []struct {
		name  string
		rule  string
		want  string
		trace string
	}{
		{"every line", "execution", "4.89", "6 × 1222.84 ÷ 1499.75 = 4.892 → 4.89"},
		{"recovered unspent", "{type: execution, recovered: unspent}", "4.89", "6 × 1221.51 ÷ 1499.75 = 4.886 → 4.89"},
		{"one line", "{type: execution, lines: ['1.3']}", "1.92", "6 × 129.00 ÷ 402.75 = 1.921 → 1.92"},
		{"parent and child", "{type: execution, lines: ['1', '1.3']}", "4.80", "6 × 1095.00 ÷ 1368.75 = 4.80"},
		{"two parents", "{type: execution, lines: ['1', '2']}", "4.89", "6 × 1222.84 ÷ 1499.75 = 4.892 → 4.89"},
		{"fully executed", "{type: execution, lines: ['1.2']}", "6.00", "6 × min(766.00 ÷ 766.00, 1) = 6.00"},
		{"bands", "{type: execution, bands: [{from: 0.9, score: 1}, {from: 0.8, score: 0.5}, {from: 0, score: 0}]}", "3.00", "1222.84 ÷ 1499.75 = 0.8153 ≥ 0.8 档：6 × 0.5 = 3.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := framework(t, "indicators:\n  - {code: B11, name: 资金支付, weight: 6, rule: "+tt.rule+"}\n  - {code: Y, name: y, weight: 94}\n")
			res, err := Score(f, &Input{HasFunding: true, Funding: fundLines(funding2024...)}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			n, _ := res.Node("B11")
			if got := []string{n.Score.StringFixed(2), report.TraceText(n.Trace)}; !cmp.Equal(got, []string{tt.want, tt.trace}) {
				t.Errorf("got %q, want %q", got, []string{tt.want, tt.trace})
			}
		})
	}
}

func TestExecutionRuleErrors(t *testing.T) {
	f := framework(t, "indicators:\n  - {code: B11, name: 资金支付, weight: 6, rule: {type: execution, lines: ['9']}}\n")
	_, err := Score(f, &Input{HasFunding: true, Funding: fundLines(funding2024...)}, Options{})
	if err == nil || !strings.Contains(err.Error(), `f.yaml:2:46: rule execution: line "9" is not in the 预算执行 sheet`) {
		t.Errorf("unknown line: %v", err)
	}
	f = framework(t, "indicators:\n  - {code: B11, name: 资金支付, weight: 6, rule: execution}\n")
	_, err = Score(f, &Input{File: "w.xlsx"}, Options{})
	if err == nil || err.Error() != "w.xlsx: indicator B11 (rule execution) needs the 预算执行 (funding) sheet, which the workbook lacks" {
		t.Errorf("no sheet: %v", err)
	}
}

func TestLines(t *testing.T) {
	tests := []struct {
		name       string
		rows       [][5]string
		wantBudget string
		wantPaid   string
		mismatches []string
		wantErr    string
	}{
		{"parent sums", funding2024, "1499.75", "1221.51", nil, ""},
		{"parent with own figures", [][5]string{{"1", "a", "10", "8", ""}, {"1.1", "b", "6", "5", ""}, {"1.2", "c", "4", "3", ""}}, "10", "8", nil, ""},
		{"subtotal mismatch", [][5]string{{"1", "a", "12", "", ""}, {"1.1", "b", "6", "5", ""}, {"1.2", "c", "4", "3", ""}}, "10", "8", []string{"1 预算数 12 ≠ 10 at w.xlsx!预算执行!C2"}, ""},
		{"paid mismatch", [][5]string{{"1", "a", "10", "9", ""}, {"1.1", "b", "6", "5", ""}, {"1.2", "c", "4", "3", ""}}, "10", "8", []string{"1 实际支出 9 ≠ 8 at w.xlsx!预算执行!D2"}, ""},
		{"paid on the parent only", [][5]string{{"1", "a", "10", "8", ""}, {"1.1", "b", "6", "", ""}, {"1.2", "c", "4", "", ""}}, "10", "8", nil, ""},
		{"orphan child", [][5]string{{"1.1", "b", "6", "5", ""}, {"1.2", "c", "4", "3", ""}}, "10", "8", nil, ""},
		{"duplicate code", [][5]string{{"1", "a", "6", "5", ""}, {"1", "b", "4", "3", ""}}, "", "", nil, `w.xlsx!预算执行!A3: line code "1" is used twice (first at w.xlsx!预算执行!A2)`},
		{"negative", [][5]string{{"1", "a", "-6", "5", ""}}, "", "", nil, "w.xlsx!预算执行!C2: line 1: negative amount -6"},
		{"zero budget with spending", [][5]string{{"1", "a", "0", "5", ""}}, "", "", nil, "w.xlsx!预算执行!C2: line 1: a budget of 0 with spending of 5"},
		{"no budget", [][5]string{{"1", "a", "", "5", ""}}, "", "", nil, "w.xlsx!预算执行!C2: line 1 has no budget (预算数)"},
		{"合计 that agrees is not added", [][5]string{{"合计", "", "10", "8", ""}, {"1", "a", "6", "5", ""}, {"2", "b", "4", "3", ""}}, "10", "8", nil, ""},
		{"合计 at the end, 总计 in the name", [][5]string{{"1", "a", "6", "5", ""}, {"2", "b", "4", "3", ""}, {"", "总计", "11", "8", "1"}}, "10", "8",
			[]string{"总计 预算数 11 ≠ 10 at w.xlsx!预算执行!C4", "总计 财政收回 1 ≠ 0 at w.xlsx!预算执行!E4"}, ""},
		{"合计 over parents counts the top lines once", [][5]string{{"1", "a", "", "", ""}, {"1.1", "b", "6", "5", ""}, {"1.2", "c", "4", "3", ""}, {"2", "d", "5", "5", ""}, {"3", "合计", "15", "14", ""}}, "15", "13",
			[]string{"3 实际支出 14 ≠ 13 at w.xlsx!预算执行!D6"}, ""},
		{"小计 after each group", [][5]string{{"1", "a", "6", "5", ""}, {"2", "b", "4", "3", ""}, {"", "小计", "10", "8", ""}, {"3", "c", "5", "5", ""}, {"", "小计", "6", "5", ""}, {"", "合计", "15", "13", ""}}, "15", "13",
			[]string{"小计 预算数 6 ≠ 5 at w.xlsx!预算执行!C6"}, ""},
		{"小计 above its lines", [][5]string{{"", "小计", "9", "", ""}, {"1", "a", "6", "5", ""}, {"2", "b", "4", "3", ""}}, "10", "8",
			[]string{"小计 预算数 9 ≠ 10 at w.xlsx!预算执行!C2"}, ""},
		{"a 合计 alone is no line", [][5]string{{"合计", "", "10", "8", ""}}, "", "", nil,
			"w.xlsx!预算执行!A2: the 合计 row has no lines to check it against: a stated total is never counted as a line (list the lines it totals, or give the row its own 编号 and name)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree, err := ResolveLines("预算执行", fundLines(tt.rows...), false)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("error = %v, want %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			b, p, _ := tree.Total()
			var mm []string
			for _, m := range tree.Mismatches {
				mm = append(mm, m.Code+" "+m.Column+" "+m.Stated.String()+" ≠ "+m.Sum.String()+" at "+m.Pos.String())
			}
			if diff := cmp.Diff([]string{tt.wantBudget, tt.wantPaid}, []string{b.String(), p.String()}); diff != "" {
				t.Errorf("totals (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.mismatches, mm); diff != "" {
				t.Errorf("mismatches (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNotApplicableRescales(t *testing.T) {
	f := framework(t, `indicators:
  - code: A
    name: a
    weight: 40
    children:
      - {code: A1, name: a1, weight: 20, rule: ratio}
      - {code: A2, name: a2, weight: 20}
  - {code: B, name: b, weight: 60}
`)
	in := &Input{HasTargets: true, Targets: []Measure{measure(t, "A1", "≥95%", "不适用")}, Deductions: []Deduction{ded("B", "3", "理由")}}
	res, err := Score(f, in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := res.Node("A")
	got := []string{res.Total.String(), res.Excluded.String(), a.Rate().String(), report.TraceText(res.TotalTrace), res.Grade}
	want := []string{"96.25", "20", "1", "(20.00 + 57.00) × 100 ÷ (100 − 20 不适用) = 77.00 × 100 ÷ 80 = 96.25", "优"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	in.Deductions = append(in.Deductions, ded("A1", "1", "x"))
	if _, err := Score(f, in, Options{}); err == nil || !strings.Contains(err.Error(), "the indicator is 不适用") {
		t.Errorf("deduction on 不适用: %v", err)
	}
}

func TestDeductionErrors(t *testing.T) {
	f := framework(t, "indicators:\n  - code: A\n    name: a\n    weight: 100\n    children: [{code: A1, name: a1, weight: 100}]\n")
	in := &Input{Deductions: []Deduction{ded("Z", "1", "r"), ded("A", "1", "r"), ded("A1", "0", "r"), ded("A1", "1", " ")}}
	_, err := Score(f, in, Options{})
	want := []string{
		`w.xlsx!扣分!A2: deduction for "Z": no such indicator in the framework`,
		"w.xlsx!扣分!A2: deduction for A: it has children; deduct from one of its leaves",
		"w.xlsx!扣分!B2: deduction for A1: points must be more than 0, not 0",
		"w.xlsx!扣分!C2: deduction for A1: a reason (扣分理由) is required",
	}
	if err == nil {
		t.Fatal("no error")
	}
	if diff := cmp.Diff(want, strings.Split(err.Error(), "\n")); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestGradesAndRounding(t *testing.T) {
	f := framework(t, `precision: 1
grades: [{grade: A, min: 89.95}, {grade: B, min: 0}]
indicators:
  - {code: X, name: x, weight: 3, rule: ratio}
  - {code: Y, name: y, weight: 97}
`)
	res, err := Score(f, &Input{HasTargets: true, Targets: []Measure{measure(t, "X", "100%", "98.5%")}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	x, _ := res.Node("X")
	// 3 × 0.985 = 2.955 → 3.0 at one decimal, half up.
	if x.Score.String() != "3" || report.TraceText(x.Trace) != "3 × 98.5% ÷ 100% = 2.955 → 3.0" || res.Grade != "A" {
		t.Errorf("score %s trace %q grade %s", x.Score, report.TraceText(x.Trace), res.Grade)
	}
}

func TestNameWarning(t *testing.T) {
	f := framework(t, "indicators:\n  - {code: X, name: 通话满意度, weight: 100, rule: ratio}\n")
	m := measure(t, "X", "≥95%", "99%")
	m.Name, m.NamePos = "满意度", diag.Pos{File: "w.xlsx", Sheet: "绩效目标", Cell: "B2"}
	res, err := Score(f, &Input{HasTargets: true, Targets: []Measure{m}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 1 || res.Warnings[0].String() != `w.xlsx!绩效目标!B2: indicator X is named "满意度" here but "通话满意度" in the framework` {
		t.Errorf("warnings %v", res.Warnings)
	}
}

func TestSchedule(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	tests := []struct {
		year   int
		asOf   string
		months int
		want   string
	}{
		{2024, "2024-12-31", 12, "1"},
		{2024, "2024-09-30", 9, "0.75"},
		{2024, "2024-09-29", 8, "0.6666666666666667"},
		{2024, "2024-02-29", 2, "0.1666666666666667"},
		{2023, "2023-02-28", 2, "0.1666666666666667"},
		{2024, "2024-01-01", 0, "0"},
		{2024, "2025-03-31", 12, "1"},
		{2024, "2023-12-31", 0, "0"},
	}
	for _, tt := range tests {
		m, s := Schedule(tt.year, day(tt.asOf))
		if m != tt.months || s.Round(16).String() != tt.want {
			t.Errorf("Schedule(%d, %s) = %d, %s; want %d, %s", tt.year, tt.asOf, m, s, tt.months, tt.want)
		}
	}
}

func TestCheckExecution(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	f := framework(t, "indicators:\n  - {code: B11, name: 资金支付, weight: 6, rule: execution}\n  - {code: B12, name: x, weight: 4, rule: {type: execution, lines: ['1.3'], recovered: unspent}}\n  - {code: Y, name: y, weight: 90}\n")
	in := &Input{HasFunding: true, Funding: fundLines(funding2024...), Project: Project{Year: "2024"}}
	tests := []struct {
		asOf                   string
		schedule, gap, warning string
	}{
		{"2024-12-31", "1.0000", "0.1855", Green},
		{"2024-09-30", "0.7500", "-0.0645", Green},
		{"2024-06-30", "0.5000", "-0.3145", Green},
	}
	for _, tt := range tests {
		c, err := CheckExecution(in, f, Options{AsOf: day(tt.asOf)})
		if err != nil {
			t.Fatal(err)
		}
		got := []string{c.Execution.Schedule.StringFixed(4), c.Execution.Gap.StringFixed(4), c.Execution.Warning}
		if diff := cmp.Diff([]string{tt.schedule, tt.gap, tt.warning}, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.asOf, diff)
		}
	}
	c, _ := CheckExecution(in, f, Options{AsOf: day("2024-12-31")})
	var rules []string
	for _, r := range c.ExecutionRules {
		rules = append(rules, r.Indicator.Code+" "+r.RuleScore().String()+" "+r.Indicator.Weight.Sub(r.RuleScore()).String()+" "+report.TraceText(r.Trace))
	}
	want := []string{"B11 4.89 1.11 6 × 1222.84 ÷ 1499.75 = 4.892 → 4.89", "B12 1.28 2.72 4 × 129.00 ÷ 402.75 = 1.281 → 1.28"}
	if diff := cmp.Diff(want, rules); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}

	// Warning levels: progress 0.5 against the schedule.
	half := &Input{HasFunding: true, Funding: fundLines([5]string{"1", "a", "100", "50", ""}), Project: Project{Year: "2024"}}
	for _, tt := range []struct{ asOf, want string }{{"2024-06-30", Green}, {"2024-08-31", Yellow}, {"2024-12-31", Red}} {
		c, err := CheckExecution(half, nil, Options{AsOf: day(tt.asOf)})
		if err != nil || c.Execution.Warning != tt.want {
			t.Errorf("%s: warning %s (%v), want %s", tt.asOf, c.Execution.Warning, err, tt.want)
		}
	}
	if _, err := CheckExecution(half, nil, Options{}); err == nil || !strings.Contains(err.Error(), "no 评价基准日") {
		t.Errorf("no date: %v", err)
	}
}

func TestEqualTargets(t *testing.T) {
	tests := []struct{ actual, want, trace string }{
		{"80个", "3.00", "3 × min(80个 ÷ 80个, 1) = 3.00"},
		{"60个", "2.25", "3 × 60个 ÷ 80个 = 2.25"},
		{"100个", "2.40", "3 × 80个 ÷ 100个 = 2.40"},
	}
	f := framework(t, "indicators:\n  - {code: X, name: x, weight: 3, rule: ratio}\n  - {code: P, name: p, weight: 3, rule: pass}\n  - {code: Y, name: y, weight: 94}\n")
	for _, tt := range tests {
		res, err := Score(f, &Input{HasTargets: true, Targets: []Measure{measure(t, "X", "=80个", tt.actual), measure(t, "P", "=80个", tt.actual)}}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		x, _ := res.Node("X")
		p, _ := res.Node("P")
		if x.Score.StringFixed(2) != tt.want || report.TraceText(x.Trace) != tt.trace {
			t.Errorf("ratio =80个 vs %s: %s %q", tt.actual, x.Score.StringFixed(2), report.TraceText(x.Trace))
		}
		if met := p.Score.Equal(dec("3")); met != (tt.actual == "80个") {
			t.Errorf("pass =80个 vs %s: %s", tt.actual, p.Score)
		}
	}
}

// TestFormRules: the rules real forms need — qualitative levels, pass
// words, rounding as forms round, placeholders — each checked by hand.
func TestFormRules(t *testing.T) {
	tests := []struct {
		name            string
		framework       string // the leaf X, weight 3 unless it says
		target, actual  string
		deds            []Deduction
		want, wantTrace string
		wantWarning     string
	}{
		{"grade 达成", "{code: X, name: x, weight: 3, rule: grade}", "达成年度指标", "达成", nil, "3.00", "实际“达成”，按 1 计：3 × 1 = 3.00", ""},
		{"grade 部分达成", "{code: X, name: x, weight: 3, rule: grade}", "", "部分达成", nil, "2.40", "实际“部分达成”，按 0.8 计：3 × 0.8 = 2.40", ""},
		{"grade 良", "{code: X, name: x, weight: 3, rule: grade}", "优", "良", nil, "2.40", "实际“良”，按 0.8 计：3 × 0.8 = 2.40", ""},
		{"grade own levels", "{code: X, name: x, weight: 3, rule: {type: grade, levels: {好: 1, 较好: 0.8, 一般: 0.6, 差: 0}}}", "好", "一般", nil, "1.80", "实际“一般”，按 0.6 计：3 × 0.6 = 1.80", ""},
		{"grade within band", "{code: X, name: x, weight: 10, rule: grade}", "", "部分达成", []Deduction{ded("X", "1", "略低")}, "7.00", "实际“部分达成”，按 0.8 计：10 × 0.8 = 8 − 1（略低）= 7.00", ""},
		{"grade below floor", "{code: X, name: x, weight: 10, rule: grade}", "", "部分达成", []Deduction{ded("X", "3", "差")}, "5.00", "实际“部分达成”，按 0.8 计：10 × 0.8 = 8 − 3（差）= 5.00", "below its band's floor 6"},
		{"pass 效果明显", "{code: X, name: x, weight: 3, rule: pass}", "效果明显", "效果明显", nil, "3.00", "实际“效果明显”，达标，得 3.00", ""},
		{"pass 有效", "{code: X, name: x, weight: 3, rule: pass}", "严格执行相关制度规定", "有效", nil, "3.00", "实际“有效”，达标，得 3.00", ""},
		{"pass 未达到", "{code: X, name: x, weight: 3, rule: pass}", "达到预期", "未达到", nil, "0.00", "实际“未达到”，未达标，得 0.00", ""},
		{"printed equals", "{code: X, name: x, weight: 3, rule: ratio}", "═100百分比", "90%", nil, "2.70", "3 × 90% ÷ 100% = 2.70", ""},
		{"half-even tie", "{code: X, name: x, weight: 3, rule: ratio, rounding: half-even}", "100%", "81.5%", nil, "2.44", "3 × 81.5% ÷ 100% = 2.445 → 2.44（四舍六入五成双）", ""},
		{"half-up tie", "{code: X, name: x, weight: 3, rule: ratio}", "100%", "81.5%", nil, "2.45", "3 × 81.5% ÷ 100% = 2.445 → 2.45", ""},
		{"down at 0", "{code: X, name: x, weight: 3, rule: ratio, precision: 0, rounding: down}", "100%", "99%", nil, "2", "3 × 99% ÷ 100% = 2.97 → 2（舍去）", ""},
		{"actual with comparator", "{code: X, name: x, weight: 3, rule: ratio}", "≥95%", "≥90%", nil, "2.84", "3 × 90% ÷ 95% = 2.842 → 2.84", `the actual "≥90%" is written with a comparator; it is read as 90%`},
		{"N/A", "{code: X, name: x, weight: 3, rule: ratio}", "≥95%", "N/A", nil, "0.00", "不适用：不计分，分值 3 从总分中剔除", `the actual "N/A" is read as 不适用`},
		{"placeholder", "{code: X, name: 生态效益指标}", "", "", nil, "0.00", "无分值，不计分", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := framework(t, "indicators:\n  - "+tt.framework+"\n  - {code: Y, name: y, weight: 90}\n")
			in := &Input{File: "w.xlsx", HasTargets: true, Deductions: tt.deds}
			if tt.actual != "" {
				m := measure(t, "X", tt.target, tt.actual)
				in.Targets = []Measure{m}
			}
			res, err := Score(f, in, Options{})
			if err != nil {
				t.Fatal(err)
			}
			n, _ := res.Node("X")
			got := []string{n.Score.StringFixed(n.Trace.Precision), report.TraceText(n.Trace)}
			if diff := cmp.Diff([]string{tt.want, tt.wantTrace}, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			var warnings []string
			for _, w := range res.Warnings {
				warnings = append(warnings, w.String())
			}
			if joined := strings.Join(warnings, "\n"); tt.wantWarning == "" && joined != "" || !strings.Contains(joined, tt.wantWarning) {
				t.Errorf("warnings %q, want one with %q", joined, tt.wantWarning)
			}
		})
	}
}

func TestGradeErrors(t *testing.T) {
	f := framework(t, "indicators:\n  - {code: X, name: x, weight: 3, rule: grade}\n  - {code: Y, name: y, weight: 97}\n")
	_, err := Score(f, &Input{File: "w.xlsx", HasTargets: true, Targets: []Measure{measure(t, "X", "", "基本达成")}}, Options{})
	if err == nil || !strings.Contains(err.Error(), `w.xlsx!绩效目标!D2: indicator X: actual "基本达成" is not a level of its rule grade (达成, 达成年度指标, 部分达成`) {
		t.Errorf("error %v", err)
	}
	if _, err := indicators.Parse("f.yaml", []byte("indicators:\n  - {code: X, name: x, weight: 3, rule: {type: grade, levels: {好: 2}}}\n")); err == nil || !strings.Contains(err.Error(), "f.yaml:2:67: indicator X: level 好 scores 2") {
		t.Errorf("levels error %v", err)
	}
	if _, err := indicators.Parse("f.yaml", []byte("rounding: up\nindicators:\n  - {code: X, name: x, weight: 3}\n")); err == nil || !strings.Contains(err.Error(), `f.yaml:1:11: unknown rounding "up" (one of half-up, down, half-even)`) {
		t.Errorf("rounding error %v", err)
	}
}

// TestRuleScoreRoundsAsTheIndicator: the points a rule takes off, as the
// execution check reports them, are rounded by the indicator's own rounding.
func TestRuleScoreRoundsAsTheIndicator(t *testing.T) {
	day, _ := time.Parse("2006-01-02", "2024-12-31")
	f := framework(t, "indicators:\n  - {code: B11, name: 资金支付, weight: 6, rule: execution, precision: 1, rounding: down}\n  - {code: Y, name: y, weight: 94}\n")
	in := &Input{HasFunding: true, Funding: fundLines(funding2024...), Project: Project{Year: "2024"}}
	c, err := CheckExecution(in, f, Options{AsOf: day})
	if err != nil {
		t.Fatal(err)
	}
	n := c.ExecutionRules[0]
	if got := n.RuleScore().String() + " " + report.TraceText(n.Trace.Undeducted()); got != "4.8 6 × 1222.84 ÷ 1499.75 = 4.892 → 4.8（舍去）" {
		t.Errorf("got %q", got)
	}
}

func TestAgrees(t *testing.T) {
	tests := []struct {
		printed, rule string
		want          bool
	}{
		{"9", "8.62", true}, {"9", "9.8", false}, {"10", "9.8", true}, {"9.8", "9.8", true}, {"9.80", "9.8", true},
		{"9.5", "9.45", true}, {"9.4", "9.45", false}, {"8", "8.5", false}, {"9", "8.5", true}, {"0", "0.4", true},
	}
	for _, tt := range tests {
		if got := Agrees(dec(tt.printed), dec(tt.rule)); got != tt.want {
			t.Errorf("Agrees(%s, %s) = %v, want %v", tt.printed, tt.rule, got, tt.want)
		}
	}
}

// TestClaims: a 自评得分 is warned where it is not the rule's figure at the
// decimals it is written with; the note and claim reach the node.
func TestClaims(t *testing.T) {
	f := framework(t, `indicators:
  - {code: A, name: a, weight: 10, rule: ratio}
  - {code: B, name: b, weight: 10, rule: ratio}
  - {code: C, name: c, weight: 10, rule: ratio}
  - {code: D, name: d, weight: 10, rule: ratio}
  - {code: E, name: e, weight: 0}
  - {code: Y, name: y, weight: 50}
`)
	claim := func(m Measure, s, note string) Measure {
		m.Claimed, m.Note = null(s), note
		m.ClaimedPos = diag.Pos{File: "w.xlsx", Sheet: "绩效目标", Cell: "F2"}
		return m
	}
	in := &Input{HasTargets: true, Targets: []Measure{
		claim(measure(t, "A", "100", "98"), "10", ""),    // 9.8 → 10 agrees
		claim(measure(t, "B", "100", "98"), "9", "疫情影响"), // 9.8 → 10 ≠ 9
		claim(measure(t, "C", "100", "98"), "11", ""),    // over the weight
		claim(measure(t, "D", "100", "不适用"), "10", ""),   // not scored
		claim(measure(t, "E", "", ""), "1", ""),          // a placeholder
	}}
	res, err := Score(f, in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range res.Warnings {
		if strings.Contains(w.Msg, "自评得分") {
			got = append(got, w.String())
		}
	}
	want := []string{
		"w.xlsx!绩效目标!F2: indicator B: 自评得分 9 differs from the 9.80 the rules give",
		"w.xlsx!绩效目标!F2: indicator C: 自评得分 11 is more than its weight 10; the rules give 9.80",
		"w.xlsx!绩效目标!F2: indicator D: 自评得分 10 is written, but the indicator is 不适用 (not applicable) and is not scored",
		"w.xlsx!绩效目标!F2: indicator E: 自评得分 1 is written for a placeholder row, which has no weight and is not scored",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	b, _ := res.Node("B")
	if b.Note != "疫情影响" || b.Claimed.Decimal.String() != "9" {
		t.Errorf("node B: note %q claimed %v", b.Note, b.Claimed)
	}
}

func TestUnrounded(t *testing.T) {
	tests := []struct {
		x    string
		p    int32
		want string
	}{
		{"4.8923", 2, "4.892"}, {"4.125", 2, "4.125"}, {"4.12501", 2, "4.12501"}, {"4.1251", 2, "4.1251"},
		{"9.89", 0, "9.89"}, {"9.8912", 0, "9.891"}, {"2.955", 1, "2.955"}, {"10", 2, "10"}, {"0.3333333", 2, "0.333"},
	}
	for _, tt := range tests {
		if got := Unrounded(dec(tt.x), tt.p); got != tt.want {
			t.Errorf("Unrounded(%s, %d) = %s, want %s", tt.x, tt.p, got, tt.want)
		}
	}
}

// TestOneRounding: a quotient is carried far enough that the rules'
// half-up rounding is the only one: 1 × 0.0049999999999999999 ÷ 1 is
// 0.00, not 0.01 (decimal's Div keeps 16 places and rounds it to 0.005).
func TestOneRounding(t *testing.T) {
	f := framework(t, `indicators:
  - {code: X, name: x, weight: 1, rule: ratio}
  - {code: Y, name: y, weight: 99}
`)
	for _, tt := range []struct{ target, actual, want string }{
		{"1", "0.0049999999999999999", "0"},
		{"1", "0.005", "0.01"},
		{"3", "0.0149999999999999999", "0"},
		{"3", "0.015", "0.01"},
	} {
		res, err := Score(f, &Input{HasTargets: true, Targets: []Measure{measure(t, "X", tt.target, tt.actual)}}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if x, _ := res.Node("X"); x.Score.String() != tt.want {
			t.Errorf("1 × %s ÷ %s scored %s, want %s", tt.actual, tt.target, x.Score, tt.want)
		}
	}
}
