// Package files reads what a user names on the command line: only a
// regular file, checked before it is opened (opening a pipe waits for a
// writer), and at most a given size, so that no input can hang a run or
// exhaust its memory.
package files

import (
	"bytes"
	"io"
	"os"

	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/lang"
)

// MaxFramework is the largest framework file read: a framework of a
// thousand indicators is under 200 KiB.
const MaxFramework = 4 << 20

// Read reads a regular file of at most limit bytes; what names the
// file in messages (workbook, framework, …).
func Read(path string, limit int64, what string) ([]byte, error) {
	at := diag.Pos{File: path}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, diag.Errorf(at, "cannot read the %s: %v", what, lang.Cause(err))
	}
	switch {
	case fi.IsDir():
		if _, err := os.ReadDir(path); err != nil {
			return nil, diag.Errorf(at, "cannot read the folder: %v", lang.Cause(err))
		}
		return nil, diag.Errorf(at, "is a directory, not a %s", what)
	case !fi.Mode().IsRegular():
		return nil, diag.Errorf(at, "is not a regular file (a pipe, socket or device); perfeval reads a %s from a file", what)
	case fi.Size() > limit:
		return nil, diag.Errorf(at, "the file is %s; perfeval reads a %s of at most %s", size(fi.Size()), what, size(limit))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, diag.Errorf(at, "cannot read the %s: %v", what, lang.Cause(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, diag.Errorf(at, "cannot read the %s: %v", what, lang.Cause(err))
	}
	if int64(len(data)) > limit {
		return nil, diag.Errorf(at, "the file grew past %s while it was read", size(limit))
	}
	return data, nil
}

// size writes a byte count in MiB or KiB.
func size(n int64) string {
	if n >= 1<<20 {
		return lang.Sprintf("%d MiB", n>>20)
	}
	return lang.Sprintf("%d KiB", max(n>>10, 1))
}

// ZipEntries reads how many entries a zip's directory lists, from its end
// record, before the directory itself is read (each entry costs memory),
// so that a package of too many parts is refused first; ok is false when
// there is no end record. A zip64 count (0xFFFF) is over any cap.
func ZipEntries(data []byte) (int, bool) {
	const endLen = 22
	from := max(0, len(data)-endLen-0xFFFF)
	i := bytes.LastIndex(data[from:], []byte("PK\x05\x06"))
	if i < 0 || from+i+endLen > len(data) {
		return 0, false
	}
	end := data[from+i:]
	return int(end[10]) | int(end[11])<<8, true
}
