package pipeline

import (
	"bufio"
	"io"
	"os"
	"path/filepath"

	"github.com/perfeval/perfeval/internal/lang"
)

// WriteStream writes one output as write produces it, for a run whose
// output grows with its inputs (check over thousands of forms): held in
// memory first, it would be the run's largest part. Standard output gets
// it as it comes; a file is written to a temporary file beside it and
// renamed into place only when write has succeeded, so that a failure
// leaves no half-written file; a device or a pipe is written through. As
// with WriteAll, the output may not be an input.
func WriteStream(stdout io.Writer, inputs []string, path string, write func(io.Writer) error) error {
	out := Output{Path: path}
	if err := checkPaths(inputs, []Output{out}); err != nil {
		return err
	}
	buffered := func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 64<<10)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	if out.toStdout() {
		return buffered(stdout)
	}
	cannot := func(err error) error { return lang.Errorf("%s: cannot write: %w", path, lang.Cause(err)) }
	li, lerr := os.Lstat(path)
	fi, serr := os.Stat(path)
	switch {
	case lerr == nil && li.IsDir() || serr == nil && fi.IsDir():
		return lang.Errorf("%s: is a directory", path)
	case lerr == nil && !li.Mode().IsRegular() && (serr != nil || !fi.Mode().IsRegular()):
		// A device or a pipe (/dev/stdout): written through as it comes.
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
		if err != nil {
			return cannot(err)
		}
		defer f.Close()
		if err := buffered(f); err != nil {
			return cannot(err)
		}
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return cannot(err)
	}
	defer os.Remove(tmp.Name())
	fail := func(err error) error {
		tmp.Close()
		return cannot(err)
	}
	if err := buffered(tmp); err != nil {
		return fail(err)
	}
	if lerr == nil && !li.Mode().IsRegular() {
		// A symbolic link to a file is written through, never replaced:
		// the whole output, once made, is copied into the file it names.
		if _, err := tmp.Seek(0, io.SeekStart); err != nil {
			return fail(err)
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
		if err != nil {
			return fail(err)
		}
		_, err = io.Copy(f, tmp)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fail(err)
		}
		return tmp.Close()
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return cannot(err)
	}
	return nil
}
