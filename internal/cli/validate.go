package cli

import (
	"fmt"

	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/pipeline"
	"github.com/spf13/cobra"
)

type validateOptions struct {
	Workbook  string
	Framework string
	Password  string
}

func newValidateCmd(s Streams) *cobra.Command {
	var o validateOptions
	cmd := &cobra.Command{
		Use:   "validate [-f framework.yaml] [WORKBOOK]",
		Short: lang.T("Check a framework and a workbook, reporting every problem at once"),
		Long: lang.T(`Check everything score would: the framework (YAML syntax, keys, rules,
codes, weights) and, if given, the workbook (sheets, columns, values,
units, deductions, budgets). Every problem is reported, sorted by place —
framework.yaml:14:7, 2024.xlsx!绩效目标!D7 — and the exit status is 1 if
there is any.

Without -f, the framework is framework.yaml beside the workbook (or in the
current directory when no workbook is given).`),
		Example: `  perfeval validate -f framework.yaml
  perfeval validate examples/gd12355/2024.xlsx`,
		Args: rangeArgs(0, 1),
		RunE: func(cmd *cobra.Command, a []string) error {
			if len(a) == 1 {
				o.Workbook = a[0]
			}
			return validateRun(o, s)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Framework, "framework", "f", "", lang.T("the framework `file`"))
	f.StringVar(&o.Password, "password", "", lang.T("the `password` of an encrypted workbook"))
	return cmd
}

func validateRun(o validateOptions, s Streams) error {
	fwPath := o.Framework
	if fwPath == "" {
		fwPath = "framework.yaml"
		if o.Workbook != "" {
			fwPath = pipeline.FrameworkPath("", o.Workbook)
		}
	}
	v, err := pipeline.Validate(fwPath, o.Framework != "" || o.Workbook == "", o.Workbook, o.Password)
	for _, w := range v.Warnings {
		fmt.Fprintf(s.Err, "perfeval: %s\n", lang.Sprintf("warning: %s", w))
	}
	if err != nil {
		return err
	}
	fw := v.Framework
	fmt.Fprint(s.Out, lang.Sprintf("%s: ok (%s: %d indicators, %s points)\n", fw.File.Name, fw.Name, len(fw.Leaves()), fw.Total))
	if v.Result != nil {
		fmt.Fprint(s.Out, lang.Sprintf("%s: ok (total %s, %s)\n", o.Workbook, v.Result.Total.StringFixed(fw.Precision), v.Result.Grade))
	}
	return nil
}
