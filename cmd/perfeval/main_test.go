package main

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/perfeval/perfeval/internal/cli"
	"github.com/perfeval/perfeval/internal/workbook"
	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the expected output inside the scripts")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"perfeval": func() { os.Exit(cli.Run()) },
	})
}

// TestScripts runs every testdata/script/*.txtar against the real command.
// Each script starts in a directory holding a copy of examples/.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("TZ", "UTC")
			return os.CopyFS(filepath.Join(env.WorkDir, "examples"), os.DirFS("../../examples"))
		},
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"mkxlsx": mkxlsx,
			"status": status,
		},
	})
}

// mkxlsx in.md out.xlsx builds a workbook from its text form.
func mkxlsx(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: mkxlsx in.md out.xlsx")
	}
	err := workbook.WriteText(ts.MkAbs(args[0]), ts.MkAbs(args[1]))
	if neg != (err != nil) {
		ts.Fatalf("mkxlsx: %v", err)
	}
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
