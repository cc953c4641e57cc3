package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/report"
	"github.com/perfeval/perfeval/internal/workbook"
	"github.com/perfeval/perfeval/scoring"
	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"
)

type executionOptions struct {
	Workbook  string
	Framework string
	Format    string
	Output    string
	Password  string
	AsOf      string
	FailBelow string
	Red       string
	Yellow    string
}

func newExecutionCmd(s Streams) *cobra.Command {
	var o executionOptions
	cmd := &cobra.Command{
		Use:   "execution WORKBOOK [-f framework.yaml] [--as-of DATE] [--fail-below RATE]",
		Short: "Check budget execution, the gap to the time schedule and the execution rule's deductions",
		Long: `Check a workbook's 预算执行 and 支出明细 sheets: the execution rate of every
fund line and in total, spending progress against the time schedule
(序时进度: months completed ÷ 12 at --as-of, by default the workbook's
评价基准日), the warning level (红 / 黄 / 绿), overspent items, subtotals that
do not add up, and — with a framework — the points every indicator scored
by the execution rule loses.

With --fail-below, the exit status is 3 when the execution rate is below the
given rate (0.9 or 90%), so the check can gate a pipeline.`,
		Example: `  perfeval execution examples/gd12355/2024.xlsx
  perfeval execution 2024.xlsx --as-of 2024-09-30 --fail-below 0.9`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			o.Workbook = a[0]
			return executionRun(o, s)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Framework, "framework", "f", "", "the framework `file` (default: framework.yaml beside the workbook, if there is one)")
	outputFlags(f, &o.Format, &o.Output)
	f.StringVar(&o.Password, "password", "", "the `password` of an encrypted workbook")
	f.StringVar(&o.AsOf, "as-of", "", "the `date` of the time schedule, YYYY-MM-DD (default: the workbook's 评价基准日)")
	f.StringVar(&o.FailBelow, "fail-below", "", "exit 3 when the execution rate is below `rate` (0.9 or 90%)")
	f.StringVar(&o.Red, "red", "0.6", "progress ÷ schedule below this `fraction` is 红")
	f.StringVar(&o.Yellow, "yellow", "0.8", "progress ÷ schedule below this `fraction` is 黄")
	return cmd
}

// rateFlag reads a rate given as a fraction (0.9) or a percentage (90%).
func rateFlag(name, s string) (decimal.Decimal, error) {
	d, err := indicators.ParseNumber(s)
	if err != nil || d.IsNegative() {
		return d, usageError{fmt.Errorf("--%s %q: give a rate such as 0.9 or 90%%", name, s)}
	}
	return d, nil
}

func executionRun(o executionOptions, s Streams) error {
	format, err := pickFormat(o.Format, o.Output)
	if err != nil {
		return err
	}
	th := scoring.Thresholds{}
	if th.Red, err = rateFlag("red", o.Red); err != nil {
		return err
	}
	if th.Yellow, err = rateFlag("yellow", o.Yellow); err != nil {
		return err
	}
	if th.Red.GreaterThan(th.Yellow) {
		return usageError{fmt.Errorf("--red %s is above --yellow %s", o.Red, o.Yellow)}
	}
	var failBelow *decimal.Decimal
	if o.FailBelow != "" {
		d, err := rateFlag("fail-below", o.FailBelow)
		if err != nil {
			return err
		}
		failBelow = &d
	}
	var asOf time.Time
	if o.AsOf != "" {
		if asOf, err = time.Parse("2006-01-02", o.AsOf); err != nil {
			return usageError{fmt.Errorf("--as-of %q: give a date as YYYY-MM-DD", o.AsOf)}
		}
	}

	fwPath := frameworkPath(o.Framework, o.Workbook)
	var fw *indicators.Framework
	if _, err := os.Stat(fwPath); o.Framework != "" || !errors.Is(err, fs.ErrNotExist) {
		lf, err := loadFramework(fwPath, o.Framework != "")
		if err != nil {
			return err
		}
		fw = lf.fw
	}
	in, err := workbook.Read(o.Workbook, workbook.Options{Password: o.Password})
	if err != nil {
		return err
	}
	if asOf.IsZero() {
		asOf = in.Project.AsOf
	}
	check, err := scoring.CheckExecution(in, fw, asOf, th)
	if err != nil {
		return err
	}
	for _, w := range check.Warnings {
		fmt.Fprintf(s.Err, "perfeval: warning: %s\n", w)
	}
	precision := int32(2)
	if fw != nil {
		precision = fw.Precision
	}
	err = writeOutput(o.Output, s.Out, []string{o.Workbook, fwPath}, func(w io.Writer) error {
		return render(w, format, func() report.Document { return report.ExecutionDocument(check, precision) },
			func() any { return report.NewExecutionCheckJSON(check, precision) })
	})
	if err != nil {
		return err
	}
	if failBelow != nil && check.Rate.LessThan(*failBelow) {
		fmt.Fprintf(s.Err, "perfeval: execution rate %s is below %s\n", report.Pct(check.Rate).Text, report.Pct(*failBelow).Text)
		return exitError{ExitBelow}
	}
	return nil
}
