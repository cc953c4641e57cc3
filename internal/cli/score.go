package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/perfeval/perfeval/internal/report"
	"github.com/perfeval/perfeval/scoring"
	"github.com/perfeval/perfeval/templates"
	"github.com/spf13/cobra"
)

type scoreOptions struct {
	Workbooks []string
	Framework string
	Format    string
	Output    string
	Password  string
	PDF       string
	Template  string
	OutDir    string
	NoPDF     bool
}

func newScoreCmd(s Streams) *cobra.Command {
	var o scoreOptions
	cmd := &cobra.Command{
		Use:   "score WORKBOOK... [-f framework.yaml]",
		Short: "Score a project-year's workbook against a framework",
		Long: `Score a project-year's workbook against a framework and print the
tables: 一级指标得分, 指标明细 (every indicator with its trace),
绩效目标完成情况 and 资金执行.

Without -f, the framework is framework.yaml beside the workbook.

Batch: several workbooks, or a directory of them, with --out OUTDIR are
scored in parallel on every core: OUTDIR/<name>.json and <name>.pdf per
project (--no-pdf skips the PDFs), OUTDIR/summary.xlsx, and a summary
sorted by total. A bad workbook is reported and does not stop the others;
the exit status is then 1.`,
		Example: `  perfeval score examples/gd12355/2024.xlsx
  perfeval score 2024.xlsx -f framework.yaml --format json -o 2024.json
  perfeval score projects/ --out results/`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			o.Workbooks = a
			return scoreRun(o, s)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Framework, "framework", "f", "", "the framework `file` (default: framework.yaml beside the workbook)")
	outputFlags(f, &o.Format, &o.Output)
	f.StringVar(&o.Password, "password", "", "the `password` of an encrypted workbook")
	f.StringVar(&o.PDF, "pdf", "", "also write the report as a PDF `file`")
	f.StringVar(&o.Template, "template", "", "take the report wording from the *.tmpl files in `dir`")
	f.StringVar(&o.OutDir, "out", "", "batch: write every project's JSON and PDF and summary.xlsx into `dir`")
	f.BoolVar(&o.NoPDF, "no-pdf", false, "batch: write no PDFs")
	return cmd
}

func scoreRun(o scoreOptions, s Streams) error {
	if o.OutDir != "" {
		if o.Output != "" || o.PDF != "" || o.Format != "" {
			return usageError{fmt.Errorf("--out (batch) takes no -o, --pdf or --format")}
		}
		return batchRun(o, s)
	}
	if o.NoPDF {
		return usageError{fmt.Errorf("--no-pdf goes with --out")}
	}
	if len(o.Workbooks) > 1 {
		return usageError{fmt.Errorf("several workbooks are scored in a batch: give --out DIR")}
	}
	if fi, err := os.Stat(o.Workbooks[0]); err == nil && fi.IsDir() {
		return usageError{fmt.Errorf("%s is a directory: score its workbooks with --out DIR", o.Workbooks[0])}
	}
	format, err := pickFormat(o.Format, o.Output)
	if err != nil {
		return err
	}
	wb := o.Workbooks[0]
	fwPath := frameworkPath(o.Framework, wb)
	lf, err := loadFramework(fwPath, o.Framework != "")
	if err != nil {
		return err
	}
	var words *templates.Wording
	if o.PDF != "" {
		if words, err = templates.LoadWording(o.Template); err != nil {
			return err
		}
	}
	res, err := scoreWorkbook(wb, lf, o.Password)
	if err != nil {
		return err
	}
	warn(s, res)
	inputs := []string{wb, fwPath}
	if o.PDF != "" {
		if err := notAnInput(o.PDF, inputs); err != nil {
			return err
		}
		if o.PDF == o.Output {
			return usageError{fmt.Errorf("--pdf and -o name the same file %s", o.PDF)}
		}
	}
	if err := writeOutput(o.Output, s.Out, inputs, func(w io.Writer) error {
		return writeScore(w, format, res)
	}); err != nil {
		return err
	}
	if o.PDF == "" {
		return nil
	}
	return writeAtomic(o.PDF, func(w io.Writer) error {
		notes, err := templates.WriteScorePDF(w, res, templates.PDFOptions{Version: Version, Wording: words})
		for _, n := range notes {
			fmt.Fprintf(s.Err, "perfeval: warning: %s: %s\n", o.PDF, n)
		}
		return err
	})
}

func writeScore(w io.Writer, format string, res *scoring.Result) error {
	return render(w, format, func() report.Document { return report.ScoreDocument(res) },
		func() any { return report.NewResultJSON(res, Version) })
}

func warn(s Streams, res *scoring.Result) {
	for _, w := range res.Warnings {
		s.Err.Write([]byte("perfeval: warning: " + w.String() + "\n"))
	}
}
