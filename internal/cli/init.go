package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/workbook"
	"github.com/perfeval/perfeval/templates"
	"github.com/spf13/cobra"
)

type initOptions struct {
	Dir      string
	Template string
	Force    bool
}

func newInitCmd(s Streams) *cobra.Command {
	var o initOptions
	cmd := &cobra.Command{
		Use:   "init DIR [--template evaluation|self-evaluation]",
		Short: "Write a framework and a blank workbook to start from",
		Long: `Write DIR/framework.yaml (a built-in framework, commented in Chinese) and
DIR/workbook.xlsx: every sheet with its headers, code columns formatted as
text, number columns validated, the framework's leaves pre-filled in
绩效目标 and 扣分, and a 说明 sheet explaining every column. Existing files
are left alone unless --force.

Templates: ` + strings.Join(templates.FrameworkNames(), ", ") + `.`,
		Example: `  perfeval init myproject
  perfeval init myproject --template self-evaluation`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			o.Dir = a[0]
			return initRun(o, s)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Template, "template", "evaluation", "the built-in `framework`: "+strings.Join(templates.FrameworkNames(), " or "))
	f.BoolVar(&o.Force, "force", false, "overwrite existing files")
	return cmd
}

func initRun(o initOptions, s Streams) error {
	yaml, err := templates.Framework(o.Template)
	if err != nil {
		return usageError{err}
	}
	fwPath := filepath.Join(o.Dir, "framework.yaml")
	wbPath := filepath.Join(o.Dir, "workbook.xlsx")
	if !o.Force {
		var exist []string
		for _, p := range []string{fwPath, wbPath} {
			if _, err := os.Stat(p); !errors.Is(err, fs.ErrNotExist) {
				exist = append(exist, p)
			}
		}
		if len(exist) > 0 {
			return &indicators.Error{Pos: indicators.Pos{File: exist[0]}, Msg: "already exists; nothing was written", Hint: "use --force to overwrite"}
		}
	}
	fw, err := indicators.Parse(fwPath, yaml)
	if err != nil {
		return fmt.Errorf("built-in framework %s: %w", o.Template, err)
	}
	book, err := workbook.Blank(fw)
	if err != nil {
		return err
	}
	defer book.Close()
	if err := os.MkdirAll(o.Dir, 0o755); err != nil {
		return fmt.Errorf("%s: cannot create: %v", o.Dir, unwrapPath(err))
	}
	if err := writeAtomic(fwPath, func(w io.Writer) error { _, err := w.Write(yaml); return err }); err != nil {
		return err
	}
	if err := writeAtomic(wbPath, func(w io.Writer) error { _, err := book.WriteTo(w); return err }); err != nil {
		return err
	}
	fmt.Fprintf(s.Out, "wrote %s (%s: %d indicators, %s points)\nwrote %s (fill in 项目信息, 绩效目标, 扣分, 预算执行, 支出明细)\nnext: perfeval validate %s\n",
		fwPath, fw.Name, len(fw.Leaves()), fw.Total, wbPath, wbPath)
	return nil
}
