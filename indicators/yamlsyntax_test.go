package indicators

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/perfeval/perfeval/internal/diag"
)

// TestYAMLSyntaxPlace: a syntax error is placed at the line the user must
// edit, and the column on it, whatever line the library names.
func TestYAMLSyntaxPlace(t *testing.T) {
	type place struct {
		Line, Col int
		Hint      string
	}
	const (
		quote   = "close the quote opened here"
		bracket = "close the bracket opened here"
		tabs    = "indent with spaces, not tabs"
		colon   = "write ': ', a colon and a space, after the key"
	)
	tests := []struct {
		name string
		src  string
		want place
	}{
		// Indentation. The library finds the line wrong only at its ':'.
		{"one space too far", "indicators:\n  - code: A\n    name: 决策\n     weight: 20\n    rule: pass\n", place{4, 6, ""}},
		{"one space too far, top level", "name: 决策\n weight: 5\nindicators: []\n", place{2, 2, ""}},
		{"one space too far, no value", "name: 决策\n weight:\nindicators: []\n", place{2, 2, ""}},
		{"one space too far, first key of an item", "indicators:\n  - code: A\n     name: 决策\n", place{3, 6, ""}},
		{"one space too far, after blank lines", "name: x\n\n\nindicators:\n  - code: A\n\n     name: b\n", place{7, 6, ""}},
		{"one space short", "indicators:\n  - code: A\n    name: 决策\n   weight: 20\n    rule: pass\n", place{4, 4, ""}},
		{"an item where a key belongs", "name: x\n- a\n", place{2, 1, ""}},
		{"CRLF line breaks", "name: 决策\r\n weight: 5\r\n", place{2, 2, ""}},
		{"byte order mark", "\ufeffname: 决策\n weight: 5\n", place{2, 2, ""}},

		// Tabs.
		{"a tab indents a line", "name: x\nindicators:\n\t- code: A\n", place{3, 1, tabs}},
		{"a tab among the spaces", "name: x\nindicators:\n  - code: A\n\t  name: a\n", place{4, 1, tabs}},

		// Quotes left open: the place is where they open.
		{"unclosed double quote", "name: \"决策\nindicators:\n  - code: A\n", place{1, 7, quote}},
		{"unclosed single quote", "name: '决策\nindicators:\n  - code: A\n", place{1, 7, quote}},
		{"unclosed quote in a flow mapping", "indicators:\n  - {code: A, name: \"决策}\n  - {code: B}\n", place{2, 21, quote}},
		{"unclosed quote, closed by a later one", "name: \"决策\nweight: 5\nother: \"x\"\n", place{1, 7, quote}},
		{"unclosed quote holding a #", "name: \"a # b\n", place{1, 7, quote}},

		// Brackets left open: the innermost, where it opens.
		{"unclosed bracket", "name: [a\nindicators: x\n", place{1, 7, bracket}},
		{"unclosed bracket inside a brace", "name: x\nindicators:\n  - {code: A, name: [a\n", place{3, 21, bracket}},
		{"unclosed brace before more items", "name: x\nindicators:\n  - {code: A, name: a\n  - {code: B, name: b}\n  - code: C\n", place{3, 5, bracket}},
		{"unclosed brackets", "name: [[[[[[\n", place{1, 12, bracket}},
		{"unclosed bracket after a closed one", "x: [[a], [b\n", place{1, 10, bracket}},
		{"unclosed bracket in a second document", "name: x\n---\nname: [\n", place{3, 7, bracket}},

		// A missing ':' or space.
		{"missing colon", "name: x\nweight 5\nindicators: []\n", place{2, 1, colon}},
		{"missing colon, last key", "indicators:\n  - code: A\n    name a\n", place{3, 5, colon}},
		{"missing colon, first key of an item", "indicators:\n  - code A\n    name: a\n", place{2, 5, colon}},
		{"missing space after the colon", "name: x\nweight:5\nindicators: []\n", place{2, 1, colon}},

		// What a line cannot hold.
		{"a value that is a mapping", "name: x\nindicators:\n  a: b: c\n", place{3, 6, ""}},
		{"a value that is a mapping, quoted key", "name: \"a: b\": c\n", place{1, 7, ""}},
		{"a bracket that closes nothing", "name: x]\nindicators: ]\n", place{2, 13, ""}},
		{"a character that starts nothing", "name: x\nindicators: @a\n", place{2, 13, ""}},
		{"an alias without its anchor", "name: x\nindicators: *list\n", place{2, 13, ""}},

		// Text that only looks like an error.
		{"quotes and brackets in a comment", "# it's [ \"\nname: x\n weight: 1\n", place{3, 2, ""}},
		{"quotes and brackets in a block text", "desc: |\n  [unclosed \"\nname: x\n weight: 5\n", place{4, 2, ""}},
		{"an apostrophe in a plain text", "name: it's\n weight: 5\n", place{2, 2, ""}},
		{"a quoted text over two lines", "name: \"决策\n  续\"\nweight: 5\n  x: 1\n", place{4, 3, ""}},
		{"a bracket over two lines", "levels: {好: 1,\n  较好: 0.8}\nname: x\n  weight: 5\n", place{4, 3, ""}},

		// Not syntax errors to the library, but placed as sharply.
		{"duplicate keys", "name: a\nindicators: [{code: A, name: a, weight: 100}]\nname: b\n", place{3, 1, "keep one"}},
		{"duplicate keys, nested", "indicators:\n  - {code: A, name: a, weight: 100, weight: 90}\n", place{2, 37, "keep one"}},
		{"several documents", "indicators: [{code: A, name: a, weight: 100}]\n---\nindicators: [{code: B, name: b, weight: 100}]\n", place{3, 1, "keep the whole framework in one document"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("f.yaml", []byte(tt.src))
			var list diag.Errors
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("err = %v, want an error list", err)
			}
			got := place{list[0].Pos.Line, list[0].Pos.Col, list[0].Hint}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%v\nplace mismatch (-want +got):\n%s", err, diff)
			}
		})
	}
}

// TestYAMLSyntaxPlaceLarge: a text past maxPlaced is placed at the
// library's line, without a column.
func TestYAMLSyntaxPlaceLarge(t *testing.T) {
	src := "name: x\n" + strings.Repeat("# "+strings.Repeat("-", 78)+"\n", maxPlaced/80) + "a: b: c\n"
	_, err := Parse("f.yaml", []byte(src))
	var list diag.Errors
	if !errors.As(err, &list) || len(list) != 1 {
		t.Fatalf("err = %v", err)
	}
	if want := strings.Count(src, "\n"); list[0].Pos.Line != want || list[0].Pos.Col != 0 {
		t.Errorf("placed at %v, want line %d", list[0].Pos, want)
	}
}
