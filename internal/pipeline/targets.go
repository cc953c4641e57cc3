package pipeline

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/files"
	"github.com/perfeval/perfeval/internal/form"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/report"
	"github.com/perfeval/perfeval/internal/targets"
	"github.com/perfeval/perfeval/internal/workbook"
)

// A TargetsRequest is what `perfeval targets` reviews: the target tables,
// last year's documents (--previous) and this year's forms (--against).
type TargetsRequest struct {
	Tables, Previous, Against []string
	Words                     *targets.Words
}

// OpenTable reads a target table (SPEC §9). A workbook whose sheet is a
// self-evaluation form (its actuals or scores filled) is no target table.
func OpenTable(path string) (*form.Form, error) {
	b, err := openBook(path)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	sheet := form.FindTargetSheet(b)
	if sheet == "" {
		return nil, &diag.Error{Pos: diag.Pos{File: path}, Msg: lang.T("has no sheet that reads as a target table (项目支出绩效目标表)"),
			Hint: lang.T("a target table's indicator header has 一级指标, 二级指标, 三级指标 and 指标值 (or 指标性质, 指标值, 度量单位)")}
	}
	t, err := form.ReadTargets(b, sheet)
	if err != nil {
		return nil, err
	}
	if t.Filled() {
		return nil, &diag.Error{Pos: b.SheetPos(sheet), Msg: lang.T("is a self-evaluation form (its actuals or scores are filled in), not a target table"),
			Hint: lang.T("check it with perfeval check, or give it to targets with --against")}
	}
	return t, nil
}

// OpenDocument reads a self-evaluation form or, failing that, a target
// table: what --previous and --against name.
func OpenDocument(path string) (*form.Form, error) {
	b, err := openBook(path)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	if sheet := form.FindSheet(b); sheet != "" {
		return form.Read(b, sheet)
	}
	if sheet := form.FindTargetSheet(b); sheet != "" {
		return form.ReadTargets(b, sheet)
	}
	return nil, &diag.Error{Pos: diag.Pos{File: path}, Msg: lang.T("is neither a self-evaluation form nor a target table"),
		Hint: lang.T("a form's indicator header has 三级指标, 分值 and 得分; a target table's 三级指标 and 指标值")}
}

func openBook(path string) (*workbook.Book, error) {
	data, err := files.Read(path, workbook.MaxFileSize, lang.T("workbook"))
	if err != nil {
		return nil, err
	}
	if isDocument(path, data) {
		return form.OpenDocument(path, data)
	}
	return workbook.Open(path, data, workbook.Options{})
}

// ReviewTargets reads and reviews every table (in parallel), each held to
// the previous document and the form of its project, if given. A
// document of --previous or --against that cannot be read stops the run
// before any table is reviewed: it was named to be used.
func ReviewTargets(req TargetsRequest) (*report.TargetsRun, error) {
	load := func(paths []string) ([]*form.Form, error) {
		docs := make([]*form.Form, len(paths))
		errs := make([]error, len(paths))
		parallel(len(paths), func(i int) { docs[i], errs[i] = OpenDocument(paths[i]) })
		var all diag.Errors
		for _, err := range errs {
			if err != nil {
				all.Add(err)
			}
		}
		return docs, all.Err()
	}
	previous, err := load(req.Previous)
	if err != nil {
		return nil, err
	}
	against, err := load(req.Against)
	if err != nil {
		return nil, err
	}
	run := &report.TargetsRun{Files: req.Tables, Reviews: make([]*targets.Reviewed, len(req.Tables)), Errors: make([]error, len(req.Tables))}
	parallel(len(req.Tables), func(i int) {
		t, err := OpenTable(req.Tables[i])
		if err != nil {
			run.Errors[i] = err
			return
		}
		rv := targets.Review(t, req.Words)
		if p := targets.Match(t, previous); p != nil {
			targets.Ambition(rv, p)
		}
		if f := targets.Match(t, against); f != nil {
			targets.Against(rv, f)
		}
		run.Reviews[i] = rv
	})
	return run, nil
}

// TargetsTemplate is the name init takes for a blank target table.
const TargetsTemplate = "targets"

// InitTargets writes a blank target table, DIR/目标表.xlsx, in the
// national layout. An existing file is left alone unless force.
func InitTargets(dir string, force bool) (string, error) {
	path := filepath.Join(dir, "目标表.xlsx")
	if !force {
		if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
			return "", &diag.Error{Pos: diag.Pos{File: path}, Msg: lang.T("already exists; nothing was written"), Hint: lang.T("use --force to overwrite")}
		}
	}
	var buf bytes.Buffer
	if err := form.WriteBlankTargets(&buf); err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", lang.Errorf("%s: cannot create: %v", dir, lang.Cause(err))
	}
	return path, WriteFile(path, buf.Bytes())
}

// TargetWords are the word lists of a review: perfeval's own, or those of
// a words.yaml in the wording directory dir, if it holds one.
func TargetWords(dir string) (*targets.Words, error) {
	path := filepath.Join(dir, targets.WordsFile)
	if _, err := os.Stat(path); dir == "" || err != nil {
		return targets.DefaultWords(), nil
	}
	data, err := files.Read(path, files.MaxFramework, lang.T("word lists"))
	if err != nil {
		return nil, err
	}
	return targets.ParseWords(path, data)
}
