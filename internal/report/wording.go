package report

import (
	"errors"
	"fmt"
	"github.com/perfeval/perfeval/internal/files"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"text/template"
	"time"

	"github.com/perfeval/perfeval/internal/document"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/targets"
	"github.com/perfeval/perfeval/templates"
)

// Wording is the catalogue of every label and sentence a user reads: the
// {{define}} blocks of templates/report/*.tmpl, each replaceable by a block
// of the same name in a *.tmpl file of the user's --template DIR. A
// reference.docx in that directory gives the DOCX report its styles.
type Wording struct {
	t         *template.Template
	reference []byte          // nil: the built-in reference.docx
	user      bool            // blocks of a --template DIR: run within the limits
	files     map[string]bool // the files of a --template DIR
	report    *Wording        // the report's wording where it differs (WithReport); nil: this one
	g         *guard          // the limits of a user's blocks, shared by its copies
	body      *body           // the built-in report body, parsed when first asked for; nil: parsed
}

// body is the report body of the built-in wording (report.tmpl), which
// only the PDF and DOCX reports use: a table or a check never parses it.
// It defines no block that another file defines.
type body struct {
	once sync.Once
	err  error
}

// guard holds what the limits of a user's wording keep across its blocks.
type guard struct {
	failed error        // a block that ran out of time: every later one fails too
	mu     sync.Mutex   // one block of a user's wording runs at a time
	spent  atomic.Int64 // the text the running block's functions built
}

// referenceName is the file of a --template DIR that styles the DOCX, of
// at most maxReference bytes; a wording file is at most maxWording.
const (
	referenceName = "reference.docx"
	maxReference  = 64 << 20
	maxWording    = 1 << 20
	// MaxBlockOutput is the most text one block of a user's wording
	// may write, and BlockTime the longest it may run.
	MaxBlockOutput = 4 << 20
	BlockTime      = 2 * time.Second
	// maxBuilt is the most text the functions of one block may build
	// (print, printf, println), kept or not.
	maxBuilt = 4 * MaxBlockOutput
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

// englishLabels is the built-in file of English labels, reportBody the
// body of the report.
const (
	englishLabels = "report/labels.en.tmpl"
	reportBody    = "report/report.tmpl"
)

func parseWording(dir string, english bool) (*Wording, error) {
	names, err := fs.Glob(templates.Report, "report/*.tmpl")
	if err != nil {
		return nil, err
	}
	names = slices.DeleteFunc(names, func(n string) bool { return n == englishLabels })
	if english {
		names = append(names, englishLabels) // parsed last, its blocks replace the Chinese ones
	}
	w := &Wording{user: dir != "", files: map[string]bool{}, g: &guard{}}
	t := template.New("report").Option("missingkey=error").Funcs(w.capped())
	if dir == "" {
		names = slices.DeleteFunc(names, func(n string) bool { return n == reportBody })
		w.body = &body{}
	}
	for _, name := range names {
		data, err := fs.ReadFile(templates.Report, name)
		if err != nil {
			return nil, err
		}
		if _, err := t.New(name).Parse(string(data)); err != nil {
			return nil, err
		}
	}
	w.t = t
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
		} else if _, err := os.Stat(filepath.Join(dir, targets.WordsFile)); len(tmpls) == 0 && err != nil {
			// A DIR holding only targets' words.yaml keeps the wording.
			return nil, lang.Errorf("%s: no *.tmpl files or %s to take the report wording from", dir, referenceName)
		}
		for _, file := range tmpls {
			data, err := files.Read(file, maxWording, lang.T("wording file"))
			if err != nil {
				return nil, err
			}
			w.files[file] = true
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

// Text executes the named block, trimmed. A block of a user's wording
// runs within MaxBlockOutput and BlockTime; its failure, a panic included,
// is an error naming the block and the file that defines it.
func (w *Wording) Text(name string, data any) (string, error) {
	if w.body != nil && w.t.Lookup(name) == nil {
		if err := w.parseBody(); err != nil {
			return "", err
		}
	}
	if !w.user {
		var b strings.Builder
		if err := w.t.ExecuteTemplate(&b, name, data); err != nil {
			return "", lang.Errorf("report wording %q: %w", name, err)
		}
		return strings.TrimSpace(b.String()), nil
	}
	g := w.g
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.failed != nil {
		return "", g.failed
	}
	g.spent.Store(0)
	type result struct {
		s   string
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- result{err: lang.Errorf("%v", r)}
			}
		}()
		b := &limited{}
		err := w.t.ExecuteTemplate(b, name, data)
		done <- result{b.String(), err}
	}()
	timer := time.NewTimer(BlockTime)
	defer timer.Stop()
	select {
	case r := <-done:
		if r.err != nil {
			return "", lang.Errorf("report wording %q%s: %w", name, w.file(name), r.err)
		}
		return strings.TrimSpace(r.s), nil
	case <-timer.C:
		// text/template cannot be stopped: the block is left to run,
		// and no block of this wording runs again.
		err := lang.Errorf("report wording %q%s: still running after %s", name, w.file(name), BlockTime)
		g.failed = err
		g.spent.Store(maxBuilt + 1) // its functions fail from now on
		return "", err
	}
}

