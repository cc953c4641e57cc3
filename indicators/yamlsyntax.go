package indicators

import (
	"bytes"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/lang"
)

// A YAML syntax error is placed at the line the user must edit.
//
// The library says only "yaml: line N: message", and N is often not that
// line: for an error found while parsing a collection it is the line before
// the one where the collection starts; for a quote left open on the first
// line it is the last line; and a line that is indented one space too far
// is only found wrong where a ':' follows on it. So the library is asked
// again, about prefixes of the text: the line to edit is the first line
// whose prefix cannot be completed, where completing means closing the
// quotes and brackets left open at the prefix's end (a prefix that ends
// inside a quoted text or a bracket is not wrong yet). When the whole text
// can be completed, a quote or bracket was never closed, and the place is
// where it opens, as the completed text's nodes say. The column is read
// from the line.

// maxPlaced bounds the text placed this way, as each step parses it again
// (a framework is a few KiB; the slowest 64 KiB text measured, a bracket
// left open halfway, takes 0.8 s). A larger text is placed at the
// library's line.
const maxPlaced = 64 << 10

// maxClosers bounds the quotes and brackets closed to complete a text.
const maxClosers = 8

var (
	yamlLine      = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^yaml: line (\d+): (.*)$`) })
	unknownAnchor = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^unknown anchor '(.*)' referenced$`) })
)

// YAMLError places a YAML syntax error, err, that the library gave for
// data, in a file named name: for the other YAML files perfeval reads.
func YAMLError(name string, data []byte, err error) error { return yamlSyntaxError(name, data, err) }

// yamlSyntaxError places a YAML syntax error, err, that the library gave
// for data.
func yamlSyntaxError(name string, data []byte, err error) error {
	msg := yamlMessage(err)
	if len(data) <= maxPlaced {
		if line, col, hint := syntaxPlace(data, msg); line > 0 {
			e := diag.Errorf(diag.Pos{File: name, Line: line, Col: col}, "YAML syntax: %s", msg)
			e.Hint = hint
			return diag.Errors{e}
		}
	}
	return yamlMessageError(name, err.Error())
}

// yamlMessage is the library's message without "yaml: " and its line.
func yamlMessage(err error) string {
	msg := err.Error()
	if m := yamlLine().FindStringSubmatch(msg); m != nil {
		return m[2]
	}
	return strings.TrimPrefix(msg, "yaml: ")
}

// yamlMessageError places one of the library's messages by its line, when
// the text is too large to be placed by syntaxPlace.
func yamlMessageError(name, msg string) error {
	var errs diag.Errors
	if m := yamlLine().FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		if strings.HasPrefix(m[2], "did not find expected") {
			// Said at the line before the one where the unclosed
			// collection starts.
			line++
		}
		errs.Addf(diag.Pos{File: name, Line: line}, "YAML syntax: %s", m[2])
		return errs.Err()
	}
	errs.Addf(diag.Pos{File: name}, "YAML syntax: %s", strings.TrimPrefix(msg, "yaml: "))
	return errs.Err()
}

// syntaxPlace returns the line and column the user must edit in data,
// which the library fails to parse with msg, and a hint when the mistake is
// plain; line is 0 when it cannot say.
func syntaxPlace(data []byte, msg string) (line, col int, hint string) {
	if c, ok := complete(data); ok {
		if line, col, hint = c.opening(); line > 0 {
			return line, col, hint
		}
		return 0, 0, ""
	}
	ends := lineEnds(data)
	// prefix(lo) can be completed and prefix(hi) cannot; the whole text
	// cannot.
	lo, hi := 0, len(ends)
	var before completion
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if c, ok := complete(data[:ends[mid-1]]); ok {
			lo, before = mid, c
		} else {
			hi = mid
		}
	}
	// A quote or bracket is left open before line hi. If a line after
	// it, up to hi, starts no further right than the line where it opens,
	// that line is not inside it: it was meant to be closed.
	if l, c, h := before.opening(); l > 0 {
		opens := indent(lineText(data, ends, l))
		for k := l + 1; k <= hi; k++ {
			if t := lineText(data, ends, k); strings.TrimSpace(t) != "" && indent(t) <= opens {
				return l, c, h
			}
		}
	}
	text := lineText(data, ends, hi)
	// A plain text that is not a value ("- code A"), followed by a line
	// that lines up with it ("  name: a"), lacks the ':' that would have
	// made it a key.
	if strings.HasPrefix(msg, "mapping values are not allowed") {
		if n, isValue := before.last(); n != nil && n.Kind == yaml.ScalarNode && n.Style == 0 && !isValue && indent(text) == n.Column-1 {
			return n.Line, n.Column, lang.T("write ': ', a colon and a space, after the key")
		}
	}
	col, hint = column(text, msg)
	return hi, col, hint
}

