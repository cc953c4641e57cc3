package cli

import (
	"fmt"
	"os"

	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/pipeline"
	"github.com/perfeval/perfeval/internal/report"
	"github.com/spf13/cobra"
)

type scoreOptions struct {
	Workbooks []string
	Framework string
	Password  string
	OutDir    string
	NoPDF     bool
	WithDOCX  bool
	outputOptions
	scheduleOptions
}

func newScoreCmd(s Streams) *cobra.Command {
	var o scoreOptions
	cmd := &cobra.Command{
		Use:   "score WORKBOOK... [-f framework.yaml]",
		Short: lang.T("Score a project-year's workbook against a framework"),
		Long: lang.T(`Score a project-year's workbook against a framework and print the
tables: 一级指标得分, 指标明细 (every indicator with its trace),
绩效目标完成情况 and 资金执行.

Without -f, the framework is framework.yaml beside the workbook; a
standard self-evaluation form (项目支出绩效自评表) is its own framework. -o
FILE picks the format by its extension: .json, .csv, .md, .xlsx, or .pdf and
.docx for the report; --pdf FILE and --docx FILE write the report as well (the
DOCX is a Word document to edit, styled by templates/report/reference.docx or
DIR/reference.docx with --template DIR); --format form -o FILE.xlsx writes the
national self-evaluation form. The workbook's 报告正文 and 指标说明 sheets
(the evaluator's prose) go into the report.

Batch: several workbooks, or a directory of them, with --out OUTDIR are
scored in parallel on every core: OUTDIR/<name>.json and <name>.pdf per
project (--no-pdf skips the PDFs; --with-docx adds <name>.docx, the Word
report), OUTDIR/summary.xlsx, and a summary sorted by total. A bad workbook is reported and does not stop the others;
the exit status is then 1.`),
		Example: `  perfeval score examples/gd12355/2024.xlsx
  perfeval score 2024.xlsx -f framework.yaml -o 2024.json
  perfeval score 2024.xlsx -o 2024.pdf --docx 2024.docx
  perfeval score projects/ --out results/
  perfeval score projects/ --out results/ --with-docx`,
		Args: minArgs(1),
		RunE: func(cmd *cobra.Command, a []string) error {
			o.Workbooks = a
			return scoreRun(o, s)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Framework, "framework", "f", "", lang.T("the framework `file` (default: framework.yaml beside the workbook)"))
	o.outputOptions.form = true
	o.outputOptions.flags(cmd, s, true)
	o.scheduleOptions.flags(f)
	f.StringVar(&o.Password, "password", "", lang.T("the `password` of an encrypted workbook"))
	f.StringVar(&o.OutDir, "out", "", lang.T("batch: write every project's JSON and PDF and summary.xlsx into `dir`"))
	f.BoolVar(&o.NoPDF, "no-pdf", false, lang.T("batch: write no PDFs"))
	f.BoolVar(&o.WithDOCX, "with-docx", false, lang.T("batch: also write every project's Word report (<name>.docx)"))
	return cmd
}

func scoreRun(o scoreOptions, s Streams) error {
	opts, err := o.scheduleOptions.options()
	if err != nil {
		return err
	}
	if o.OutDir != "" {
		if o.Output != "" || o.PDF != "" || o.Format != "" {
			return usageError{lang.Errorf("--out (batch) takes no -o, --pdf or --format")}
		}
		if o.DOCX != "" {
			return usageError{lang.Errorf("--out (batch) takes no --docx FILE: --with-docx writes every project's Word report beside its JSON")}
		}
		return batchRun(o, opts, s)
	}
	if o.NoPDF {
		return usageError{lang.Errorf("--no-pdf goes with --out")}
	}
	if o.WithDOCX {
		return usageError{lang.Errorf("--with-docx goes with --out")}
	}
	if len(o.Workbooks) > 1 {
		return usageError{lang.Errorf("several workbooks are scored in a batch: give --out DIR")}
	}
	wb := o.Workbooks[0]
	if fi, err := os.Stat(wb); err == nil && fi.IsDir() {
		return usageError{lang.Errorf("%s is a directory: score its workbooks with --out DIR", wb)}
	}
	if err := o.check(); err != nil {
		return err
	}
	words, err := o.wording()
	if err != nil {
		return err
	}
	fwPath := pipeline.FrameworkPath(o.Framework, wb)
	res, err := pipeline.Score(wb, &pipeline.Frameworks{Flag: o.Framework}, o.Password, opts)
	if err != nil {
		return err
	}
	warn(s, res.Warnings)
	outputs, err := o.outputs(report.ScoreOutput(res, words, Version))
	if err != nil {
		return err
	}
	if err := write(s, []string{wb, fwPath}, outputs); err != nil {
		return err
	}
	if n := len(res.Warnings); n > 0 {
		// The warnings went out before the tables: on a terminal they have
		// scrolled off, so their count closes the run.
		fmt.Fprintf(s.Err, "perfeval: %s\n", lang.Sprintf("%d warning(s) above", n))
	}
	return nil
}

// warn prints warnings: a result's, or a compared result's as printed.
func warn[W diag.Warning | string](s Streams, list []W) {
	for _, w := range list {
		fmt.Fprintf(s.Err, "perfeval: %s\n", lang.Sprintf("warning: %s", w))
	}
}
