// Package cli is perfeval's command line: cobra commands that turn flags
// into options, call internal/pipeline, and hand its result to the writer
// the format picks (internal/render), with the streams injected.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/pipeline"
	"github.com/perfeval/perfeval/internal/render"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// Exit statuses.
const (
	ExitOK    = 0 // success
	ExitInput = 1 // bad input: the message says what and where
	ExitUsage = 2 // bad usage: unknown flag, missing argument
	ExitBelow = 3 // execution --fail-below: the rate is below the threshold

	// ExitFindings is check's gate: an error or warning was found.
	ExitFindings = 3
)

// Version is the tool's version, recorded in results. Commit is the source
// it was built from, when stamped by make install and make dist (-ldflags
// -X); --version otherwise reads the build's own record (buildVersion).
var (
	Version = "0.1.0"
	Commit  = ""
)

// versionOnly: the arguments ask for the version and nothing else
// (--version or -v alone), which needs neither the message catalogue nor
// the commands.
func versionOnly(args []string) bool {
	return len(args) == 1 && (args[0] == "--version" || args[0] == "-v")
}

// printVersion prints the line cobra's default version template prints
// (Main's root command answers --version among other arguments).
func printVersion(w io.Writer) int {
	if _, err := io.WriteString(w, "perfeval version "+versionLine()+"\n"); err != nil {
		return ExitInput
	}
	return ExitOK
}

// versionLine is what --version prints after "perfeval version ".
func versionLine() string {
	info, _ := debug.ReadBuildInfo()
	return buildVersion(Version, Commit, info)
}

// buildVersion says which perfeval this is: version with the commit
// stamped by -ldflags; else, built in a checkout, version with the VCS
// commit the build recorded ("-dirty" when the tree was modified); else,
// installed by go install …@v0.2.0, the module version (v0.2.0, or the
// pseudo-version @latest or @commit resolved to); else version alone.
func buildVersion(version, commit string, info *debug.BuildInfo) string {
	if commit == "" && info != nil {
		var modified bool
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value[:min(12, len(s.Value))]
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if modified && commit != "" {
			commit += "-dirty"
		}
		if v := info.Main.Version; commit == "" && v != "" && v != "(devel)" {
			return v
		}
	}
	if commit == "" {
		return version
	}
	return version + " (" + commit + ")"
}

// Streams are where a command reads and writes.
type Streams struct {
	In     io.Reader
	Out    io.Writer
	Err    io.Writer
	IsTerm bool // Err is a terminal

	// Terminal is the terminal Out is, whose width the text tables fit;
	// the zero Layout when Out is a pipe or a file.
	Terminal render.Layout
}

// usageError is a mistake in the command line itself.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// exitError ends a run with a status other than 1, having said what it has to.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// Main runs perfeval with args and returns the exit status.
func Main(args []string, s Streams) int {
	s.Err = escaping{s.Err}
	if l, ok := langArg(args); ok {
		// --lang is read before the commands are made: their help is in it.
		defer lang.Use(lang.Current())
		defer func(was bool) { reportEnglish = was }(reportEnglish)
		switch l {
		case "en":
			lang.Use(lang.English)
			reportEnglish = true
		case "zh":
			lang.Use(lang.Chinese)
			reportEnglish = false
		}
	}
	root := newRoot(s)
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	if err == nil {
		return ExitOK
	}
	if strings.HasPrefix(err.Error(), "unknown command ") && len(args) > 0 {
		err = usageError{unknownCommand(root, args)}
	}
	var ee exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	var ue usageError
	if errors.As(err, &ue) || pipeline.IsUsage(err) {
		if cmd == nil {
			cmd = root
		}
		fmt.Fprintf(s.Err, "perfeval: %v\n%s\n", err, lang.Sprintf("Run '%s --help' for usage.", cmd.CommandPath()))
		return ExitUsage
	}
	printError(s.Err, err)
	return ExitInput
}

// printError prints every problem in err on a line of its own.
func printError(w io.Writer, err error) {
	var list diag.Errors
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Fprintf(w, "perfeval: %v\n", e)
		}
		if len(list) > 1 {
			fmt.Fprintf(w, "perfeval: %s\n", lang.Sprintf("%d problems", len(list)))
		}
		return
	}
	fmt.Fprintf(w, "perfeval: %v\n", err)
}

