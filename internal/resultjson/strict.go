package resultjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/lang"
)

// MaxDepth is how deeply a result JSON may nest objects and arrays: an
// indicator tree of 100 levels nests 200 deep.
const MaxDepth = 512

// frame is an object or array being read, and where in it the reader is.
type frame struct {
	array bool
	index int             // the next element's index, in an array
	key   string          // the key being read, in an object
	seen  map[string]bool // the keys read, in an object
	value bool            // an object: the next token is the key's value
}

// strict reads data token by token, holding no more than the path to the
// current value and the keys of the objects it is in, and returns the
// first thing encoding/json would let through silently: a key given twice
// in one object (which would keep the last), invalid UTF-8 in a string
// (which would become U+FFFD), anything after the document, or nesting
// deeper than MaxDepth. The error names the key's path (indicators[2].score).
func strict(file string, data []byte) error {
	at := diag.Pos{File: file}
	bad := -1
	if !utf8.Valid(data) {
		bad = firstInvalid(data)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return diag.Errorf(at, "not a perfeval result JSON: %v", syntaxErr(err, path(stack)))
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		k, key := tok.(string)
		key = key && top != nil && !top.array && !top.value
		if key {
			dup := top.seen[k]
			top.seen[k], top.key, top.value = true, k, true
			if dup {
				return diag.Errorf(at, "%s: the key is given twice", path(stack))
			}
		}
		if bad >= 0 && dec.InputOffset() > int64(bad) {
			return diag.Errorf(at, "%s: invalid UTF-8 (byte %d)", path(stack), bad)
		}
		if key {
			continue
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return trailing(at, dec)
			}
			advance(stack[len(stack)-1])
			continue
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			if len(stack) >= MaxDepth {
				return diag.Errorf(at, "%s: nested more than %d deep", path(stack), MaxDepth)
			}
			f := &frame{array: tok == json.Delim('[')}
			if !f.array {
				f.seen = map[string]bool{}
			}
			stack = append(stack, f)
			continue
		}
		if top == nil { // a document that is a single value
			return trailing(at, dec)
		}
		advance(top)
	}
	return nil
}

// advance moves past a value read in f.
func advance(f *frame) {
	if f.array {
		f.index++
	} else {
		f.value = false
	}
}

// trailing is an error when anything but white space follows the document.
func trailing(at diag.Pos, dec *json.Decoder) error {
	off := dec.InputOffset()
	if _, err := dec.Token(); err != io.EOF {
		return diag.Errorf(at, "there is more after the JSON document (from byte %d)", off)
	}
	return nil
}

// syntaxErr words a syntax error with the path where it was met.
func syntaxErr(err error, at string) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return lang.Sprintf("%s at byte %d (%s)", se.Error(), se.Offset, at)
	}
	if err == io.ErrUnexpectedEOF {
		return lang.Sprintf("the document ends early (%s)", at)
	}
	return err.Error()
}

// path writes where the reader is: indicators[2].score; "" at the top.
func path(stack []*frame) string {
	var b strings.Builder
	for _, f := range stack {
		switch {
		case f.array:
			b.WriteString("[" + strconv.Itoa(f.index) + "]")
		case f.key != "" || f.value:
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
