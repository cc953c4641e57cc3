package report

import (
	"errors"
	"github.com/perfeval/perfeval/internal/files"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"text/template"
	"time"

	"github.com/perfeval/perfeval/internal/document"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/templates"
)

// Wording is the catalogue of every label and sentence a user reads: the
// {{define}} blocks of templates/report/*.tmpl, each replaceable by a block
// of the same name in a *.tmpl file of the user's --template DIR. A
// reference.docx in that directory gives the DOCX report its styles.
type Wording struct {
	t         *template.Template
	reference []byte   // nil: the built-in reference.docx
	user      bool     // blocks of a user's --template DIR: run with limits
	report    *Wording // the report's wording where it differs (WithReport); nil: this one
}

// A user's wording block runs for at most blockTime and writes at most
// blockOutput bytes: a block that recurses, loops or grows without end is
// an error naming it, never a hang or an out-of-memory.
const (
	blockTime   = 2 * time.Second
	blockOutput = 1 << 20
)

// referenceName is the file of a --template DIR that styles the DOCX, of
// at most maxReference bytes; a wording file is at most maxWording.
const (
	referenceName = "reference.docx"
	maxReference  = 64 << 20
	maxWording    = 1 << 20
)

var (
	builtinOnce [2]sync.Once
	builtin     [2]*Wording
	builtinErr  [2]error
)

// LoadWording returns the built-in wording, with the definitions of every
// *.tmpl file in dir (if dir is not "") replacing those of the same name.
func LoadWording(dir string) (*Wording, error) { return LoadWordingIn(dir, false) }

// LoadWordingIn is LoadWording in English (labels.en.tmpl over
// labels.tmpl) when english is set; the report body (report.tmpl) has no
// English version and stays Chinese.
func LoadWordingIn(dir string, english bool) (*Wording, error) {
	if dir == "" {
		i := 0
		if english {
			i = 1
		}
		builtinOnce[i].Do(func() { builtin[i], builtinErr[i] = parseWording("", english) })
		return builtin[i], builtinErr[i]
	}
	return parseWording(dir, english)
}

// englishLabels is the built-in file of English labels.
const englishLabels = "report/labels.en.tmpl"

func parseWording(dir string, english bool) (*Wording, error) {
	names, err := fs.Glob(templates.Report, "report/*.tmpl")
	if err != nil {
		return nil, err
	}
	names = slices.DeleteFunc(names, func(n string) bool { return n == englishLabels })
	if english {
		names = append(names, englishLabels) // parsed last, its blocks replace the Chinese ones
	}
	t := template.New("report").Option("missingkey=error")
	for _, name := range names {
		data, err := fs.ReadFile(templates.Report, name)
		if err != nil {
			return nil, err
		}
		if _, err := t.New(name).Parse(string(data)); err != nil {
			return nil, err
		}
	}
	w := &Wording{t: t, user: dir != ""}
	if dir != "" {
		tmpls, err := filepath.Glob(filepath.Join(dir, "*.tmpl"))
		if err != nil {
			return nil, lang.Errorf("%s: %w", dir, err)
		}
		ref := filepath.Join(dir, referenceName)
		if _, err := os.Stat(ref); !errors.Is(err, fs.ErrNotExist) {
			if w.reference, err = files.Read(ref, maxReference, lang.T("reference document")); err != nil {
				return nil, err
			}
		} else if _, err := os.Stat(filepath.Join(dir, "words.yaml")); len(tmpls) == 0 && err != nil {
			// A DIR holding only targets' words.yaml keeps the wording.
			return nil, lang.Errorf("%s: no *.tmpl files or %s to take the report wording from", dir, referenceName)
		}
		for _, file := range tmpls {
			data, err := files.Read(file, maxWording, lang.T("wording file"))
			if err != nil {
				return nil, err
			}
			if _, err := t.New(file).Parse(string(data)); err != nil {
				return nil, lang.Errorf("%s: %s", file, strings.TrimPrefix(err.Error(), "template: "))
			}
		}
	}
	return w, nil
}

// WithReport gives the wording of the report (PDF, DOCX) where it speaks
// another language than the tables: English tables under an English
// locale, a Chinese report unless --lang en.
func (w *Wording) WithReport(r *Wording) *Wording {
	c := *w
	c.report = r
	return &c
}

// forReport is the wording the report is built with.
func (w *Wording) forReport() *Wording {
	if w.report != nil {
		return w.report
	}
	return w
}

// inReport builds the report from the tables in the report's wording
// where that differs; nil (the tables are the report) where it does not.
func (w *Wording) inReport(build func(*Wording) (document.Document, error)) func() (document.Document, error) {
	if w.report == nil {
		return nil
	}
	return func() (document.Document, error) { return build(w.report) }
}

// Text executes the named block, trimmed.
func (w *Wording) Text(name string, data any) (string, error) {
	if !w.user {
		var b strings.Builder
		if err := w.t.ExecuteTemplate(&b, name, data); err != nil {
			return "", lang.Errorf("report wording %q: %w", name, err)
		}
		return strings.TrimSpace(b.String()), nil
	}
	// A user's block runs aside, against the clock and into a bounded
	// buffer; one that overruns is left to stop on its own (its next write
	// fails) and the run ends with the error.
	type result struct {
		s   string
		err error
	}
	done := make(chan result, 1)
	b := &bounded{limit: blockOutput}
	go func() {
		err := w.t.ExecuteTemplate(b, name, data)
		done <- result{strings.TrimSpace(b.String()), err}
	}()
	timer := time.NewTimer(blockTime)
	defer timer.Stop()
	select {
	case r := <-done:
		if r.err != nil {
			return "", lang.Errorf("report wording %q: %w", name, r.err)
		}
		return r.s, nil
	case <-timer.C:
		b.stop()
		return "", lang.Errorf("report wording %q runs longer than %s: does it call itself?", name, blockTime)
	}
}

// bounded is a buffer that refuses to grow past its limit, or to take
// anything once stopped.
type bounded struct {
	mu      sync.Mutex
	b       strings.Builder
	limit   int
	stopped bool
}

func (b *bounded) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.stopped || b.b.Len()+len(p) > b.limit {
		b.stopped = true
		return 0, lang.Errorf("the block writes more than %d MiB", b.limit>>20)
	}
	return b.b.Write(p)
}

func (b *bounded) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func (b *bounded) stop() {
	b.mu.Lock()
	b.stopped = true
	b.mu.Unlock()
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
