package report_test

import (
	"strings"
	"testing"

	"github.com/perfeval/perfeval/examples"
	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/report"
)

// TestReportWarningsNameNoPath: the report's body names no path, so a
// warning's place names the file alone, however the workbook was given.
func TestReportWarningsNameNoPath(t *testing.T) {
	res := examples.ScoreT(t, "2024")
	res.Warnings = append(res.Warnings, diag.Warning{Pos: diag.Pos{File: "/home/user/项目/2024.xlsx", Sheet: "自评表", Cell: "H17"}, Msg: "得分不同"})
	w, _ := report.LoadWording("")
	d, err := report.ScoreReport(res, w, "test")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Warnings) == 0 || d.Warnings[len(d.Warnings)-1] != "2024.xlsx!自评表!H17: 得分不同" {
		t.Errorf("warnings %q", d.Warnings)
	}
	for _, w := range d.Warnings {
		if strings.Contains(w, "/") {
			t.Errorf("a path in the report: %q", w)
		}
	}
}
