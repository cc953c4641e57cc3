package resultjson_test

import (
	"os"
	"strings"
	"testing"

	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/fuzzcheck"
	"github.com/perfeval/perfeval/internal/resultjson"
)

// FuzzDecode reads arbitrary bytes as a result JSON given to diff: a
// mistake is a located error, never a panic, and what is accepted has no
// key given twice and nothing after the document.
func FuzzDecode(f *testing.F) {
	for _, name := range []string{"testdata/gd12355-2023.json", "testdata/gd12355-2024.json"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"tool":"perfeval","total":1,"total":2}`))
	f.Add([]byte(`{"tool":"perfeval"} {}`))
	f.Add([]byte("{\"tool\":\"perfeval\",\"x\":\"\xff\"}"))
	f.Add([]byte(`{"tool":"perfeval","x":` + strings.Repeat("[", 600) + strings.Repeat("]", 600) + `}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzcheck.Bounded(t, func() {
			_, err := resultjson.Decode("f.json", data)
			if err != nil {
				if _, ok := err.(*diag.Error); !ok {
					if _, ok := err.(diag.Errors); !ok {
						t.Fatalf("%T is not a located error: %v", err, err)
					}
				}
			}
		})
	})
}
