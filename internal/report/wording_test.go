package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
