package templates

import (
	"embed"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/template"
)

//go:embed report/*.tmpl
var reportFS embed.FS

// Wording holds the report's headings and sentences as text templates.
type Wording struct{ t *template.Template }

// LoadWording returns the built-in wording, with the definitions of every
// *.tmpl file in dir (if dir is not "") taking the place of the built-in
// ones of the same name.
func LoadWording(dir string) (*Wording, error) {
	t, err := template.New("report").Option("missingkey=error").ParseFS(reportFS, "report/*.tmpl")
	if err != nil {
		return nil, err
	}
	if dir != "" {
		files, err := filepath.Glob(filepath.Join(dir, "*.tmpl"))
		if err != nil || len(files) == 0 {
			return nil, fmt.Errorf("%s: no *.tmpl files to take the report wording from", dir)
		}
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", file, err)
			}
			if _, err := t.New(file).Parse(string(data)); err != nil {
				return nil, fmt.Errorf("%s: %s", file, strings.TrimPrefix(err.Error(), "template: "))
			}
		}
	}
	return &Wording{t: t}, nil
}

// Text executes the named template.
func (w *Wording) Text(name string, data any) (string, error) {
	var b strings.Builder
	if err := w.t.ExecuteTemplate(&b, name, data); err != nil {
		return "", fmt.Errorf("report wording %q: %w", name, err)
	}
	return strings.TrimSpace(b.String()), nil
}
