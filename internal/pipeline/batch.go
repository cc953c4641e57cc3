package pipeline

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/report"
	"github.com/perfeval/perfeval/scoring"
)

// Workbooks expands the arguments of a batch: a directory stands for the
// .xlsx, .xlsm and .docx files in it and in its folders, and the old
// binary .xls, .et, .doc and .wps, which are named as such with the fix
// rather than passed over, in name order (not the ~$ lock files of Excel
// and Word, nor hidden files and folders). A sub-folder that cannot be
// read is listed as an item, whose error is then that item's: the rest go
// on.
func Workbooks(args []string) ([]string, error) {
	readable := map[string]bool{".xlsx": true, ".xlsm": true, ".docx": true, ".xls": true, ".et": true, ".doc": true, ".wps": true}
	var out []string
	for _, a := range args {
		fi, err := os.Stat(a)
		if err != nil {
			return nil, lang.Errorf("%s: %v", a, lang.Cause(err))
		}
		if !fi.IsDir() {
			out = append(out, a)
			continue
		}
		n := len(out)
		err = filepath.WalkDir(a, func(path string, e fs.DirEntry, err error) error {
			switch {
			case err != nil && path == a:
				return lang.Errorf("%s: %v", path, lang.Cause(err))
			case err != nil:
				// A folder or file that cannot be read is an item of its
				// own, whose error reading it reports; the rest go on.
				out = append(out, path)
				if e != nil && e.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			name := e.Name()
			switch {
			case path == a:
			case strings.HasPrefix(name, "."):
				if e.IsDir() {
					return filepath.SkipDir
				}
			case !e.IsDir() && readable[strings.ToLower(filepath.Ext(name))] && !strings.HasPrefix(name, "~$"):
				out = append(out, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(out) == n {
			return nil, lang.Errorf("%s: no .xlsx or .docx files in the directory", a)
		}
	}
	return out, nil
}

// outputNames gives each workbook an output name: its base name, with as
// many of its folders before it as tell it from another workbook of that
// name (甲项目_workbook and 乙项目_workbook for two init-made workbooks),
// and a number after it when nothing else does.
func outputNames(paths []string) []string {
	parts := make([][]string, len(paths))
	depth := make([]int, len(paths)) // folders used before the base name
	for i, p := range paths {
		p = filepath.ToSlash(filepath.Clean(p))
		for _, s := range strings.Split(p, "/") {
			if s != "" && s != "." && s != ".." {
				parts[i] = append(parts[i], s)
			}
		}
		if n := len(parts[i]); n > 0 {
			parts[i][n-1] = strings.TrimSuffix(parts[i][n-1], filepath.Ext(parts[i][n-1]))
		}
		for k, part := range parts[i] {
			parts[i][k] = safeName(part)
		}
	}
	name := func(i int) string {
		n := len(parts[i])
		return strings.Join(parts[i][max(0, n-1-depth[i]):], "_")
	}
	for changed := true; changed; {
		changed = false
		seen := map[string][]int{}
		for i := range paths {
			seen[name(i)] = append(seen[name(i)], i)
		}
		for _, group := range seen {
			if len(group) < 2 {
				continue
			}
			for _, i := range group {
				if depth[i] < len(parts[i])-1 {
					depth[i]++
					changed = true
				}
			}
		}
	}
	used := map[string]int{}
	names := make([]string, len(paths))
	for i := range paths {
		base := name(i)
		n := base
		for k := 2; used[n] > 0; k++ {
			n = fmt.Sprintf("%s-%d", base, k)
		}
		used[n]++
		names[i] = n
	}
	return names
}

// parallel calls do(i) for every i below n, on one worker per core.
func parallel(n int, do func(i int)) {
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(n, max(1, runtime.NumCPU())) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				do(i)
			}
		}()
	}
	for i := range n {
		work <- i
	}
	close(work)
	wg.Wait()
}

// A Batch scores many workbooks, one worker per core.
type Batch struct {
	Paths     []string // the workbooks
	Framework string   // -f, or "" for framework.yaml beside each workbook
	Password  string
	Options   scoring.Options
	OutDir    string
	// Outputs are a project's own outputs, base being OUTDIR/<name>
	// without an extension; they are written all or nothing per project.
	Outputs func(base string, res *scoring.Result) []Output
	// Done, when set, is called as each project finishes (a progress bar).
	Done func()
}

// A BatchResult is what a batch leaves: a summary row per project scored,
// and each failure with its message.
type BatchResult struct {
	Summaries []report.Summary
	Failures  []error
	Failed    []report.Failed // each failure with its workbook, for the summary
	Warnings  []string
	// Stale lists files in OUTDIR that look like this batch's outputs but
	// were not written by it: an earlier run's, or a failed project's.
	Stale []string
}

// Inputs are every file the batch reads: the workbooks and their
// frameworks. No output of the batch may be one of them.
func (b *Batch) Inputs() []string {
	out := slices.Clone(b.Paths)
	for _, p := range b.Paths {
		if fw := FrameworkPath(b.Framework, p); !slices.Contains(out, fw) {
			out = append(out, fw)
		}
	}
	return out
}

// bases are each project's outputs' path without its extension,
// OUTDIR/<name>.
func (b *Batch) bases() []string {
	out := outputNames(b.Paths)
	for i, n := range out {
		out[i] = filepath.Join(b.OutDir, n)
	}
	return out
}

// planned lists every project's outputs, by path, before anything is scored.
func (b *Batch) planned(bases []string) [][]Output {
	out := make([][]Output, len(bases))
	for i, base := range bases {
		out[i] = b.Outputs(base, nil)
	}
	return out
}

// Check refuses, before any work, a batch whose outputs (and the others
// named, such as its summary) would overwrite one of its inputs or each
// other.
func (b *Batch) Check(others ...string) error {
	var all []Output
	for _, list := range b.planned(b.bases()) {
		all = append(all, list...)
	}
	for _, p := range others {
		all = append(all, Output{Path: p})
	}
	return checkPaths(b.Inputs(), all)
}

// Run scores every workbook in parallel. A bad workbook is a failure and
// does not stop the others. Only each project's summary row is kept once
// its outputs are written, so memory stays flat as the batch grows.
func (b *Batch) Run() *BatchResult {
	// Collecting half as often as Go's default still pays with the font
	// parsed once per process: a batch of 200 with PDFs takes 5.1 ms a
	// project at GOGC 200 and 6.3 at 100, for a peak of 59 MiB instead of
	// 45.
	defer CollectLess(200)()
	bases := b.bases()
	frameworks := &Frameworks{Flag: b.Framework}
	type outcome struct {
		summary  *report.Summary
		err      error
		warnings []string
	}
	outcomes := make([]outcome, len(b.Paths))
	parallel(len(b.Paths), func(i int) {
		o := &outcomes[i]
		o.summary, o.warnings, o.err = b.one(b.Paths[i], bases[i], frameworks)
		if b.Done != nil {
			b.Done()
		}
	})

	res := &BatchResult{}
	written := map[string]bool{}
	exts := map[string]bool{}
	plan := b.planned(bases)
	for i, o := range outcomes {
		for _, out := range plan[i] {
			exts[filepath.Ext(out.Path)] = true
			if o.err == nil {
				written[filepath.Clean(out.Path)] = true
			}
		}
		if o.err != nil {
			res.Failures = append(res.Failures, o.err)
			res.Failed = append(res.Failed, report.Failed{File: b.Paths[i], Error: o.err.Error()})
			continue
		}
		res.Warnings = append(res.Warnings, o.warnings...)
		res.Summaries = append(res.Summaries, *o.summary)
	}
	res.Stale = stale(b.OutDir, exts, written)
	return res
}

// stale lists the files in dir with one of the output extensions that were
// not written now.
func stale(dir string, exts, written map[string]bool) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if e.Type().IsRegular() && exts[filepath.Ext(e.Name())] && !written[filepath.Clean(p)] {
			out = append(out, p)
		}
	}
	return out
}

