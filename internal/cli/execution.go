package cli

import (
	"fmt"
	"strings"

	"github.com/perfeval/perfeval/internal/document"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/pipeline"
	"github.com/perfeval/perfeval/internal/report"
	"github.com/perfeval/perfeval/internal/workbook"
	"github.com/perfeval/perfeval/scoring"
	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

type executionOptions struct {
	Workbook  string
	Framework string
	Password  string
	FailBelow string
	outputOptions
	scheduleOptions
}

// scheduleOptions set the time schedule and its warning levels.
type scheduleOptions struct {
	AsOf   string
	Red    string
	Yellow string
}

func (o *scheduleOptions) flags(f *pflag.FlagSet) {
	f.StringVar(&o.AsOf, "as-of", "", lang.T("the `date` of the time schedule: 2024-09-30, 2024/09/30, 2024.9.30 or 2024年9月30日 (default: the workbook's 评价基准日)"))
	f.StringVar(&o.Red, "red", "0.6", lang.T("spending progress ÷ schedule below this `fraction` is 红"))
	f.StringVar(&o.Yellow, "yellow", "0.8", lang.T("spending progress ÷ schedule below this `fraction` is 黄"))
}

func (o *scheduleOptions) options() (scoring.Options, error) {
	var opts scoring.Options
	var err error
	if opts.Thresholds.Red, err = rateFlag("red", o.Red); err != nil {
		return opts, err
	}
	if opts.Thresholds.Yellow, err = rateFlag("yellow", o.Yellow); err != nil {
		return opts, err
	}
	if opts.Thresholds.Red.GreaterThan(opts.Thresholds.Yellow) {
		return opts, usageError{lang.Errorf("--red %s is above --yellow %s", o.Red, o.Yellow)}
	}
	if o.AsOf != "" {
		var ok bool
		if opts.AsOf, ok = workbook.ParseDate(o.AsOf); !ok {
			return opts, usageError{lang.Errorf("--as-of %q is not a date: write 2024-09-30, 2024/09/30, 2024.9.30 or 2024年9月30日", o.AsOf)}
		}
		if y := opts.AsOf.Year(); y < scoring.MinYear || y > scoring.MaxYear {
			return opts, usageError{lang.Errorf("--as-of %q: the year must be from %d to %d", o.AsOf, scoring.MinYear, scoring.MaxYear)}
		}
	}
	return opts, nil
}

func newExecutionCmd(s Streams) *cobra.Command {
	var o executionOptions
	cmd := &cobra.Command{
		Use:   "execution WORKBOOK [-f framework.yaml] [--as-of DATE] [--fail-below RATE]",
		Short: lang.T("Check budget execution, the gap to the time schedule and the execution rule's deductions"),
		Long: lang.T(`Check a workbook's 预算执行 and 支出明细 sheets: the execution rate of every
fund line and in total, spending progress against the time schedule
(序时进度: months completed ÷ 12 at --as-of, by default the workbook's
评价基准日), the warning level (红 / 黄 / 绿), overspent items, subtotals that
do not add up, and — with a framework — the points every indicator scored
by the execution rule loses.

With --fail-below, the exit status is 3 when the execution rate is below the
given rate (0.9 or 90%), so the check can gate a pipeline.`),
		Example: `  perfeval execution examples/gd12355/2024.xlsx
  perfeval execution 2024.xlsx --as-of 2024-09-30 --fail-below 0.9`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, a []string) error {
			o.Workbook = a[0]
			return executionRun(o, s)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Framework, "framework", "f", "", lang.T("the framework `file` (default: framework.yaml beside the workbook, if there is one)"))
	o.outputOptions.flags(cmd, s, false)
	o.scheduleOptions.flags(f)
	f.StringVar(&o.Password, "password", "", lang.T("the `password` of an encrypted workbook"))
	f.StringVar(&o.FailBelow, "fail-below", "", lang.T("exit 3 when the execution rate is below `rate` (0.9 or 90%)"))
	return cmd
}

// rateFlag reads a rate from 0 to 1, given as a fraction (0.9) or a
// percentage (90%): a plain number, with no unit, scale or separator.
func rateFlag(name, s string) (decimal.Decimal, error) {
	text, pct := strings.CutSuffix(strings.TrimSpace(s), "%")
	if !pct {
		text, pct = strings.CutSuffix(text, "％")
	}
	text = strings.TrimSpace(text)
	d, err := decimal.NewFromString(text)
	if err == nil && pct {
		d = d.Shift(-2)
	}
	if err == nil && !pct && d.GreaterThan(decimal.NewFromInt(1)) && d.LessThanOrEqual(decimal.NewFromInt(100)) && !strings.ContainsAny(text, "eE") {
		return d, usageError{lang.Errorf("--%s %q: give a rate from 0 to 1, such as 0.9 or 90%% (did you mean %s%%?)", name, s, text)}
	}
	if err != nil || strings.ContainsAny(text, "eE") || d.IsNegative() || d.GreaterThan(decimal.NewFromInt(1)) {
		return d, usageError{lang.Errorf("--%s %q: give a rate from 0 to 1, such as 0.9 or 90%%", name, s)}
	}
	return d, nil
}

func executionRun(o executionOptions, s Streams) error {
	opts, err := o.scheduleOptions.options()
	if err != nil {
		return err
	}
	var failBelow *decimal.Decimal
	if o.FailBelow != "" {
		d, err := rateFlag("fail-below", o.FailBelow)
		if err != nil {
			return err
		}
		failBelow = &d
	}
	if err := o.check(); err != nil {
		return err
	}
	words, err := o.wording()
	if err != nil {
		return err
	}
	res, err := pipeline.Execution(o.Workbook, o.Framework, o.Password, opts)
	if err != nil {
		return err
	}
	warn(s, res.Warnings)
	outputs, err := o.outputs(report.ExecutionOutput(res, words))
	if err != nil {
		return err
	}
	if err := write(s, []string{o.Workbook, pipeline.FrameworkPath(o.Framework, o.Workbook)}, outputs); err != nil {
		return err
	}
	if failBelow != nil && res.Execution.Rate.LessThan(*failBelow) {
		fmt.Fprintf(s.Err, "perfeval: %s\n", lang.Sprintf("execution rate %s is below %s", document.Pct(res.Execution.Rate).Text, document.Pct(*failBelow).Text))
		return exitError{ExitBelow}
	}
	return nil
}
