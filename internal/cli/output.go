package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/perfeval/perfeval/internal/document"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/pipeline"
	"github.com/perfeval/perfeval/internal/render"
	"github.com/perfeval/perfeval/internal/report"
	"github.com/spf13/cobra"
)

// outputOptions are the flags of every command that writes an output.
type outputOptions struct {
	Format   string
	Output   string
	PDF      string // --pdf FILE: also the report as a PDF
	DOCX     string // --docx FILE: also the report as a Word document
	Template string // --template DIR: the wording

	terminal render.Layout // standard output is this terminal; zero: a pipe or a file
	// form: the command writes the national form (--format form); set
	// before flags. Elsewhere form is not offered, and asking for it is a
	// usage mistake.
	form bool
}

// formats are the names --format offers.
func (o *outputOptions) formats() []string {
	if o.form {
		return render.Names()
	}
	return slices.DeleteFunc(render.Names(), func(n string) bool { return n == "form" })
}

// completions offers the values of the output flags to shell completion:
// the format names, and directories for --template.
func (o *outputOptions) completions(cmd *cobra.Command) {
	cmd.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return o.formats(), cobra.ShellCompDirectiveNoFileComp
	})
	cmd.MarkFlagDirname("template")
	for _, flag := range []string{"pdf", "docx"} {
		if cmd.Flags().Lookup(flag) != nil {
			cmd.MarkFlagFilename(flag, flag)
		}
	}
}

// flags registers the output flags; s says whether standard output is a
// terminal to fit the text to.
func (o *outputOptions) flags(cmd *cobra.Command, s Streams, report bool) {
	defer o.completions(cmd)
	o.terminal = s.Terminal
	f := cmd.Flags()
	f.StringVar(&o.Format, "format", "", lang.Sprintf("output `format`: %s (default: from -o's extension, else text)", strings.Join(o.formats(), ", ")))
	f.StringVarP(&o.Output, "output", "o", "", lang.T("write the output to `file`; its extension picks the format (written whole or not at all)"))
	f.StringVar(&o.Template, "template", "", lang.T("take the wording from the *.tmpl files in `dir`"))
	if report {
		f.StringVar(&o.PDF, "pdf", "", lang.T("also write the report as a PDF `file`"))
		f.StringVar(&o.DOCX, "docx", "", lang.T("also write the report as a Word `file` (.docx) to edit"))
	}
}

// wording loads the wording the options ask for.
// Tables speak the language of the messages; the report is Chinese unless
// --lang en.
func (o *outputOptions) wording() (*report.Wording, error) {
	english := lang.Current() == lang.English
	w, err := report.LoadWordingIn(o.Template, english)
	if err != nil || english == reportEnglish {
		return w, err
	}
	r, err := report.LoadWordingIn(o.Template, reportEnglish)
	if err != nil {
		return nil, err
	}
	return w.WithReport(r), nil
}

// outputs are the files (or standard output) that the options ask for,
// each drawn from out by its format. Formats are checked before any work,
// and each one's set-up (the PDF font) starts then, while inputs are read.
func (o *outputOptions) outputs(out document.Output) ([]pipeline.Output, error) {
	if f, ok := render.Lookup(o.Format); ok && f.Name == "form" && !o.form {
		return nil, usageError{lang.Errorf("the form format is written by score only")}
	}
	f, err := render.Pick(o.Format, o.Output)
	if err != nil {
		if o.Output != "" {
			err = lang.Errorf("-o %w", err)
		}
		return nil, usageError{err}
	}
	f.Prepare()
	if o.Output == "" || o.Output == "-" {
		f = f.OnTerminal(o.terminal)
	}
	list := []pipeline.Output{{Path: o.Output, Write: func(w io.Writer) ([]string, error) { return f.Write(w, out) }}}
	for _, also := range []struct{ format, path string }{{"pdf", o.PDF}, {"docx", o.DOCX}} {
		if also.path == "" {
			continue
		}
		f, err := render.Pick(also.format, also.path)
		if err != nil {
			return nil, usageError{lang.Errorf("--%s %w", also.format, err)}
		}
		f.Prepare()
		list = append(list, pipeline.Output{Path: also.path, Write: func(w io.Writer) ([]string, error) { return f.Write(w, out) }})
	}
	return list, nil
}

// check picks the formats without building anything, so that a usage
// mistake is reported before any input is read.
func (o *outputOptions) check() error {
	_, err := o.outputs(document.Output{})
	return err
}

// write writes the outputs all or nothing and prints the warnings met.
func write(s Streams, inputs []string, outputs []pipeline.Output) error {
	notes, err := pipeline.WriteAll(s.Out, inputs, outputs...)
	for _, n := range notes {
		fmt.Fprintf(s.Err, "perfeval: %s\n", lang.Sprintf("warning: %s", n))
	}
	return err
}
