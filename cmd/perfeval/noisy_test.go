package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/perfeval/perfeval/internal/cli"
	"github.com/perfeval/perfeval/internal/testkit"
	"github.com/rogpeppe/go-internal/testscript"
	"github.com/rogpeppe/go-internal/txtar"
)

// Excel writes a number cell's double with up to 17 significant digits: a
// typed 96.6 is stored as 96.599999999999994, 0.58 as
// 0.57999999999999996. excelNoise rewrites every number cell of a
// package's sheets (formula results included) so, as Excel would have
// saved it; text cells are left alone.
func excelNoise(data []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		part, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		if strings.HasPrefix(f.Name, "xl/worksheets/") {
			part = xmlCell.ReplaceAllFunc(part, noisyCell)
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(part); err != nil {
			return nil, err
		}
	}
	err = zw.Close()
	return out.Bytes(), err
}

var (
	xmlCell   = regexp.MustCompile(`(?s)<c\b([^>]*?)(?:/>|>.*?</c>)`)
	xmlType   = regexp.MustCompile(`\bt="([^"]*)"`)
	xmlNumber = regexp.MustCompile(`<v>([^<]*)</v>`)
)

// noisyCell writes a number cell's value with 17 significant digits, in
// Excel's spelling of an exponent (4.5400000000000003E-2).
func noisyCell(c []byte) []byte {
	attrs := xmlCell.FindSubmatch(c)[1]
	if t := xmlType.FindSubmatch(attrs); t != nil && string(t[1]) != "n" {
		return c
	}
	return xmlNumber.ReplaceAllFunc(c, func(v []byte) []byte {
		x, err := strconv.ParseFloat(string(xmlNumber.FindSubmatch(v)[1]), 64)
		if err != nil {
			return v
		}
		return []byte("<v>" + excelDouble(x) + "</v>")
	})
}

// excelDouble spells a double as Excel stores it: 17 significant digits,
// trailing zeros dropped, and a number below 0.1 or past 17 digits with
// an exponent (0.57999999999999996, 4.5400000000000003E-2, 1E+20).
func excelDouble(x float64) string {
	s := strconv.FormatFloat(x, 'g', 17, 64)
	if x != 0 && math.Abs(x) < 0.1 {
		s = strconv.FormatFloat(x, 'e', 16, 64)
	}
	mant, exp, ok := strings.Cut(s, "e")
	if !ok {
		return s
	}
	if strings.Contains(mant, ".") {
		mant = strings.TrimRight(strings.TrimRight(mant, "0"), ".")
	}
	n, _ := strconv.Atoi(exp)
	return fmt.Sprintf("%sE%+d", mant, n)
}

// noisy in.xlsx out.xlsx rewrites a workbook's numbers in Excel's
// 17-digit style (excelNoise).
func noisy(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: noisy in.xlsx out.xlsx")
	}
	data, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	out, err := excelNoise(data)
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), out, 0o644))
}

