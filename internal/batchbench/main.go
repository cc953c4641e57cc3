// Command batchbench measures perfeval as users run it: whole processes of
// the built command, each on its own, so that peak memory is each run's
// own. `make bench` runs it.
//
// Every setting is run -count times, the settings interleaved round by
// round (and, with -base, each run of the build beside a run of the base
// build), so that a busy moment of a shared machine falls on all of them
// alike rather than on one; each line gives the minimum and the median of
// its runs and the largest peak. The settings: batches of synthetic
// projects without PDFs, with PDFs and with Word reports (ms per
// project); a Go hello-world, the yardstick of what any Go program costs
// to start on this machine, and `perfeval --version`, one `score` and one
// `score --pdf` (ms, and their multiple of the hello-world); `check` over a directory of forms and `check --screen` over
// invented county forms (forms/s).
//
//	go run ./internal/batchbench [-n 200,2000] [-count 5] [-forms 1000] [-screen 1000,10000] [-base BIN]
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
	sizes := flag.String("n", "200,2000", "batch sizes, comma-separated (empty: none)")
	count := flag.Int("count", 5, "runs of every setting")
	forms := flag.Int("forms", 1000, "forms in the directory perfeval check reads (0: none)")
	screen := flag.String("screen", "1000,10000", "county forms screened by perfeval check --screen, comma-separated sizes (empty: none)")
	base := flag.String("base", "", "a perfeval binary (an earlier build) to measure beside this one, run for run")
	only := flag.String("only", "", "run only the settings whose name contains this")
	keep := flag.String("keep", "", "write the inputs into this `dir` and keep them (default: a temporary directory, removed)")
	flag.Parse()
	if err := run(*sizes, *count, *forms, *screen, *base, *only, *keep); err != nil {
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

// A setting is one command line, measured per unit (a project, a form).
type setting struct {
	name   string
	args   func(out string) []string // out: a fresh path for its outputs
	units  int                       // projects or forms; 0 for a single process
	bin    string                    // the one binary that runs it (the hello-world); "": every one
	rate   bool                      // show units per second rather than ms per unit
	runs   map[string][]measure      // by binary
	failed map[string]bool           // binaries that cannot run it
}

func run(sizes string, count int, forms int, screen, base, only, keep string) error {
	tmp := keep
	if keep == "" {
		dir, err := os.MkdirTemp("", "batchbench")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		tmp = dir
	} else if err := os.MkdirAll(keep, 0o755); err != nil {
		return err
	}
	bin := filepath.Join(tmp, "perfeval")
	// Built as make dist builds a release: without cgo (a static program,
	// which starts about 2 ms sooner), -trimpath.
	build := exec.Command("go", "build", "-trimpath", "-o", bin, "./cmd/perfeval")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("go build: %w", err)
	}
	hello, err := buildHello(tmp)
	if err != nil {
		return err
	}
	bins := []string{bin}
	if base != "" {
		var err error
		if base, err = filepath.Abs(base); err != nil {
			return err
		}
		bins = []string{base, bin}
	}

	var settings []*setting
	add := func(s *setting) {
		if strings.Contains(s.name, only) {
			s.runs, s.failed = map[string][]measure{}, map[string]bool{}
			settings = append(settings, s)
		}
	}
	for _, n := range list(sizes) {
		in := filepath.Join(tmp, fmt.Sprintf("in%d", n))
		if err := os.MkdirAll(in, 0o755); err != nil {
			return err
		}
		if err := writeBatch(in, n); err != nil {
			return err
		}
		for _, mode := range []struct {
			name  string
			extra []string
		}{{"no PDF", []string{"--no-pdf"}}, {"PDF", nil}, {"DOCX", []string{"--no-pdf", "--with-docx"}}} {
			add(&setting{name: fmt.Sprintf("batch %d, %s", n, mode.name), units: n,
				args: func(out string) []string { return append([]string{"score", in, "--out", out}, mode.extra...) }})
		}
	}
	example := filepath.Join("examples", "gd12355", "2024.xlsx")
	// What any Go program costs to start here: the yardstick for the
	// single processes below (issue 33 asks --version ≤ 2.1× and one
	// score ≤ 5.7× of it).
	add(&setting{name: "Go hello-world", bin: hello, args: func(string) []string { return nil }})
	add(&setting{name: "--version", args: func(string) []string { return []string{"--version"} }})
	add(&setting{name: "one score", args: func(string) []string { return []string{"score", example} }})
	add(&setting{name: "one score --pdf", args: func(out string) []string { return []string{"score", example, "--pdf", out + ".pdf"} }})
	if forms > 0 {
		dir, err := exampleForms(tmp, forms)
		if err != nil {
			return err
		}
		add(&setting{name: fmt.Sprintf("check %d forms", forms), units: forms, rate: true,
			args: func(out string) []string { return []string{"check", dir, "--format", "json", "-o", out + ".json"} }})
	}
	for _, n := range list(screen) {
		dir := filepath.Join(tmp, fmt.Sprintf("county%d", n))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if err := writeCounty(dir, n); err != nil {
			return err
		}
		add(&setting{name: fmt.Sprintf("check --screen %d forms", n), units: n, rate: true,
			args: func(out string) []string {
				return []string{"check", "--screen", dir, "--format", "json", "-o", out + ".json"}
			}})
	}

	// Round by round: every setting once with every binary, so that the
	// runs compared are made side by side.
	k := 0
	for range count {
		for _, s := range settings {
			for _, b := range bins {
				if s.bin != "" {
					if b != bins[0] {
						continue
					}
					b = s.bin
				}
				k++
				out := filepath.Join(tmp, fmt.Sprintf("out%d", k))
				if s.failed[b] {
					continue
				}
				m, err := measureRun(b, s.args(out)...)
				if err != nil && b == base {
					// An earlier build may lack the setting (--with-docx).
					fmt.Fprintf(os.Stderr, "batchbench: %s: the base build cannot: %v\n", s.name, err)
					s.failed[b] = true
					continue
				}
				if err != nil {
					return err
				}
				s.runs[b] = append(s.runs[b], m)
				os.RemoveAll(out)
				os.Remove(out + ".pdf")
				os.Remove(out + ".json")
			}
		}
	}

	fmt.Printf("%d runs of each setting, interleaved; min and median, largest peak\n", count)
	var yardstick float64
	for _, s := range settings {
		if s.bin != "" {
			fmt.Printf("%-28s      %s\n", s.name, s.show(s.runs[s.bin]))
			yardstick = median(s.runs[s.bin])
			continue
		}
		for _, b := range bins {
			who := ""
			if len(bins) > 1 {
				who = map[bool]string{true: "base ", false: "new  "}[b == base]
			}
			line := s.show(s.runs[b])
			if s.units == 0 && yardstick > 0 && len(s.runs[b]) > 0 {
				line += fmt.Sprintf("  %4.1f× hello-world", median(s.runs[b])/yardstick)
			}
			fmt.Printf("%-28s %s%s\n", s.name, who, line)
		}
	}
	return nil
}

