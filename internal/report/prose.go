package report

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/perfeval/perfeval/scoring"
)

// The outline's slots for prose that scoring does not name (SPEC §5).
const (
	slotPreface = "前言"
	slotGoals   = "绩效目标"
	slotScope   = "评价目的"
	slotMethod  = "评价方法"
	slotProcess = "评价过程"
	slotOther   = "其他"
)

// slots lists every slot of the outline, in the order they are printed.
var slots = []string{slotPreface, scoring.SectionOverview, slotGoals, slotScope, slotMethod, slotProcess,
	scoring.SectionConclusion, scoring.SectionPerformance, scoring.SectionProblems, scoring.SectionAdvice, slotOther}

// sectionWords are the names evaluators give the sections of 报告正文, each
// read as the slot of the outline it stands for.
var sectionWords = map[string][]string{
	slotPreface:                {"前言", "引言", "概述"},
	scoring.SectionOverview:    {"项目概况", "项目基本情况", "基本情况", "项目概述", "概况", "项目背景", "项目基本概况"},
	slotGoals:                  {"绩效目标", "项目绩效目标", "绩效目标设定情况", "绩效目标情况", "总体目标", "年度目标", "项目绩效目标设定情况"},
	slotScope:                  {"评价目的、对象和范围", "评价目的对象和范围", "评价目的", "评价对象", "评价范围", "评价对象和范围", "评价目的和范围", "自评目的、对象和范围", "自评目的"},
	slotMethod:                 {"评价原则、指标体系、方法和标准", "评价原则指标体系方法和标准", "评价原则", "评价方法", "评价指标体系", "评价标准", "评价方法和标准", "评价原则和方法", "评价依据", "自评原则、指标体系、方法和标准", "自评方法"},
	slotProcess:                {"评价工作过程", "评价过程", "工作过程", "评价工作开展情况", "绩效评价工作开展情况", "自评工作开展情况", "绩效自评工作开展情况", "自评工作过程", "评价实施过程"},
	scoring.SectionConclusion:  {"评价结论", "综合评价结论", "总体评价", "评价结论和绩效分析", "综合评价", "综合评价情况及评价结论", "自评结论", "综合评价情况", "评价结果", "综合自评情况及自评结论", "综合自评情况"},
	scoring.SectionPerformance: {"主要绩效", "主要成效", "取得的成效", "主要成绩", "绩效情况", "项目绩效", "取得的绩效", "主要经验及做法", "经验做法", "主要经验", "经验和做法", "主要经验和做法", "主要做法"},
	scoring.SectionProblems:    {"存在问题", "存在的问题", "主要问题", "问题", "存在的主要问题", "存在的问题及原因分析", "问题及原因分析", "原因分析", "存在问题及原因", "存在的问题和原因"},
	scoring.SectionAdvice:      {"改进建议", "建议", "意见建议", "相关建议", "改进措施", "整改建议", "有关建议", "意见和建议", "对策建议", "下一步改进措施"},
	slotOther:                  {"其他需要说明的问题", "其他", "其他说明", "需要说明的问题", "其他事项", "其他需说明的问题"},
}

// numbering is a section's own number, which the report replaces with its
// own: 四、 （四） 4. 4、 第四部分.
var numbering = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*(?:第[一二三四五六七八九十百\d]+(?:部分|章|节)|[（(]?[一二三四五六七八九十百\d]+[)）]?[、.．]?)\s*`)
})

// sectionName is a 章节 as written without its number or closing colon.
func sectionName(s string) string {
	name := strings.TrimRight(strings.TrimSpace(numbering().ReplaceAllString(s, "")), "：: ")
	if name == "" {
		return strings.TrimSpace(s)
	}
	return name
}

// placedSection is the slot a 章节 as written stands for, or "" for a
// section of its own (printed under 其他需要说明的问题).
func placedSection(written string) string {
	n := strings.Join(strings.Fields(sectionName(written)), "")
	for _, s := range slots {
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

// narrative sorts 报告正文 into the outline's slots and the sections of
// the evaluator's own, which keep the order they first appear in.
func narrative(list []scoring.Paragraph) (placed map[string][]string, others []proseSection) {
	placed = map[string][]string{}
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
	return placed, others
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
