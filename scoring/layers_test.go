package scoring_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestLayers keeps the layers apart (STYLE.md): the framework and the
// engine depend on no I/O library and nothing internal; templates/ is data
// that imports nothing of perfeval's; the command line imports no
// spreadsheet, PDF or hashing library directly (the pipeline does that).
// The document value imports nothing of perfeval's; the writers that draw
// it know neither the wording nor the result it came from; the result's
// JSON is written without the wording, which draws nothing itself.
func TestLayers(t *testing.T) {
	list := func(format string, pkgs ...string) []string {
		out, err := exec.Command("go", append([]string{"list", format}, pkgs...)...).Output()
		if err != nil {
			t.Skipf("go list: %v", err)
		}
		return strings.Fields(string(out))
	}
	const mod = "github.com/perfeval/perfeval"
	rules := []struct {
		what   string
		deps   []string // the packages whose imports are checked
		direct bool     // only direct imports, or every dependency
		banned []string
	}{
		{"the core", []string{mod + "/scoring", mod + "/indicators"}, false,
			[]string{"github.com/xuri/excelize", mod + "/internal/third_party/excelize", "gofpdf", "go-pdf/fpdf", "github.com/spf13/", mod + "/internal/"}},
		// The core reports through diag and words its messages through
		// lang (whose catalogue is data in templates/), two packages of no I/O.
		{"diagnostics and words", []string{mod + "/internal/diag", mod + "/internal/lang"}, false,
			[]string{"github.com/xuri/excelize", mod + "/internal/third_party/excelize", "gofpdf", "go-pdf/fpdf", "github.com/spf13/", mod + "/scoring", mod + "/indicators"}},
		{"the core", []string{mod + "/scoring", mod + "/indicators"}, true, []string{"os", "net", "io/fs"}},
		{"templates", []string{mod + "/templates"}, false, []string{mod + "/"}},
		// The OOXML reader knows nothing of what a workbook means: no
		// scoring, no workbook layout, no form.
		{"the xlsx reader", []string{mod + "/internal/xlsx"}, false,
			[]string{mod + "/scoring", mod + "/internal/workbook", mod + "/internal/form", mod + "/internal/report", mod + "/internal/pipeline"}},
		// perfeval's sheets are read without the form, and the form reads
		// through the workbook's tables, never the other way round.
		{"the workbook reader", []string{mod + "/internal/workbook"}, false, []string{mod + "/internal/form", mod + "/internal/report", mod + "/internal/pipeline"}},
		// The 指标体系 sheet is a framework: read through the workbook's
		// tables, checked by indicators, knowing nothing of forms or reports.
		{"the framework sheet", []string{mod + "/internal/frameworksheet"}, false,
			[]string{mod + "/internal/form", mod + "/internal/report", mod + "/internal/pipeline", mod + "/internal/cli"}},
		{"the form", []string{mod + "/internal/form"}, false, []string{mod + "/internal/report", mod + "/internal/pipeline", mod + "/internal/cli"}},
		{"the test kit", []string{mod + "/internal/testkit"}, false, []string{mod + "/"}},
		{"the command line", []string{mod + "/internal/cli"}, true,
			[]string{"github.com/xuri/excelize", mod + "/internal/third_party/excelize", "gofpdf", "go-pdf/fpdf", mod + "/internal/third_party/fpdf", "crypto/sha256", "golang.org/x/image", "archive/zip"}},
		{"internal/document", []string{mod + "/internal/document"}, false, []string{mod + "/"}},
		{"internal/render", []string{mod + "/internal/render"}, false,
			[]string{mod + "/internal/report", mod + "/internal/resultjson", mod + "/internal/diff", mod + "/scoring"}},
		{"internal/resultjson", []string{mod + "/internal/resultjson"}, false, []string{mod + "/internal/report", mod + "/internal/render"}},
		{"internal/report", []string{mod + "/internal/report"}, false, []string{mod + "/internal/render"}},
		// Every linked package initialises at every start, --version
		// included: net/http and its TLS stack (with cgo, the C library
		// too) cost about 3 ms, encoding/gob 0.7 ms (issue 33). perfeval
		// opens no connection and serialises nothing with gob.
		{"the program", []string{mod + "/cmd/perfeval"}, false, []string{"net/http", "crypto/tls", "encoding/gob"}},
	}
	for _, r := range rules {
		format := "-deps"
		if r.direct {
			format = "-f={{join .Imports \" \"}}"
		}
		for _, dep := range list(format, r.deps...) {
			if slices.Contains(r.deps, dep) {
				continue
			}
			for _, banned := range r.banned {
				if r.what == "the core" && (dep == mod+"/internal/diag" || dep == mod+"/internal/lang") {
					continue
				}
				// The libraries carried under third_party are not perfeval's
				// code: a rule against the whole module does not bar them.
				if banned == mod+"/" && strings.HasPrefix(dep, mod+"/internal/third_party/") {
					continue
				}
				if dep == banned || strings.Contains(dep, banned) && strings.Contains(banned, "/") {
					t.Errorf("%s depends on %s", r.what, dep)
				}
			}
		}
	}
}
