package pipeline

import (
	"bufio"
	"io"
	"os"

	"github.com/perfeval/perfeval/internal/files"
	"github.com/perfeval/perfeval/internal/form"
	"github.com/perfeval/perfeval/internal/lang"
)

// ScreenEach screens many workbooks (check --screen) on every core and
// hands each screened check, its reused texts found and its risk rated,
// to each in the order given. A form's reused texts are known only once
// every form is read, so each check waits for them in a temporary file
// rather than in memory: what the run holds meanwhile is where each text
// was written (form.ReuseIndex), and it grows far more slowly than the
// forms would.
func ScreenEach(paths []string, req CheckRequest, each func(i int, c *form.Checked, err error)) error {
	req.Screen = true
	spool, err := os.CreateTemp("", "perfeval-screen-*")
	if err != nil {
		return lang.Errorf("cannot make a temporary file: %w", lang.Cause(err))
	}
	defer os.Remove(spool.Name())
	defer spool.Close()
	w := bufio.NewWriter(spool)
	enc := &spoolWriter{w: w}
	index := form.NewReuseIndex()
	errs := make([]error, len(paths))
	spooled := make([]bool, len(paths))
	var spoolErr error
	CheckEach(paths, req, func(i int, c *form.Checked, err error) {
		errs[i] = err
		if c == nil || spoolErr != nil {
			return
		}
		index.Add(c)
		spooled[i] = true
		spoolErr = enc.checked(c)
	})
	if spoolErr == nil {
		spoolErr = w.Flush()
	}
	if spoolErr == nil {
		_, spoolErr = spool.Seek(0, io.SeekStart)
	}
	if spoolErr != nil {
		return lang.Errorf("cannot write a temporary file: %w", lang.Cause(spoolErr))
	}
	dec := &spoolReader{r: bufio.NewReader(spool)}
	n := 0
	for i := range paths {
		if !spooled[i] {
			each(i, nil, errs[i])
			continue
		}
		c, err := dec.checked()
		if err != nil {
			return lang.Errorf("cannot read a temporary file: %w", lang.Cause(err))
		}
		index.AddFindings(n, c)
		n++
		c.Passages = nil
		req.Weights.Rate(c)
		each(i, c, nil)
	}
	return nil
}

// OpenWeights reads the risk weights of a screened check from a YAML file;
// with no file, the defaults.
func OpenWeights(path string) (form.RiskWeights, error) {
	if path == "" {
		return form.DefaultWeights(), nil
	}
	data, err := files.Read(path, files.MaxFramework, lang.T("weights file"))
	if err != nil {
		return form.RiskWeights{}, err
	}
	return form.ParseWeights(path, data)
}
