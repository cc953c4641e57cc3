package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/perfeval/perfeval/internal/report"
	"github.com/spf13/pflag"
)

// Output formats.
var formats = []string{"text", "json", "csv", "md", "xlsx"}

// outputFlags defines --format and -o, which every command that writes a
// result takes.
func outputFlags(f *pflag.FlagSet, format, output *string) {
	f.StringVar(format, "format", "", "output `format`: "+strings.Join(formats, ", ")+" (default: from -o's extension, else text)")
	f.StringVarP(output, "output", "o", "", "write the output to `file` (written whole or not at all)")
}

// pickFormat chooses the writer: --format if given, else the -o file's
// extension, else text.
func pickFormat(flag, out string) (string, error) {
	format, err := formatOf(flag, out)
	if err == nil && format == "xlsx" && (out == "" || out == "-") {
		return "", usageError{fmt.Errorf("the xlsx format is a file: give -o FILE.xlsx")}
	}
	return format, err
}

func formatOf(flag, out string) (string, error) {
	if flag != "" {
		f := strings.ToLower(flag)
		if f == "markdown" {
			f = "md"
		}
		if f == "txt" {
			f = "text"
		}
		if !slices.Contains(formats, f) {
			return "", usageError{fmt.Errorf("unknown format %q (one of %s)", flag, strings.Join(formats, ", "))}
		}
		return f, nil
	}
	switch strings.ToLower(filepath.Ext(out)) {
	case ".json":
		return "json", nil
	case ".csv":
		return "csv", nil
	case ".md", ".markdown":
		return "md", nil
	case ".xlsx":
		return "xlsx", nil
	}
	return "text", nil
}

// render writes a document in a table format, or its JSON value.
func render(w io.Writer, format string, doc func() report.Document, value func() any) error {
	switch format {
	case "json":
		return report.WriteJSON(w, value())
	case "csv":
		return report.WriteCSV(w, doc())
	case "md":
		return report.WriteMarkdown(w, doc())
	case "xlsx":
		return report.WriteXLSX(w, doc())
	default:
		return report.WriteText(w, doc())
	}
}

// writeOutput writes to path atomically, or to w when path is "" or "-".
// It refuses to write over any of the inputs.
func writeOutput(path string, w io.Writer, inputs []string, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return write(w)
	}
	if err := notAnInput(path, inputs); err != nil {
		return err
	}
	return writeAtomic(path, write)
}

func notAnInput(path string, inputs []string) error {
	out, err := os.Stat(path)
	if err != nil {
		return nil
	}
	for _, in := range inputs {
		if fi, err := os.Stat(in); err == nil && os.SameFile(fi, out) {
			return fmt.Errorf("%s: refusing to write the output over an input file", path)
		}
	}
	return nil
}

// writeAtomic writes a temporary file beside path and renames it into
// place, so that a failure never leaves a half-written file and an
// existing file is replaced whole or not at all.
func writeAtomic(path string, write func(io.Writer) error) (err error) {
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		// A device or a pipe (/dev/null, /dev/stdout) is written in place:
		// renaming over it would replace it.
		if fi.IsDir() {
			return fmt.Errorf("%s: is a directory", path)
		}
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("%s: cannot write: %w", path, unwrapPath(err))
		}
		defer f.Close()
		return write(f)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("%s: cannot write: %w", path, unwrapPath(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("%s: cannot write: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s: cannot write: %w", path, unwrapPath(err))
	}
	return nil
}

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
