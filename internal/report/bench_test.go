package report_test

import (
	"io"
	"os"
	"testing"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/report"
	"github.com/perfeval/perfeval/internal/workbook"
	"github.com/perfeval/perfeval/scoring"
)

func BenchmarkReadWorkbook(b *testing.B) {
	data, err := os.ReadFile("../../examples/gd12355/2024.xlsx")
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
	f, err := indicators.Load("../../examples/gd12355/framework.yaml")
	if err != nil {
		b.Fatal(err)
	}
	in, err := workbook.Read("../../examples/gd12355/2024.xlsx", workbook.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := scoring.Score(f, in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteJSON(b *testing.B) {
	res := scoreExample(b, "2024")
	for b.Loop() {
		if err := report.WriteJSON(io.Discard, report.NewResultJSON(res, "bench")); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteText(b *testing.B) {
	res := scoreExample(b, "2024")
	for b.Loop() {
		if err := report.WriteText(io.Discard, report.ScoreDocument(res)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteXLSX(b *testing.B) {
	res := scoreExample(b, "2024")
	for b.Loop() {
		if err := report.WriteXLSX(io.Discard, report.ScoreDocument(res)); err != nil {
			b.Fatal(err)
		}
	}
}