// A completion is a text parsed with the quotes and brackets left open at
// its end closed: closers were appended, and docs are its documents.
type completion struct {
	closers string
	docs    []*yaml.Node
}

// complete parses text, closing what the library says is left open at its
// end, one quote or bracket at a time. ok is false when text has another
// error, or more than maxClosers open.
func complete(text []byte) (c completion, ok bool) {
	docs, err := parseAll(text)
	for err != nil {
		if len(c.closers) == maxClosers {
			return completion{}, false
		}
		msg := yamlMessage(err)
		var closers []string
		switch {
		case strings.Contains(msg, "',' or ']'"):
			closers = []string{"]"}
		case strings.Contains(msg, "',' or '}'"):
			closers = []string{"}"}
		case strings.Contains(msg, "found unexpected end of stream"):
			closers = []string{`"`, "'"}
		case strings.Contains(msg, "did not find expected node content"):
			closers = []string{"]", "}"}
		default:
			return completion{}, false
		}
		// Of two closers, one that brings the same message back is the
		// wrong one (a '"' for a "'"). The one closer a message names
		// may bring it back: a second bracket is open.
		found := false
		for _, s := range closers {
			next := append(text[:len(text):len(text)], s...)
			d, e := parseAll(next)
			if e == nil || yamlMessage(e) != msg || len(closers) == 1 {
				text, docs, err, found = next, d, e, true
				c.closers += s
				break
			}
		}
		if !found {
			return completion{}, false
		}
	}
	c.docs = docs
	return c, true
}

// parseAll parses every document of text.
func parseAll(text []byte) ([]*yaml.Node, error) {
	var docs []*yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(text))
	for {
		n := new(yaml.Node)
		switch err := dec.Decode(n); {
		case err == io.EOF:
			return docs, nil
		case err != nil:
			return nil, err
		}
		docs = append(docs, n)
	}
}

// last returns the node of c that starts last, and whether it is the value
// of a mapping's key.
func (c completion) last() (n *yaml.Node, isValue bool) {
	if len(c.docs) == 0 {
		return nil, false
	}
	n = c.docs[len(c.docs)-1]
	for len(n.Content) > 0 {
		isValue = n.Kind == yaml.MappingNode
		n = n.Content[len(n.Content)-1]
	}
	return n, isValue
}

// opening returns where the first quote or bracket that c closed opens:
// the innermost left open. A quote left open holds all the text after it,
// so its text is the node that starts last. A bracket left open holds that
// node too, so it is on the path to it; the brackets on that path nest,
// and the outer k of them are those left open when k were closed.
func (c completion) opening() (line, col int, hint string) {
	if c.closers == "" || len(c.docs) == 0 {
		return 0, 0, ""
	}
	if c.closers[0] == '"' || c.closers[0] == '\'' {
		if n, _ := c.last(); n.Kind == yaml.ScalarNode && n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
			return n.Line, n.Column, lang.T("close the quote opened here")
		}
		return 0, 0, ""
	}
	var flows []*yaml.Node
	for n := c.docs[len(c.docs)-1]; ; n = n.Content[len(n.Content)-1] {
		if (n.Kind == yaml.SequenceNode || n.Kind == yaml.MappingNode) && n.Style&yaml.FlowStyle != 0 {
			flows = append(flows, n)
		}
		if len(n.Content) == 0 {
			break
		}
	}
	if k := len(c.closers); k <= len(flows) {
		return flows[k-1].Line, flows[k-1].Column, lang.T("close the bracket opened here")
	}
	return 0, 0, ""
}