// median is the median wall time of runs, in ms.
func median(runs []measure) float64 { return sortedWalls(runs)[len(runs)/2] }

// sortedWalls is the wall times of runs in ms, shortest first.
func sortedWalls(runs []measure) []float64 {
	walls := make([]float64, len(runs))
	for i, m := range runs {
		walls[i] = float64(m.wall.Microseconds()) / 1000
	}
	slices.Sort(walls)
	return walls
}

// buildHello builds a Go program that prints one line and exits, the way
// perfeval is built (no cgo, -trimpath).
func buildHello(tmp string) (string, error) {
	dir := filepath.Join(tmp, "hello")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	files := map[string]string{
		"go.mod":  "module hello\n\ngo 1.26\n",
		"main.go": "package main\n\nimport \"os\"\n\nfunc main() { os.Stdout.WriteString(\"hello, world\\n\") }\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			return "", err
		}
	}
	bin := filepath.Join(dir, "hello")
	build := exec.Command("go", "build", "-trimpath", "-o", bin, ".")
	build.Dir = dir
	build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOWORK=off", "GOFLAGS=")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return "", fmt.Errorf("go build (hello-world): %w", err)
	}
	return bin, nil
}

// show is a setting's runs: min and median per unit, or per second, and
// the largest peak.
func (s *setting) show(runs []measure) string {
	if len(runs) == 0 {
		return "not run"
	}
	peak := 0.0
	for _, m := range runs {
		peak = max(peak, m.peak)
	}
	lo, mid := sortedWalls(runs)[0], median(runs)
	switch {
	case s.rate:
		// The fastest run is the highest rate.
		return fmt.Sprintf("max %6.0f  median %6.0f forms/s   peak %6.1f MiB", float64(s.units)/lo*1000, float64(s.units)/mid*1000, peak)
	case s.units > 0:
		return fmt.Sprintf("min %6.2f  median %6.2f ms/project  peak %6.1f MiB", lo/float64(s.units), mid/float64(s.units), peak)
	}
	return fmt.Sprintf("min %6.2f  median %6.2f ms          peak %6.1f MiB", lo, mid, peak)
}

func list(s string) []int {
	var out []int
	for _, f := range strings.Split(s, ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && n > 0 {
			out = append(out, n)
		}
	}
	return out
}

// exampleForms writes the example form, which has findings, under n names.
func exampleForms(tmp string, n int) (string, error) {
	data, err := os.ReadFile(filepath.Join("examples", "selfeval", "2024.xlsx"))
	if err != nil {
		return "", err
	}
	dir := filepath.Join(tmp, "forms")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("form-%05d.xlsx", i)), data, 0o644); err != nil {
			return "", err
		}
	}
	return dir, nil
}
