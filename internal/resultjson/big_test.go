package resultjson_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/perfeval/perfeval/internal/resultjson"
)

// bigResult generates a result JSON of about size bytes: n top-level
// leaves of weight 1 and score 1, each with a long trace, adding up.
func bigResult(size int) []byte {
	leaf := `{"code": "X%d", "name": "预算控制", "level": 1, "weight": 1, "score": 1.00, "rate": 1, "rule": "review", "target": "不超预算", "actual": "总体不超预算", "ratio": null, "not_applicable": false, "trace": "1 = 1.00 ` + strings.Repeat("说明", 100) + `", "calc": {"kind": "full", "weight": 1, "value": 1}, "deducted": 0, "deductions": [], "children": []}`
	n := size / (len(leaf) + 8)
	var b bytes.Buffer
	b.Grow(size + 1024)
	fmt.Fprintf(&b, `{"tool": "perfeval", "version": "test", "project": {"name": "p", "department": "d", "kind": "k", "year": "2024", "as_of": null, "unit": "万元"}, "total": %d, "weight": %d, "grade": "优", "excluded_weight": 0, "total_calc": {"kind": "sum", "value": %d}, "precision": 2, "indicators": [`, n, n, n)
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, leaf, i)
	}
	b.WriteString("]}\n")
	return b.Bytes()
}

// TestDecodeGenerated: a generated result of 4 MB decodes; a key given
// twice near its end is found with its path.
func TestDecodeGenerated(t *testing.T) {
	data := bigResult(4 << 20)
	r, err := resultjson.Decode("big.json", data)
	if err != nil {
		t.Fatal(err)
	}
	n := len(r.Indicators)
	last := fmt.Sprintf(`"code": "X%d",`, n-1)
	dup := bytes.Replace(data, []byte(last), []byte(last+` "score": 2,`), 1)
	_, err = resultjson.Decode("big.json", dup)
	if want := fmt.Sprintf("big.json: indicators[%d].score: the key is given twice", n-1); err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// BenchmarkDecode100MB reads a generated result JSON of 100 MB, the size
// the issue measured; run with -benchmem (and /usr/bin/time -v for the
// peak).
func BenchmarkDecode100MB(b *testing.B) {
	data := bigResult(100 << 20)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for range b.N {
		if _, err := resultjson.Decode("big.json", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeAtCap reads a generated result JSON at the input cap,
// 256 MiB (SPEC §7: under 1 GiB).
func BenchmarkDecodeAtCap(b *testing.B) {
	data := bigResult(256<<20 - 1024)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for range b.N {
		if _, err := resultjson.Decode("big.json", data); err != nil {
			b.Fatal(err)
		}
	}
}
