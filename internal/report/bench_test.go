package report_test

import (
	"io"
	"testing"

	"github.com/perfeval/perfeval/examples"
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
	res := scoreExample(b, "2024")
	f := res.Framework
	data, _ := examples.Read("gd12355/2024.xlsx")
	in, err := workbook.ReadBytes("2024.xlsx", data, workbook.Options{})
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
