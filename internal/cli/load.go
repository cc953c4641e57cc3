package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/workbook"
	"github.com/perfeval/perfeval/scoring"
)

// frameworkPath is the -f flag, or framework.yaml beside the workbook.
func frameworkPath(flag, workbookPath string) string {
	if flag != "" {
		return flag
	}
	return filepath.Join(filepath.Dir(workbookPath), "framework.yaml")
}

// A loadedFramework is a parsed framework and its file's digest.
type loadedFramework struct {
	fw   *indicators.Framework
	file scoring.File
}

func loadFramework(path string, explicit bool) (*loadedFramework, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && !explicit {
			return nil, &indicators.Error{Pos: indicators.Pos{File: path}, Msg: "no framework beside the workbook", Hint: "give one with -f framework.yaml, or write one with perfeval init"}
		}
		return nil, indicators.Errorf(indicators.Pos{File: path}, "cannot read the framework: %v", unwrapPath(err))
	}
	fw, err := indicators.Parse(path, data)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	return &loadedFramework{fw: fw, file: scoring.File{Name: path, SHA256: hex.EncodeToString(sum[:])}}, nil
}

// scoreWorkbook reads a workbook and scores it against a framework.
func scoreWorkbook(path string, lf *loadedFramework, password string) (*scoring.Result, error) {
	in, err := workbook.Read(path, workbook.Options{Password: password})
	if err != nil {
		return nil, err
	}
	res, err := scoring.Score(lf.fw, in)
	if err != nil {
		return nil, err
	}
	res.Inputs = append(res.Inputs, lf.file)
	return res, nil
}
