// Package pipeline runs perfeval's jobs from files to results, for the
// command line and the tests alike: it opens a framework and a workbook
// (recording each file's SHA-256), scores, checks execution, loads a result
// to compare (a saved JSON or a workbook), runs batches on every core, and
// writes a run's outputs all or nothing. The command line only turns flags
// into these calls.
package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/diff"
	"github.com/perfeval/perfeval/internal/files"
	"github.com/perfeval/perfeval/internal/form"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/resultjson"
	"github.com/perfeval/perfeval/internal/workbook"
	"github.com/perfeval/perfeval/scoring"
	"github.com/shopspring/decimal"
)

// A Framework is a parsed framework and the file it came from.
type Framework struct {
	*indicators.Framework
	File scoring.File
}

// FrameworkPath is the framework a workbook is scored with: the one given
// (flag), else framework.yaml beside the workbook.
func FrameworkPath(flag, workbookPath string) string {
	if flag != "" {
		return flag
	}
	return filepath.Join(filepath.Dir(workbookPath), "framework.yaml")
}

// OpenFramework reads and checks a framework file. explicit says the user
// named it (rather than it being the one beside a workbook), which changes
// what a missing file means.
func OpenFramework(path string, explicit bool) (*Framework, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) && !explicit {
		return nil, &diag.Error{Pos: diag.Pos{File: path}, Msg: lang.T("no framework beside the workbook"), Hint: lang.T("give one with -f framework.yaml, or write one with perfeval init")}
	}
	data, err := files.Read(path, files.MaxFramework, lang.T("framework"))
	if err != nil {
		return nil, err
	}
	return ParseFramework(path, data)
}

// ParseFramework reads a framework held in memory; name is used in
// positions and in the result's list of inputs.
func ParseFramework(name string, data []byte) (*Framework, error) {
	fw, err := indicators.Parse(name, data)
	if err != nil {
		return nil, err
	}
	return &Framework{Framework: fw, File: scoring.File{Name: name, SHA256: digest(data)}}, nil
}

func digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// Frameworks finds the framework each workbook is scored with: the one
// named (Flag), else framework.yaml beside the workbook. Each file is read
// once, however many workbooks use it; it is safe for concurrent use.
type Frameworks struct {
	Flag   string
	mu     sync.Mutex
	loaded map[string]loadedFramework
}

type loadedFramework struct {
	fw  *Framework
	err error
}

// Loaded is a source that gives one parsed framework to every workbook.
func Loaded(fw *Framework) *Frameworks {
	return &Frameworks{Flag: fw.File.Name, loaded: map[string]loadedFramework{fw.File.Name: {fw: fw}}}
}

// For returns the framework of the workbook at path.
func (fs *Frameworks) For(path string) (*Framework, error) {
	fwPath := FrameworkPath(fs.Flag, path)
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if l, ok := fs.loaded[fwPath]; ok {
		return l.fw, l.err
	}
	fw, err := OpenFramework(fwPath, fs.Flag != "")
	if fs.loaded == nil {
		fs.loaded = map[string]loadedFramework{}
	}
	fs.loaded[fwPath] = loadedFramework{fw, err}
	return fw, err
}

// Contents is what a workbook holds: perfeval's own sheets, or a standard
// self-evaluation form (SPEC §8), which is its own framework.
type Contents struct {
	Input *scoring.Input // perfeval's sheets; nil for a form
	Form  *form.Form     // the form; nil for perfeval's sheets
}

// Open reads a workbook: perfeval's sheets or a standard form. Only a
// regular file of at most workbook.MaxFileSize bytes is read: a pipe or a
// device is refused before it is opened, so that neither can hang the run.
func Open(path, password string) (*Contents, error) {
	data, err := files.Read(path, workbook.MaxFileSize, lang.T("workbook"))
	if err != nil {
		return nil, err
	}
	return OpenBytes(path, data, workbook.Options{Password: password})
}

// OpenBytes reads a workbook held in memory; name is used in positions. A
// workbook without perfeval's 项目信息 sheet whose sheet has a form's
// indicator header (三级指标, 分值, 得分) is read as a standard form. When
// the workbook opens but holds mistakes, what could be read comes back
// with every mistake, so that validation can go on to find more.
func OpenBytes(name string, data []byte, opts workbook.Options) (*Contents, error) {
	b, err := workbook.Open(name, data, opts)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	if !b.IsProject() {
		if sheet := form.FindSheet(b); sheet != "" {
			f, err := form.Read(b, sheet)
			return &Contents{Form: f}, err
		}
	}
	in, err := b.Read()
	return &Contents{Input: in}, err
}

// Data is what the workbook holds as data: a form gives the data it
// derives.
func (c *Contents) Data() *scoring.Input {
	switch {
	case c == nil:
		return nil
	case c.Form != nil:
		_, in, _ := c.Form.Derive()
		return in
	}
	return c.Input
}

// Score reads a workbook and scores it: a standard form by itself,
// perfeval's sheets against their framework (fs). The workbook is read
// first, so that its own mistakes come before a missing framework.
func Score(path string, fs *Frameworks, password string, opts scoring.Options) (*scoring.Result, error) {
	c, err := Open(path, password)
	if err != nil {
		return nil, err
	}
	return scoreContents(path, c, fs, opts)
}

// ScoreBytes scores a workbook held in memory; name is used in positions.
func ScoreBytes(name string, data []byte, fs *Frameworks, opts scoring.Options) (*scoring.Result, error) {
	c, err := OpenBytes(name, data, workbook.Options{})
	if err != nil {
		return nil, err
	}
	return scoreContents(name, c, fs, opts)
}

