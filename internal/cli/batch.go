package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/perfeval/perfeval/internal/document"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/pipeline"
	"github.com/perfeval/perfeval/internal/render"
	"github.com/perfeval/perfeval/internal/report"
	"github.com/perfeval/perfeval/scoring"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
)

// batchRun scores many workbooks on every core: a JSON (a PDF, a DOCX) per
// project in OUTDIR, a summary.xlsx and a terminal summary. A bad workbook
// is reported and the others go on; the exit status is then 1.
func batchRun(o scoreOptions, opts scoring.Options, s Streams) error {
	paths, err := pipeline.Workbooks(o.Workbooks)
	if err != nil {
		return err
	}
	words, err := o.wording()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(o.OutDir, 0o755); err != nil {
		return lang.Errorf("%s: cannot create: %v", o.OutDir, lang.Cause(err))
	}
	formats := []string{"json"}
	if !o.NoPDF {
		formats = append(formats, "pdf")
	}
	if o.WithDOCX {
		formats = append(formats, "docx")
	}
	b := &pipeline.Batch{
		Paths: paths, Framework: o.Framework, Password: o.Password, Options: opts, OutDir: o.OutDir,
		Outputs: func(base string, res *scoring.Result) []pipeline.Output {
			var out *document.Output // made when first written: the batch plans paths with no result
			var list []pipeline.Output
			for _, name := range formats {
				f, _ := render.Lookup(name)
				list = append(list, pipeline.Output{Path: base + "." + name, Write: func(w io.Writer) ([]string, error) {
					if out == nil {
						o := report.ScoreOutput(res, words, Version)
						out = &o
					}
					return f.Write(w, *out)
				}})
			}
			return list
		},
	}
	summaryPath := filepath.Join(o.OutDir, "summary.xlsx")
	if err := b.Check(summaryPath); err != nil {
		return err
	}
	var progress *mpb.Progress
	if s.IsTerm {
		progress = mpb.New(mpb.WithOutput(s.Err), mpb.WithWidth(40))
		bar := progress.AddBar(int64(len(paths)),
			mpb.PrependDecorators(decor.Name("scoring "), decor.CountersNoUnit("%d/%d")),
			mpb.AppendDecorators(decor.Percentage()))
		b.Done = bar.Increment
	}
	res := b.Run()
	if progress != nil {
		progress.Wait()
	}
	for _, err := range res.Failures {
		printError(s.Err, err)
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(s.Err, "perfeval: %s\n", lang.Sprintf("warning: %s", w))
	}
	for _, p := range res.Stale {
		fmt.Fprintf(s.Err, "perfeval: %s\n", lang.Sprintf("warning: %s is not from this run (an earlier run's, or a project that failed now); delete it or move it away", p))
	}
	summary := document.Output{Tables: func() (document.Document, error) { return report.BatchTables(res.Summaries, res.Failed, words) }}
	xlsx, _ := render.Lookup("xlsx")
	text, _ := render.Lookup("text")
	text = text.OnTerminal(o.terminal)
	err = write(s, b.Inputs(), []pipeline.Output{
		{Path: summaryPath, Write: func(w io.Writer) ([]string, error) { return xlsx.Write(w, summary) }},
		{Path: "-", Write: func(w io.Writer) ([]string, error) {
			notes, err := text.Write(w, summary)
			fmt.Fprint(w, lang.Sprintf("%d scored, %d failed; results in %s\n", len(res.Summaries), len(res.Failures), o.OutDir))
			return notes, err
		}},
	})
	if err != nil {
		return err
	}
	if len(res.Failures) > 0 {
		return exitError{ExitInput}
	}
	return nil
}
