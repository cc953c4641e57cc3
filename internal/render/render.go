package render

import (
	"encoding/json"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/document"
	"github.com/perfeval/perfeval/internal/lang"
)

// A Format is one way of writing an output.
type Format struct {
	Name    string   // as --format takes it
	Aliases []string // other names --format takes
	Exts    []string // the -o extensions that pick it
	File    bool     // binary: written to a file (-o FILE) only
	write   func(w io.Writer, out document.Output) ([]string, error)
	prepare func() // one-time set-up a command may start early; nil: none
	// onTerminal is the writer for a terminal of the layout; nil: the
	// format is the same on a terminal.
	onTerminal func(Layout) func(w io.Writer, out document.Output) ([]string, error)
}

// OnTerminal is the format as written to a terminal of layout l: terminal
// text wraps its long columns to the terminal's width; other formats are
// unchanged.
func (f Format) OnTerminal(l Layout) Format {
	if f.onTerminal != nil {
		f.write = f.onTerminal(l)
	}
	return f
}

// Prepare starts the format's one-time set-up (the PDF's font) in the
// background, so that it overlaps reading and scoring; writing waits for
// it. Calling it more than once, or not at all, is fine.
func (f Format) Prepare() {
	if f.prepare != nil {
		f.prepare()
	}
}

// The registry: a new format is a file with its writer and a line here.
var formats = []Format{
	{Name: "text", Aliases: []string{"txt"}, Exts: []string{".txt"}, write: drawing(theTables, silent(escaped(Layout{}.writeText))),
		onTerminal: func(l Layout) func(io.Writer, document.Output) ([]string, error) {
			return drawing(theTables, silent(escaped(l.writeText)))
		}},
	{Name: "json", Exts: []string{".json"}, write: writeJSON},
	{Name: "csv", Exts: []string{".csv"}, write: drawing(theTables, silent(writeCSV))},
	{Name: "md", Aliases: []string{"markdown"}, Exts: []string{".md", ".markdown"}, write: drawing(theTables, silent(escaped(writeMarkdown)))},
	{Name: "xlsx", Exts: []string{".xlsx"}, File: true, write: drawing(theWorkbook, silent(writeXLSX))},
	{Name: "pdf", Exts: []string{".pdf"}, File: true, write: drawing(theReport, writePDF), prepare: prepareFont},
	{Name: "docx", Aliases: []string{"word"}, Exts: []string{".docx"}, File: true, write: drawing(theReport, writeDOCX)},
	{Name: "form", Exts: []string{".xlsx"}, File: true, write: writeForm},
}

// Names lists the formats --format takes.
func Names() []string {
	out := make([]string, len(formats))
	for i, f := range formats {
		out[i] = f.Name
	}
	return out
}

// Lookup finds a format by name or alias, in any case.
func Lookup(name string) (Format, bool) {
	name = strings.ToLower(name)
	for _, f := range formats {
		if f.Name == name || slices.Contains(f.Aliases, name) {
			return f, true
		}
	}
	return Format{}, false
}

// ByExtension finds the format a file name's extension asks for, in any case.
func ByExtension(path string) (Format, bool) {
	ext := strings.ToLower(filepath.Ext(path))
	for _, f := range formats {
		if slices.Contains(f.Exts, ext) {
			return f, true
		}
	}
	return Format{}, false
}

// Pick chooses the format of an output: the one named (flag, which may be
// ""), else the one path's extension asks for, else text. A name and an
// extension that disagree, an extension no format has, and a binary format
// with no file to go to are errors.
func Pick(flag, path string) (Format, error) {
	toFile := path != "" && path != "-"
	ext := ""
	if toFile {
		ext = filepath.Ext(path)
	}
	var f Format
	switch {
	case flag != "":
		var ok bool
		if f, ok = Lookup(flag); !ok {
			return f, lang.Errorf("unknown format %q (one of %s)", flag, strings.Join(Names(), ", "))
		}
		if ext != "" && !slices.Contains(f.Exts, strings.ToLower(ext)) {
			return f, lang.Errorf("%s: a %s file cannot hold the %s format (name it %s)", path, ext, f.Name, strings.TrimSuffix(path, ext)+f.Exts[0])
		}
	case ext != "":
		var ok bool
		if f, ok = ByExtension(path); !ok {
			return f, lang.Errorf("%s: no format writes %s files (formats: %s)", path, ext, strings.Join(Names(), ", "))
		}
	default:
		f, _ = Lookup("text")
	}
	if f.File && !toFile {
		return f, lang.Errorf("the %s format is a file: give -o FILE%s", f.Name, f.Exts[0])
	}
	return f, nil
}

