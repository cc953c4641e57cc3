package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/report"
	"github.com/perfeval/perfeval/templates"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
)

// A batchJob is one workbook of a batch.
type batchJob struct {
	path string
	name string // OUTDIR/<name>.json and .pdf
	fw   string // its framework file
}

// workbooksIn expands the arguments: a directory stands for the .xlsx files
// in it (not Excel's ~$ lock files), in name order.
func workbooksIn(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		fi, err := os.Stat(a)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", a, unwrapPath(err))
		}
		if !fi.IsDir() {
			out = append(out, a)
			continue
		}
		entries, err := os.ReadDir(a)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", a, unwrapPath(err))
		}
		n := 0
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || !strings.EqualFold(filepath.Ext(name), ".xlsx") || strings.HasPrefix(name, "~$") || strings.HasPrefix(name, ".") {
				continue
			}
			out = append(out, filepath.Join(a, name))
			n++
		}
		if n == 0 {
			return nil, fmt.Errorf("%s: no .xlsx workbooks in the directory", a)
		}
	}
	return out, nil
}

// jobNames gives each workbook an output name: its base name, made unique.
func jobNames(paths []string) []string {
	used := map[string]int{}
	names := make([]string, len(paths))
	for i, p := range paths {
		base := strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))
		name := base
		for k := 2; used[name] > 0; k++ {
			name = fmt.Sprintf("%s-%d", base, k)
		}
		used[name]++
		names[i] = name
	}
	return names
}

// batchRun scores many workbooks on every core: a JSON (and a PDF) per
// project in OUTDIR, a summary.xlsx and a terminal summary. A bad workbook
// is reported and the others go on; the exit status is then 1.
func batchRun(o scoreOptions, s Streams) error {
	paths, err := workbooksIn(o.Workbooks)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(o.OutDir, 0o755); err != nil {
		return fmt.Errorf("%s: cannot create: %v", o.OutDir, unwrapPath(err))
	}
	var words *templates.Wording
	if !o.NoPDF {
		if words, err = templates.LoadWording(o.Template); err != nil {
			return err
		}
	}
	// A PDF allocates ~40 MB of short-lived garbage (mostly gofpdf parsing
	// and subsetting the font); collecting half as often cuts a batch's time
	// by about a third for ~150 MB of peak memory. The soft limit keeps the
	// heap well under 512 MiB. GOGC or GOMEMLIMIT set by the user win.
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(200))
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(384 << 20))
	}
	names := jobNames(paths)
	jobs := make([]batchJob, len(paths))
	// Each framework file is read once, however many workbooks use it.
	frameworks := map[string]*loadedFramework{}
	frameworkErrs := map[string]error{}
	for i, p := range paths {
		jobs[i] = batchJob{path: p, name: names[i], fw: frameworkPath(o.Framework, p)}
		if _, done := frameworks[jobs[i].fw]; !done && frameworkErrs[jobs[i].fw] == nil {
			lf, err := loadFramework(jobs[i].fw, o.Framework != "")
			frameworks[jobs[i].fw], frameworkErrs[jobs[i].fw] = lf, err
		}
	}

	var bar *mpb.Bar
	var progress *mpb.Progress
	if s.IsTerm {
		progress = mpb.New(mpb.WithOutput(s.Err), mpb.WithWidth(40))
		bar = progress.AddBar(int64(len(jobs)),
			mpb.PrependDecorators(decor.Name("scoring "), decor.CountersNoUnit("%d/%d")),
			mpb.AppendDecorators(decor.Percentage()))
	}
	results := make([]*report.Scored, len(jobs))
	failures := make([]error, len(jobs))
	work := make(chan int)
	var wg sync.WaitGroup
	for range max(1, runtime.NumCPU()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				results[i], failures[i] = scoreOne(jobs[i], o, frameworks[jobs[i].fw], frameworkErrs[jobs[i].fw], words)
				if bar != nil {
					bar.Increment()
				}
			}
		}()
	}
	for i := range jobs {
		work <- i
	}
	close(work)
	wg.Wait()
	if progress != nil {
		progress.Wait()
	}

	var done []report.Scored
	failed := 0
	for i, r := range results {
		if failures[i] != nil {
			failed++
			printError(s.Err, failures[i])
			continue
		}
		for _, w := range r.Result.Warnings {
			fmt.Fprintf(s.Err, "perfeval: warning: %s\n", w)
		}
		done = append(done, *r)
	}
	doc := report.Document{Tables: []report.Table{report.SummaryTable(done)}}
	if err := writeAtomic(filepath.Join(o.OutDir, "summary.xlsx"), func(w io.Writer) error { return report.WriteXLSX(w, doc) }); err != nil {
		return err
	}
	if err := report.WriteText(s.Out, doc); err != nil {
		return err
	}
	fmt.Fprintf(s.Out, "%d scored, %d failed; results in %s\n", len(done), failed, o.OutDir)
	if failed > 0 {
		return exitError{ExitInput}
	}
	return nil
}

func scoreOne(job batchJob, o scoreOptions, lf *loadedFramework, fwErr error, words *templates.Wording) (*report.Scored, error) {
	if fwErr != nil {
		return nil, fwErr
	}
	if lf == nil {
		return nil, errors.New("no framework")
	}
	res, err := scoreWorkbook(job.path, lf, o.Password)
	if err != nil {
		return nil, err
	}
	base := filepath.Join(o.OutDir, job.name)
	inputs := []string{job.path, job.fw}
	if err := writeOutput(base+".json", nil, inputs, func(w io.Writer) error {
		return report.WriteJSON(w, report.NewResultJSON(res, Version))
	}); err != nil {
		return nil, err
	}
	if !o.NoPDF {
		var notes []string
		if err := writeOutput(base+".pdf", nil, inputs, func(w io.Writer) error {
			notes, err = templates.WriteScorePDF(w, res, templates.PDFOptions{Version: Version, Wording: words})
			return err
		}); err != nil {
			return nil, err
		}
		for _, n := range notes {
			res.Warnings = append(res.Warnings, indicators.Warning{Pos: indicators.Pos{File: base + ".pdf"}, Msg: n})
		}
	}
	return &report.Scored{File: job.path, Result: res}, nil
}
