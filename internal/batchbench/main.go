// Command batchbench measures perfeval as users run it: whole processes of
// the built command, each on its own, so that peak memory is each run's
// own. `make bench` runs it. It prints, for batches of synthetic projects,
// milliseconds per project with and without PDFs, their ratio and each
// run's peak memory; then one `score` process against one `score --pdf`.
//
//	go run ./internal/batchbench [-n 200,2000] [-runs 7]
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	sizes := flag.String("n", "200,2000", "batch sizes, comma-separated")
	runs := flag.Int("runs", 7, "runs of the single-project comparison (the median is shown)")
	forms := flag.Int("forms", 1000, "forms in the directory perfeval check reads")
	screen := flag.String("screen", "1000,10000", "county forms screened by perfeval check --screen, comma-separated sizes (empty: none)")
	flag.Parse()
	if err := run(*sizes, *runs, *forms, *screen); err != nil {
		fmt.Fprintln(os.Stderr, "batchbench:", err)
		os.Exit(1)
	}
}

// A measure is one process: its wall time and peak resident memory.
type measure struct {
	wall time.Duration
	peak float64 // MiB
}

func measureRun(bin string, args ...string) (measure, error) {
	cmd := exec.Command(bin, args...)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	wall := time.Since(start)
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 3 && args[0] == "check" {
		err = nil // findings: the check's gate, not a failure
	}
	if err != nil {
		return measure{}, fmt.Errorf("%s %s: %v\n%s", bin, strings.Join(args, " "), err, out)
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return measure{wall: wall, peak: float64(ru.Maxrss) / 1024}, nil
}

func run(sizes string, runs, forms int, screen string) error {
	tmp, err := os.MkdirTemp("", "batchbench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "perfeval")
	build := exec.Command("go", "build", "-o", bin, "./cmd/perfeval")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("go build: %w", err)
	}

	fmt.Println("batch  without PDF  with PDF    ratio  peak MiB without  peak MiB with")
	var peaks []float64
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return fmt.Errorf("bad batch size %q", s)
		}
		in := filepath.Join(tmp, "in"+s)
		if err := os.MkdirAll(in, 0o755); err != nil {
			return err
		}
		if err := writeBatch(in, n); err != nil {
			return err
		}
		var m [2]measure
		for i, extra := range [][]string{{"--no-pdf"}, nil} {
			out := filepath.Join(tmp, fmt.Sprintf("out%s-%d", s, i))
			if m[i], err = measureRun(bin, append([]string{"score", in, "--out", out}, extra...)...); err != nil {
				return err
			}
			os.RemoveAll(out)
		}
		per := func(x measure) float64 { return float64(x.wall.Microseconds()) / 1000 / float64(n) }
		fmt.Printf("%5d  %8.2f ms  %7.2f ms  %5.2f  %16.1f  %13.1f\n", n, per(m[0]), per(m[1]), per(m[1])/per(m[0]), m[0].peak, m[1].peak)
		peaks = append(peaks, m[1].peak)
		os.RemoveAll(in)
	}
	if len(peaks) > 1 {
		fmt.Printf("peak with PDFs, largest ÷ smallest batch: %.2f\n", peaks[len(peaks)-1]/peaks[0])
	}

	// One project: a plain score against a score that also writes the PDF.
	example := filepath.Join("examples", "gd12355", "2024.xlsx")
	var plain, withPDF []time.Duration
	for range runs {
		m, err := measureRun(bin, "score", example)
		if err != nil {
			return err
		}
		plain = append(plain, m.wall)
		m, err = measureRun(bin, "score", example, "--pdf", filepath.Join(tmp, "one.pdf"))
		if err != nil {
			return err
		}
		withPDF = append(withPDF, m.wall)
	}
	a, b := median(plain), median(withPDF)
	fmt.Printf("one project (median of %d): score %.1f ms, score --pdf %.1f ms, ratio %.2f\n", runs, ms(a), ms(b), ms(b)/ms(a))
	if err := checkForms(bin, tmp, forms); err != nil {
		return err
	}
	var screened []int
	for _, s := range strings.Split(screen, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return fmt.Errorf("bad screen size %q", s)
		}
		screened = append(screened, n)
	}
	return screenForms(bin, tmp, screened)
}

// checkForms times perfeval check over a directory of standard forms (the
// example form, which has findings, under n names).
func checkForms(bin, tmp string, n int) error {
	if n < 1 {
		return nil
	}
	data, err := os.ReadFile(filepath.Join("examples", "selfeval", "2024.xlsx"))
	if err != nil {
		return err
	}
	dir := filepath.Join(tmp, "forms")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("form-%05d.xlsx", i)), data, 0o644); err != nil {
			return err
		}
	}
	m, err := measureRun(bin, "check", dir, "--format", "json")
	if err != nil {
		return err
	}
	fmt.Printf("check %d forms: %.2f s, %.0f forms/s, peak %.1f MiB\n", n, m.wall.Seconds(), float64(n)/m.wall.Seconds(), m.peak)
	return nil
}

func median(d []time.Duration) time.Duration {
	slices.Sort(d)
	return d[len(d)/2]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
