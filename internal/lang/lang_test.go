package lang

import (
	"errors"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/perfeval/perfeval/templates"
	"go.yaml.in/yaml/v3"
)

var missing = flag.String("missing", "", "write the messages the catalogue lacks to this file, as YAML to translate")

// formatArg names the calls whose argument is a message, by the callee's
// selector: which argument is the English text.
var formatArg = map[string]int{
	"lang.Sprintf": 0,
	"lang.Errorf":  0,
	"lang.T":       0,
	"Sprintf":      0, // inside package lang
	"T":            0,
	"diag.Errorf":  1,
	"Errorf":       1, // inside package indicators
	"Addf":         1,
	"warn":         1,
	"diag.Warnf":   1,
	"readf":        0,
}

// unlocalised lists the files whose errors a user never reads: the text
// form of a workbook belongs to tests and examples.
var unlocalised = []string{"internal/testkit/text.go", "internal/testkit/docx.go"}

// builders are the files allowed to make errors with fmt and errors: the
// catalogue's own.
var builders = []string{"internal/lang/lang.go"}

// messages walks perfeval's source and returns every message it gives a
// user, with where it is written, and every fmt.Errorf or errors.New
// that goes around the catalogue.
func messages(t *testing.T) (keys map[string]string, around []string) {
	t.Helper()
	root := filepath.Join("..", "..")
	keys = map[string]string{}
	fset := token.NewFileSet()
	for _, dir := range []string{"indicators", "scoring", "internal", "cmd"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			rel = filepath.ToSlash(rel)
			if d.IsDir() && (d.Name() == "third_party" || d.Name() == "testdata" || d.Name() == "batchbench" || d.Name() == "mkworkbook") {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				return err
			}
			skip := slices.Contains(unlocalised, rel)
			ast.Inspect(f, func(n ast.Node) bool {
				if field, value := messageField(n); field != "" && !skip && !throughCatalogue(value) {
					around = append(around, fset.Position(value.Pos()).String()+" ("+field+")")
				}
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				name := callee(call.Fun)
				if (name == "fmt.Errorf" || name == "errors.New") && !skip && !slices.Contains(builders, rel) {
					around = append(around, fset.Position(call.Pos()).String())
				}
				i, ok := formatArg[name]
				if !ok || skip || len(call.Args) <= i {
					return true
				}
				lit, ok := call.Args[i].(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatal(err)
				}
				if strings.HasSuffix(name, "T") && strings.Contains(s, "%") {
					s = strings.ReplaceAll(s, "%", "%%")
				}
				if _, seen := keys[s]; !seen {
					keys[s] = rel
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return keys, around
}

// messageField returns the field and value when n sets an error's or a
// warning's Msg or Hint, in a composite literal or an assignment.
func messageField(n ast.Node) (string, ast.Expr) {
	switch n := n.(type) {
	case *ast.KeyValueExpr:
		if k, ok := n.Key.(*ast.Ident); ok && (k.Name == "Msg" || k.Name == "Hint" || k.Name == "Message") {
			return k.Name, n.Value
		}
	case *ast.AssignStmt:
		if len(n.Lhs) == 1 && len(n.Rhs) == 1 {
			if sel, ok := n.Lhs[0].(*ast.SelectorExpr); ok && (sel.Sel.Name == "Msg" || sel.Sel.Name == "Hint" || sel.Sel.Name == "Message") {
				return sel.Sel.Name, n.Rhs[0]
			}
		}
	}
	return "", nil
}

// throughCatalogue reports whether a message's value comes from the
// catalogue, or from a value made elsewhere (a variable, an error's text):
// a literal, a concatenation or a fmt.Sprintf does not.
func throughCatalogue(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.BasicLit:
		return false
	case *ast.BinaryExpr:
		return false
	case *ast.CallExpr:
		name := callee(e.Fun)
		return !strings.HasPrefix(name, "fmt.")
	}
	return true
}

// callee is a call's function as written: "lang.T", "Addf" for x.Addf.
func callee(fun ast.Expr) string {
	switch f := fun.(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		if x, ok := f.X.(*ast.Ident); ok && (x.Name == "lang" || x.Name == "diag" || x.Name == "fmt" || x.Name == "errors") {
			return x.Name + "." + f.Sel.Name
		}
		return f.Sel.Name
	}
	return ""
}

// TestCatalogueCoversEveryMessage fails when a message a user can read
// has no Chinese, when the catalogue keeps a message no code gives, and
// when code makes an error around the catalogue.
func TestCatalogueCoversEveryMessage(t *testing.T) {
	cat, err := Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	keys, around := messages(t)
	for _, at := range around {
		t.Errorf("%s: a message made with fmt, errors or a literal reads in English only: use lang", at)
	}
	var lacking []string
	for k := range keys {
		if hasWords(k) && strings.TrimSpace(cat[k]) == "" {
			lacking = append(lacking, k)
		}
	}
	slices.Sort(lacking)
	for _, k := range lacking {
		t.Errorf("%s: %q has no Chinese in templates/messages/zh.yaml", keys[k], k)
	}
	for k := range cat {
		if _, ok := keys[k]; !ok {
			t.Errorf("templates/messages/zh.yaml: %q is given by no code", k)
		}
	}
	if *missing != "" && len(lacking) > 0 {
		var b strings.Builder
		for _, k := range lacking {
			b.WriteString(strconv.Quote(k) + ": \"\"  # " + keys[k] + "\n")
		}
		if err := os.WriteFile(*missing, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// wordless matches what a message may hold and still need no translation:
// verbs, flag names, file names, punctuation.
var wordless = regexp.MustCompile(`%[-+# 0-9.*\[\]]*[a-zA-Z%]|--?[a-z][a-z-]*|[a-zA-Z_./]+\.(docx|xml|rels)|[^a-zA-Z]`)

// hasWords reports whether a message has English words to translate.
func hasWords(s string) bool { return wordless.ReplaceAllString(s, "") != "" }

// TestCatalogueKeepsTheArguments checks that each Chinese text formats
// the same arguments as its English, so that no value a user wrote is
// lost or misprinted in translation.
func TestCatalogueKeepsTheArguments(t *testing.T) {
	cat, err := Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	for en, zh := range cat {
		want, got := verbs(en), verbs(zh)
		for i, v := range got {
			if want[i] != v {
				t.Errorf("%q → %q: argument %d is %%%c in English but %%%c in Chinese", en, zh, i+1, want[i], v)
			}
		}
		for i, v := range want {
			if _, ok := got[i]; !ok && v != 's' {
				t.Errorf("%q → %q: argument %d (%%%c) is left out", en, zh, i+1, v)
			}
		}
	}
}

// verbs maps each argument a format uses, from 0, to its verb.
func verbs(format string) map[int]rune {
	out := map[int]rune{}
	next := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) && strings.ContainsRune("+-# 0123456789.*", rune(format[i])) {
			i++
		}
		if i < len(format) && format[i] == '[' {
			end := strings.IndexByte(format[i:], ']')
			n, _ := strconv.Atoi(format[i+1 : i+end])
			next = n - 1
			i += end + 1
		}
		if i >= len(format) || format[i] == '%' {
			continue
		}
		out[next] = rune(format[i])
		next++
	}
	return out
}

func TestVerbs(t *testing.T) {
	got := verbs("%s: %[3]q and %5.2f%% of %d")
	want := map[int]rune{0: 's', 2: 'q', 3: 'f', 4: 'd'}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Error(diff)
	}
}

func TestFromEnv(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"nothing set", nil, "zh-Hans"},
		{"C", map[string]string{"LANG": "C"}, "zh-Hans"},
		{"Chinese", map[string]string{"LANG": "zh_CN.UTF-8"}, "zh-Hans"},
		{"English", map[string]string{"LANG": "en_US.UTF-8"}, "en"},
		{"English with modifier", map[string]string{"LANG": "en_GB.UTF-8@euro"}, "en"},
		{"bare en", map[string]string{"LANG": "en"}, "en"},
		{"LC_ALL first", map[string]string{"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh-Hans"},
		{"LC_MESSAGES before LANG", map[string]string{"LC_MESSAGES": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"},
		{"empty is unset", map[string]string{"LC_ALL": "", "LANG": "en_US.UTF-8"}, "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FromEnv(func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok })
			if got.String() != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestSprintf(t *testing.T) {
	defer Use(English)
	for _, tt := range []struct {
		tag  string
		want string
	}{
		{"en", `row 12345 has more than 16384 cells`},
		{"zh", `第 12345 行超过 16384 个单元格`},
	} {
		Use(English)
		if tt.tag == "zh" {
			Use(Chinese)
		}
		if got := Sprintf("row %d has more than %d cells", 12345, 16384); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.tag, got, tt.want)
		}
	}
	Use(Chinese)
	if got := Sprintf("%s (%s)", "a", "b"); got != "a（b）" {
		t.Errorf("got %q", got)
	}
	if got := Sprintf("no such message %d", 2024); got != "no such message 2024" {
		t.Errorf("a message missing from the catalogue: got %q", got)
	}
}

func TestErrorfAndCause(t *testing.T) {
	defer Use(English)
	Use(Chinese)
	_, statErr := os.Stat(filepath.Join(t.TempDir(), "none"))
	err := Errorf("%s: cannot write: %w", "out.pdf", Cause(statErr))
	if got, want := err.Error(), "out.pdf：无法写入：文件或目录不存在"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Error("the cause is lost")
	}
}

// TestQuickCatalogue holds the catalogue's quick reader to the YAML parser:
// the same messages, and a file it cannot read whole goes to the parser.
func TestQuickCatalogue(t *testing.T) {
	var want map[string]string
	if err := yaml.Unmarshal(templates.Messages, &want); err != nil {
		t.Fatal(err)
	}
	got, ok := quickCatalogue(templates.Messages)
	if !ok {
		t.Fatal("the quick reader left the catalogue to the YAML parser")
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("quick reader (-yaml +quick):\n%s", diff)
	}
	for _, bad := range []string{
		"\"a\": \"x\"\n\"a\": \"y\"\n",        // a key twice
		"\"a\": \"x\\u0041\"\n",               // another escape
		"\"a\": \"x\" # note\n",               // a comment after the text
		"\"a\": \"x\"\n? |-\n  a\n: |\n  y\n", // a key twice, once as a block
	} {
		if m, ok := quickCatalogue([]byte(bad)); ok {
			t.Errorf("%q: read as %v, not left to the YAML parser", bad, m)
		}
	}
	// Each form the catalogue uses, read as the YAML parser reads it.
	mixed := "# c\n\"a\": \"x \\\"y\\\"\\n\"\n\n? |\n  b\n\n  b2\n    b3\n\n: |-\n  z\n\n\"c\": \"w\"\n? \"d\\n\"\n: \"e\"\n"
	var want2 map[string]string
	if err := yaml.Unmarshal([]byte(mixed), &want2); err != nil {
		t.Fatal(err)
	}
	m, ok := quickCatalogue([]byte(mixed))
	if !ok || !cmp.Equal(m, want2) {
		t.Errorf("mixed lines: %q, %v; want %q", m, ok, want2)
	}
}
