package resultjson

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/lang"
)

// MaxDepth is how deeply a result JSON may nest objects and arrays: an
// indicator tree of 100 levels nests 200 deep.
const MaxDepth = 512

// frame is an object or array being read, and where in it the scanner is.
type frame struct {
	array bool
	index int    // the element's index, in an array
	key   string // the key being read, in an object ("" before the first)
}

// scanner walks a JSON document byte by byte, for what encoding/json lets
// through silently; encoding/json then decodes it, and reports the syntax
// errors the scanner steps over.
type scanner struct {
	data  []byte
	i     int
	bad   int // the first byte that is not UTF-8, or -1
	stack []frame
	err   error
}

// strict reads data in one pass, holding no more than the path to the
// current value and the keys of the objects it is in, and returns the
// first thing encoding/json would let through silently: a key given twice
// in one object (it would keep the last), invalid UTF-8 in a string (it
// would become U+FFFD), anything after the document, a value that is no
// JSON (NaN, Infinity), or nesting deeper than MaxDepth. The error names
// the key's path (indicators[2].score).
func strict(file string, data []byte) error {
	s := &scanner{data: data, bad: -1}
	if !utf8.Valid(data) {
		s.bad = firstInvalid(data)
	}
	at := diag.Pos{File: file}
	s.value(at)
	if s.err != nil {
		return s.err
	}
	s.space()
	if s.i < len(data) {
		return diag.Errorf(at, "there is more after the JSON document (from byte %d)", s.i)
	}
	return nil
}

func (s *scanner) space() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\r', '\n':
			s.i++
		default:
			return
		}
	}
}

// fail keeps the first error.
func (s *scanner) fail(err error) {
	if s.err == nil {
		s.err = err
	}
}

// syntax is an error at the current byte, with the path.
func (s *scanner) syntax(at diag.Pos) {
	if s.i >= len(s.data) {
		s.fail(diag.Errorf(at, "not a perfeval result JSON: %v", lang.Sprintf("the document ends early (%s)", s.path())))
		return
	}
	s.fail(diag.Errorf(at, "not a perfeval result JSON: %v", lang.Sprintf("%s at byte %d (%s)", lang.Sprintf("invalid character %q", string(rune(s.data[s.i]))), s.i+1, s.path())))
}

// value reads one value; on a mistake it sets s.err and stops.
func (s *scanner) value(at diag.Pos) {
	s.space()
	if s.i >= len(s.data) {
		s.syntax(at)
		return
	}
	switch c := s.data[s.i]; c {
	case '{', '[':
		if len(s.stack) >= MaxDepth {
			s.fail(diag.Errorf(at, "%s: nested more than %d deep", s.path(), MaxDepth))
			return
		}
		s.i++
		s.stack = append(s.stack, frame{array: c == '['})
		if c == '[' {
			s.array(at)
		} else {
			s.object(at)
		}
		s.stack = s.stack[:len(s.stack)-1]
	case '"':
		s.str(at)
	default:
		s.literal(at)
	}
}

func (s *scanner) array(at diag.Pos) {
	top := len(s.stack) - 1 // an index: the stack grows under it
	s.space()
	if s.i < len(s.data) && s.data[s.i] == ']' {
		s.i++
		return
	}
	for s.err == nil {
		s.value(at)
		if s.err != nil {
			return
		}
		s.space()
		if s.i < len(s.data) && s.data[s.i] == ',' {
			s.i++
			s.stack[top].index++
			continue
		}
		if s.i < len(s.data) && s.data[s.i] == ']' {
			s.i++
			return
		}
		s.syntax(at)
	}
}

func (s *scanner) object(at diag.Pos) {
	seen := map[string]bool{}
	s.space()
	if s.i < len(s.data) && s.data[s.i] == '}' {
		s.i++
		return
	}
	for s.err == nil {
		s.space()
		if s.i >= len(s.data) || s.data[s.i] != '"' {
			s.syntax(at)
			return
		}
		raw := s.str(at)
		if s.err != nil {
			return
		}
		key := string(raw[1 : len(raw)-1])
		if strings.IndexByte(key, '\\') >= 0 {
			if err := json.Unmarshal(raw, &key); err != nil {
				s.i -= len(raw)
				s.syntax(at)
				return
			}
		}
		s.stack[len(s.stack)-1].key = key
		if seen[key] {
			s.fail(diag.Errorf(at, "%s: the key is given twice", s.path()))
			return
		}
		seen[key] = true
		s.space()
		if s.i >= len(s.data) || s.data[s.i] != ':' {
			s.syntax(at)
			return
		}
		s.i++
		s.value(at)
		if s.err != nil {
			return
		}
		s.space()
		if s.i < len(s.data) && s.data[s.i] == ',' {
			s.i++
			continue
		}
		if s.i < len(s.data) && s.data[s.i] == '}' {
			s.i++
			return
		}
		s.syntax(at)
	}
}

// str steps over a string and returns it as written, quotes included.
func (s *scanner) str(at diag.Pos) []byte {
	start := s.i
	s.i++
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case '\\':
			s.i += 2
			continue
		case '"':
			s.i++
			if s.bad >= start && s.bad < s.i {
				s.fail(diag.Errorf(at, "%s: invalid UTF-8 (byte %d)", s.path(), s.bad))
			}
			return s.data[start:s.i]
		}
		s.i++
	}
	s.i = len(s.data)
	s.syntax(at)
	return nil
}

// literal steps over a number, true, false or null; anything else (NaN,
// Infinity, a bare word) is an error here rather than a silent zero.
func (s *scanner) literal(at diag.Pos) {
	start := s.i
	for s.i < len(s.data) && strings.IndexByte("0123456789+-.eE", s.data[s.i]) >= 0 {
		s.i++
	}
	if s.i > start {
		return // encoding/json checks the number's form
	}
	for _, w := range []string{"true", "false", "null"} {
		if strings.HasPrefix(string(s.data[s.i:min(s.i+5, len(s.data))]), w) {
			s.i += len(w)
			return
		}
	}
	s.syntax(at)
}

// path writes where the scanner is: indicators[2].score; "the document"
// at the top.
func (s *scanner) path() string {
	var b strings.Builder
	for _, f := range s.stack {
		switch {
		case f.array:
			b.WriteString("[" + strconv.Itoa(f.index) + "]")
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(f.key)
		}
	}
	if b.Len() == 0 {
		return lang.T("the document")
	}
	return b.String()
}

// firstInvalid is the offset of the first byte of data that is not UTF-8.
func firstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}
