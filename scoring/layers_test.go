package scoring

import (
	"os/exec"
	"strings"
	"testing"
)

// TestPureLayers keeps the core free of edges: the framework and the
// engine import no spreadsheet, PDF or command-line library.
func TestPureLayers(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/perfeval/perfeval/scoring", "github.com/perfeval/perfeval/indicators").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"github.com/xuri/excelize", "github.com/jung-kurt/gofpdf", "github.com/spf13/cobra", "/internal/"} {
			if strings.Contains(dep, banned) {
				t.Errorf("the core depends on %s", dep)
			}
		}
	}
}
