package cli

import (
	"bytes"
	"github.com/perfeval/perfeval/internal/testkit"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/render"
)

// TestTerminalWidth runs every command that prints tables on a terminal
// 80 columns wide, with ambiguous characters (≥ ─ × ÷ →) narrow and wide:
// no line is wider than the terminal, and every character of the full
// output is still there. A pipe gets the full lines.
func TestTerminalWidth(t *testing.T) {
	commands := [][]string{
		{"score", "../../examples/gd12355/2024.xlsx"},
		{"execution", "../../examples/gd12355/2024.xlsx"},
		{"diff", "../../examples/gd12355/2023.xlsx", "../../examples/gd12355/2024.xlsx"},
	}
	for _, args := range commands {
		var piped bytes.Buffer
		Main(args, Streams{Out: &piped, Err: &bytes.Buffer{}})
		widest := 0
		for _, line := range strings.Split(piped.String(), "\n") {
			widest = max(widest, render.Width(line))
		}
		if widest <= 80 {
			t.Errorf("%s: the piped output is at most %d wide, so this test shows nothing", args[0], widest)
		}
		for _, eastAsian := range []bool{false, true} {
			layout := render.Layout{Width: 80, EastAsian: eastAsian}
			var out bytes.Buffer
			if code := Main(args, Streams{Out: &out, Err: &bytes.Buffer{}, Terminal: layout}); code != ExitOK {
				t.Fatalf("%s: exit %d", args[0], code)
			}
			c := runewidth.NewCondition()
			c.EastAsianWidth = eastAsian
			for _, line := range strings.Split(out.String(), "\n") {
				if w := c.StringWidth(line); w > 80 {
					t.Errorf("%s (East-Asian %v): a line %d wide: %s", args[0], eastAsian, w, line)
				}
			}
			if got, want := letters(out.String()), letters(piped.String()); got != want {
				t.Errorf("%s: wrapping lost or changed text", args[0])
			}
		}
	}
}

// letters are the characters of s, in order, without the spaces, line
// breaks and rules a layout adds: a wrapped row interleaves its cells'
// lines, so only which characters there are can be compared.
func letters(s string) string {
	rs := []rune(strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '─' {
			return -1
		}
		return r
	}, s))
	slices.Sort(rs)
	return string(rs)
}

// TestHelpFitsTheTerminal: each command's help, in Chinese, wraps its
// flags' descriptions to an 80-column terminal.
func TestHelpFitsTheTerminal(t *testing.T) {
	lang.Use(lang.Chinese)
	defer lang.Use(lang.English)
	layout := render.Layout{Width: 80, EastAsian: true}
	for _, cmd := range []string{"score", "check", "diff", "execution", "validate", "init", "targets"} {
		var out bytes.Buffer
		if code := Main([]string{cmd, "--help"}, Streams{Out: &out, Err: &bytes.Buffer{}, Terminal: layout}); code != ExitOK {
			t.Fatalf("%s --help: exit %d", cmd, code)
		}
		if !strings.Contains(out.String(), "选项：") {
			t.Errorf("%s --help is not in Chinese", cmd)
		}
		c := runewidth.NewCondition()
		c.EastAsianWidth = true
		for _, line := range strings.Split(out.String(), "\n") {
			if w := c.StringWidth(line); w > 80 {
				t.Errorf("%s --help: a line %d wide: %s", cmd, w, line)
			}
		}
	}
}

// TestCheckFitsTheTerminal: check --screen of a county's forms on a
// terminal 80 columns wide, ambiguous characters narrow and wide: no line
// is wider, each finding's place starts a line whole, and the kinds are
// in words.
func TestCheckFitsTheTerminal(t *testing.T) {
	dir := t.TempDir()
	mds, _ := filepath.Glob("../form/testdata/county/*.md")
	if len(mds) == 0 {
		t.Fatal("no county forms")
	}
	for _, md := range mds {
		if err := testkit.WriteText(md, filepath.Join(dir, strings.TrimSuffix(filepath.Base(md), ".md")+".xlsx")); err != nil {
			t.Fatal(err)
		}
	}
	lang.Use(lang.Chinese)
	defer lang.Use(lang.English)
	for _, eastAsian := range []bool{false, true} {
		var out bytes.Buffer
		Main([]string{"check", "--screen", dir}, Streams{Out: &out, Err: &bytes.Buffer{}, Terminal: render.Layout{Width: 80, EastAsian: eastAsian}})
		c := runewidth.NewCondition()
		c.EastAsianWidth = eastAsian
		for _, line := range strings.Split(out.String(), "\n") {
			if w := c.StringWidth(line); w > 80 {
				t.Errorf("East-Asian %v: a line %d wide: %s", eastAsian, w, line)
			}
		}
		for _, want := range []string{"\n自评表!F7 ", "\n自评表!H13 ", "\n自评表!K9 ", "得分高于规则", "执行率低而产出满分"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("East-Asian %v: no %q in\n%s", eastAsian, want, out.String())
			}
		}
		if strings.Contains(out.String(), "score_above_rule") {
			t.Errorf("a kind as its code:\n%s", out.String())
		}
	}
}

// TestDiffFitsTheTerminal: diff at 80 columns keeps indicator names and
// the numbers in them whole on their row; the reasons go under the row.
func TestDiffFitsTheTerminal(t *testing.T) {
	lang.Use(lang.Chinese)
	defer lang.Use(lang.English)
	var out bytes.Buffer
	Main([]string{"diff", "../../examples/gd12355/2023.xlsx", "../../examples/gd12355/2024.xlsx"}, Streams{Out: &out, Err: &bytes.Buffer{}, Terminal: render.Layout{Width: 80}})
	for _, want := range []string{"\nA12       目标设置 ", "\nC111        12355全年开展", "\n      实际值 4701场 → 23612场\n"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no %q in\n%s", want, out.String())
		}
	}
}
