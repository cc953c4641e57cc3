package report

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/perfeval/perfeval/scoring"
)

// sectionWords are the names evaluators give the placed sections of
// 报告正文, each read as the section it stands for.
var sectionWords = map[string][]string{
	scoring.SectionOverview:    {"项目概况", "项目基本情况", "基本情况", "项目概述", "概况", "项目背景"},
	scoring.SectionConclusion:  {"评价结论", "综合评价结论", "总体评价", "评价结论和绩效分析", "综合评价"},
	scoring.SectionPerformance: {"主要绩效", "主要成效", "取得的成效", "主要成绩", "绩效情况", "项目绩效", "取得的绩效"},
	scoring.SectionProblems:    {"存在问题", "存在的问题", "主要问题", "问题", "存在的主要问题"},
	scoring.SectionAdvice:      {"改进建议", "建议", "意见建议", "相关建议", "改进措施", "整改建议", "有关建议", "意见和建议", "对策建议"},
}

// numbering is a section's own number, which the report replaces with its
// own: 四、 （四） 4. 4、 第四部分.
var numbering = regexp.MustCompile(`^\s*(?:第[一二三四五六七八九十百\d]+(?:部分|章|节)|[（(]?[一二三四五六七八九十百\d]+[)）]?[、.．]?)\s*`)

// sectionName is a 章节 as written without its number or closing colon.
func sectionName(s string) string {
	name := strings.TrimRight(strings.TrimSpace(numbering.ReplaceAllString(s, "")), "：: ")
	if name == "" {
		return strings.TrimSpace(s)
	}
	return name
}

// placedSection is the placed section a 章节 as written stands for, or ""
// for a section of its own.
func placedSection(written string) string {
	n := strings.Join(strings.Fields(sectionName(written)), "")
	for _, s := range scoring.Sections {
		if slices.Contains(sectionWords[s], n) {
			return s
		}
	}
	return ""
}

// A prose section is the paragraphs of 报告正文 under one section name.
type proseSection struct {
	Name       string
	Paragraphs []string
}

// narrative sorts 报告正文 into the placed sections (by their canonical
// name) and the others, which keep the order they first appear in; the
// placed ones after 资金执行情况 come first, in their fixed order.
func narrative(list []scoring.Paragraph) (placed map[string][]string, closing []proseSection) {
	placed = map[string][]string{}
	var others []proseSection
	for _, par := range list {
		if s := placedSection(par.Section); s != "" {
			placed[s] = append(placed[s], par.Text)
			continue
		}
		name := sectionName(par.Section)
		i := slices.IndexFunc(others, func(o proseSection) bool { return o.Name == name })
		if i < 0 {
			others = append(others, proseSection{Name: name})
			i = len(others) - 1
		}
		others[i].Paragraphs = append(others[i].Paragraphs, par.Text)
	}
	for _, s := range []string{scoring.SectionPerformance, scoring.SectionProblems, scoring.SectionAdvice} {
		if ps := placed[s]; len(ps) > 0 {
			closing = append(closing, proseSection{Name: s, Paragraphs: ps})
		}
	}
	return placed, append(closing, others...)
}

// circled is the mark of the i-th (1-based) indicator of a list in the
// reports' own style: ① to ⑳, then (21).
func circled(i int) string {
	if i >= 1 && i <= 20 {
		return string(rune('①' + i - 1))
	}
	return "(" + strconv.Itoa(i) + ")"
}

// marked reports whether an analysis already opens with a mark or the
// indicator's name, so that the report adds neither again.
func marked(text, name string) bool {
	r := []rune(text)
	return len(r) > 0 && (r[0] >= '①' && r[0] <= '⑳' || strings.HasPrefix(text, name))
}
