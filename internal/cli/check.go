package cli

import (
	"fmt"
	"io"

	"github.com/perfeval/perfeval/internal/form"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/pipeline"
	"github.com/perfeval/perfeval/internal/render"
	"github.com/perfeval/perfeval/internal/report"
	"github.com/spf13/cobra"
)

type checkOptions struct {
	Files     []string
	Framework string
	Password  string
	Verbose   bool
	Screen    bool
	Weights   string
	outputOptions
}

func newCheckCmd(s Streams) *cobra.Command {
	var o checkOptions
	cmd := &cobra.Command{
		Use:   "check FORM... [--format …] [-o FILE]",
		Short: lang.T("Recompute self-evaluation forms (项目支出绩效自评表) and list every printed figure the rules do not support"),
		Long: lang.T(`Check the forms units send in (复核): each standard self-evaluation form
(项目支出绩效自评表), or perfeval workbook with a 自评得分 column, is
recomputed by the rules, and every figure the unit printed that the rules
do not support is a finding with its cell: a score above the rule's or the
分值 (error), below it with no reason written (warning; with a reason it is
a note), an 执行率 that is not 全年执行数 ÷ 全年预算数, a 总分 that is not
the sum of the scores, 分值 that do not add up to 100, a 等级 that is not
the 总分's, a second 总分 row that differs from the first (error), a
年度资金总额 that is not the sum of its 其中 rows, and a cell the rules
cannot read or a target with no actual (warnings). A bare 100 read as a
percentage beside a percentage target is shown as an info, never counted.

A printed figure agrees when it equals the rules' figure rounded half-up to
the decimals it is printed with: 9 for 8.62 agrees, 9 for 9.8 does not.

--screen adds what a reviewer would visit a unit about although no figure
is wrong (SPEC §10): a target missed with no reason written and an 执行率
below 90% with none (warnings); every score at full marks, an 执行率 below
80% with every 产出 indicator at full marks, a 满意度 of 100%, and a text of
20 characters or more also written in another project's form (notes). Each
form's risk is the sum of its findings' weights (error 10, warning 3, note
1, info 0; --weights FILE.yaml sets them per severity or per kind, e.g.
"warning: 5" or "reused_text: 2"), and the forms are ranked by it for
抽查, ties by file name: the table at the end of the text, the 抽查清单
sheet of -o FILE.xlsx, and summary.ranking in the JSON.

Files and directories (their .xlsx files) are checked in parallel. -o
FILE.xlsx writes one sheet of every finding and one of each form's totals;
--format json the findings as data. --verbose shows the choices the reader
made (which columns, which rows it skipped).

Exit status: 0 when nothing is found, 3 when any error or warning is, 1
when a file cannot be read at all (the others are still checked).`),
		Example: `  perfeval check examples/selfeval/2024.xlsx
  perfeval check forms/ -o 复核.xlsx
  perfeval check forms/ --format json
  perfeval check --screen forms/ -o 抽查清单.xlsx`,
		Args: minArgs(1),
		RunE: func(cmd *cobra.Command, a []string) error {
			o.Files = a
			return checkRun(o, s)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Framework, "framework", "f", "", lang.T("the framework `file` of perfeval workbooks (default: framework.yaml beside each); a form needs none"))
	o.outputOptions.flags(cmd, s, false)
	f.StringVar(&o.Password, "password", "", lang.T("the `password` of encrypted workbooks"))
	f.BoolVarP(&o.Verbose, "verbose", "v", false, lang.T("also show the choices the reader made on each form"))
	f.BoolVar(&o.Screen, "screen", false, lang.T("also look for what is implausible, rate each form's risk and rank the forms for 抽查"))
	f.StringVar(&o.Weights, "weights", "", lang.T("the `file` (YAML) of the risk weights per severity or kind (with --screen)"))
	return cmd
}

func checkRun(o checkOptions, s Streams) error {
	if err := o.check(); err != nil {
		return err
	}
	if o.Weights != "" && !o.Screen {
		return usageError{lang.Errorf("--weights is for --screen: the risk of a form is rated only when forms are screened")}
	}
	words, err := o.wording()
	if err != nil {
		return err
	}
	paths, err := pipeline.Workbooks(o.Files)
	if err != nil {
		return err
	}
	req := pipeline.CheckRequest{Frameworks: &pipeline.Frameworks{Flag: o.Framework}, Password: o.Password, Screen: o.Screen}
	if req.Weights, err = pipeline.OpenWeights(o.Weights); err != nil {
		return err
	}
	var n report.Counts
	if o.streamed() {
		n, err = checkStream(s, paths, req, o.Output)
	} else {
		n, err = checkWhole(s, paths, req, o, words)
	}
	if err != nil {
		return err
	}
	switch {
	case n.Failed > 0:
		fmt.Fprintf(s.Err, "perfeval: %s\n", lang.Sprintf("%d of %d files could not be checked", n.Failed, len(paths)))
		return exitError{ExitInput}
	case n.Errors+n.Warnings > 0:
		return exitError{ExitFindings}
	}
	return nil
}

// streamed tells a run whose JSON is written as the forms come.
func (o checkOptions) streamed() bool {
	f, err := render.Pick(o.Format, o.Output)
	return err == nil && f.Name == "json"
}

// checkStream checks the files and writes each form's JSON as it is
// checked (screened, as it is rated), holding only the counts and the
// ranking: the memory of a run barely grows with its forms.
func checkStream(s Streams, paths []string, req pipeline.CheckRequest, path string) (report.Counts, error) {
	var counts report.Counts
	err := pipeline.WriteStream(s.Out, paths, path, func(w io.Writer) error {
		js := report.NewCheckStream(w, req.Screen)
		each := func(i int, c *form.Checked, err error) {
			if err != nil {
				printError(s.Err, err)
			}
			js.Add(paths[i], c, err)
		}
		if req.Screen {
			if err := pipeline.ScreenEach(paths, req, each); err != nil {
				return err
			}
		} else {
			pipeline.CheckEach(paths, req, each)
		}
		counts = js.Counts()
		return js.Close()
	})
	return counts, err
}

// checkWhole checks every file, then draws the outputs from the whole run.
func checkWhole(s Streams, paths []string, req pipeline.CheckRequest, o checkOptions, words *report.Wording) (report.Counts, error) {
	run := &report.CheckRun{Files: paths, Screened: o.Screen, Weights: req.Weights}
	run.Checks, run.Errors = pipeline.CheckAll(paths, req)
	for _, err := range run.Errors {
		if err != nil {
			printError(s.Err, err)
		}
	}
	outputs, err := o.outputs(report.CheckOutput(run, words, o.Verbose))
	if err != nil {
		return report.Counts{}, err
	}
	return run.Counts(), write(s, paths, outputs)
}
