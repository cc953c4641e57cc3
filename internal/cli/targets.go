package cli

import (
	"fmt"

	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/pipeline"
	"github.com/perfeval/perfeval/internal/report"
	"github.com/spf13/cobra"
)

type targetsOptions struct {
	Files, Previous, Against []string
	outputOptions
}

func newTargetsCmd(s Streams) *cobra.Command {
	var o targetsOptions
	cmd := &cobra.Command{
		Use:   "targets TABLE|DIR... [--previous FILE|DIR...] [--against FORM|DIR...] [--format …] [-o FILE]",
		Short: lang.T("Review target tables (项目支出绩效目标表) before the budget is approved"),
		Long: lang.T(`Review the target tables units file (绩效目标审核, SPEC §9), as printed:
template rows left in, a 三级 indicator with no 指标值, a rate above 100%
that cannot exceed it, 财政拨款 + 其他资金 that are not 年度资金总额, 分值
that do not add up to 100 (errors); a numeric target with no unit, a target
under 数量, 质量, 时效 or 成本 that cannot be measured, a budget indicator
under 产出 or 效益 or a 满意度 indicator outside 满意度, a 成本 target
written as a floor, no 数量, 质量, 效益 or 满意度 indicator at all, one
indicator carrying more than 30 of 100 points (warnings).

--previous names last year's self-evaluation forms (or target tables) of
the same projects: a target below last year's actual is low_ambition
(warning), one kept unchanged though last year's actual beat it by more
than 20% unchanged_target (note). --against names this year's
self-evaluation forms: an indicator dropped or added, or a target changed
after the fact (warnings), and a 年度资金总额 other than the form's 年初预算数
(note). Documents are matched to tables by 项目编码, else 项目名称, and
indicators by their 一级/二级/三级 names (spaces, full-width forms, ★ and
a points suffix aside).

The word lists (vague words, budget indicators, rates that cannot exceed
100%, words of output) are data: --template DIR holding a words.yaml
replaces them (perfeval's own is templates/targets/words.yaml).

Exit status: 0 when nothing is found, 3 when any error or warning is, 1
when a file cannot be read at all (the others are still reviewed).`),
		Example: `  perfeval targets 目标表/
  perfeval targets 目标表/ --previous 2024自评表/ --against 2025自评表/
  perfeval targets 目标表/ -o 审核.xlsx`,
		Args: minArgs(1),
		RunE: func(cmd *cobra.Command, a []string) error {
			o.Files = a
			return targetsRun(o, s)
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&o.Previous, "previous", nil, lang.T("last year's self-evaluation forms or target tables (`files` or directories)"))
	f.StringSliceVar(&o.Against, "against", nil, lang.T("this year's self-evaluation forms to hold the tables to (`files` or directories)"))
	o.outputOptions.flags(cmd, s, false)
	return cmd
}

func targetsRun(o targetsOptions, s Streams) error {
	if err := o.check(); err != nil {
		return err
	}
	words, err := o.wording()
	if err != nil {
		return err
	}
	var req pipeline.TargetsRequest
	if req.Words, err = pipeline.TargetWords(o.Template); err != nil {
		return err
	}
	if req.Tables, err = pipeline.Workbooks(o.Files); err != nil {
		return err
	}
	if req.Previous, err = pipeline.Workbooks(o.Previous); err != nil {
		return err
	}
	if req.Against, err = pipeline.Workbooks(o.Against); err != nil {
		return err
	}
	run, err := pipeline.ReviewTargets(req)
	if err != nil {
		return err
	}
	for _, err := range run.Errors {
		if err != nil {
			printError(s.Err, err)
		}
	}
	outputs, err := o.outputs(report.TargetsOutput(run, words))
	if err != nil {
		return err
	}
	if err := write(s, req.Tables, outputs); err != nil {
		return err
	}
	n := report.TargetTotals(run)
	switch {
	case n.Failed > 0:
		fmt.Fprintf(s.Err, "perfeval: %s\n", lang.Sprintf("%d of %d files could not be reviewed", n.Failed, len(req.Tables)))
		return exitError{ExitInput}
	case n.Errors+n.Warnings > 0:
		return exitError{ExitFindings}
	}
	return nil
}
