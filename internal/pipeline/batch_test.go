package pipeline

import (
	"slices"
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
