// Package examples holds the reference projects of SPEC §6 — the 12355
// hotline's 2023 self-evaluation and 2024 evaluation — and scores them
// through the same pipeline as the command line, for the tests and
// benchmarks of every package.
package examples

import (
	"embed"
	"testing"

	"github.com/perfeval/perfeval/internal/pipeline"
	"github.com/perfeval/perfeval/scoring"
)

//go:embed gd12355/framework.yaml gd12355/*.xlsx
var files embed.FS

// Read returns a reference file: "gd12355/framework.yaml", "gd12355/2024.xlsx".
func Read(name string) ([]byte, error) { return files.ReadFile(name) }

// Score scores a year ("2023" or "2024") of the gd12355 project. Positions
// and input names read "examples/gd12355/…", as from the repository's root.
func Score(year string) (*scoring.Result, error) { return ScoreWith(year, scoring.Options{}) }

// ScoreT scores a year for a test or benchmark, failing it on an error.
func ScoreT(tb testing.TB, year string) *scoring.Result {
	tb.Helper()
	res, err := Score(year)
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

// ScoreWith scores a year with options (an as-of date, warning thresholds).
func ScoreWith(year string, opts scoring.Options) (*scoring.Result, error) {
	fwData, err := files.ReadFile("gd12355/framework.yaml")
	if err != nil {
		return nil, err
	}
	fw, err := pipeline.ParseFramework("examples/gd12355/framework.yaml", fwData)
	if err != nil {
		return nil, err
	}
	data, err := files.ReadFile("gd12355/" + year + ".xlsx")
	if err != nil {
		return nil, err
	}
	return pipeline.ScoreBytes("examples/gd12355/"+year+".xlsx", data, pipeline.Loaded(fw), opts)
}
