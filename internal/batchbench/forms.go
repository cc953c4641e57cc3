package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/perfeval/perfeval/internal/testkit"
)

// countyForm writes the text of a county's form i for the screening
// benchmark: its own project and texts, every seventh with a deviation
// reason pasted from a pool of five, every eleventh at full marks with a
// 执行率 of 72%, every thirteenth with a target missed and no reason.
func countyForm(i int) string {
	row := func(cells ...string) string { return "| " + strings.Join(cells, " | ") + " |\n" }
	var b strings.Builder
	b.WriteString("## 自评表\n")
	b.WriteString(row(fmt.Sprintf("项目支出绩效自评表（%d年度）", 2024), "<", "<", "<", "<", "<", "<", "<", "<", "<", "<"))
	b.WriteString(row("项目名称", fmt.Sprintf("第%05d号民生项目", i), "<", "<", "<", "<", "<", "<", "<", "<", "<"))
	b.WriteString(row("主管部门", fmt.Sprintf("某县第%d局", i%40), "<", "<", "<", "实施单位（盖章）", fmt.Sprintf("某县第%d局", i%40), "<", "<", "<", "<"))
	b.WriteString(row("项目基本情况", "项目年度目标", "<", "<", "<", "年度目标完成情况", "<", "<", "<", "<", "<"))
	b.WriteString(row("^", fmt.Sprintf("完成第%d号项目年度建设任务，提升群众获得感", i), "<", "<", "<", fmt.Sprintf("第%d号项目已完成年度建设任务，运行情况良好，群众反映较好", i), "<", "<", "<", "<", "<"))
	paid, score, fundScore := "95", "36", "9.5"
	if i%11 == 0 {
		paid, score, fundScore = "72", "40", "10"
	}
	b.WriteString(row("预算执行情况(10分)", "年度预算数(万元)", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因", "<", "<"))
	b.WriteString(row("^", "总额", "#100", "#100", "#"+paid, paid+".00%", "#10", "#"+fundScore, "", "<", "<"))
	b.WriteString(row("绩效指标(90分)", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分", "未完成原因分析"))
	reason := fmt.Sprintf("第%d号项目部分点位因征地协调滞后未能按期完工，已列入下年度计划", i)
	if i%7 == 0 {
		reason = fmt.Sprintf("受天气和疫情影响部分工程进度滞后，下一步将加强统筹调度确保按期完成（%d）", i%5)
	}
	actual := "9"
	if i%11 == 0 {
		actual, reason = "10", ""
	}
	if i%13 == 0 {
		reason = ""
	}
	b.WriteString(row("^", "产出指标", "数量指标", "建设点位", "≥", "10", "个", actual+"个", "#40", "#"+score, reason))
	b.WriteString(row("^", "效益指标", "社会效益指标", "受益人口", "≥", "2000", "人", "2100人", "#30", "#30", ""))
	b.WriteString(row("^", "满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%", "95%", "#20", "#20", ""))
	b.WriteString(row("合计", "<", "<", "<", "<", "<", "<", "<", "#100", "#95.5", ""))
	return b.String()
}

// writeCounty writes n county forms into dir.
func writeCounty(dir string, n int) error {
	for i := range n {
		x, err := testkit.FromText([]byte(countyForm(i)))
		if err != nil {
			return err
		}
		err = x.SaveAs(filepath.Join(dir, fmt.Sprintf("form-%05d.xlsx", i)))
		x.Close()
		if err != nil {
			return err
		}
	}
	return nil
}
