package templates

import (
	"io"

	"github.com/perfeval/perfeval/internal/diff"
)

type diffData struct {
	OldName, NewName, OldTotal, NewTotal, Delta, OldGrade, NewGrade string
}

// WriteDiffPDF draws a short comparison report: the summary sentence, the
// totals side by side and every indicator that moved.
func WriteDiffPDF(w io.Writer, d *diff.Diff, all bool, opt PDFOptions) ([]string, error) {
	words := opt.Wording
	if words == nil {
		var err error
		if words, err = LoadWording(""); err != nil {
			return nil, err
		}
	}
	doc := d.Document(all)
	j := d.JSON()
	data := diffData{
		OldName: j.Old.Project.Name, NewName: j.New.Project.Name,
		OldTotal: string(j.Old.Total), NewTotal: string(j.New.Total), Delta: doc.Tables[0].Rows[4][3].Text,
		OldGrade: j.Old.Grade, NewGrade: j.New.Grade,
	}
	title, err := words.Text("diff.title", data)
	if err != nil {
		return nil, err
	}
	p := newPage(words, title)
	p.pdf.AddPage()
	p.title(title)
	p.para(p.text("diff.summary", data), sizeBody)
	p.space(3)
	for _, t := range doc.Tables {
		p.h2(t.Title, sizeH2)
		p.table(t)
	}
	if err := p.write(w); err != nil {
		return nil, err
	}
	return p.notes, nil
}
