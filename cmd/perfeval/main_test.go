package main

import (
	"archive/zip"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unicode/utf16"

	"github.com/perfeval/perfeval/internal/cli"
	"github.com/perfeval/perfeval/internal/testkit"
	"github.com/perfeval/perfeval/internal/third_party/excelize"
	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the expected output inside the scripts")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"perfeval": func() { os.Exit(cli.Run()) },
	})
}

// TestScripts runs every testdata/script/*.txtar against the real command.
// Each script starts in a directory holding a copy of examples/, of
// templates/report/ (the wording and the reference document) and of the
// form layouts of internal/form/testdata (as layouts/) and of the target
// tables of internal/targets/testdata (as tables/).
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("TZ", "UTC")
			// Scripts read English unless they set LANG: messages_zh.txtar
			// covers the Chinese every user sees by default.
			env.Setenv("LANG", "en_US.UTF-8")
			if err := os.CopyFS(filepath.Join(env.WorkDir, "templates", "report"), os.DirFS("../../templates/report")); err != nil {
				return err
			}
			// The form layouts of internal/form/testdata, as units publish them.
			if err := os.CopyFS(filepath.Join(env.WorkDir, "layouts"), os.DirFS("../../internal/form/testdata")); err != nil {
				return err
			}
			// The target tables and forms of internal/targets/testdata.
			if err := os.CopyFS(filepath.Join(env.WorkDir, "tables"), os.DirFS("../../internal/targets/testdata")); err != nil {
				return err
			}
			return os.CopyFS(filepath.Join(env.WorkDir, "examples"), os.DirFS("../../examples"))
		},
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"mkxlsx":   mkxlsx,
			"mkdocx":   mkdocx,
			"status":   status,
			"mkbomb":   mkbomb,
			"mkrows":   mkrows,
			"truncate": truncate,
			"zipdir":   zipdir,
			"mkwide":   mkwide,
			"mkfifo":   mkfifo,
			"noisy":    noisy,
			"mkole":    mkole,
		},
	})
}

// mkxlsx [-password pw] in.md out.xlsx builds a workbook from its text
// form, encrypted when a password is given.
func mkxlsx(ts *testscript.TestScript, neg bool, args []string) {
	password := ""
	if len(args) == 4 && args[0] == "-password" {
		password, args = args[1], args[2:]
	}
	if len(args) != 2 {
		ts.Fatalf("usage: mkxlsx [-password pw] in.md out.xlsx")
	}
	data, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	f, err := testkit.FromText(data)
	ts.Check(os.MkdirAll(filepath.Dir(ts.MkAbs(args[1])), 0o755))
	if err == nil {
		err = f.SaveAs(ts.MkAbs(args[1]), excelize.Options{Password: password})
	}
	if neg != (err != nil) {
		ts.Fatalf("mkxlsx: %v", err)
	}
}

// mkdocx [-one-table] in.md out.docx writes the workbook of a text form
// as a Word document, as units publish forms: the title as paragraphs, the
// 项目名称 block and the indicators as two tables (one with -one-table).
func mkdocx(ts *testscript.TestScript, neg bool, args []string) {
	opts := testkit.DocxOptions{Split: true, Titles: true}
	if len(args) == 3 && args[0] == "-one-table" {
		opts, args = testkit.DocxOptions{}, args[1:]
	}
	if len(args) != 2 {
		ts.Fatalf("usage: mkdocx [-one-table] in.md out.docx")
	}
	err := testkit.WriteDocx(ts.MkAbs(args[0]), ts.MkAbs(args[1]), opts)
	if neg != (err != nil) {
		ts.Fatalf("mkdocx: %v", err)
	}
}

