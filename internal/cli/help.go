package cli

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"

	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/render"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// localiseHelp puts what cobra writes itself into the user's language: the
// usage headings, the help and version flags, the help and completion
// commands.
func localiseHelp(root *cobra.Command, terminal render.Layout) {
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	root.InitDefaultVersionFlag()
	root.Flags().Lookup("version").Usage = lang.T("print the version")
	root.SetUsageFunc(func(c *cobra.Command) error { return usage(c, terminal) })
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.InitDefaultHelpFlag()
		c.Flags().Lookup("help").Usage = lang.Sprintf("help for %s", c.Name())
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	for _, c := range root.Commands() {
		switch c.Name() {
		case "help":
			c.Short = lang.T("Help about any command")
			c.Long = lang.T("Help provides help for any command in the application.")
		case "completion":
			c.Short = lang.T("Generate the autocompletion script for the specified shell")
			for _, sh := range c.Commands() {
				sh.Short = lang.Sprintf("Generate the autocompletion script for %s", sh.Name())
				if f := sh.Flags().Lookup("no-descriptions"); f != nil {
					f.Usage = lang.T("disable completion descriptions")
				}
			}
		}
	}
	walk(root)
}

// usage is cobra's usage text with its headings in the user's language,
// its flags' descriptions wrapped to the terminal.
func usage(c *cobra.Command, terminal render.Layout) error {
	w := c.OutOrStderr()
	fmt.Fprint(w, lang.T("Usage:"))
	if c.Runnable() {
		use := strings.Replace(c.UseLine(), "[flags]", lang.T("[flags]"), 1)
		for i, line := range terminal.Wrap(use, terminal.Width-4) {
			fmt.Fprintf(w, "\n  %s%s", strings.Repeat(" ", 2*min(i, 1)), strings.TrimLeft(line, " "))
		}
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(w, "\n  %s %s", c.CommandPath(), lang.T("[command]"))
	}
	if c.HasExample() {
		fmt.Fprintf(w, "\n\n%s\n%s", lang.T("Examples:"), c.Example)
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(w, "\n\n%s", lang.T("Available Commands:"))
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() || sub.Name() == "help" {
				fmt.Fprintf(w, "\n  %-*s %s", sub.NamePadding(), sub.Name(), sub.Short)
			}
		}
	}
	flagBlock(w, lang.T("Flags:"), c.LocalFlags(), terminal)
	if c.HasAvailableInheritedFlags() {
		flagBlock(w, lang.T("Global Flags:"), c.InheritedFlags(), terminal)
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(w, "\n\n%s", lang.Sprintf("Use \"%s [command] --help\" for more information about a command.", c.CommandPath()))
	}
	fmt.Fprintln(w)
	return nil
}

func flagBlock(w io.Writer, heading string, flags *pflag.FlagSet, terminal render.Layout) {
	if !flags.HasAvailableFlags() {
		return
	}
	lines := flagUsages(flags)
	fmt.Fprintf(w, "\n\n%s", heading)
	for _, line := range lines {
		if m := flagDefault().FindStringSubmatchIndex(line); m != nil {
			line = line[:m[0]] + lang.Sprintf(" (default %s)", line[m[2]:m[3]])
		}
		for _, part := range wrapFlag(line, terminal) {
			fmt.Fprintf(w, "\n%s", part)
		}
	}
}

// flagDefault is pflag's note of a flag's default value.
var flagDefault = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(` \(default (.*)\)$`) })

