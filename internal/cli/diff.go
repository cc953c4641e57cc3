package cli

import (
	"github.com/perfeval/perfeval/internal/diff"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/pipeline"
	"github.com/perfeval/perfeval/internal/report"
	"github.com/perfeval/perfeval/scoring"
	"github.com/spf13/cobra"
)

type diffOptions struct {
	Old, New     string
	OldFramework string
	NewFramework string
	All          bool
	Password     string
	outputOptions
}

func newDiffCmd(s Streams) *cobra.Command {
	var o diffOptions
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: lang.T("Compare two results: what moved, by how much, and why"),
		Long: lang.T(`Compare two results of a project — two years, or two evaluations of one
year. OLD and NEW are result JSON files (perfeval score --format json) or
workbooks, scored with the framework beside them or --old-framework /
--new-framework.

Indicators are matched by code. Each is unchanged, changed, added, removed or
reweighted; a change of the framework (weight, rule, name) is called out as
such, and a changed target, actual or deduction is shown next to the score it
explains. The leaves' changes are reconciled with the change of the total.`),
		Example: `  perfeval diff examples/gd12355/2023.xlsx examples/gd12355/2024.xlsx
  perfeval diff 2023.json 2024.json --format json -o diff.json`,
		Args: exactArgs(2),
		RunE: func(cmd *cobra.Command, a []string) error {
			o.Old, o.New = a[0], a[1]
			return diffRun(o, s)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.OldFramework, "old-framework", "", lang.T("the framework `file` of OLD when it is a workbook"))
	f.StringVar(&o.NewFramework, "new-framework", "", lang.T("the framework `file` of NEW when it is a workbook"))
	o.outputOptions.flags(cmd, s, true)
	f.BoolVar(&o.All, "all", false, lang.T("show unchanged indicators too"))
	f.StringVar(&o.Password, "password", "", lang.T("the `password` of encrypted workbooks"))
	return cmd
}

func diffRun(o diffOptions, s Streams) error {
	if err := o.check(); err != nil {
		return err
	}
	words, err := o.wording()
	if err != nil {
		return err
	}
	old, errOld := pipeline.Load(o.Old, o.OldFramework, o.Password, scoring.Options{})
	new, errNew := pipeline.Load(o.New, o.NewFramework, o.Password, scoring.Options{})
	if errOld != nil || errNew != nil {
		if errOld != nil && errNew != nil {
			printError(s.Err, errOld)
			return errNew
		}
		if errOld != nil {
			return errOld
		}
		return errNew
	}
	warn(s, old.Warnings)
	warn(s, new.Warnings)
	d, err := diff.Compare(diff.Side{Result: old, Source: o.Old}, diff.Side{Result: new, Source: o.New})
	if err != nil {
		return err
	}
	outputs, err := o.outputs(report.DiffOutput(d, o.All, words))
	if err != nil {
		return err
	}
	return write(s, []string{o.Old, o.New}, outputs)
}
