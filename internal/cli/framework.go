package cli

import (
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/pipeline"
	"github.com/spf13/cobra"
)

type frameworkOptions struct {
	In, Out string
}

func newFrameworkCmd(s Streams) *cobra.Command {
	var o frameworkOptions
	cmd := &cobra.Command{
		Use:   "framework IN [-o OUT]",
		Short: lang.T("Convert a framework between YAML and an Excel 指标体系 sheet"),
		Long: lang.T(`Read a framework, YAML or an Excel 指标体系 sheet (told by its content),
check it as score would, and write it as -o names: an .xlsx file gets a
指标体系 sheet (一级指标 … 分值, 计分方法, 指标解释, 评分标准), a .yaml file
(or standard output, without -o) the YAML. Either way is lossless: every
key of the YAML survives the sheet.`),
		Example: `  perfeval framework examples/gd12355/framework.yaml -o 指标体系.xlsx
  perfeval framework 指标体系.xlsx -o framework.yaml`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, a []string) error {
			o.In = a[0]
			return frameworkRun(o, s)
		},
	}
	cmd.Flags().StringVarP(&o.Out, "output", "o", "", lang.T("write to `file` (.xlsx or .yaml; default: YAML to standard output)"))
	return cmd
}

func frameworkRun(o frameworkOptions, s Streams) error {
	fw, err := pipeline.OpenFramework(o.In, true)
	if err != nil {
		return err
	}
	out, err := pipeline.FrameworkOutput(fw.Framework, o.Out)
	if err != nil {
		return err
	}
	return write(s, []string{o.In}, []pipeline.Output{out})
}
