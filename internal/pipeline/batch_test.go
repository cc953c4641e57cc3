package pipeline

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestOutputNames(t *testing.T) {
	for _, c := range []struct{ paths, want []string }{
		{[]string{"in/2023.xlsx", "in/2024.xlsx"}, []string{"2023", "2024"}},
		{[]string{"projects/甲/workbook.xlsx", "projects/乙/workbook.xlsx", "projects/丙.xlsx"}, []string{"甲_workbook", "乙_workbook", "丙"}},
		{[]string{"a/x/w.xlsx", "b/x/w.xlsx", "c/y/w.xlsx"}, []string{"a_x_w", "b_x_w", "y_w"}},
		{[]string{"w.xlsx", "./w.xlsx"}, []string{"w", "w-2"}},
	} {
		if got := outputNames(c.paths); !slices.Equal(got, c.want) {
			t.Errorf("outputNames(%q) = %q, want %q", c.paths, got, c.want)
		}
	}
}

// TestUnreadableFolder: a sub-folder that cannot be read is an item of
// its own, whose error is its; the workbooks beside it are still listed.
func TestUnreadableFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every folder")
	}
	dir := t.TempDir()
	for _, p := range []string{"a/1.xlsx", "b/2.xlsx"} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	locked := filepath.Join(dir, "a")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(locked, 0o755)
	got, err := Workbooks([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{locked, filepath.Join(dir, "b", "2.xlsx")}; !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	if _, err := Open(locked, ""); err == nil || !strings.Contains(err.Error(), "cannot read the folder") {
		t.Errorf("the folder's error: %v", err)
	}
}

func TestOutputNamesHaveNoControls(t *testing.T) {
	got := outputNames([]string{"a/\x1b]0;pwned\x07.xlsx", "b/\u202egpj.xlsx"})
	if want := []string{"_]0;pwned_", "_gpj"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