func scoreContents(path string, c *Contents, fs *Frameworks, opts scoring.Options) (*scoring.Result, error) {
	if c.Form != nil {
		if fs.Flag != "" {
			return nil, &diag.Error{Pos: diag.Pos{File: path}, Msg: lang.T("is a standard self-evaluation form (项目支出绩效自评表), which is its own framework"), Hint: lang.T("leave out -f")}
		}
		return form.Score(c.Form, opts)
	}
	fw, err := fs.For(path)
	if err != nil {
		return nil, err
	}
	res, err := scoring.Score(fw.Framework, c.Input, opts)
	if err != nil {
		return nil, err
	}
	res.Inputs = append(res.Inputs, fw.File)
	return res, nil
}

// Execution checks a workbook's money: with the framework named (flag) or
// the one beside the workbook, if there is one; a standard form with its
// own.
func Execution(path, flag, password string, opts scoring.Options) (*scoring.Result, error) {
	c, err := Open(path, password)
	if err != nil {
		return nil, err
	}
	if c.Form != nil {
		fw, in, err := c.Form.Derive()
		if err != nil {
			return nil, err
		}
		return scoring.CheckExecution(in, fw, opts)
	}
	fwPath := FrameworkPath(flag, path)
	var fw *Framework
	if _, err := os.Stat(fwPath); flag != "" || !errors.Is(err, fs.ErrNotExist) {
		if fw, err = OpenFramework(fwPath, flag != ""); err != nil {
			return nil, err
		}
	}
	var f *indicators.Framework
	if fw != nil {
		f = fw.Framework
	}
	res, err := scoring.CheckExecution(c.Input, f, opts)
	if err != nil {
		return nil, err
	}
	if fw != nil {
		res.Inputs = append(res.Inputs, fw.File)
	}
	return res, nil
}

// Load reads one side of a comparison: a saved result JSON, or a workbook
// scored with the framework named (flag) or the one beside it; either
// turns into what a comparison reads of a result.
func Load(path, flag, password string, opts scoring.Options) (*diff.Result, error) {
	data, err := files.Read(path, workbook.MaxFileSize, lang.T("file"))
	if err != nil {
		return nil, err
	}
	if resultjson.IsJSON(data) {
		return resultjson.Decode(path, data)
	}
	res, err := Score(path, &Frameworks{Flag: flag}, password, opts)
	if err != nil {
		return nil, err
	}
	return diff.FromResult(res), nil
}

// A CheckRequest says how `check` treats every file of a run.
type CheckRequest struct {
	Frameworks *Frameworks
	Password   string
	Options    scoring.Options
	// Screen adds the plausibility findings of SPEC §10, the texts
	// reused across projects among them, and rates each form's risk by
	// Weights.
	Screen  bool
	Weights form.RiskWeights
}

// Check reads a workbook and checks what its unit wrote (SPEC §4.5): a
// standard form all through, perfeval's own workbook by its 自评得分
// column against its framework.
func Check(path string, req CheckRequest) (*form.Checked, error) {
	c, err := Open(path, req.Password)
	if err != nil {
		return nil, err
	}
	if c.Form != nil {
		if req.Screen {
			return form.Screen(c.Form, req.Options)
		}
		return form.Check(c.Form, req.Options)
	}
	res, err := scoreContents(path, c, req.Frameworks, req.Options)
	if err != nil {
		return nil, err
	}
	out := &form.Checked{File: path, Project: res.Project.Name, ComputedTotal: decimal.NewNullDecimal(res.Total),
		Findings: form.Claims(res, nil)}
	if req.Screen {
		out.AddScreen(c.Input, res)
	}
	return out, nil
}

// CheckAll checks many workbooks on every core. Each comes back in the
// order given, with its check or the error that stopped it; screened, the
// texts reused across projects are then found and every form rated.
func CheckAll(paths []string, req CheckRequest) ([]*form.Checked, []error) {
	checks := make([]*form.Checked, len(paths))
	errs := make([]error, len(paths))
	CheckEach(paths, req, func(i int, c *form.Checked, err error) { checks[i], errs[i] = c, err })
	if req.Screen {
		form.Reused(checks)
		for _, c := range checks {
			if c != nil {
				req.Weights.Rate(c)
			}
		}
	}
	return checks, errs
}

// CheckEach checks many workbooks on every core and hands each check (or
// the error that stopped it) to each, in the order given, as soon as it
// and every one before it are done. Only a few finished checks wait for
// an earlier one, so what a run holds does not grow with its files. A
// screened check is handed over before the texts reused across projects
// are looked for (form.Reused) and before its risk is rated.
func CheckEach(paths []string, req CheckRequest, each func(i int, c *form.Checked, err error)) {
	type done struct {
		i   int
		c   *form.Checked
		err error
	}
	workers := min(len(paths), max(1, runtime.NumCPU()))
	window := make(chan struct{}, 4*max(1, workers)) // checks started and not yet handed over
	results := make(chan done, cap(window))
	go func() {
		work := make(chan int)
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range work {
					c, err := Check(paths[i], req)
					results <- done{i, c, err}
				}
			}()
		}
		for i := range paths {
			window <- struct{}{}
			work <- i
		}
		close(work)
		wg.Wait()
		close(results)
	}()
	waiting := map[int]done{}
	next := 0
	for d := range results {
		waiting[d.i] = d
		for {
			d, ok := waiting[next]
			if !ok {
				break
			}
			delete(waiting, next)
			each(d.i, d.c, d.err)
			next++
			<-window
		}
	}
}
