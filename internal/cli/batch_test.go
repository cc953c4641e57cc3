package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/perfeval/perfeval/examples"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/perfeval/perfeval/internal/resultjson"
	"github.com/perfeval/perfeval/internal/third_party/excelize"
)

// TestBatchOf200 scores 200 copies of the 2024 example and a corrupt file:
// the corrupt one is reported, the 200 all come out and match a single run.
func TestBatchOf200(t *testing.T) {
	if testing.Short() {
		t.Skip("200 PDFs")
	}
	in, out := t.TempDir(), t.TempDir()
	data, err := examples.Read("gd12355/2024.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		os.WriteFile(filepath.Join(in, fmt.Sprintf("p%03d.xlsx", i)), data, 0o644)
	}
	os.WriteFile(filepath.Join(in, "corrupt.xlsx"), data[:len(data)/2], 0o644)
	fw, _ := examples.Read("gd12355/framework.yaml")
	os.WriteFile(filepath.Join(in, "framework.yaml"), fw, 0o644)

	var stdout, stderr bytes.Buffer
	code := Main([]string{"score", in, "--out", out}, Streams{Out: &stdout, Err: &stderr})
	if code != ExitInput {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(stderr.String(), "corrupt.xlsx: the workbook is damaged or truncated") {
		t.Errorf("stderr: %s", stderr.String())
	}
	if !strings.Contains(stdout.String(), "200 scored, 1 failed") {
		t.Errorf("stdout tail: %s", stdout.String()[max(0, stdout.Len()-200):])
	}
	jsons, _ := filepath.Glob(filepath.Join(out, "*.json"))
	pdfs, _ := filepath.Glob(filepath.Join(out, "*.pdf"))
	if len(jsons) != 200 || len(pdfs) != 200 {
		t.Fatalf("%d JSONs, %d PDFs", len(jsons), len(pdfs))
	}

	// A single run of one of them gives the same JSON, byte for byte.
	single := filepath.Join(t.TempDir(), "single.json")
	one := filepath.Join(in, "p007.xlsx")
	if code := Main([]string{"score", one, "-o", single}, Streams{Out: &stdout, Err: &stderr}); code != ExitOK {
		t.Fatal(stderr.String())
	}
	a, _ := os.ReadFile(single)
	b, _ := os.ReadFile(filepath.Join(out, "p007.json"))
	if !bytes.Equal(a, b) {
		t.Error("the batch's p007.json differs from a single run's")
	}
	var r resultjson.Result
	json.Unmarshal(b, &r)
	if r.Total != "95.62" {
		t.Errorf("total %s", r.Total)
	}

	f, err := excelize.OpenFile(filepath.Join(out, "summary.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Summary") // English, as the run was
	if len(rows) != 201 || rows[1][3] != "95.62" || rows[0][5] != "决策" {
		t.Errorf("summary: %d rows, first %v", len(rows), rows[:min(2, len(rows))])
	}
	// The workbook that failed is listed too, with its error.
	failed, _ := f.GetRows("Not scored")
	if len(failed) != 2 || !strings.HasSuffix(failed[1][0], "corrupt.xlsx") || !strings.Contains(failed[1][1], "damaged or truncated") {
		t.Errorf("failed projects in the summary: %q", failed)
	}
}
