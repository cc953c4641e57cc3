// Package lang is the language perfeval speaks to its user: every error,
// warning, hint and line of help passes through Sprintf or T, which look the
// English text up in the message catalogue (templates/messages/zh.yaml,
// through golang.org/x/text/message) and give it in the language in use.
//
// The English text is the key, so a message missing from the catalogue
// still reads, in English; TestCatalogueCoversEveryMessage keeps that from
// happening. A library caller gets English until it calls Use; the command
// line calls Use(FromEnv(os.LookupEnv)), which is Chinese unless the locale
// (LC_ALL, LC_MESSAGES, LANG, in POSIX's order) names English.
package lang

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"syscall"
	"unicode/utf8"

	"github.com/perfeval/perfeval/templates"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// The languages perfeval speaks.
var (
	English = language.English
	Chinese = language.SimplifiedChinese
)

var (
	mu      sync.RWMutex
	printer = message.NewPrinter(English)
	current = English

	loadOnce sync.Once
	cat      *catalog.Builder
)

// Use makes tag the language of every message from now on.
func Use(tag language.Tag) {
	loadOnce.Do(load)
	mu.Lock()
	defer mu.Unlock()
	current = tag
	printer = message.NewPrinter(tag, message.Catalog(cat))
}

// Current is the language in use.
func Current() language.Tag {
	mu.RLock()
	defer mu.RUnlock()
	return current
}

// FromEnv picks the language from the locale: the first of LC_ALL,
// LC_MESSAGES and LANG that is set decides; English when it names English
// (en, en_US.UTF-8, en-GB), Chinese otherwise, C and POSIX included.
func FromEnv(lookup func(string) (string, bool)) language.Tag {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v, ok := lookup(name)
		if !ok || v == "" {
			continue
		}
		if isEnglish(v) {
			return English
		}
		return Chinese
	}
	return Chinese
}

// isEnglish reports whether a POSIX locale name (en_US.UTF-8@euro) is English.
func isEnglish(locale string) bool {
	name, _, _ := strings.Cut(locale, ".")
	name, _, _ = strings.Cut(name, "@")
	tag, err := language.Parse(strings.ReplaceAll(name, "_", "-"))
	if err != nil {
		return false
	}
	base, _ := tag.Base()
	return base.String() == "en"
}

// Sprintf formats the catalogue's text for format in the language in use.
// Numbers print as fmt prints them: no digit grouping, so a row is "row
// 12345" and a year "2024" in every language.
func Sprintf(format string, args ...any) string {
	shown := make([]any, len(args))
	for i, a := range args {
		shown[i] = plain(a)
	}
	mu.RLock()
	p, chinese := printer, current != English
	mu.RUnlock()
	if chinese {
		ensure(format)
	}
	return p.Sprintf(format, shown...)
}

// T is the catalogue's text for s, a message with no arguments.
func T(s string) string {
	if !strings.Contains(s, "%") {
		return Sprintf(s)
	}
	return Sprintf(strings.ReplaceAll(s, "%", "%%"))
}

// Errorf is fmt.Errorf through the catalogue: %w wraps as it does there.
func Errorf(format string, args ...any) error {
	// fmt decides what %w wraps; the catalogue, what the message says.
	var causes []error
	switch u := fmt.Errorf(format, args...).(type) {
	case interface{ Unwrap() error }:
		causes = []error{u.Unwrap()}
	case interface{ Unwrap() []error }:
		causes = u.Unwrap()
	}
	shown := Clip(args)
	for i, a := range shown {
		if err, ok := a.(error); ok {
			shown[i] = wrapVerb{err}
		}
	}
	msg := Sprintf(format, shown...)
	if len(causes) == 0 {
		return errors.New(msg)
	}
	return &wrapError{msg: msg, errs: causes}
}

// maxShown is how many characters of a text a message shows.
const maxShown = 200

// Clip returns args with every text longer than maxShown characters cut
// to its start, an ellipsis and its length, so that a message never echoes
// a whole huge cell. args itself is not changed.
func Clip(args []any) []any {
	out := slices.Clone(args)
	for i, a := range out {
		s, ok := a.(string)
		if !ok || utf8.RuneCountInString(s) <= maxShown {
			continue
		}
		cut := 0
		for n := range s {
			if cut++; cut > maxShown {
				out[i] = Sprintf("%s… (%d characters)", s[:n], utf8.RuneCountInString(s))
				break
			}
		}
	}
	return out
}

// wrapVerb prints an error for %w, which x/text/message does not know.
type wrapVerb struct{ err error }

func (w wrapVerb) Format(s fmt.State, _ rune) { fmt.Fprint(s, w.err.Error()) }

type wrapError struct {
	msg  string
	errs []error
}

func (e *wrapError) Error() string   { return e.msg }
func (e *wrapError) Unwrap() []error { return e.errs }

// plain keeps x/text/message from grouping the digits of an integer or a
// float (it would print 2024 as "2,024"): such a value formats through fmt.
func plain(a any) any {
	switch a.(type) {
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64:
		return fmtValue{a}
	}
	return a
}

type fmtValue struct{ v any }

func (f fmtValue) Format(s fmt.State, verb rune) {
	fmt.Fprintf(s, fmt.FormatString(s, verb), f.v)
}

// load reads the catalogue. A catalogue that does not parse is a bug in
// the build, which TestCatalogue reports; the messages stay in English.
// Only one message is compiled here, so that the builder knows Chinese;
// each other is compiled when it is first asked for (ensure): a run says
// a few of the catalogue's 800 messages.
func load() {
	cat = catalog.NewBuilder(catalog.Fallback(English))
	entries, _ = Catalogue()
	for key, text := range entries {
		cat.SetString(Chinese, key, text)
		added.Store(key, true)
		break
	}
}

