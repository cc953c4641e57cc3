package report

import (
	"cmp"
	"slices"

	"github.com/perfeval/perfeval/scoring"
)

// A Scored is one project of a batch: the workbook and its result.
type Scored struct {
	File   string
	Result *scoring.Result
}

// SummaryTable lists a batch's projects, highest total first: project,
// file, total, grade and each top-level dimension's score.
func SummaryTable(list []Scored) Table {
	sorted := slices.Clone(list)
	slices.SortStableFunc(sorted, func(a, b Scored) int {
		return cmp.Or(b.Result.Total.Cmp(a.Result.Total), cmp.Compare(a.File, b.File))
	})
	var dims []string
	for _, s := range sorted {
		for _, n := range s.Result.Indicators {
			if !slices.Contains(dims, n.Indicator.Name) {
				dims = append(dims, n.Indicator.Name)
			}
		}
	}
	t := Table{Name: "汇总", Title: "评价结果汇总", Columns: append([]string{"序号", "项目", "文件", "总分", "等级"}, dims...)}
	for i, s := range sorted {
		r := s.Result
		p := r.Framework.Precision
		row := []Cell{Plain(decimalInt(i + 1)), Str(r.Project.Name), Str(s.File), Num(r.Total, p), Str(r.Grade)}
		for _, d := range dims {
			cell := Str("—")
			for _, n := range r.Indicators {
				if n.Indicator.Name == d {
					cell = Num(n.Score, p)
				}
			}
			row = append(row, cell)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