// parseBody adds the built-in report body to the wording, once.
func (w *Wording) parseBody() error {
	w.body.once.Do(func() {
		data, err := fs.ReadFile(templates.Report, reportBody)
		if err == nil {
			_, err = w.t.New(reportBody).Parse(string(data))
		}
		w.body.err = err
	})
	return w.body.err
}

// file is " (FILE)" where a user's file defines the block, else "".
func (w *Wording) file(name string) string {
	if t := w.t.Lookup(name); t != nil && t.Tree != nil && w.files[t.Tree.ParseName] {
		return " (" + t.Tree.ParseName + ")"
	}
	return ""
}

// limited is a strings.Builder that refuses to grow past MaxBlockOutput,
// which stops the template writing to it.
type limited struct{ strings.Builder }

func (l *limited) Write(p []byte) (int, error) {
	if l.Len()+len(p) > MaxBlockOutput {
		return 0, lang.Errorf("writes more than %d bytes", MaxBlockOutput)
	}
	return l.Builder.Write(p)
}

// capped replaces the template functions that build text with ones that
// refuse to build more than maxBuilt in one block of a user's wording, so
// that a block cannot grow variables without bound before it writes
// anything.
func (w *Wording) capped() template.FuncMap {
	built := func(s string) (string, error) {
		if w.user && w.g.spent.Add(int64(len(s))) > maxBuilt {
			return "", lang.Errorf("builds more than %d bytes of text", maxBuilt)
		}
		return s, nil
	}
	return template.FuncMap{
		"print":   func(a ...any) (string, error) { return built(fmt.Sprint(a...)) },
		"printf":  func(f string, a ...any) (string, error) { return built(fmt.Sprintf(f, a...)) },
		"println": func(a ...any) (string, error) { return built(fmt.Sprintln(a...)) },
	}
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

// cols splits a column list written "编码|指标|分值" (colsWith, with no
// data).
func (p *phrases) cols(name string) []string { return p.colsWith(name, nil) }

// colsWith splits the column list of the block cols.NAME, executed with
// data. A user's list must name as many columns as the built-in one: a
// table's rows have that many cells. Otherwise the error names the block,
// and the built-in list stands in until it is reported.
func (p *phrases) colsWith(name string, data any) []string {
	got := strings.Split(p.text("cols."+name, data), "|")
	if !p.w.user {
		return got
	}
	b, err := LoadWording("")
	if err != nil {
		return got
	}
	s, err := b.Text("cols."+name, data)
	if want := strings.Split(s, "|"); err == nil && len(got) != len(want) {
		if p.err == nil {
			p.err = lang.Errorf("report wording %q%s: names %d columns; the table has %d (%s)", "cols."+name, p.w.file("cols."+name), len(got), len(want), s)
		}
		return want
	}
	return got
}
