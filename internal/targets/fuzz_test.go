package targets_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/perfeval/perfeval/internal/form"
	"github.com/perfeval/perfeval/internal/fuzzcheck"
	"github.com/perfeval/perfeval/internal/targets"
	"github.com/perfeval/perfeval/internal/testkit"
	"github.com/perfeval/perfeval/internal/workbook"
)

// FuzzReviewTargets writes arbitrary text into a target table's cells and
// reads and reviews it, against itself as last year's and this year's
// document: a finding or an error, never a panic.
func FuzzReviewTargets(f *testing.F) {
	f.Add("≥", "300", "公里", "#20", "#200", "#180", "产出指标", "数量指标", "养护里程")
	f.Add("", "有效提升", "", "", "200万元", "", "效益指标（30分）", "成本指标", "指标1：")
	f.Add("反向", "1e400", "%", "#-5", "", "#0", "满意度指标", "", "……")
	f.Fuzz(func(t *testing.T, cmp, target, unit, weight, total, fiscal, level1, level2, name string) {
		for _, s := range []string{cmp, target, unit, weight, total, fiscal, level1, level2, name} {
			if strings.ContainsAny(s, "|\n\r") || s == "<" || s == "^" || strings.HasPrefix(s, "#") && len(s) == 1 {
				return
			}
		}
		md := strings.Join([]string{
			"## 目标表",
			"| 项目支出绩效目标表（2025年度） | < | < | < | < | < | < | < |",
			"| 项目名称 | 某项目 | < | < | < | < | < | < |",
			"| 项目资金（万元） | 年度资金总额 | < | " + total + " | < | < | < | < |",
			"| ^ | 其中：财政拨款 | < | " + fiscal + " | < | < | < | < |",
			"| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 分值 |",
			"| ^ | " + level1 + " | " + level2 + " | " + name + " | " + cmp + " | " + target + " | " + unit + " | " + weight + " |",
			"| ^ | 满意度指标 | 满意度 | 满意度 | ≥ | 90 | % | #10 |",
		}, "\n")
		x, err := testkit.FromText([]byte(md))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := x.Write(&buf); err != nil {
			return
		}
		fuzzcheck.Bounded(t, func() {
			b, err := workbook.Open("t.xlsx", buf.Bytes(), workbook.Options{})
			if err != nil {
				return
			}
			defer b.Close()
			sheet := form.FindTargetSheet(b)
			if sheet == "" {
				return
			}
			tb, err := form.ReadTargets(b, sheet)
			if err != nil {
				return
			}
			rv := targets.Review(tb, targets.DefaultWords())
			targets.Ambition(rv, tb)
			targets.Against(rv, tb)
		})
	})
}
