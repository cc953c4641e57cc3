package cli

import (
	"fmt"
	"strings"

	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/pipeline"
	"github.com/spf13/cobra"
)

type initOptions struct {
	Dir      string
	Template string
	Force    bool
	From     string
}

func newInitCmd(s Streams) *cobra.Command {
	var o initOptions
	cmd := &cobra.Command{
		Use:   "init DIR [--kind evaluation|self-evaluation|targets | --from 指标体系.xlsx]",
		Short: lang.T("Write a framework and a blank workbook to start from"),
		Long: lang.Sprintf(`Write DIR/framework.yaml (a built-in framework, commented in Chinese) and
DIR/workbook.xlsx: every sheet with its headers, code columns formatted as
text, number columns validated, the framework's leaves pre-filled in
绩效目标 and 扣分, and a 说明 sheet explaining every column. Existing files
are left alone unless --force.

Templates: %s; and targets, which writes DIR/目标表.xlsx, a blank target
table (项目支出绩效目标表) in the national layout for perfeval targets.

--from FILE starts from a framework of your own instead: an Excel 指标体系
sheet (written to DIR/framework.yaml as YAML) or a framework YAML.`, strings.Join(pipeline.Templates(), ", ")),
		Example: `  perfeval init myproject
  perfeval init myproject --kind self-evaluation
  perfeval init 2025 --kind targets
  perfeval init myproject --from 指标体系.xlsx`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, a []string) error {
			o.Dir = a[0]
			if o.From != "" && (cmd.Flags().Changed("kind") || cmd.Flags().Changed("template")) {
				return usageError{lang.Errorf("--from and --kind are alternatives: give one")}
			}
			return initRun(o, s)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Template, "kind", "evaluation", lang.Sprintf("the built-in `framework`: %s (or targets: a blank target table)", strings.Join(pipeline.Templates(), " or ")))
	// --template, init's old name for --kind, still works with a note:
	// elsewhere --template is a directory of wording.
	var old string
	f.StringVar(&old, "template", "", "")
	f.MarkHidden("template")
	cmd.PreRunE = func(cmd *cobra.Command, _ []string) error {
		if !f.Changed("template") {
			return nil
		}
		if f.Changed("kind") && old != o.Template {
			return usageError{lang.Errorf("--template %q and --kind %q: give --kind alone", old, o.Template)}
		}
		o.Template = old
		fmt.Fprintf(s.Err, "perfeval: %s\n", lang.Sprintf("note: init's --template is now --kind (--template elsewhere names a wording directory)"))
		return nil
	}
	f.BoolVar(&o.Force, "force", false, lang.T("overwrite existing files"))
	f.StringVar(&o.From, "from", "", lang.T("start from this framework `file` (an Excel 指标体系 sheet or YAML)"))
	return cmd
}

func initRun(o initOptions, s Streams) error {
	if o.Template == pipeline.TargetsTemplate {
		path, err := pipeline.InitTargets(o.Dir, o.Force)
		if err != nil {
			return err
		}
		fmt.Fprint(s.Out, lang.Sprintf("wrote %s (a blank target table: fill in the project, the funds, the goals and the 三级 indicators)\nnext: perfeval targets %s\n", path, path))
		return nil
	}
	start := func() (*pipeline.Started, error) { return pipeline.Init(o.Dir, o.Template, o.Force) }
	if o.From != "" {
		start = func() (*pipeline.Started, error) { return pipeline.InitFrom(o.Dir, o.From, o.Force) }
	}
	st, err := start()
	if err != nil {
		return err
	}
	fw := st.Parsed
	fmt.Fprint(s.Out, lang.Sprintf("wrote %s (%s: %d indicators, %s points)\nwrote %s (fill in 项目信息, 绩效目标, 扣分, 预算执行, 支出明细)\nnext: perfeval validate %s\n",
		st.Framework, fw.Name, len(fw.Leaves()), fw.Total, st.Workbook, st.Workbook))
	return nil
}