func TestExcelNoise(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<c r="A1"><v>96.6</v></c>`, `<c r="A1"><v>96.599999999999994</v></c>`},
		{`<c r="A1" s="2"><f>B1</f><v>0.58</v></c>`, `<c r="A1" s="2"><f>B1</f><v>0.57999999999999996</v></c>`},
		{`<c r="A1" t="n"><v>0.0454</v></c>`, `<c r="A1" t="n"><v>4.5400000000000003E-2</v></c>`},
		{`<c r="A1" t="s"><v>3</v></c>`, `<c r="A1" t="s"><v>3</v></c>`},
		{`<c r="A1" t="str"><f>B1</f><v>0.58</v></c>`, `<c r="A1" t="str"><f>B1</f><v>0.58</v></c>`},
		{`<c r="A1"/><c r="B1"><v>916.00</v></c>`, `<c r="A1"/><c r="B1"><v>916</v></c>`},
		{`<c r="A1"><v>0.0625</v></c>`, `<c r="A1"><v>6.25E-2</v></c>`},
		{`<c r="A1"><v>1e20</v></c>`, `<c r="A1"><v>1E+20</v></c>`},
	}
	for _, tt := range tests {
		if got := string(xmlCell.ReplaceAllFunc([]byte(tt.in), noisyCell)); got != tt.want {
			t.Errorf("noise(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// A noiseCase is a workbook and the frameworks it may be scored with.
type noiseCase struct {
	name       string
	xlsx       []byte
	frameworks map[string][]byte // by file name
}

// TestExcelNoiseGivesSameResults is the metamorphic test of SPEC §2.2: every
// example workbook and every workbook the tests build from text (the .md
// files under examples/ and testdata/, and those inside the test scripts)
// gives byte-identical output when its numbers are stored as Excel stores
// them: score (text and JSON), check (plain and screened), execution and
// targets, with each framework beside it, the example framework, and none;
// the same messages and exit status when it fails. Only the inputs' sha256
// differ.
func TestExcelNoiseGivesSameResults(t *testing.T) {
	cases := noiseCases(t, "../..")
	if len(cases) < 40 {
		t.Fatalf("found %d workbooks; the walk missed the examples or the scripts", len(cases))
	}
	example, err := os.ReadFile("../../examples/gd12355/framework.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			frameworks := []string{""}
			for name, data := range c.frameworks {
				if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
					t.Fatal(err)
				}
				frameworks = append(frameworks, filepath.Join(dir, name))
			}
			if err := os.WriteFile(filepath.Join(dir, "example-framework.yaml"), example, 0o644); err != nil {
				t.Fatal(err)
			}
			frameworks = append(frameworks, filepath.Join(dir, "example-framework.yaml"))
			slices.Sort(frameworks)
			wb := filepath.Join(dir, "w.xlsx")
			noisy, err := excelNoise(c.xlsx)
			if err != nil {
				t.Fatal(err)
			}
			plain := runAll(t, wb, c.xlsx, frameworks)
			got := runAll(t, wb, noisy, frameworks)
			for i := range plain {
				if plain[i] != got[i] {
					t.Errorf("stored as Excel stores numbers, the output differs:\n%s", firstDifference(plain[i], got[i]))
				}
			}
		})
	}
}

// runAll writes the workbook at path and runs every command on it, each
// output with its exit status and messages.
func runAll(t *testing.T, wb string, data []byte, frameworks []string) []string {
	t.Helper()
	if err := os.WriteFile(wb, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var outs []string
	for _, fw := range frameworks {
		with := func(args ...string) []string {
			if fw != "" {
				args = append(args, "-f", fw)
			}
			return args
		}
		for _, args := range [][]string{
			with("score", wb),
			with("score", wb, "--format", "json"),
			with("check", wb, "--format", "json"),
			with("check", "--screen", wb, "--format", "json"),
			with("execution", wb, "--format", "json"),
			{"targets", wb, "--format", "json"},
		} {
			var out, errs bytes.Buffer
			code := cli.Main(args, cli.Streams{Out: &out, Err: &errs})
			text := sha256Entry.ReplaceAllString(out.String(), `"sha256": "…"`)
			outs = append(outs, fmt.Sprintf("$ perfeval %s\nexit %d\n%s%s", strings.Join(args, " "), code, text, errs.String()))
		}
	}
	return outs
}

var sha256Entry = regexp.MustCompile(`"sha256": "[0-9a-f]{64}"`)

func firstDifference(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range min(len(w), len(g)) {
		if w[i] != g[i] {
			return fmt.Sprintf("%s\nline %d: %s\n   noisy: %s", w[0], i+1, w[i], g[i])
		}
	}
	return fmt.Sprintf("%s\n%d lines, noisy %d", w[0], len(w), len(g))
}

// noiseCases walks the repository for workbooks: the .xlsx files under
// examples/, and every workbook text (.md) under examples/ or a testdata
// folder, on its own or inside a test script (.txtar). A text that does
// not build a workbook (a README) is passed over. The frameworks are the
// .yaml files beside the workbook or in the same script.
func noiseCases(t *testing.T, root string) []noiseCase {
	var out []noiseCase
	build := func(name string, text []byte, frameworks map[string][]byte) {
		f, err := testkit.FromText(text)
		if err != nil {
			return
		}
		defer f.Close()
		buf, err := f.WriteToBuffer()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out = append(out, noiseCase{name: name, xlsx: buf.Bytes(), frameworks: frameworks})
	}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && rel != "." || rel == "internal/third_party" {
				return filepath.SkipDir
			}
			return nil
		}
		inData := strings.HasPrefix(rel, "examples/") || slices.Contains(strings.Split(rel, "/"), "testdata")
		if !inData {
			return nil
		}
		switch path.Ext(rel) {
		case ".xlsx", ".md":
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			frameworks := yamlBeside(t, filepath.Dir(p))
			if path.Ext(rel) == ".md" {
				build(rel, data, frameworks)
			} else {
				out = append(out, noiseCase{name: rel, xlsx: data, frameworks: frameworks})
			}
		case ".txtar":
			a, err := txtar.ParseFile(p)
			if err != nil {
				return err
			}
			frameworks := map[string][]byte{}
			for _, f := range a.Files {
				if path.Ext(f.Name) == ".yaml" {
					frameworks[strings.ReplaceAll(f.Name, "/", "_")] = f.Data
				}
			}
			for _, f := range a.Files {
				if path.Ext(f.Name) == ".md" {
					build(rel+"/"+f.Name, f.Data, frameworks)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// yamlBeside reads the .yaml files in a folder.
func yamlBeside(t *testing.T, dir string) map[string][]byte {
	out := map[string][]byte{}
	names, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(n)] = data
	}
	return out
}
