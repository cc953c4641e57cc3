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

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/report"
	"github.com/perfeval/perfeval/internal/workbook"
	"github.com/perfeval/perfeval/scoring"
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
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && !explicit {
			return nil, &indicators.Error{Pos: indicators.Pos{File: path}, Msg: "no framework beside the workbook", Hint: "give one with -f framework.yaml, or write one with perfeval init"}
		}
		return nil, indicators.Errorf(indicators.Pos{File: path}, "cannot read the framework: %v", unwrapPath(err))
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

// ReadWorkbook reads a project-year's workbook.
func ReadWorkbook(path, password string) (*scoring.Input, error) {
	return workbook.Read(path, workbook.Options{Password: password})
}

// Score reads a workbook and scores it against a framework.
func Score(path string, fw *Framework, password string, opts scoring.Options) (*scoring.Result, error) {
	in, err := ReadWorkbook(path, password)
	if err != nil {
		return nil, err
	}
	return score(in, fw, opts)
}

// ScoreBytes scores a workbook held in memory; name is used in positions.
func ScoreBytes(name string, data []byte, fw *Framework, opts scoring.Options) (*scoring.Result, error) {
	in, err := workbook.ReadBytes(name, data, workbook.Options{})
	if err != nil {
		return nil, err
	}
	return score(in, fw, opts)
}

func score(in *scoring.Input, fw *Framework, opts scoring.Options) (*scoring.Result, error) {
	res, err := scoring.Score(fw.Framework, in, opts)
	if err != nil {
		return nil, err
	}
	res.Inputs = append(res.Inputs, fw.File)
	return res, nil
}

// Execution checks a workbook's money: with the framework named (flag) or
// the one beside the workbook, if there is one.
func Execution(path, flag, password string, opts scoring.Options) (*scoring.Result, error) {
	fwPath := FrameworkPath(flag, path)
	var fw *Framework
	if _, err := os.Stat(fwPath); flag != "" || !errors.Is(err, fs.ErrNotExist) {
		if fw, err = OpenFramework(fwPath, flag != ""); err != nil {
			return nil, err
		}
	}
	in, err := ReadWorkbook(path, password)
	if err != nil {
		return nil, err
	}
	var f *indicators.Framework
	if fw != nil {
		f = fw.Framework
	}
	res, err := scoring.CheckExecution(in, f, opts)
	if err != nil {
		return nil, err
	}
	if fw != nil {
		res.Inputs = append(res.Inputs, fw.File)
	}
	return res, nil
}

// Load reads one side of a comparison: a saved result JSON, or a workbook
// scored with the framework named (flag) or the one beside it.
func Load(path, flag, password string, opts scoring.Options) (*scoring.Result, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, indicators.Errorf(indicators.Pos{File: path}, "cannot read: %v", unwrapPath(err))
	}
	if report.IsResultJSON(data) {
		return report.DecodeResult(path, data)
	}
	fw, err := OpenFramework(FrameworkPath(flag, path), flag != "")
	if err != nil {
		return nil, err
	}
	return Score(path, fw, password, opts)
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