// mkbomb out.xlsx MiB writes a zip whose one part unzips to MiB mebibytes
// of zeros: a zip bomb of a few hundred kilobytes.
func mkbomb(ts *testscript.TestScript, neg bool, args []string) {
	mib, err := strconv.Atoi(args[1])
	ts.Check(err)
	out, err := os.Create(ts.MkAbs(args[0]))
	ts.Check(err)
	defer out.Close()
	zw := zip.NewWriter(out)
	for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"} {
		w, err := zw.Create(name)
		ts.Check(err)
		if name == "xl/worksheets/sheet1.xml" {
			zeros := make([]byte, 1<<20)
			for range mib {
				_, err := w.Write(zeros)
				ts.Check(err)
			}
		}
	}
	ts.Check(zw.Close())
}

// mkrows out.xlsx N writes a valid workbook whose 支出明细 sheet has N rows.
func mkrows(ts *testscript.TestScript, neg bool, args []string) {
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	f := excelize.NewFile()
	defer f.Close()
	ts.Check(f.SetSheetName("Sheet1", "项目信息"))
	ts.Check(f.SetSheetRow("项目信息", "A1", &[]any{"字段", "值"}))
	ts.Check(f.SetSheetRow("项目信息", "A2", &[]any{"项目名称", "大表"}))
	_, err = f.NewSheet("支出明细")
	ts.Check(err)
	sw, err := f.NewStreamWriter("支出明细")
	ts.Check(err)
	ts.Check(sw.SetRow("A1", []any{"编号", "用途", "预算数", "实际支出"}))
	for r := 2; r <= n+1; r++ {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		ts.Check(sw.SetRow(cell, []any{strconv.Itoa(r), "明细", 1, 1}))
	}
	ts.Check(sw.Flush())
	ts.Check(f.SaveAs(ts.MkAbs(args[0])))
}

// zipdir dir out.xlsx zips the files under dir, named by their paths
// below it: a package of hand-written parts, for a workbook no
// spreadsheet program would write.
func zipdir(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: zipdir dir out.xlsx")
	}
	root := ts.MkAbs(args[0])
	out, err := os.Create(ts.MkAbs(args[1]))
	ts.Check(err)
	defer out.Close()
	zw := zip.NewWriter(out)
	ts.Check(filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		w, err := zw.Create(filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}))
	ts.Check(zw.Close())
}

