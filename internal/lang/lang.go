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
	p := printer
	mu.RUnlock()
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
func load() {
	cat = catalog.NewBuilder(catalog.Fallback(English))
	entries, _ := Catalogue()
	for key, text := range entries {
		cat.SetString(Chinese, key, text)
	}
}

// Catalogue is the Chinese catalogue: English text to Chinese text.
func Catalogue() (map[string]string, error) {
	var entries map[string]string
	if err := yaml.Unmarshal(templates.Messages, &entries); err != nil {
		return nil, fmt.Errorf("templates/messages/zh.yaml: %v", err)
	}
	return entries, nil
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
