package pipeline

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/perfeval/perfeval/internal/form"
)

// benchForms writes the example self-evaluation form under n names.
func benchForms(b *testing.B, n int) []string {
	data, err := os.ReadFile(filepath.Join("..", "..", "examples", "selfeval", "2024.xlsx"))
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	paths := make([]string, n)
	for i := range paths {
		paths[i] = filepath.Join(dir, "form-"+string(rune('a'+i%26))+string(rune('a'+i/26))+".xlsx")
		if err := os.WriteFile(paths[i], data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return paths
}

// BenchmarkCheck checks one form as check does, per form.
func BenchmarkCheck(b *testing.B) {
	paths := benchForms(b, 1)
	req := CheckRequest{Frameworks: &Frameworks{}, Weights: form.DefaultWeights()}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Check(paths[0], req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScreen screens one form as check --screen does, per form.
func BenchmarkScreen(b *testing.B) {
	paths := benchForms(b, 1)
	req := CheckRequest{Frameworks: &Frameworks{}, Screen: true, Weights: form.DefaultWeights()}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Check(paths[0], req); err != nil {
			b.Fatal(err)
		}
	}
}
