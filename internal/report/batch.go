package report

import (
	"cmp"
	"slices"

	"github.com/perfeval/perfeval/internal/document"
	"github.com/perfeval/perfeval/scoring"
	"github.com/shopspring/decimal"
)

// A Summary is one project of a batch as its summary row needs it; a batch
// keeps only these once a project's own outputs are written.
type Summary struct {
	File       string
	Project    string
	Total      decimal.Decimal
	Grade      string
	Precision  int32
	Dimensions []Dimension // the top level
}

// A Dimension is a top-level indicator's score.
type Dimension struct {
	Name  string
	Score decimal.Decimal
}

// Summarize keeps what the batch summary shows of a result.
func Summarize(file string, r *scoring.Result) Summary {
	s := Summary{File: file, Project: r.Project.Name, Total: r.Total, Grade: r.Grade, Precision: r.Precision}
	for _, n := range r.Indicators {
		s.Dimensions = append(s.Dimensions, Dimension{Name: n.Indicator.Name, Score: n.Score})
	}
	return s
}

// A Failed project is a workbook of a batch that could not be scored,
// with its error.
type Failed struct {
	File, Error string
}

// BatchTables is the summary of a batch: one table of its projects,
// highest total first, with each top-level dimension's score; then the
// workbooks that failed, each with its error.
func BatchTables(list []Summary, failed []Failed, w *Wording) (document.Document, error) {
	p := &phrases{w: w}
	sorted := slices.Clone(list)
	slices.SortStableFunc(sorted, func(a, b Summary) int {
		return cmp.Or(b.Total.Cmp(a.Total), cmp.Compare(a.File, b.File))
	})
	var dims []string
	for _, s := range sorted {
		for _, d := range s.Dimensions {
			if !slices.Contains(dims, d.Name) {
				dims = append(dims, d.Name)
			}
		}
	}
	t := document.Table{Name: p.label("table.batch"), Title: p.label("title.summary"), Columns: append(p.cols("batch"), dims...)}
	for i, s := range sorted {
		row := []document.Cell{document.Plain(decimal.NewFromInt(int64(i + 1))), document.Str(s.Project), document.Str(s.File), document.Num(s.Total, s.Precision), document.Str(s.Grade)}
		for _, name := range dims {
			cell := document.Str(p.label("cell.none"))
			for _, d := range s.Dimensions {
				if d.Name == name {
					cell = document.Num(d.Score, s.Precision)
				}
			}
			row = append(row, cell)
		}
		t.Rows = append(t.Rows, row)
	}
	var d document.Document
	d.AddTable(t)
	if len(failed) > 0 {
		f := document.Table{Name: p.label("table.failed"), Title: p.label("table.failed"), Columns: p.cols("failed")}
		for _, x := range failed {
			f.Rows = append(f.Rows, []document.Cell{document.Str(x.File), document.Str(x.Error)})
		}
		d.AddTable(f)
	}
	return d, p.err
}
