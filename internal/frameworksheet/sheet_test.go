package frameworksheet

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/perfeval/perfeval/indicators"
)

// sheetOf writes a framework as a sheet and returns the workbook's bytes.
func sheetOf(t *testing.T, f *indicators.Framework) []byte {
	t.Helper()
	x, err := Write(f)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	buf, err := x.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func parseFile(t *testing.T, path string) *indicators.Framework {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := indicators.Parse(path, data)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestRoundTripReference(t *testing.T) {
	f := parseFile(t, "../../examples/gd12355/framework.yaml")
	back, err := ReadBytes("指标体系.xlsx", sheetOf(t, f))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(indicators.Format(f)), string(indicators.Format(back))); diff != "" {
		t.Errorf("YAML → sheet → YAML differs (-yaml +sheet):\n%s", diff)
	}
}

// Every key the YAML has survives the sheet: options of rules in the
// 计分方法 cell, codes that are not the position's, texts and settings on
// parents, grades, rounding, placeholders, four levels.
func TestRoundTripEveryKey(t *testing.T) {
	f := parseFile(t, "testdata/full.yaml")
	back, err := ReadBytes("指标体系.xlsx", sheetOf(t, f))
	if err != nil {
		t.Fatal(err)
	}
	want := string(indicators.Format(f))
	if diff := cmp.Diff(want, string(indicators.Format(back))); diff != "" {
		t.Errorf("YAML → sheet → YAML differs (-yaml +sheet):\n%s", diff)
	}
	again, err := indicators.Parse("again.yaml", []byte(want))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, string(indicators.Format(again))); diff != "" {
		t.Errorf("Format does not read back to itself:\n%s", diff)
	}
}