func (b *Batch) one(path, base string, frameworks *Frameworks) (*report.Summary, []string, error) {
	res, err := Score(path, frameworks, b.Password, b.Options)
	if err != nil {
		return nil, nil, err
	}
	var warnings []string
	for _, w := range res.Warnings {
		warnings = append(warnings, w.String())
	}
	// Check has held every output against every input of the batch; here
	// the project's own are held again, as they stand now.
	notes, err := WriteAll(nil, []string{path, FrameworkPath(b.Framework, path)}, b.Outputs(base, res)...)
	if err != nil {
		return nil, nil, err
	}
	warnings = append(warnings, notes...)
	s := report.Summarize(path, res)
	return &s, warnings, nil
}

// safeName is a file name with no control character, bidirectional
// control or zero-width character in it (each becomes _): an output is
// never named with what a terminal would act on or a reader not see.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if diag.IsControl(r) || diag.IsInvisible(r) || r == utf8.RuneError {
			return '_'
		}
		return r
	}, s)
}

// CollectLess has the garbage collector run when the heap has grown by
// percent (Go's default is 100) until the returned function restores the
// settings: a batch's live heap is small and flat, so most of its
// collections find little to free, and a single command's heap stays under
// a few tens of MiB, so that at Go's default it collects several times
// before it ends. A soft limit of 384 MiB keeps the heap
// well under 512 MiB whatever one file holds. GOGC or GOMEMLIMIT set by the
// user win.
func CollectLess(percent int) (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	gc, limit := debug.SetGCPercent(percent), debug.SetMemoryLimit(384<<20)
	return func() {
		debug.SetGCPercent(gc)
		debug.SetMemoryLimit(limit)
	}
}
