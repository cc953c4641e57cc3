package report

import (
	"errors"
	"fmt"
	"github.com/perfeval/perfeval/internal/files"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"text/template"
	"time"

	"github.com/perfeval/perfeval/internal/lang"
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
	failed    error           // a block that ran out of time: every later one fails too
	mu        sync.Mutex      // one block of a user's wording runs at a time
	spent     atomic.Int64    // the text the running block's functions built
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
	w := &Wording{user: dir != "", files: map[string]bool{}}
	t, err := template.New("report").Option("missingkey=error").Funcs(w.capped()).ParseFS(templates.Report, "report/*.tmpl")
	if err != nil {
		return nil, err
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
		} else if _, err := os.Stat(filepath.Join(dir, "words.yaml")); len(tmpls) == 0 && err != nil {
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

// Text executes the named block, trimmed. A block of a user's wording
// runs within MaxBlockOutput and BlockTime; its failure, a panic included,
// is an error naming the block and the file that defines it.
func (w *Wording) Text(name string, data any) (string, error) {
	if !w.user {
		var b strings.Builder
		if err := w.t.ExecuteTemplate(&b, name, data); err != nil {
			return "", lang.Errorf("report wording %q: %w", name, err)
		}
		return strings.TrimSpace(b.String()), nil
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.failed != nil {
		return "", w.failed
	}
	w.spent.Store(0)
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
		w.failed = err
		w.spent.Store(maxBuilt + 1) // its functions fail from now on
		return "", err
	}
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
		if w.user && w.spent.Add(int64(len(s))) > maxBuilt {
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

// cols splits a column list written "编码|指标|分值". A user's list must
// name as many columns as the built-in one: a table's rows have that many
// cells. Otherwise the error names the block, and the built-in list
// stands in until it is reported.
func (p *phrases) cols(name string) []string {
	got := strings.Split(p.label("cols."+name), "|")
	if !p.w.user {
		return got
	}
	b, err := LoadWording("")
	if err != nil {
		return got
	}
	s, err := b.Text("cols."+name, nil)
	if want := strings.Split(s, "|"); err == nil && len(got) != len(want) {
		if p.err == nil {
			p.err = lang.Errorf("report wording %q%s: names %d columns; the table has %d (%s)", "cols."+name, p.w.file("cols."+name), len(got), len(want), s)
		}
		return want
	}
	return got
}
