package pipeline

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/files"
	"github.com/perfeval/perfeval/internal/form"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/workbook"
	"github.com/perfeval/perfeval/internal/xlsx"
	"github.com/perfeval/perfeval/scoring"
	"github.com/perfeval/perfeval/templates"
)

// Templates lists the built-in frameworks init writes: evaluation (the
// common 决策/过程/产出/效益 framework) and self-evaluation (the 自评 form).
func Templates() []string {
	entries, _ := templates.Frameworks.ReadDir("frameworks")
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	sort.Strings(out)
	return out
}

// Started is what Init wrote.
type Started struct {
	Framework, Workbook string
	Parsed              *indicators.Framework
}

// Init writes DIR/framework.yaml (a built-in framework) and a blank
// DIR/workbook.xlsx for it. Existing files are left alone unless force.
func Init(dir, template string, force bool) (*Started, error) {
	yaml, err := templates.Frameworks.ReadFile("frameworks/" + template + ".yaml")
	if err != nil {
		return nil, usageError{lang.Errorf("no built-in framework %q (one of %s)", template, strings.Join(Templates(), ", "))}
	}
	parsed, err := indicators.Parse(filepath.Join(dir, "framework.yaml"), yaml)
	if err != nil {
		return nil, lang.Errorf("built-in framework %s: %w", template, err)
	}
	return start(dir, yaml, parsed, force)
}

// InitFrom writes DIR/framework.yaml and a blank DIR/workbook.xlsx for a
// framework file of the user's: a 指标体系 sheet (written as YAML, so that
// the two forms stay interchangeable) or YAML (copied as it is).
func InitFrom(dir, from string, force bool) (*Started, error) {
	data, err := files.Read(from, files.MaxFramework, lang.T("framework"))
	if err != nil {
		return nil, err
	}
	fw, err := ParseFramework(from, data)
	if err != nil {
		return nil, err
	}
	if xlsx.IsZip(data) || xlsx.IsOLE(data) {
		data = indicators.Format(fw.Framework)
	}
	return start(dir, data, fw.Framework, force)
}

func start(dir string, yaml []byte, parsed *indicators.Framework, force bool) (*Started, error) {
	s := &Started{Framework: filepath.Join(dir, "framework.yaml"), Workbook: filepath.Join(dir, "workbook.xlsx"), Parsed: parsed}
	if !force {
		for _, p := range []string{s.Framework, s.Workbook} {
			if _, err := os.Stat(p); !errors.Is(err, fs.ErrNotExist) {
				return nil, &diag.Error{Pos: diag.Pos{File: p}, Msg: lang.T("already exists; nothing was written"), Hint: lang.T("use --force to overwrite")}
			}
		}
	}
	book, err := workbook.Blank(s.Parsed)
	if err != nil {
		return nil, err
	}
	defer book.Close()
	blank, err := book.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, lang.Errorf("%s: cannot create: %v", dir, lang.Cause(err))
	}
	if err := WriteFile(s.Framework, yaml); err != nil {
		return nil, err
	}
	if err := WriteFile(s.Workbook, blank.Bytes()); err != nil {
		return nil, err
	}
	return s, nil
}

// A Validation is what Validate found sound.
type Validation struct {
	Framework *Framework
	Result    *scoring.Result // nil without a workbook
	Warnings  []diag.Warning
}

// Validate checks a framework and, if given, a workbook, and reports every
// problem of both in one list, sorted by place.
func Validate(fwPath string, explicit bool, workbookPath, password string) (*Validation, error) {
	var problems diag.Errors
	v := &Validation{}
	var c *Contents
	if workbookPath != "" {
		var err error
		c, err = Open(workbookPath, password)
		problems.Add(err)
		if c != nil && c.Form != nil && !explicit {
			// A standard form is its own framework.
			fw, in, ferr := c.Form.Derive()
			problems.Add(ferr)
			v.Framework = &Framework{Framework: fw, File: scoring.File{Name: workbookPath}}
			if err == nil && ferr == nil {
				v.Result, err = form.Score(c.Form, scoring.Options{})
				problems.Add(err)
			} else {
				v.Warnings = in.Warnings
			}
			return v, problems.Err()
		}
	}
	named := "" // the framework the user named, if any
	if explicit {
		named = fwPath
	}
	fw, own, err := c.own(named)
	if !own {
		fw, err = OpenFramework(fwPath, explicit)
	}
	problems.Add(err)
	v.Framework = fw
	var in *scoring.Input
	if c != nil {
		in = c.Input
	}
	if fw != nil && in != nil {
		v.Result, err = scoring.Score(fw.Framework, in, scoring.Options{})
		problems.Add(err)
	}
	switch {
	case v.Result != nil:
		v.Warnings = v.Result.Warnings
	case in != nil:
		v.Warnings = in.Warnings
	}
	return v, problems.Err()
}
