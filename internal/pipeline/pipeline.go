// Package pipeline runs perfeval's jobs from files to results, for the
// command line and the tests alike: it opens a framework and a workbook
// (recording each file's SHA-256), scores, checks execution, loads a result
// to compare (a saved JSON or a workbook), runs batches on every core, and
// writes a run's outputs all or nothing. The command line only turns flags
// into these calls.
package pipeline

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/diff"
	"github.com/perfeval/perfeval/internal/docxtable"
	"github.com/perfeval/perfeval/internal/files"
	"github.com/perfeval/perfeval/internal/form"
	"github.com/perfeval/perfeval/internal/frameworksheet"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/resultjson"
	"github.com/perfeval/perfeval/internal/workbook"
	"github.com/perfeval/perfeval/internal/xlsx"
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

// ParseFramework reads a framework held in memory, YAML or a workbook
// with a 指标体系 sheet (told by its content, whatever its name); name is
// used in positions and in the result's list of inputs.
func ParseFramework(name string, data []byte) (*Framework, error) {
	var fw *indicators.Framework
	var err error
	if xlsx.IsZip(data) || xlsx.IsOLE(data) {
		fw, err = frameworksheet.ReadBytes(name, data)
	} else {
		fw, err = indicators.Parse(name, data)
	}
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
	// Framework is the workbook's own 指标体系 sheet, if it has one: the
	// framework it is scored with when none is named. Err is why it
	// could not be read.
	Framework    *Framework
	FrameworkErr error
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
//
// A Word document (a zip holding word/document.xml, whatever its name) is
// read as a form whose tables are the form (SPEC §8 "Files"), through the
// same reader from its indicator header on.
func OpenBytes(name string, data []byte, opts workbook.Options) (*Contents, error) {
	if isDocument(name, data) {
		f, err := form.ReadDocument(name, data)
		if f == nil {
			return nil, err
		}
		return &Contents{Form: f}, err
	}
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
	c := &Contents{}
	if sheet := frameworksheet.HasSheet(b); sheet != "" {
		fw, ferr := frameworksheet.Read(b, sheet)
		if ferr != nil {
			c.FrameworkErr = ferr
		} else {
			c.Framework = &Framework{Framework: fw, File: scoring.File{Name: name + "!" + sheet, SHA256: digest(data)}}
		}
	}
	c.Input, err = b.Read()
	return c, err
}

// own is the framework a workbook's own 指标体系 sheet gives, when no
// framework is named (flag): ok is false when it has none.
func (c *Contents) own(flag string) (*Framework, bool, error) {
	if flag != "" || c == nil || c.Framework == nil && c.FrameworkErr == nil {
		return nil, false, nil
	}
	return c.Framework, true, c.FrameworkErr
}

// isDocument tells a Word document by its content (a zip holding
// word/document.xml), whatever its name; a .docx that is no zip at all
// (truncated, damaged) is told damaged as a document, not as a workbook.
func isDocument(name string, data []byte) bool {
	if docxtable.IsDocument(data) {
		return true
	}
	if !strings.EqualFold(filepath.Ext(name), ".docx") || xlsx.IsOLE(data) {
		return false
	}
	_, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	return err != nil
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
	fw, own, err := c.own(fs.Flag)
	if !own {
		fw, err = fs.For(path)
	}
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
	fw, own, err := c.own(flag)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(fwPath); !own && (flag != "" || !errors.Is(err, fs.ErrNotExist)) {
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
	// A form leaves about 1.5 MB of garbage and keeps nothing: at Go's
	// default the collector runs every few forms and takes a third of the
	// time; at 400, 1,000 forms are read in 0.80 s rather than 1.08 s.
	defer CollectLess(400)()
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
