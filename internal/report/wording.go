package report

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"text/template"

	"github.com/perfeval/perfeval/indicators/lang"
	"github.com/perfeval/perfeval/templates"
)

// Wording is the catalogue of every label and sentence a user reads: the
// {{define}} blocks of templates/report/*.tmpl, each replaceable by a block
// of the same name in a *.tmpl file of the user's --template DIR. A
// reference.docx in that directory gives the DOCX report its styles.
type Wording struct {
	t         *template.Template
	reference []byte // nil: the built-in reference.docx
}

// referenceName is the file of a --template DIR that styles the DOCX, of
// at most maxReference bytes; a wording file is at most 1 MiB.
const (
	referenceName = "reference.docx"
	maxReference  = 64 << 20
)

var (
	builtinOnce sync.Once
	builtin     *Wording
	builtinErr  error
)

// LoadWording returns the built-in wording, with the definitions of every
// *.tmpl file in dir (if dir is not "") taking the place of the built-in
// ones of the same name.
func LoadWording(dir string) (*Wording, error) {
	if dir == "" {
		builtinOnce.Do(func() { builtin, builtinErr = parseWording("") })
		return builtin, builtinErr
	}
	return parseWording(dir)
}

func parseWording(dir string) (*Wording, error) {
	t, err := template.New("report").Option("missingkey=error").ParseFS(templates.Report, "report/*.tmpl")
	if err != nil {
		return nil, err
	}
	w := &Wording{t: t}
	if dir != "" {
		files, err := filepath.Glob(filepath.Join(dir, "*.tmpl"))
		if err != nil {
			return nil, lang.Errorf("%s: %w", dir, err)
		}
		ref := filepath.Join(dir, referenceName)
		switch data, err := readSmall(ref, maxReference); {
		case err == nil:
			w.reference = data
		case !errors.Is(err, fs.ErrNotExist):
			return nil, lang.Errorf("%s: %w", ref, err)
		case len(files) == 0:
			return nil, lang.Errorf("%s: no *.tmpl files or %s to take the report wording from", dir, referenceName)
		}
		for _, file := range files {
			data, err := readSmall(file, 1<<20)
			if err != nil {
				return nil, lang.Errorf("%s: %w", file, err)
			}
			if _, err := t.New(file).Parse(string(data)); err != nil {
				return nil, lang.Errorf("%s: %s", file, strings.TrimPrefix(err.Error(), "template: "))
			}
		}
	}
	return w, nil
}

// readSmall reads a regular file of at most limit bytes.
func readSmall(name string, limit int64) ([]byte, error) {
	st, err := os.Stat(name) // before opening: opening a pipe waits for a writer
	switch {
	case err != nil:
		return nil, err
	case !st.Mode().IsRegular():
		return nil, lang.Errorf("not a regular file")
	case st.Size() > limit:
		return nil, lang.Errorf("larger than %d MiB", limit>>20)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, limit))
}

// Text executes the named block, trimmed.
func (w *Wording) Text(name string, data any) (string, error) {
	var b strings.Builder
	if err := w.t.ExecuteTemplate(&b, name, data); err != nil {
		return "", lang.Errorf("report wording %q: %w", name, err)
	}
	return strings.TrimSpace(b.String()), nil
}

// phrases is the wording as one build uses it: the first failure is kept
// (a user's template may fail on some data), so that a builder can write
// straight on and report it once at the end.
type phrases struct {
	w   *Wording
	err error
}

func (p *phrases) text(name string, data any) string {
	s, err := p.w.Text(name, data)
	if err != nil && p.err == nil {
		p.err = err
	}
	return s
}

func (p *phrases) label(name string) string { return p.text(name, nil) }

// cols splits a column list written "编码|指标|分值".
func (p *phrases) cols(name string) []string { return strings.Split(p.label("cols."+name), "|") }
