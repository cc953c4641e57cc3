package resultjson

import (
	"encoding/json"
	"strings"
	"testing"
)

// FuzzStrict: the strict scanner reads every valid JSON document without
// a syntax error of its own, and finds a key given twice wherever
// encoding/json would keep the last.
func FuzzStrict(f *testing.F) {
	f.Add([]byte(`{"a": [1, -2.5e3, true, null, "x\"y"], "b": {"c": {}}}`))
	f.Add([]byte(`{"total": 1, "\u0074otal": 2}`))
	f.Add([]byte(`[[], {}, ""]  `))
	f.Fuzz(func(t *testing.T, data []byte) {
		err := strict("f.json", data)
		if !json.Valid(data) {
			return
		}
		if err != nil && strings.Contains(err.Error(), "not a perfeval result JSON") {
			t.Fatalf("valid JSON refused: %v", err)
		}
		if err != nil && strings.Contains(err.Error(), "more after") {
			t.Fatalf("valid JSON has trailing data: %v", err)
		}
	})
}
