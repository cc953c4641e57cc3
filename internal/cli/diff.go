package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/perfeval/perfeval/internal/diff"
	"github.com/perfeval/perfeval/internal/report"
	"github.com/perfeval/perfeval/templates"
	"github.com/spf13/cobra"
)

type diffOptions struct {
	Old, New     string
	OldFramework string
	NewFramework string
	Format       string
	Output       string
	PDF          string
	Template     string
	All          bool
	Password     string
}

func newDiffCmd(s Streams) *cobra.Command {
	var o diffOptions
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Compare two results: what moved, by how much, and why",
		Long: `Compare two results of a project — two years, or two evaluations of one
year. OLD and NEW are result JSON files (perfeval score --format json) or
workbooks, scored with the framework beside them or --old-framework /
--new-framework.

Indicators are matched by code. Each is unchanged, changed, added, removed or
reweighted; a change of the framework (weight, rule, name) is called out as
such, and a changed target, actual or deduction is shown next to the score it
explains. The leaves' changes are reconciled with the change of the total.`,
		Example: `  perfeval diff examples/gd12355/2023.xlsx examples/gd12355/2024.xlsx
  perfeval diff 2023.json 2024.json --format json -o diff.json`,
		Args: args(cobra.ExactArgs(2)),
		RunE: func(cmd *cobra.Command, a []string) error {
			o.Old, o.New = a[0], a[1]
			return diffRun(o, s)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.OldFramework, "old-framework", "", "the framework `file` of OLD when it is a workbook")
	f.StringVar(&o.NewFramework, "new-framework", "", "the framework `file` of NEW when it is a workbook")
	outputFlags(f, &o.Format, &o.Output)
	f.StringVar(&o.PDF, "pdf", "", "also write a comparison report as a PDF `file`")
	f.StringVar(&o.Template, "template", "", "take the report wording from the *.tmpl files in `dir`")
	f.BoolVar(&o.All, "all", false, "show unchanged indicators too")
	f.StringVar(&o.Password, "password", "", "the `password` of encrypted workbooks")
	return cmd
}

// loadSide reads a result JSON, or scores a workbook.
func loadSide(path, framework, password string) (diff.Side, []string, error) {
	side := diff.Side{Source: path}
	data, err := os.ReadFile(path)
	if err != nil {
		return side, nil, fmt.Errorf("%s: cannot read: %v", path, unwrapPath(err))
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if bytes.HasPrefix(trimmed, []byte("{")) {
		var r report.ResultJSON
		if err := json.Unmarshal(trimmed, &r); err != nil {
			return side, nil, fmt.Errorf("%s: not a perfeval result JSON: %v", path, err)
		}
		if r.Tool != "perfeval" || len(r.Indicators) == 0 {
			return side, nil, fmt.Errorf("%s: not a perfeval result (write one with perfeval score --format json)", path)
		}
		side.Result = &r
		return side, nil, nil
	}
	fwPath := frameworkPath(framework, path)
	lf, err := loadFramework(fwPath, framework != "")
	if err != nil {
		return side, nil, err
	}
	res, err := scoreWorkbook(path, lf, password)
	if err != nil {
		return side, nil, err
	}
	var warnings []string
	for _, w := range res.Warnings {
		warnings = append(warnings, w.String())
	}
	r := report.NewResultJSON(res, Version)
	side.Result = &r
	return side, warnings, nil
}

func diffRun(o diffOptions, s Streams) error {
	format, err := pickFormat(o.Format, o.Output)
	if err != nil {
		return err
	}
	var words *templates.Wording
	if o.PDF != "" {
		if words, err = templates.LoadWording(o.Template); err != nil {
			return err
		}
	}
	old, wOld, errOld := loadSide(o.Old, o.OldFramework, o.Password)
	new, wNew, errNew := loadSide(o.New, o.NewFramework, o.Password)
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
	for _, w := range append(wOld, wNew...) {
		fmt.Fprintf(s.Err, "perfeval: warning: %s\n", w)
	}
	d, err := diff.Compare(old, new)
	if err != nil {
		return err
	}
	inputs := []string{o.Old, o.New}
	if err := writeOutput(o.Output, s.Out, inputs, func(w io.Writer) error {
		return render(w, format, func() report.Document { return d.Document(o.All) }, func() any { return d.JSON() })
	}); err != nil {
		return err
	}
	if o.PDF == "" {
		return nil
	}
	if err := notAnInput(o.PDF, inputs); err != nil {
		return err
	}
	return writeAtomic(o.PDF, func(w io.Writer) error {
		notes, err := templates.WriteDiffPDF(w, d, o.All, templates.PDFOptions{Version: Version, Wording: words})
		for _, n := range notes {
			fmt.Fprintf(s.Err, "perfeval: warning: %s: %s\n", o.PDF, n)
		}
		return err
	})
}
