package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/perfeval/perfeval/internal/lang"
)

// A Pos says where a value came from: a line and column of a framework
// file (framework.yaml:14:7) or a cell of a workbook (2024.xlsx!绩效目标!D7).
// The zero Pos is "nowhere" and prints as "".
type Pos struct {
	File  string
	Line  int    // framework files: 1-based line
	Col   int    // framework files: 1-based column
	Sheet string // workbooks: the sheet's name as written
	Cell  string // workbooks: A1-style cell, or "" for the whole sheet
	Row   int    // workbooks: 1-based row, for sorting
	ColNo int    // workbooks: 1-based column, for sorting
}

// String formats p the way editors and spreadsheets jump to it.
func (p Pos) String() string {
	switch {
	case p.Sheet != "" && p.Cell != "":
		return p.File + "!" + p.Sheet + "!" + p.Cell
	case p.Sheet != "":
		return p.File + "!" + p.Sheet
	case p.Line > 0 && p.Col > 0:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	default:
		return p.File
	}
}

// IsZero reports whether p names no place at all.
func (p Pos) IsZero() bool { return p == Pos{} }

func comparePos(a, b Pos) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Col, b.Col),
		cmp.Compare(a.Sheet, b.Sheet),
		cmp.Compare(a.Row, b.Row),
		cmp.Compare(a.ColNo, b.ColNo),
	)
}

// An Error is one problem in the user's input, with the place it was found.
type Error struct {
	Pos  Pos
	Msg  string
	Hint string // optional: what to do about it
}

func (e *Error) Error() string {
	var b strings.Builder
	if s := e.Pos.String(); s != "" {
		b.WriteString(s)
		b.WriteString(": ")
	}
	if e.Hint == "" {
		b.WriteString(e.Msg)
	} else {
		b.WriteString(lang.Sprintf("%s (%s)", e.Msg, e.Hint))
	}
	return b.String()
}

// Errorf returns an *Error at p. A text argument longer than a message
// can show is clipped (lang.Clip): a 1 MB cell is not echoed whole.
func Errorf(p Pos, format string, args ...any) *Error {
	return &Error{Pos: p, Msg: lang.Sprintf(format, lang.Clip(args)...)}
}

// Errors collects every problem found in an input, so that a user sees all
// of them at once rather than one per run.
type Errors []*Error

// Add appends e, which may be nil, or every error inside an Errors.
func (l *Errors) Add(err error) {
	if err == nil {
		return
	}
	var list Errors
	if errors.As(err, &list) {
		*l = append(*l, list...)
		return
	}
	var e *Error
	if errors.As(err, &e) {
		*l = append(*l, e)
		return
	}
	*l = append(*l, &Error{Msg: err.Error()})
}

// Addf appends a new error at p.
func (l *Errors) Addf(p Pos, format string, args ...any) {
	*l = append(*l, Errorf(p, format, args...))
}

// Err returns the list sorted by place as an error, or nil when it is empty.
func (l Errors) Err() error {
	if len(l) == 0 {
		return nil
	}
	slices.SortStableFunc(l, func(a, b *Error) int { return comparePos(a.Pos, b.Pos) })
	return l
}

func (l Errors) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// A Warning is a problem that does not stop the run: it is printed and
// listed in the report's appendix.
type Warning struct {
	Pos Pos
	Msg string
}

// Warnf returns a Warning at p, its texts clipped as Errorf clips them.
func Warnf(p Pos, format string, args ...any) Warning {
	return Warning{Pos: p, Msg: lang.Sprintf(format, lang.Clip(args)...)}
}

func (w Warning) String() string {
	if s := w.Pos.String(); s != "" {
		return s + ": " + w.Msg
	}
	return w.Msg
}

// IsInvisible reports whether r is a character that shows nothing but
// changes what a text is or how it reads: a zero-width character or a
// bidirectional control. A name or code holding one looks like another
// (扣\u200b分 like 扣分) or shows other than it reads.
func IsInvisible(r rune) bool {
	return zeroWidth(r) || r == 0x061C || r == 0x200E || r == 0x200F || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069
}

// IsControl reports whether r is a control character a terminal acts on
// rather than shows (ESC, BEL, the C1 controls…) or a noncharacter: C0
// other than tab and newline, DEL, C1, U+FFFE and U+FFFF.
func IsControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' || r >= 0x7F && r <= 0x9F || r == 0xFFFE || r == 0xFFFF
}

// Escape writes s for a terminal: each control character (IsControl) and
// each bidirectional control as an escape, \x1b or \u202e, so that nothing
// a file holds can move the cursor, set the title or reorder the line.
func Escape(s string) string {
	if !strings.ContainsFunc(s, escaped) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !escaped(r):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, "\\x%02x", r)
		default:
			fmt.Fprintf(&b, "\\u%04x", r)
		}
	}
	return b.String()
}

func escaped(r rune) bool {
	return IsControl(r) || r == utf8.RuneError || IsInvisible(r) && !zeroWidth(r)
}

func zeroWidth(r rune) bool { return r >= 0x200B && r <= 0x200D || r == 0x2060 || r == 0xFEFF }

// Visible returns an error at p naming the first invisible character in s
// (IsInvisible), or nil. what says what s is: a sheet's name, a header, a
// code.
func Visible(p Pos, what, s string) error {
	i := strings.IndexFunc(s, func(r rune) bool { return IsInvisible(r) || IsControl(r) })
	if i < 0 {
		return nil
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	kind := lang.T("a bidirectional control, which changes the order the text shows in")
	switch {
	case zeroWidth(r):
		kind = lang.T("a zero-width character, which shows nothing")
	case IsControl(r):
		kind = lang.T("a control character, which a terminal acts on rather than shows")
	}
	return &Error{Pos: p, Msg: lang.Sprintf("%s %q holds U+%04X, %s", what, s, r, kind), Hint: lang.T("retype it without the character, which no screen shows")}
}

// NoControl returns an error at p naming the first control character or
// bidirectional control in s, or nil: what a name may not hold (a
// zero-width character, which a name may carry from a copy, is let be).
func NoControl(p Pos, what, s string) error {
	i := strings.IndexFunc(s, escaped)
	if i < 0 {
		return nil
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	kind := lang.T("a control character, which a terminal acts on rather than shows")
	if IsInvisible(r) {
		kind = lang.T("a bidirectional control, which changes the order the text shows in")
	}
	return &Error{Pos: p, Msg: lang.Sprintf("%s %q holds U+%04X, %s", what, s, r, kind), Hint: lang.T("retype it without the character, which no screen shows")}
}

// WithoutInvisible is s with its invisible characters (IsInvisible) taken out.
func WithoutInvisible(s string) string {
	return strings.Map(func(r rune) rune {
		if IsInvisible(r) {
			return -1
		}
		return r
	}, s)
}
