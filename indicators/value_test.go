package indicators

import (
	"github.com/perfeval/perfeval/internal/fuzzcheck"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func TestParseValue(t *testing.T) {
	type want struct {
		IsNumber bool
		Cmp      Comparator
		CmpGiven bool
		Amount   string
		Scale    string
		Unit     string
	}
	tests := []struct {
		name    string
		in      string
		want    want
		wantErr bool
	}{
		{"plain count", "80个", want{true, AtLeast, false, "80", "", "个"}, false},
		{"printed equals", "═100%", want{true, Equal, true, "1", "%", ""}, false},
		{"equals word", "等于100%", want{true, Equal, true, "1", "%", ""}, false},
		{"percent word", "≥100百分比", want{true, AtLeast, true, "1", "%", ""}, false},
		{"percent word with space", "≥ 95 百分比", want{true, AtLeast, true, "0.95", "%", ""}, false},
		{"at least sign", "≥50场", want{true, AtLeast, true, "50", "", "场"}, false},
		{"full-width at least", "≧50场", want{true, AtLeast, true, "50", "", "场"}, false},
		{"ascii at least", ">= 95%", want{true, AtLeast, true, "0.95", "%", ""}, false},
		{"full-width ascii", "＞＝95％", want{true, AtLeast, true, "0.95", "%", ""}, false},
		{"slanted sign", "⩾95%", want{true, AtLeast, true, "0.95", "%", ""}, false},
		{"word at least", "不低于95%", want{true, AtLeast, true, "0.95", "%", ""}, false},
		{"word at least 2", "不少于1200人次", want{true, AtLeast, true, "1200", "", "人次"}, false},
		{"word at least 3", "大于等于3", want{true, AtLeast, true, "3", "", ""}, false},
		{"greater", "> 10", want{true, Greater, true, "10", "", ""}, false},
		{"greater word", "大于10", want{true, Greater, true, "10", "", ""}, false},
		{"at most sign", "≤50元", want{true, AtMost, true, "50", "", "元"}, false},
		{"at most full-width", "≦50元", want{true, AtMost, true, "50", "", "元"}, false},
		{"at most ascii", "<=50元", want{true, AtMost, true, "50", "", "元"}, false},
		{"at most word", "不超过50万元", want{true, AtMost, true, "500000", "万", "元"}, false},
		{"at most word 2", "不高于5%", want{true, AtMost, true, "0.05", "%", ""}, false},
		{"at most word 3", "小于等于5", want{true, AtMost, true, "5", "", ""}, false},
		{"less", "<5", want{true, Less, true, "5", "", ""}, false},
		{"less word", "小于5天", want{true, Less, true, "5", "", "天"}, false},
		{"equal", "=100%", want{true, Equal, true, "1", "%", ""}, false},
		{"equal full-width", "＝100%", want{true, Equal, true, "1", "%", ""}, false},
		{"thousands", "1,499.75", want{true, AtLeast, false, "1499.75", "", ""}, false},
		{"thousands twice", "1,234,567", want{true, AtLeast, false, "1234567", "", ""}, false},
		{"full-width digits", "１４９９.７５", want{true, AtLeast, false, "1499.75", "", ""}, false},
		{"full-width point", "１４９９．７５", want{true, AtLeast, false, "1499.75", "", ""}, false},
		{"wan", "34.27万", want{true, AtLeast, false, "342700", "万", ""}, false},
		{"wan with unit", "34.27万个", want{true, AtLeast, false, "342700", "万", "个"}, false},
		{"yi", "1.5亿元", want{true, AtLeast, false, "150000000", "亿", "元"}, false},
		{"permille", "3‰", want{true, AtLeast, false, "0.003", "‰", ""}, false},
		{"negative", "-5%", want{true, AtLeast, false, "-0.05", "%", ""}, false},
		{"accounting brackets", "(131)", want{true, AtLeast, false, "-131", "", ""}, false},
		{"accounting full-width brackets", "（1,499.75）", want{true, AtLeast, false, "-1499.75", "", ""}, false},
		{"accounting brackets with unit", "(34.27)万元", want{true, AtLeast, false, "-342700", "万", "元"}, false},
		{"accounting percent", "(5.00%)", want{true, AtLeast, false, "-0.05", "%", ""}, false},
		{"accounting trailing minus", "131-", want{true, AtLeast, false, "-131", "", ""}, false},
		{"accounting full-width minus", "1,499.75－", want{true, AtLeast, false, "-1499.75", "", ""}, false},
		{"accounting with comparator", "≥(5)", want{true, AtLeast, true, "-5", "", ""}, false},
		{"signed in brackets is text", "(-131)", want{}, false},
		{"words in brackets are text", "(达成)", want{}, false},
		{"range is text", "10-20", want{}, false},
		{"spaces", "  ≥ 15 万 个 ", want{true, AtLeast, true, "150000", "万", "个"}, false},
		{"ideographic space", "\u3000≥15万个\u3000", want{true, AtLeast, true, "150000", "万", "个"}, false},
		{"suffix at least", "95%以上", want{true, AtLeast, true, "0.95", "%", ""}, false},
		{"suffix at most", "50元以内", want{true, AtMost, true, "50", "", "元"}, false},
		{"suffix at most 2", "3天及以下", want{true, AtMost, true, "3", "", "天"}, false},
		{"text", "不超预算", want{}, false},
		{"text 2", "总体不超预算", want{}, false},
		{"text 3", "达成", want{}, false},
		{"not applicable", "不适用", want{}, false},
		{"date prose", "2024年12月31日前完成", want{}, false},
		{"word then text", "不低于去年水平", want{}, false},
		{"sign without number", "≥abc", want{}, true},
		{"bad separator", "1,49", want{}, true},
		{"bad separator 2", "12,3456", want{}, true},
		{"empty", "  ", want{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := ParseValue(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseValue(%q) error = %v, wantErr %v", tt.in, err, tt.wantErr)
			}
			if err != nil {
				return
			}
			got := want{v.IsNumber, v.Cmp, v.CmpGiven, "", v.Scale, v.Unit}
			if v.IsNumber {
				got.Amount = v.Amount().String()
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseValue(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestValueKeepsDigitsAsWritten(t *testing.T) {
	v, err := ParseValue("≥5.20%")
	if err != nil {
		t.Fatal(err)
	}
	if v.Quantity() != "5.20%" || v.String() != "≥5.20%" {
		t.Errorf("Quantity %q, String %q", v.Quantity(), v.String())
	}
}

func TestNumberValue(t *testing.T) {
	v := NumberValue(decimal.RequireFromString("0.9905"), "%")
	if v.Written != "99.05%" || !v.Amount().Equal(decimal.RequireFromString("0.9905")) {
		t.Errorf("got %q = %s, want 99.05%% = 0.9905", v.Written, v.Amount())
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr bool
	}{
		{"1,499.75", "1499.75", false},
		{"１４９９.７５", "1499.75", false},
		{"34.27万", "342700", false},
		{"0.5", "0.5", false},
		{"(131)", "-131", false},
		{"（131）", "-131", false},
		{"131-", "-131", false},
		{"(1,499.75)", "-1499.75", false},
		{"12个", "", true},
		{"≥3", "", true},
		{"abc", "", true},
	}
	for _, tt := range tests {
		got, err := ParseNumber(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseNumber(%q) error = %v, wantErr %v", tt.in, err, tt.wantErr)
			continue
		}
		if err == nil && got.String() != tt.want {
			t.Errorf("ParseNumber(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func FuzzParseValue(f *testing.F) {
	for _, s := range []string{"≥50场", "80个", "1,499.75", "１４９９.７５", "34.27万个", "不超预算", "≤5%", "-3‰", "不低于95%", "=0", ".5亿元", "(131)", "（1,499.75）万元", "131-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var v Value
		var err error
		fuzzcheck.Bounded(t, func() { v, err = ParseValue(s) })
		if err != nil || !v.IsNumber {
			return
		}
		// A parsed number prints back to itself.
		again, err := ParseValue(v.String())
		if err != nil {
			t.Fatalf("ParseValue(%q) = %q, which does not parse: %v", s, v.String(), err)
		}
		if again.String() != v.String() || !again.Amount().Equal(v.Amount()) || again.Unit != v.Unit || again.Cmp != v.Cmp {
			t.Fatalf("ParseValue(%q) = %q, which parses to %q", s, v.String(), again.String())
		}
	})
}

func TestComplete(t *testing.T) {
	tests := []struct {
		target, cmp, unit string
		want              string // Written | String() | Amount
		wantErr           bool
	}{
		{"95", "≥", "%", "≥95% | ≥95% | 0.95", false},
		{"95", "", "百分比", "95百分比 | 95% | 0.95", false},
		{"500", "不低于", "人次", "不低于500人次 | ≥500人次 | 500", false},
		{"50", "反向", "元", "≤50元 | ≤50元 | 50", false},
		{"80", "正向指标", "", "≥80 | ≥80 | 80", false},
		{"80", "定量", "个", "80个 | 80个 | 80", false},
		{"3", "≤", "万元", "≤3万元 | ≤3万元 | 30000", false},
		{"≥95%", "≥", "%", "≥95% | ≥95% | 0.95", false},
		{"100", "═", "%", "═100% | =100% | 1", false},
		{"达成", "定性", "", "达成 | 达成 | 0", false},
		{"有效", "", "%", "有效 | 有效 | 0", false},
		{"≤95%", "≥", "", "", true},
		{"95%", "", "个", "", true},
		{"95个", "", "场", "", true},
		{"95", "约", "", "", true},
		{"95", "", "≥", "", true},
	}
	for _, tt := range tests {
		v, err := ParseValue(tt.target)
		if err != nil {
			t.Fatal(err)
		}
		got, err := v.Complete(tt.cmp, tt.unit)
		if (err != nil) != tt.wantErr {
			t.Errorf("%q | %q | %q: error %v, want error %v", tt.cmp, tt.target, tt.unit, err, tt.wantErr)
			continue
		}
		if err != nil {
			continue
		}
		if s := got.Written + " | " + got.String() + " | " + got.Amount().String(); s != tt.want {
			t.Errorf("%q | %q | %q = %s, want %s", tt.cmp, tt.target, tt.unit, s, tt.want)
		}
	}
}

func TestWithinRange(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"0", true}, {"1E308", true}, {"-9.99E308", true}, {"1E-308", true},
		{"1E309", false}, {"-1E309", false}, {"1E-309", false}, {"1E9999", false},
	} {
		if got := WithinRange(decimal.RequireFromString(tt.in)); got != tt.want {
			t.Errorf("WithinRange(%s) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
