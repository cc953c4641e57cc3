package cli

import (
	"bytes"
	"io"
	"syscall"
	"testing"
	"time"

	"github.com/perfeval/perfeval/internal/bench"
)

func peakRSS() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Maxrss) / 1024 // KiB → MiB
}

// BenchmarkBatch scores a batch of 200 synthetic projects (make bench) and
// reports milliseconds per project and the process's peak memory.
func BenchmarkBatch(b *testing.B) {
	const n = 200
	in := b.TempDir()
	if err := bench.WriteBatch(in, n); err != nil {
		b.Fatal(err)
	}
	for _, mode := range []struct {
		name  string
		extra []string
	}{{"nopdf", []string{"--no-pdf"}}, {"pdf", nil}} {
		b.Run(mode.name, func(b *testing.B) {
			var elapsed time.Duration
			for b.Loop() {
				out := b.TempDir()
				start := time.Now()
				code := Main(append([]string{"score", in, "--out", out}, mode.extra...), Streams{Out: io.Discard, Err: &bytes.Buffer{}})
				elapsed += time.Since(start)
				if code != ExitOK {
					b.Fatalf("exit %d", code)
				}
			}
			b.ReportMetric(float64(elapsed.Milliseconds())/float64(b.N*n), "ms/project")
			b.ReportMetric(peakRSS(), "peak-MiB")
		})
	}
}