// mkwide out.xlsx N writes a workbook whose 项目信息 sheet has one row of
// N empty cells: a few kilobytes that decode to N cells. mkwide -far
// out.xlsx N writes N rows each with one cell, in the last column (XFD).
func mkwide(ts *testscript.TestScript, neg bool, args []string) {
	far := len(args) == 3 && args[0] == "-far"
	if far {
		args = args[1:]
	}
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	body := `<row r="1">` + strings.Repeat("<c/>", n) + `</row>`
	if far {
		var b strings.Builder
		for r := 1; r <= n; r++ {
			fmt.Fprintf(&b, `<row r="%d"><c r="XFD%d"><v>1</v></c></row>`, r, r)
		}
		body = b.String()
	}
	out, err := os.Create(ts.MkAbs(args[0]))
	ts.Check(err)
	defer out.Close()
	zw := zip.NewWriter(out)
	for name, text := range map[string]string{
		"xl/workbook.xml":            `<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="项目信息" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
	} {
		w, err := zw.Create(name)
		ts.Check(err)
		_, err = w.Write([]byte(text))
		ts.Check(err)
	}
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	ts.Check(err)
	_, err = w.Write([]byte(`<worksheet><sheetData>` + body + `</sheetData></worksheet>`))
	ts.Check(err)
	ts.Check(zw.Close())
}

// mkfifo path makes a named pipe, which no one writes.
func mkfifo(ts *testscript.TestScript, neg bool, args []string) {
	ts.Check(syscall.Mkfifo(ts.MkAbs(args[0]), 0o644))
}

// truncate file N keeps the first N bytes of a file.
func truncate(ts *testscript.TestScript, neg bool, args []string) {
	n, err := strconv.ParseInt(args[1], 10, 64)
	ts.Check(err)
	ts.Check(os.Truncate(ts.MkAbs(args[0]), n))
}

// status N command args... runs a command and checks its exit status.
func status(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: status N command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("status: %v", err)
	}
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		got = ee.ExitCode()
	} else if err != nil {
		ts.Fatalf("status: %v", err)
	}
	if (got == want) == neg {
		ts.Fatalf("exit status %d, want %d", got, want)
	}
}

// mkole [-size MiB] out stream... writes an OLE2 compound file (the
// container of .xls, .doc and encrypted .xlsx files) whose directory
// lists the named streams, each 4 KiB of zeros; -size pads the file to
// MiB mebibytes. Version 3, 512-byte sectors: sector 0 is the FAT,
// sector 1 the directory (the root and up to three streams), then the
// streams, each a chain of 8 sectors.
func mkole(ts *testscript.TestScript, neg bool, args []string) {
	size := 0
	if len(args) > 2 && args[0] == "-size" {
		var err error
		size, err = strconv.Atoi(args[1])
		ts.Check(err)
		args = args[2:]
	}
	if len(args) < 2 || len(args) > 4 {
		ts.Fatalf("usage: mkole [-size MiB] out stream... (one to three streams)")
	}
	const (
		sector     = 512
		streamSecs = 8 // 4 KiB: at the mini-stream cutoff, so stored in sectors
		free       = 0xFFFFFFFF
		endOfChain = 0xFFFFFFFE
		fatSect    = 0xFFFFFFFD
	)
	streams := args[1:]
	le := binary.LittleEndian
	file := make([]byte, sector*(3+len(streams)*streamSecs))
	h := file[:sector]
	copy(h, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le.PutUint16(h[24:], 0x3E)   // minor version
	le.PutUint16(h[26:], 3)      // major version
	le.PutUint16(h[28:], 0xFFFE) // byte order
	le.PutUint16(h[30:], 9)      // sector shift: 512
	le.PutUint16(h[32:], 6)      // mini sector shift: 64
	le.PutUint32(h[44:], 1)      // FAT sectors
	le.PutUint32(h[48:], 1)      // the directory's first sector
	le.PutUint32(h[56:], 4096)   // mini stream cutoff
	le.PutUint32(h[60:], endOfChain)
	le.PutUint32(h[68:], endOfChain)
	for i := range 109 {
		le.PutUint32(h[76+4*i:], free)
	}
	le.PutUint32(h[76:], 0) // the FAT is sector 0
	sec := func(n int) []byte { return file[sector*(n+1) : sector*(n+2)] }
	fat := sec(0)
	for i := range sector / 4 {
		le.PutUint32(fat[4*i:], free)
	}
	le.PutUint32(fat[0:], fatSect)
	le.PutUint32(fat[4:], endOfChain)
	dir := sec(1)
	entry := func(i int, name string, typ byte, child, right, start uint32, size uint32) {
		e := dir[128*i : 128*(i+1)]
		u := utf16.Encode([]rune(name))
		for k, c := range u {
			le.PutUint16(e[2*k:], c)
		}
		le.PutUint16(e[64:], uint16(2*len(u)+2))
		e[66], e[67] = typ, 1 // black
		le.PutUint32(e[68:], free)
		le.PutUint32(e[72:], right)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], start)
		le.PutUint32(e[120:], size)
	}
	for i := range 4 {
		entry(i, "", 0, free, free, 0, 0)
	}
	entry(0, "Root Entry", 5, 1, free, endOfChain, 0)
	for i, name := range streams {
		first := 2 + i*streamSecs
		for k := range streamSecs {
			next := uint32(first + k + 1)
			if k == streamSecs-1 {
				next = endOfChain
			}
			le.PutUint32(fat[4*(first+k):], next)
		}
		right := uint32(i + 2)
		if i == len(streams)-1 {
			right = free
		}
		entry(i+1, name, 2, free, right, uint32(first), streamSecs*sector)
	}
	if pad := size<<20 - len(file); pad > 0 {
		file = append(file, make([]byte, pad)...)
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), file, 0o644))
}