var (
	entries map[string]string // the catalogue, read by load
	added   sync.Map          // the keys compiled into cat
)

// ensure compiles key's Chinese into cat, once, if the catalogue has it.
func ensure(key string) {
	if _, ok := added.Load(key); ok {
		return
	}
	if text, ok := entries[key]; ok {
		cat.SetString(Chinese, key, text)
	}
	added.Store(key, true)
}

// Catalogue is the Chinese catalogue: English text to Chinese text.
func Catalogue() (map[string]string, error) {
	if m, ok := quickCatalogue(templates.Messages); ok {
		return m, nil
	}
	var entries map[string]string
	if err := yaml.Unmarshal(templates.Messages, &entries); err != nil {
		return nil, fmt.Errorf("templates/messages/zh.yaml: %v", err)
	}
	return entries, nil
}

// quickCatalogue reads the catalogue without the YAML parser, which took
// 2.3 ms and 12,600 allocations, most of what --version cost. It reads the
// forms the catalogue is written in: "English": "中文" on a line, and a
// key and its text each on lines of their own after ? and :, double-quoted
// or as a literal block (| or |-). Texts are pieces of one copy of the
// file. Anything else (another escape than \" \\ \n \t, another YAML form,
// a key given twice, bad UTF-8) sends the whole file to the YAML parser
// (ok false), so that its errors are the ones reported. TestQuickCatalogue
// holds the result to the parser's.
func quickCatalogue(data []byte) (m map[string]string, ok bool) {
	if !utf8.Valid(data) {
		return nil, false
	}
	text := string(data)
	m = make(map[string]string, 1024)
	add := func(k, v string) bool {
		if _, dup := m[k]; dup {
			return false
		}
		m[k] = v
		return true
	}
	var key string
	haveKey := false
	for len(text) > 0 {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		switch {
		case line == "" || line[0] == '#':
		case line[0] == '"':
			k, tail, ok1 := quoted(line)
			if !ok1 || !strings.HasPrefix(tail, ": ") || haveKey {
				return nil, false
			}
			v, tail, ok2 := quoted(tail[2:])
			if !ok2 || tail != "" || !add(k, v) {
				return nil, false
			}
		case strings.HasPrefix(line, "? ") || strings.HasPrefix(line, ": "):
			var v string
			var ok1 bool
			if v, text, ok1 = scalar(line[2:], text); !ok1 {
				return nil, false
			}
			if line[0] == '?' {
				if haveKey {
					return nil, false
				}
				key, haveKey = v, true
				continue
			}
			if !haveKey || !add(key, v) {
				return nil, false
			}
			haveKey = false
		default:
			return nil, false
		}
	}
	return m, !haveKey
}

// scalar reads the value after ? or : — a double-quoted string, or a
// literal block (| keeps one final line break, |- none) on the lines of
// rest — and returns it and the lines after it.
func scalar(head, rest string) (v, after string, ok bool) {
	if head != "|" && head != "|-" {
		v, tail, ok := quoted(head)
		return v, rest, ok && tail == ""
	}
	var lines []string
	indent := 0
	for len(rest) > 0 {
		line, next, _ := strings.Cut(rest, "\n")
		if blank := strings.TrimLeft(line, " ") == ""; !blank {
			n := len(line) - len(strings.TrimLeft(line, " "))
			if indent == 0 {
				indent = n
			}
			if n == 0 {
				break
			}
			if n < indent {
				return "", "", false
			}
			line = line[indent:]
		} else {
			line = ""
		}
		lines = append(lines, line)
		rest = next
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if indent == 0 || len(lines) == 0 {
		return "", "", false
	}
	v = strings.Join(lines, "\n")
	if head == "|" {
		v += "\n"
	}
	return v, rest, true
}

// quoted reads a double-quoted string at the start of s with no other
// escape than \" \\ \n \t, and returns it and what follows it. A string
// without escapes is a piece of s.
func quoted(s string) (v, tail string, ok bool) {
	if len(s) < 2 || s[0] != '"' {
		return "", "", false
	}
	end := strings.IndexAny(s[1:], "\"\\")
	if end < 0 {
		return "", "", false
	}
	if s[1+end] == '"' {
		return s[1 : 1+end], s[2+end:], true
	}
	var out []byte
	for i := 1; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			return string(out), s[i+1:], true
		case '\\':
			if i+1 == len(s) {
				return "", "", false
			}
			i++
			switch s[i] {
			case '"', '\\':
				out = append(out, s[i])
			case 'n':
				out = append(out, '\n')
			case 't':
				out = append(out, '\t')
			default:
				return "", "", false
			}
		default:
			out = append(out, c)
		}
	}
	return "", "", false
}

// Cause is what went wrong in a file operation, without the path the
// message already names, in the user's language: "no such file or
// directory" becomes 文件或目录不存在. errors.Is still finds the cause.
func Cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	var msg string
	switch {
	case errors.Is(err, fs.ErrNotExist):
		msg = T("no such file or directory")
	case errors.Is(err, fs.ErrPermission):
		msg = T("permission denied")
	case errors.Is(err, syscall.EISDIR):
		msg = T("is a directory")
	case errors.Is(err, syscall.ENOTDIR):
		msg = T("not a directory")
	case errors.Is(err, syscall.ENOSPC):
		msg = T("no space left on device")
	case errors.Is(err, syscall.EROFS):
		msg = T("read-only file system")
	case errors.Is(err, syscall.ENAMETOOLONG):
		msg = T("file name too long")
	default:
		return err
	}
	return &wrapError{msg: msg, errs: []error{err}}
}
