package report_test

import (
	"io"
	"testing"

	"github.com/perfeval/perfeval/examples"
	"github.com/perfeval/perfeval/internal/render"
	"github.com/perfeval/perfeval/internal/report"
	"github.com/perfeval/perfeval/internal/workbook"
	"github.com/perfeval/perfeval/scoring"
)

func BenchmarkReadWorkbook(b *testing.B) {
	data, err := examples.Read("gd12355/2024.xlsx")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := workbook.ReadBytes("2024.xlsx", data, workbook.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScore(b *testing.B) {
	res := examples.ScoreT(b, "2024")
	f := res.Framework
	data, _ := examples.Read("gd12355/2024.xlsx")
	in, err := workbook.ReadBytes("2024.xlsx", data, workbook.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := scoring.Score(f, in, scoring.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// benchFormat writes the 2024 result in a format, as the command line does.
func benchFormat(b *testing.B, name string) {
	res := examples.ScoreT(b, "2024")
	w, err := report.LoadWording("")
	if err != nil {
		b.Fatal(err)
	}
	f, _ := render.Lookup(name)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := f.Write(io.Discard, report.ScoreOutput(res, w, "bench")); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteJSON(b *testing.B) { benchFormat(b, "json") }
func BenchmarkWriteText(b *testing.B) { benchFormat(b, "text") }
func BenchmarkWriteXLSX(b *testing.B) { benchFormat(b, "xlsx") }
func BenchmarkWritePDF(b *testing.B)  { benchFormat(b, "pdf") }
func BenchmarkWriteDOCX(b *testing.B) { benchFormat(b, "docx") }
