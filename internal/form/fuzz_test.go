package form_test

import (
	"bytes"
	"github.com/perfeval/perfeval/internal/fuzzcheck"
	"strings"
	"testing"

	"github.com/perfeval/perfeval/internal/form"
	"github.com/perfeval/perfeval/internal/testkit"
	"github.com/perfeval/perfeval/scoring"
)

// FuzzCheckForm writes arbitrary text into a form's figures and reads,
// scores, checks and screens and writes it: a mistake may be reported, never a panic.
func FuzzCheckForm(f *testing.F) {
	f.Add("≥500人次", "520人次", "15", "15", "90.00%", "96.6", "自评等级：优", "产出指标(50分)")
	f.Add("═100百分比", "不适用", "十分", "", "/", "", "良好", "★")
	f.Add("≤0", "0", "0", "-1", "1e400", "#N/A", "等级", "(0分)")
	f.Fuzz(func(t *testing.T, target, actual, weight, score, rate, total, grade, level1 string) {
		fuzzOne(t, [8]string{target, actual, weight, score, rate, total, grade, level1})
	})
}

func fuzzOne(t *testing.T, v [8]string) {
	target, actual, weight, score, rate, total, grade, level1 := v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]
	{
		for _, s := range []string{target, actual, weight, score, rate, total, grade, level1} {
			if strings.ContainsAny(s, "|\n\r") || strings.HasPrefix(s, "#") || s == "<" || s == "^" {
				return
			}
		}
		md := strings.Join([]string{
			"## 表",
			"| 项目名称 | 某项目 | < | < | < | < | < | < |",
			"| 项目资金（万元） | | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | |",
			"| ^ | 年度资金总额 | #210 | #189 | #10 | " + rate + " | #9 | |",
			"| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |",
			"| ^ | " + level1 + " | 数量指标 | 人次 | " + target + " | " + actual + " | " + weight + " | " + score + " |",
			"| ^ | ^ | ^ | 知晓率 | ≥80% | 78.4% | #40 | #39.2 |",
			"| 总分 | < | < | < | < | < | #100 | " + total + " |",
			"| " + grade + " |",
		}, "\n")
		x, err := testkit.FromText([]byte(md))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := x.Write(&buf); err != nil {
			return
		}
		var werr error
		fuzzcheck.Bounded(t, func() {
			f, err := openForm("f.xlsx", buf.Bytes())
			if err != nil || f == nil {
				return
			}
			c, err := form.Screen(f, scoring.Options{})
			if err != nil {
				return
			}
			form.Reused([]*form.Checked{c, c})
			form.DefaultWeights().Rate(c)
			res, err := form.Evaluate(f, scoring.Options{})
			if err != nil {
				return
			}
			var out bytes.Buffer
			werr = form.Write(&out, res)
		})
		if werr != nil {
			t.Fatal(werr)
		}
	}
}