// flagLine is a line of pflag's flag list: the flag and its value's name,
// then the description.
var flagLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\s+-.*?\S\s{2,})(\S.*)$`) })

// wrapFlag wraps a line of the flag list to the terminal, its description
// continuing under itself.
func wrapFlag(line string, terminal render.Layout) []string {
	m := flagLine().FindStringSubmatch(line)
	if terminal.Width <= 0 || render.Width(line) <= terminal.Width || m == nil {
		return []string{line}
	}
	indent := render.Width(m[1])
	if terminal.Width-indent < 20 {
		indent = 8
		return append([]string{strings.TrimRight(m[1], " ")}, indented(terminal.Wrap(m[2], terminal.Width-indent), indent)...)
	}
	desc := terminal.Wrap(m[2], terminal.Width-indent)
	return append([]string{m[1] + desc[0]}, indented(desc[1:], indent)...)
}

func indented(lines []string, n int) []string {
	for i, l := range lines {
		lines[i] = strings.Repeat(" ", n) + l
	}
	return lines
}

// flagError is pflag's error in the user's language.
func flagError(cmd *cobra.Command, err error) error {
	var (
		notExist *pflag.NotExistError
		noValue  *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
		syntax   *pflag.InvalidSyntaxError
	)
	switch {
	case errors.As(err, &notExist):
		if s := notExist.GetSpecifiedShortnames(); s != "" {
			return lang.Errorf("unknown flag -%s in -%s", notExist.GetSpecifiedName(), s)
		}
		name := notExist.GetSpecifiedName()
		if near := nearestFlag(cmd, name); near != "" {
			return lang.Errorf("unknown flag --%s: did you mean --%s?", name, near)
		}
		return lang.Errorf("unknown flag --%s", name)
	case errors.As(err, &noValue):
		if s := noValue.GetSpecifiedShortnames(); s != "" {
			return lang.Errorf("flag -%s needs a value", noValue.GetSpecifiedName())
		}
		return lang.Errorf("flag --%s needs a value", noValue.GetSpecifiedName())
	case errors.As(err, &invalid):
		return lang.Errorf("%q is not a valid value for --%s", invalid.GetValue(), invalid.GetFlag().Name)
	case errors.As(err, &syntax):
		return lang.Errorf("bad flag syntax: %s", syntax.GetSpecifiedFlag())
	}
	return err
}

// unknownCommand says that args[0] names no command, suggesting the
// nearest ones.
func unknownCommand(root *cobra.Command, args []string) error {
	if near := root.SuggestionsFor(args[0]); len(near) > 0 {
		return lang.Errorf("unknown command %q: did you mean %s?", args[0], strings.Join(near, ", "))
	}
	return lang.Errorf("unknown command %q", args[0])
}

// nearestFlag is the command's flag whose name is nearest to name (at
// most two edits, or name a prefix of it), "" when none is.
func nearestFlag(cmd *cobra.Command, name string) string {
	best, bestD := "", 3
	visit := func(f *pflag.Flag) {
		d := editDistance(name, f.Name)
		if strings.HasPrefix(f.Name, name) && len(name) >= 3 {
			d = min(d, 1)
		}
		if d < bestD || d == bestD && f.Name < best {
			best, bestD = f.Name, d
		}
	}
	cmd.Flags().VisitAll(visit)
	cmd.InheritedFlags().VisitAll(visit)
	return best
}

// editDistance is the Damerau–Levenshtein distance (optimal string
// alignment) of a and b: --fromat is one swap from --format.
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range y {
		d[0][j+1] = j + 1
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}

// placeholders are the Chinese names of the flags' value placeholders
// (the `file` of a usage): under Chinese help the flag list shows 文件, and
// the description does not repeat the English word.
var placeholders = map[string]string{
	"file": "文件", "files": "文件", "dir": "目录", "date": "日期", "format": "格式", "fraction": "比例",
	"framework": "指标体系", "language": "语言", "password": "密码", "rate": "比率",
}

// flagUsages is pflag's flag list, a line a flag, with its columns aligned
// by display width (a Chinese placeholder is two columns a character) and,
// under Chinese help, the placeholders in Chinese.
func flagUsages(flags *pflag.FlagSet) []string {
	type row struct{ left, usage string }
	var rows []row
	width := 0
	zh := lang.Current() == lang.Chinese
	flags.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		name, usage := pflag.UnquoteUsage(f)
		if zh {
			if n, ok := placeholders[name]; ok {
				for _, w := range []string{" " + name + " ", " " + name, name} {
					if strings.Contains(usage, w) {
						usage = strings.Replace(usage, w, "", 1)
						break
					}
				}
				name = n
			}
		}
		left := "      --" + f.Name
		if f.Shorthand != "" {
			left = "  -" + f.Shorthand + ", --" + f.Name
		}
		if name != "" {
			left += " " + name
		}
		switch def := f.DefValue; {
		case def == "" || def == "false" || def == "[]" || def == "0" && f.Value.Type() == "int":
		case f.Value.Type() == "string":
			usage += fmt.Sprintf(" (default %q)", def)
		default:
			usage += fmt.Sprintf(" (default %s)", def)
		}
		rows = append(rows, row{left, usage})
		width = max(width, render.Width(left))
	})
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.left + strings.Repeat(" ", width-render.Width(r.left)+3) + r.usage
	}
	return out
}
