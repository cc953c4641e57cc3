package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"text/template/parse"
)

// TestUserWordingLimits: a user's block that recurses, writes without end
// or loops without writing is an error naming it, never a hang or an
// out-of-memory.
func TestUserWordingLimits(t *testing.T) {
	for name, block := range map[string]string{
		"recursive": `{{define "r"}}{{template "r" .}}{{end}}{{define "title.check"}}{{template "r" .}}{{end}}`,
		"huge":      `{{define "s"}}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{{end}}{{define "title.check"}}{{range 100000}}{{template "s"}}{{end}}{{end}}`,
		"loop":      `{{define "title.check"}}{{range 2000000000}}{{end}}{{end}}`,
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "x.tmpl"), []byte(block), 0o644); err != nil {
				t.Fatal(err)
			}
			w, err := LoadWording(dir)
			if err != nil {
				t.Fatal(err)
			}
			_, err = w.Text("title.check", nil)
			if err == nil || !strings.Contains(err.Error(), `"title.check"`) {
				t.Errorf("error %v", err)
			}
		})
	}
}

// The built-in report body is parsed when a block of it is first asked
// for; until then the labels must not call into it, and it must define no
// block the labels define (it would replace the English ones).
func TestReportBodyParsedLate(t *testing.T) {
	for _, english := range []bool{false, true} {
		w, err := parseWording("", english)
		if err != nil {
			t.Fatal(err)
		}
		if w.t.Lookup(reportBody) != nil {
			t.Fatal("the report body was parsed with the labels")
		}
		labels := map[string]bool{}
		for _, tm := range w.t.Templates() {
			labels[tm.Name()] = true
			var walk func(parse.Node)
			walk = func(n parse.Node) {
				switch n := n.(type) {
				case *parse.ListNode:
					if n != nil {
						for _, c := range n.Nodes {
							walk(c)
						}
					}
				case *parse.TemplateNode:
					if w.t.Lookup(n.Name) == nil {
						t.Errorf("%s calls %q, defined only in the report body", tm.Name(), n.Name)
					}
				case *parse.IfNode:
					walk(n.List)
					walk(n.ElseList)
				case *parse.RangeNode:
					walk(n.List)
					walk(n.ElseList)
				case *parse.WithNode:
					walk(n.List)
					walk(n.ElseList)
				}
			}
			if tm.Tree != nil {
				walk(tm.Tree.Root)
			}
		}
		if _, err := w.Text("title", nil); err != nil && strings.Contains(err.Error(), "no such template") {
			t.Fatal(err)
		}
		for _, tm := range w.t.Templates() {
			if tm.Tree != nil && tm.Tree.ParseName == reportBody && labels[tm.Name()] {
				t.Errorf("the report body redefines %q", tm.Name())
			}
		}
	}
}