// lineEnds returns the offset just past each line of data.
func lineEnds(data []byte) []int {
	var ends []int
	for i, b := range data {
		if b == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(data) > 0 && data[len(data)-1] != '\n' {
		ends = append(ends, len(data))
	}
	return ends
}

// lineText returns line n (1-based) of data without its line break.
func lineText(data []byte, ends []int, n int) string {
	start := 0
	if n > 1 {
		start = ends[n-2]
	}
	return strings.TrimRight(string(data[start:ends[n-1]]), "\r\n")
}

// indent is the number of spaces a line starts with.
func indent(line string) int {
	return len(line) - len(strings.TrimLeft(line, " "))
}

// column returns the column of line, a line the user must edit, that msg
// is about: the tab, the character that cannot start anything, the alias
// whose anchor is missing, a value that holds a second ':' or a bracket
// that closes nothing; else the line's first character. Columns count
// characters, as the library's do.
func column(line, msg string) (col int, hint string) {
	at := func(i int) int { return utf8.RuneCountInString(line[:i]) + 1 }
	first := len(line) - len(strings.TrimLeft(line, " \t"))
	switch {
	case strings.Contains(msg, "tab character"), strings.Contains(msg, "cannot start any token"):
		if i := strings.IndexByte(line[:first], '\t'); i >= 0 {
			return at(i), lang.T("indent with spaces, not tabs")
		}
		if i := tokenStart(line, "@`\t"); i >= 0 {
			return at(i), ""
		}
	case strings.HasPrefix(msg, "unknown anchor"):
		if m := unknownAnchor().FindStringSubmatch(msg); m != nil {
			if i := strings.Index(line, "*"+m[1]); i >= 0 {
				return at(i), ""
			}
		}
	case strings.HasPrefix(msg, "mapping values are not allowed"):
		// key: a: b — the value cannot be a key of its own on this line.
		if colons := mappingColons(line); len(colons) >= 2 {
			v := colons[0] + 1
			return at(v + len(line[v:]) - len(strings.TrimLeft(line[v:], " "))), ""
		}
	case strings.HasPrefix(msg, "did not find expected node content"):
		if i := tokenStart(line, "]},"); i >= 0 {
			return at(i), ""
		}
	case strings.HasPrefix(msg, "could not find expected ':'"):
		return at(first), lang.T("write ': ', a colon and a space, after the key")
	}
	return at(first), ""
}

// outside calls f with the offset of each character of line that is
// outside quotes and before a comment, and the character before it, until f
// returns false.
func outside(line string, f func(i int, prev, r rune) bool) {
	var quote rune
	prev, escaped := ' ', false
	for i, r := range line {
		switch {
		case escaped:
			escaped = false
		case quote == '"' && r == '\\':
			escaped = true
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case (r == '"' || r == '\'') && strings.ContainsRune(" \t[{,", prev):
			quote = r
		case r == '#' && (prev == ' ' || prev == '\t'):
			return
		default:
			if !f(i, prev, r) {
				return
			}
		}
		prev = r
	}
}

// tokenStart returns the offset of the first character of line, outside
// quotes, that is one of chars and starts a token; -1 if none.
func tokenStart(line, chars string) int {
	found := -1
	outside(line, func(i int, prev, r rune) bool {
		if strings.ContainsRune(chars, r) && strings.ContainsRune(" \t[{,", prev) {
			found = i
			return false
		}
		return true
	})
	return found
}

// mappingColons returns the offsets of the ':' in line, outside quotes,
// that separate a key from its value: those followed by a space or ending
// the line.
func mappingColons(line string) []int {
	var out []int
	outside(line, func(i int, _, r rune) bool {
		if r == ':' && (i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t') {
			out = append(out, i)
		}
		return true
	})
	return out
}