func newRoot(s Streams) *cobra.Command {
	root := &cobra.Command{
		Use:   "perfeval",
		Short: lang.T("Score public-finance project performance evaluations (项目支出绩效评价)"),
		Long: lang.T(`perfeval scores a project-year's workbook against a weighted indicator
framework (决策 / 过程 / 产出 / 效益), exactly and with a trace for every point.

Exit status: 0 success, 1 bad input (the message says what and where),
2 bad usage, 3 execution below --fail-below or check findings.`),
		Version:       versionLine(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	root.SetIn(s.In)
	var l string
	root.PersistentFlags().StringVar(&l, "lang", "", lang.T("the `language` of messages, help and tables, and of the report: en or zh (default: the locale's for all but the report, which is Chinese)"))
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		if l != "" && l != "en" && l != "zh" {
			return usageError{lang.Errorf("--lang %q: give en or zh", l)}
		}
		return nil
	}
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error { return usageError{flagError(cmd, err)} })
	root.AddCommand(newScoreCmd(s), newCheckCmd(s), newDiffCmd(s), newExecutionCmd(s), newValidateCmd(s), newInitCmd(s), newTargetsCmd(s), newFrameworkCmd(s))
	localiseHelp(root, s.Terminal)
	return root
}

// minArgs is cobra.MinimumNArgs in the user's language, failing as a
// usage error.
func minArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		if len(a) < n {
			return usageError{lang.Errorf("%s needs at least %d argument(s): %s", cmd.Name(), n, cmd.UseLine())}
		}
		return nil
	}
}

// exactArgs is cobra.ExactArgs in the user's language, failing as a usage
// error.
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		if len(a) != n {
			return usageError{lang.Errorf("%s takes %d argument(s), not %d: %s", cmd.Name(), n, len(a), cmd.UseLine())}
		}
		return nil
	}
}

// rangeArgs is cobra.RangeArgs in the user's language, failing as a usage
// error.
func rangeArgs(lo, hi int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		if len(a) < lo || len(a) > hi {
			return usageError{lang.Errorf("%s takes %d to %d argument(s), not %d: %s", cmd.Name(), lo, hi, len(a), cmd.UseLine())}
		}
		return nil
	}
}

// Run is main's body: it runs perfeval on the process's arguments and
// streams, speaking the language the locale names.
func Run() int {
	if versionOnly(os.Args[1:]) {
		// Asked for nothing but the version, answer before the catalogue
		// and the commands are made: what cobra would print, in a
		// fraction of the time (issue 33: --version ≤ 3 ms).
		return printVersion(os.Stdout)
	}
	// One command's heap is small and the process short: collecting at
	// every doubling from 4 MiB cost one score about a tenth of its time.
	defer pipeline.CollectLess(400)()
	lang.Use(lang.FromEnv(os.LookupEnv))
	s := Streams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, IsTerm: term.IsTerminal(int(os.Stderr.Fd()))}
	if fd := int(os.Stdout.Fd()); term.IsTerminal(fd) {
		cols, _, err := term.GetSize(fd)
		if err != nil || cols <= 0 {
			cols = 80
		}
		s.Terminal = render.TerminalLayout(cols, os.LookupEnv)
	}
	return Main(os.Args[1:], s)
}

// escaping writes messages with every control character escaped
// (diag.Escape): a file name or a cell holding ESC, OSC or BEL is shown,
// never acted on by the terminal. Each message is one Write.
type escaping struct{ w io.Writer }

func (e escaping) Write(p []byte) (int, error) {
	if _, err := io.WriteString(e.w, diag.Escape(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// reportEnglish: --lang en asked for the report (PDF, DOCX) in English;
// without it the report is Chinese whatever the locale.
var reportEnglish bool

// langArg finds --lang's value among the arguments (before a "--").
func langArg(args []string) (string, bool) {
	for i, a := range args {
		switch {
		case a == "--":
			return "", false
		case a == "--lang" && i+1 < len(args):
			return args[i+1], true
		case strings.HasPrefix(a, "--lang="):
			return strings.TrimPrefix(a, "--lang="), true
		}
	}
	return "", false
}
