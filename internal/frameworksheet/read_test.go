package frameworksheet

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/testkit"
)

func fromText(t *testing.T, text string) []byte {
	t.Helper()
	x, err := testkit.FromText([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	buf, err := x.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadEvaluatorSheet(t *testing.T) {
	src, err := os.ReadFile("testdata/evaluator.md")
	if err != nil {
		t.Fatal(err)
	}
	f, err := ReadBytes("指标体系.xlsx", fromText(t, string(src)))
	if err != nil {
		t.Fatal(err)
	}
	want := `name: 某某项目绩效评价指标体系
precision: 2
indicators:
  - code: A
    name: 决策
    weight: 20
    children:
      - code: A1
        name: 项目立项
        weight: 10
        children:
          - code: A11
            name: 立项依据充分性
            weight: 5
            criteria: 依据充分得满分
          - {code: A12, name: 绩效目标合理性, weight: 5}
      - code: A2
        name: 资金落实
        weight: 10
        children:
          - {code: A21, name: 资金到位率, weight: 10, rule: execution}
  - code: B
    name: 产出
    weight: 40
    criteria: 各项之和
    children:
      - code: B1
        name: 数量
        weight: 30
        children:
          - {code: B11, name: 培训人次, weight: 20, rule: ratio}
          - {code: B12, name: 投诉次数, weight: 10, rule: ratio}
      - code: B2
        name: 质量
        weight: 10
        children:
          - {code: B21, name: 验收合格, weight: 10, rule: pass}
  - code: C
    name: 效益
    weight: 40
    children:
      - code: C1
        name: 满意度
        weight: 40
        children:
          - {code: C11, name: 服务对象满意度, weight: 40, rule: grade}
`
	if diff := cmp.Diff(want, string(indicators.Format(f))); diff != "" {
		t.Errorf("read (-want +got):\n%s", diff)
	}
}

// Broken sheets: each mistake at its cell, all reported at once.
func TestReadErrors(t *testing.T) {
	head := "## 指标体系\n| 一级指标 | 二级指标 | 三级指标 | 分值 | 计分方法 |\n"
	for _, tc := range []struct {
		name, rows string
		want       []string
	}{
		{"weights", "| 决策 | 立项 | 论证 | #5 | |\n| | | 目标 | #6 | |\n| 过程 | 管理 | 支付 | #80 | |\n| 合计 | | | #100 | |\n",
			[]string{"指标体系.xlsx!指标体系!D5: the top-level weights add up to 91, not the total 100 (A 11 + B 80)"}},
		{"unknown rule", "| 决策 | 立项 | 论证 | #50 | 比例法 |\n| | | 目标 | #50 | ratoi |\n",
			[]string{`指标体系.xlsx!指标体系!E2: indicator A11: unknown rule "比例法" (rules: review, ratio, pass, bands, grade, execution, 正向比例, 反向比例, 达成与否, 等级, 执行率, 评价)`, `指标体系.xlsx!指标体系!E3: indicator A12: unknown rule "ratoi" (did you mean "ratio"?)`}},
		{"level skipped", "| 决策 | | 论证 | #50 | |\n| 过程 | 管理 | 支付 | #50 | |\n| 效益 | | 满意度 | #50 | |\n",
			[]string{"指标体系.xlsx!指标体系!B2: 二级指标 is blank, but 决策 has no 二级指标 above to stand for (a level may not be skipped: name the indicator of this level)", "指标体系.xlsx!指标体系!B4: 二级指标 is blank, but 效益 has no 二级指标 above to stand for (a level may not be skipped: name the indicator of this level)"}},
		{"twin leaves", "| 决策 | 立项 | 论证 | #50 | |\n| | | 论证 | #50 | |\n",
			[]string{`指标体系.xlsx!指标体系!C3: two indicators named "论证" under 立项 (first at 指标体系.xlsx!指标体系!C2)`}},
		{"parent weight and a weight that is no number", "| 决策 | | | #30 | |\n| | 立项 | 论证 | 二十 | |\n| | | 目标 | #20 | 正向比例 |\n| 过程 | 管理 | 支付 | #70 | {type: bands} |\n",
			[]string{`指标体系.xlsx!指标体系!D2: indicator A: children's weights add up to 20, not 30 (A1 20)`, `指标体系.xlsx!指标体系!D3: weight "二十" is not a number`, `指标体系.xlsx!指标体系!E5: indicator B11: rule bands needs a bands list`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadBytes("指标体系.xlsx", fromText(t, head+tc.rows))
			if err == nil {
				t.Fatal("no error")
			}
			got := strings.Split(err.Error(), "\n")
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

// A 指标编码 column gives the codes of the rows that have one; a parent
// named only on its children's rows keeps its position's. Four levels, a
// header over two rows with no title above (so no name), and the settings
// below 合计 in Chinese words.
func TestReadCodesLevelsSettings(t *testing.T) {
	f, err := ReadBytes("指标体系.xlsx", fromText(t, `## 指标体系
| 指标 | < | < | < | 编码 | 分值 | 计分方法 |
| 一级指标 | 二级指标 | 三级指标 | 四级指标 | ^ | ^ | ^ |
| 产出 | 数量 | 培训 | 人次 | C111 | #30 | ratio |
| | | | 场次 | C112 | #20 | {type: bands, bands: [{from: 1, score: 1}, {from: 0, score: 0.5}]} |
| | 质量 | | | | | |
| | | 合格率 | | C121 | #50 | 达成与否 |
| 合计 | | | | | #100 | |
| 小数位数 | #1 |
| 舍入方式： | 四舍六入五成双 |
| 评价等级 | [{grade: 好, min: 80}, {grade: 差, min: 0}] |
| 注：以上为示例。 |
`))
	if err != nil {
		t.Fatal(err)
	}
	want := `precision: 1
rounding: half-even
grades:
  - {grade: 好, min: 80}
  - {grade: 差, min: 0}
indicators:
  - code: A
    name: 产出
    weight: 100
    children:
      - code: A1
        name: 数量
        weight: 50
        children:
          - code: A11
            name: 培训
            weight: 50
            children:
              - {code: C111, name: 人次, weight: 30, rule: ratio}
              - {code: C112, name: 场次, weight: 20, rule: {type: bands, bands: [{from: 1, score: 1}, {from: 0, score: 0.5}]}}
      - code: A2
        name: 质量
        weight: 50
        children:
          - {code: C121, name: 合格率, weight: 50, rule: pass}
`
	if diff := cmp.Diff(want, string(indicators.Format(f))); diff != "" {
		t.Errorf("read (-want +got):\n%s", diff)
	}
}
