package form_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/perfeval/perfeval/internal/form"
	"github.com/perfeval/perfeval/internal/fuzzcheck"
	"github.com/perfeval/perfeval/internal/testkit"
	"github.com/perfeval/perfeval/scoring"
)

// FuzzWordForm writes arbitrary text into a form's cells, lays it out as
// a Word document (two tables, or one) and reads, checks and screens it:
// a mistake may be reported, never a panic, and a form that reads from
// both files gives the same total.
func FuzzWordForm(f *testing.F) {
	f.Add("≥500人次", "520人次", "15", "15", "项目支出绩效自评表（2024年度）", "单位：万元", true)
	f.Add("三级指标", "分值", "得分", "项目名称", "绩效指标", "^", false)
	f.Add("<", "^", "", "", "", "", true)
	f.Fuzz(func(t *testing.T, target, actual, weight, score, title, unit string, split bool) {
		for _, s := range []string{target, actual, weight, score, title, unit} {
			if strings.ContainsAny(s, "|\n\r") || strings.HasPrefix(s, "#") {
				return
			}
		}
		md := strings.Join([]string{
			"## 表",
			"| " + title + " | < | < | < | < | < | < | < |",
			"| " + unit + " |",
			"| 项目名称 | 某项目 | < | < | < | < | < | < |",
			"| 项目资金（万元） | | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | |",
			"| ^ | 年度资金总额 | #210 | #189 | #10 | 90% | #9 | |",
			"| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |",
			"| ^ | 产出指标 | 数量指标 | 人次 | " + target + " | " + actual + " | " + weight + " | " + score + " |",
			"| ^ | ^ | ^ | 知晓率 | ≥80% | 78.4% | #40 | #39.2 |",
			"| 总分 | < | < | < | < | < | #100 | #98 |",
		}, "\n")
		doc, err := testkit.DocxFromText([]byte(md), testkit.DocxOptions{Split: split, Titles: true})
		if err != nil {
			return
		}
		x, err := testkit.FromText([]byte(md))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := x.Write(&buf); err != nil {
			return
		}
		fuzzcheck.Bounded(t, func() {
			w, werr := form.ReadDocument("f.docx", doc)
			b, berr := openForm("f.xlsx", buf.Bytes())
			if (werr == nil) != (berr == nil) {
				t.Fatalf("the Word form reads %v, the workbook %v", werr, berr)
			}
			if werr != nil {
				return
			}
			cw, err1 := form.Screen(w, scoring.Options{})
			cb, err2 := form.Screen(b, scoring.Options{})
			if (err1 == nil) != (err2 == nil) {
				t.Fatalf("the Word form checks %v, the workbook %v", err1, err2)
			}
			if err1 == nil && (cw.ComputedTotal.Valid != cb.ComputedTotal.Valid || !cw.ComputedTotal.Decimal.Equal(cb.ComputedTotal.Decimal) || len(cw.Findings) != len(cb.Findings)) {
				t.Fatalf("the Word form gives %v and %d findings, the workbook %v and %d", cw.ComputedTotal, len(cw.Findings), cb.ComputedTotal, len(cb.Findings))
			}
		})
	})
}

// TestWordProjectInParagraphs: the project block written as paragraphs
// above the table (项目名称：甲　主管部门：乙) is read as a label row.
func TestWordProjectInParagraphs(t *testing.T) {
	md := strings.Join([]string{
		"## 表",
		"| 项目支出绩效自评表 |",
		"| （2024年度）　单位：万元 |",
		"| 项目名称：农村公路养护　主管部门：某县交通运输局；实施单位名称: 某县公路段 |",
		"| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |",
		"| 产出指标 | 数量指标 | 养护里程 | ≥120公里 | 126公里 | #100 | #100 |",
		"| 总分 | < | < | < | < | #100 | #100 |",
	}, "\n")
	doc, err := testkit.DocxFromText([]byte(md), testkit.DocxOptions{Titles: true})
	if err != nil {
		t.Fatal(err)
	}
	f, err := form.ReadDocument("f.docx", doc)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{f.Name, f.Department, f.Implementer, f.Year, f.Unit}
	want := []string{"农村公路养护", "某县交通运输局", "某县公路段", "2024", "万元"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("read %q, want %q", got, want)
	}
}
