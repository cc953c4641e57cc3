package resultjson_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/perfeval/perfeval/examples"
	"github.com/perfeval/perfeval/internal/render"
	"github.com/perfeval/perfeval/internal/report"
	"github.com/perfeval/perfeval/internal/resultjson"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestReferenceResultTree holds the whole result of both years: every
// indicator, trace, rate and amount, as the JSON a user gets.
func TestReferenceResultTree(t *testing.T) {
	for _, year := range []string{"2023", "2024"} {
		t.Run(year, func(t *testing.T) {
			res := examples.ScoreT(t, year)
			w, err := report.LoadWording("")
			if err != nil {
				t.Fatal(err)
			}
			got, err := report.ResultJSON(res, w, "test")
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "gd12355-"+year+".json")
			if *update {
				var buf bytes.Buffer
				if err := render.WriteJSON(&buf, got); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			data, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			var want resultjson.Result
			if err := json.Unmarshal(data, &want); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("result differs from %s (-want +got):\n%s\n(go test ./internal/resultjson -update rewrites it)", golden, diff)
			}
		})
	}
}
