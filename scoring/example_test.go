package scoring_test

import (
	"fmt"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/report"
	"github.com/perfeval/perfeval/scoring"
	"github.com/shopspring/decimal"
)

func ExampleScore() {
	f, _ := indicators.Parse("framework.yaml", []byte(`
indicators:
  - {code: C123, name: 有效通话量增长率, weight: 3, rule: ratio}
  - {code: C141, name: 预算控制, weight: 3}
  - {code: D, name: 其他, weight: 94}
`))
	target, _ := indicators.ParseValue("≥30%")
	actual, _ := indicators.ParseValue("26.51%")
	in := &scoring.Input{
		HasTargets: true,
		Targets:    []scoring.Measure{{Code: "C123", Target: target, Actual: actual, HasTarget: true, HasActual: true}},
		Deductions: []scoring.Deduction{{Code: "C141", Points: decimal.RequireFromString("0.5"), Reason: "信息化项目咨询服务超支2.44万元"}},
	}
	res, err := scoring.Score(f, in, scoring.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	res.Walk(func(n *scoring.Node) {
		fmt.Println(n.Indicator.Code, n.Score.StringFixed(2), report.TraceText(n.Trace))
	})
	fmt.Println(res.Total.StringFixed(2), res.Grade)
	// Output:
	// C123 2.65 3 × 26.51% ÷ 30% = 2.651 → 2.65
	// C141 2.50 3 − 0.5（信息化项目咨询服务超支2.44万元）= 2.50
	// D 94.00 满分 94.00
	// 99.15 优
}
