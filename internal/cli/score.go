package cli

import (
	"io"

	"github.com/perfeval/perfeval/internal/report"
	"github.com/perfeval/perfeval/scoring"
	"github.com/spf13/cobra"
)

type scoreOptions struct {
	Workbooks []string
	Framework string
	Format    string
	Output    string
	Password  string
}

func newScoreCmd(s Streams) *cobra.Command {
	var o scoreOptions
	cmd := &cobra.Command{
		Use:   "score WORKBOOK [-f framework.yaml]",
		Short: "Score a project-year's workbook against a framework",
		Long: `Score a project-year's workbook against a framework and print the
tables: 一级指标得分, 指标明细 (every indicator with its trace),
绩效目标完成情况 and 资金执行.

Without -f, the framework is framework.yaml beside the workbook.`,
		Example: `  perfeval score examples/gd12355/2024.xlsx
  perfeval score 2024.xlsx -f framework.yaml --format json -o 2024.json`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			o.Workbooks = a
			return scoreRun(o, s)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Framework, "framework", "f", "", "the framework `file` (default: framework.yaml beside the workbook)")
	f.StringVar(&o.Format, "format", "", "output `format`: text, json, csv, md, xlsx (default: from -o's extension, else text)")
	f.StringVarP(&o.Output, "output", "o", "", "write the output to `file` (written whole or not at all)")
	f.StringVar(&o.Password, "password", "", "the `password` of an encrypted workbook")
	return cmd
}

func scoreRun(o scoreOptions, s Streams) error {
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
	res, err := scoreWorkbook(wb, lf, o.Password)
	if err != nil {
		return err
	}
	warn(s, res)
	return writeOutput(o.Output, s.Out, []string{wb, fwPath}, func(w io.Writer) error {
		return writeScore(w, format, res)
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
