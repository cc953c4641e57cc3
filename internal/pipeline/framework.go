package pipeline

import (
	"io"
	"path/filepath"
	"strings"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/frameworksheet"
	"github.com/perfeval/perfeval/internal/lang"
)

// FrameworkOutput is a framework written in the form the output's name
// asks for: a 指标体系 sheet for .xlsx, YAML for .yaml or .yml and for
// standard output ("" or "-"). Another extension is a usage error.
func FrameworkOutput(fw *indicators.Framework, path string) (Output, error) {
	switch ext := strings.ToLower(filepath.Ext(path)); {
	case path == "" || path == "-" || ext == ".yaml" || ext == ".yml":
		return Output{Path: path, Write: func(w io.Writer) ([]string, error) {
			_, err := w.Write(indicators.Format(fw))
			return nil, err
		}}, nil
	case ext == ".xlsx":
		return Output{Path: path, Write: func(w io.Writer) ([]string, error) {
			x, err := frameworksheet.Write(fw)
			if err != nil {
				return nil, err
			}
			defer x.Close()
			return nil, x.Write(w)
		}}, nil
	}
	return Output{}, usageError{lang.Errorf("%s: a framework is written as .yaml (or .yml) or as an .xlsx 指标体系 sheet", path)}
}
