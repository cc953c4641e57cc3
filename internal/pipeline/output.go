package pipeline

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"

	"github.com/perfeval/perfeval/internal/lang"
)

// An Output is one thing a run writes: a file, or standard output when
// Path is "" or "-".
type Output struct {
	Path  string
	Write func(io.Writer) (warnings []string, err error)
}

func (o Output) toStdout() bool { return o.Path == "" || o.Path == "-" }

// WriteAll writes a run's outputs all or nothing: none may be an input or
// another output (compared as files, not as path strings); every output is
// rendered in memory before any is written; then each file is written
// atomically (temporary files, renamed into place once all are written)
// and standard output last. It returns the warnings met while rendering, each prefixed with
// its output's path.
func WriteAll(stdout io.Writer, inputs []string, outputs ...Output) ([]string, error) {
	if err := checkPaths(inputs, outputs); err != nil {
		return nil, err
	}
	rendered := make([]bytes.Buffer, len(outputs))
	var warnings []string
	for i, o := range outputs {
		notes, err := o.Write(&rendered[i])
		if err != nil {
			if o.toStdout() {
				return nil, err
			}
			return nil, lang.Errorf("%s: %w", o.Path, err)
		}
		for _, n := range notes {
			if o.toStdout() {
				warnings = append(warnings, n)
			} else {
				warnings = append(warnings, o.Path+": "+n)
			}
		}
	}
	// Every file is written to its temporary file first; only when all are
	// written is any renamed into place, so that a full disk or a refused
	// directory leaves none of them. Devices (/dev/null) are written
	// before any rename: they cannot be taken back, and a failure there
	// must leave the files unrenamed.
	var devices, files []*staged
	for i, o := range outputs {
		if o.toStdout() {
			continue
		}
		st, err := stage(o.Path, rendered[i].Bytes())
		if err != nil {
			for _, f := range append(devices, files...) {
				f.discard()
			}
			return warnings, err
		}
		if st.tmp == "" {
			devices = append(devices, st)
		} else {
			files = append(files, st)
		}
	}
	order := append(devices, files...)
	for i, f := range order {
		if err := f.commit(); err != nil {
			for _, rest := range order[i+1:] {
				rest.discard()
			}
			return warnings, err
		}
	}
	for i, o := range outputs {
		if o.toStdout() {
			if _, err := stdout.Write(rendered[i].Bytes()); err != nil {
				return warnings, err
			}
		}
	}
	return warnings, nil
}

// checkPaths refuses an output that is an input or another output: by
// name once made absolute (for files yet to be written), and as files
// (os.SameFile) for those that exist, so links and other spellings count.
func checkPaths(inputs []string, outputs []Output) error {
	type known struct {
		info   os.FileInfo
		output string // "" for an input
	}
	var files []known
	for _, in := range inputs {
		if fi, err := os.Stat(in); err == nil {
			files = append(files, known{fi, ""})
		}
	}
	names := map[string]string{}
	for _, o := range outputs {
		if o.toStdout() {
			continue
		}
		if abs, err := filepath.Abs(o.Path); err == nil {
			if prev, dup := names[abs]; dup {
				return usageError{lang.Errorf("%s and %s name the same output file", prev, o.Path)}
			}
			names[abs] = o.Path
		}
		fi, err := os.Stat(o.Path)
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		for _, f := range files {
			switch {
			case !os.SameFile(fi, f.info):
			case f.output == "":
				return lang.Errorf("%s: refusing to write the output over an input file", o.Path)
			default:
				return usageError{lang.Errorf("%s and %s name the same output file", f.output, o.Path)}
			}
		}
		files = append(files, known{fi, o.Path})
	}
	return nil
}

// A usageError is a mistake in how the command was called (two outputs
// naming one file); the command line exits 2 for it.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// IsUsage reports whether err is a mistake in how the command was called.
func IsUsage(err error) bool {
	var u usageError
	return errors.As(err, &u)
}

// WriteFile writes data to path atomically: a temporary file beside it,
// renamed into place, so that a failure never leaves a half-written file
// and an existing one is replaced whole or not at all. A device, a pipe
// (/dev/null) or a symbolic link (/dev/stdout) is written through:
// renaming over it would replace it.
func WriteFile(path string, data []byte) error {
	st, err := stage(path, data)
	if err != nil {
		return err
	}
	return st.commit()
}

// A staged file is an output written to its temporary file, not yet
// renamed into place.
type staged struct {
	path, tmp string // tmp is "" for a device, written in commit
	data      []byte
}

// stage writes data to a temporary file beside path. Every message names
// the output, never the temporary file.
//
// A path that is a symbolic link, a device or a FIFO is written through
// in commit (opened and truncated), never renamed over: -o /dev/stdout,
// a link to /proc/self/fd/1, must write to where standard output goes and
// leave the link as it is.
func stage(path string, data []byte) (*staged, error) {
	if li, err := os.Lstat(path); err == nil && !li.Mode().IsRegular() {
		if fi, err := os.Stat(path); err == nil && fi.IsDir() || li.IsDir() {
			return nil, lang.Errorf("%s: is a directory", path)
		}
		return &staged{path: path, data: data}, nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, lang.Errorf("%s: cannot write: %w", path, lang.Cause(err))
	}
	fail := func(err error) (*staged, error) {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, lang.Errorf("%s: cannot write: %w", path, lang.Cause(err))
	}
	if _, err := tmp.Write(data); err != nil {
		return fail(err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	return &staged{path: path, tmp: tmp.Name()}, nil
}

// commit renames the staged file into place (or writes the device).
func (s *staged) commit() error {
	if s.tmp == "" {
		f, err := os.OpenFile(s.path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
		if err != nil {
			return lang.Errorf("%s: cannot write: %w", s.path, lang.Cause(err))
		}
		defer f.Close()
		if _, err := f.Write(s.data); err != nil {
			return lang.Errorf("%s: cannot write: %w", s.path, lang.Cause(err))
		}
		return nil
	}
	if err := os.Rename(s.tmp, s.path); err != nil {
		os.Remove(s.tmp)
		return lang.Errorf("%s: cannot write: %w", s.path, lang.Cause(err))
	}
	return nil
}

// discard removes a staged file that will not be committed.
func (s *staged) discard() {
	if s.tmp != "" {
		os.Remove(s.tmp)
	}
}
