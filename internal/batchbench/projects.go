package main

// The synthetic projects batchbench scores: the 2024 example's indicators
// with values varied deterministically, so that a batch of any size is the
// same on every machine.

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/perfeval/perfeval/examples"
	"github.com/perfeval/perfeval/internal/testkit"
)

// synthetic writes the text form of project i of a benchmark batch: the
// example framework's indicators with values varied deterministically.
func synthetic(i int) string {
	v := func(k, mod int) int { return (i*k + 7*k) % mod }
	return fmt.Sprintf(`## 项目信息
| 字段 | 值 |
|---|---|
| 项目名称 | 合成项目%04d |
| 主管部门 | 某部门 |
| 评价类型 | 绩效评价 |
| 年度 | 2024 |
| 评价基准日 | 2024-12-31 |
| 金额单位 | 万元 |
## 绩效目标
| 指标编码 | 指标名称 | 目标值 | 实际值 |
|---|---|---|---|
| C111 | 12355全年开展线下宣传活动场次 | ≥50场 | %d场 |
| C112 | 开设坐席数 | 80个 | %d个 |
| C113 | 日均咨询量 | 1700个 | %d个 |
| C114 | 12355全年解答青少年心理咨询量 | ≥15万个 | %d.%02d万个 |
| C115 | 线下办理个案数量 | 1700个 | %d个 |
| C121 | 通话质检率 | ≥3%% | %d.%02d%% |
| C122 | 通话接通率 | ≥95%% | %d.%02d%% |
| C123 | 12355全年有效通话量同期增长率 | ≥30%% | %d.%02d%% |
| C131 | 项目完成及时性 | 100%% | %d.%02d%% |
| C141 | 预算控制 | 不超预算 | 总体不超预算 |
| C211 | 个案办结率 | ≥90%% | %d%% |
| C221 | 通话满意度 | ≥95%% | %d.%02d%% |
| C222 | 青少年满意度 | ≥95%% | %d%% |
## 扣分
| 指标编码 | 扣分 | 扣分理由 |
|---|---|---|
| A12 | #0.%d | 目标值偏低 |
| B22 | #0.5 | 管理机制有待完善，第%d条 |
## 预算执行
| 编号 | 资金名称 | 预算数 | 实际支出 | 财政收回 |
|---|---|---|---|---|
| 1 | 项目经费 | | | |
| 1.1 | 年初预算 | #%d.%02d | #%d.%02d | #1.33 |
| 1.2 | 年中追加 | #400.00 | #%d.%02d | |
| 2 | 信息化经费 | #131.00 | #%d.%02d | |
## 支出明细
| 编号 | 用途 | 预算数 | 实际支出 |
|---|---|---|---|
| 1 | 运营 | #500.00 | #%d.%02d |
| 2 | 咨询服务 | #9.21 | #11.65 |
`, i,
		40+v(37, 5000), 70+v(3, 20), 1500+v(11, 400), 10+v(7, 30), v(13, 100), 1500+v(17, 700),
		2+v(3, 4), v(19, 100), 90+v(5, 10), v(23, 100), 20+v(7, 15), v(29, 100), 70+v(3, 40), v(31, 100),
		80+v(3, 21), 90+v(3, 10), v(37, 100), 90+v(3, 11),
		1+v(3, 9), i,
		900+v(41, 100), v(43, 100), 600+v(47, 300), v(53, 100), 100+v(59, 300), v(61, 100), 100+v(67, 31), v(71, 100),
		300+v(73, 250), v(79, 100))
}

// writeBatch writes n synthetic workbooks into dir, with the example
// framework beside them.
func writeBatch(dir string, n int) error {
	for i := range n {
		f, err := testkit.FromText([]byte(synthetic(i)))
		if err != nil {
			return err
		}
		if err := f.SaveAs(filepath.Join(dir, fmt.Sprintf("p%04d.xlsx", i))); err != nil {
			return err
		}
	}
	data, err := examples.Read("gd12355/framework.yaml")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "framework.yaml"), data, 0o644)
}