// Write writes out in the format and returns the warnings met on the way
// (characters a font lacks).
func (f Format) Write(w io.Writer, out document.Output) ([]string, error) { return f.write(w, out) }

// A picker picks the document of an output a format draws: its tables,
// its workbook or its report, each falling back to the tables.
type picker func(document.Output) func() (document.Document, error)

func theTables(out document.Output) func() (document.Document, error) { return out.Tables }

func theWorkbook(out document.Output) func() (document.Document, error) {
	return orTables(out.Workbook, out)
}

func theReport(out document.Output) func() (document.Document, error) {
	return orTables(out.Report, out)
}

func orTables(build func() (document.Document, error), out document.Output) func() (document.Document, error) {
	if build == nil {
		return out.Tables
	}
	return build
}

// drawing makes a format's writer: it builds the document pick chooses and
// draws it.
func drawing(pick picker, draw func(io.Writer, *document.Document) ([]string, error)) func(io.Writer, document.Output) ([]string, error) {
	return func(w io.Writer, out document.Output) ([]string, error) {
		d, err := pick(out)()
		if err != nil {
			return nil, err
		}
		notes, err := draw(w, &d)
		return append(slices.Clone(d.Notices), notes...), err
	}
}

// silent is a drawer that meets no warnings on the way.
func silent(draw func(io.Writer, *document.Document) error) func(io.Writer, *document.Document) ([]string, error) {
	return func(w io.Writer, d *document.Document) ([]string, error) { return nil, draw(w, d) }
}

// writeForm writes the national self-evaluation form of a scored project.
func writeForm(w io.Writer, out document.Output) ([]string, error) {
	if out.Form == nil {
		return nil, lang.Errorf("the form format is written by score only")
	}
	return nil, out.Form(w)
}

func writeJSON(w io.Writer, out document.Output) ([]string, error) {
	v, err := out.JSON()
	if err != nil {
		return nil, err
	}
	return nil, WriteJSON(w, v)
}

// WriteJSON writes v indented, with Chinese left readable.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// escaped draws a copy of the document whose every text has its control
// characters escaped (diag.Escape): text and Markdown are read in a
// terminal, where ESC, OSC or BEL from a workbook must show, not act.
func escaped(draw func(io.Writer, *document.Document) error) func(io.Writer, *document.Document) error {
	return func(w io.Writer, d *document.Document) error {
		c := *d
		c.Title, c.Footer, c.WarningLabel, c.Overview = diag.Escape(d.Title), diag.Escape(d.Footer), diag.Escape(d.WarningLabel), diag.Escape(d.Overview)
		c.Lines, c.Warnings = controlsEscaped(d.Lines), controlsEscaped(d.Warnings)
		c.Blocks = make([]document.Block, len(d.Blocks))
		for i, b := range d.Blocks {
			b.Text = diag.Escape(b.Text)
			if b.Table != nil {
				t := *b.Table
				t.Title, t.Name, t.Columns, t.Notes = diag.Escape(t.Title), diag.Escape(t.Name), controlsEscaped(t.Columns), controlsEscaped(t.Notes)
				t.Rows = make([][]document.Cell, len(b.Table.Rows))
				for j, row := range b.Table.Rows {
					t.Rows[j] = make([]document.Cell, len(row))
					for k, cell := range row {
						cell.Text = diag.Escape(cell.Text)
						t.Rows[j][k] = cell
					}
				}
				b.Table = &t
			}
			if b.Chart != nil {
				ch := *b.Chart
				ch.Title = diag.Escape(ch.Title)
				ch.Bars = slices.Clone(ch.Bars)
				for j := range ch.Bars {
					ch.Bars[j].Label = diag.Escape(ch.Bars[j].Label)
				}
				b.Chart = &ch
			}
			c.Blocks[i] = b
		}
		return draw(w, &c)
	}
}

func controlsEscaped(list []string) []string {
	if list == nil {
		return nil
	}
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = diag.Escape(s)
	}
	return out
}
