package cli

import (
	"bytes"
	"github.com/perfeval/perfeval/internal/lang"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/perfeval/perfeval/internal/third_party/excelize"
)

func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, Streams{Out: &out, Err: &errb})
	return code, out.String(), errb.String()
}

// TestInitFillScore follows a new user: init, validate the framework, fill
// the workbook in, validate it and score it — for both built-in templates.
func TestInitFillScore(t *testing.T) {
	fills := map[string]map[string][2]string{
		"evaluation": {
			"B11": {"100%", "100%"}, "C11": {"≥100个", "96个"}, "C21": {"≥95%", "98%"},
			"C31": {"100%", "100%"}, "C41": {"≤50元", "55元"}, "D21": {"≥90%", "93%"},
		},
		"self-evaluation": {
			"P11": {"≥100场", "120场"}, "P21": {"≥95%", "97%"}, "P31": {"100%", "90%"},
			"P41": {"≤10万元", "9.5万元"}, "E11": {"≥80%", "85%"}, "S11": {"≥90%", "95%"},
		},
	}
	for name, fill := range fills {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if code, _, errs := run(t, "init", dir, "--kind", name); code != ExitOK {
				t.Fatalf("init: %d %s", code, errs)
			}
			if code, out, errs := run(t, "validate", "-f", filepath.Join(dir, "framework.yaml")); code != ExitOK || !strings.Contains(out, "ok") {
				t.Fatalf("validate framework: %d %s %s", code, out, errs)
			}
			wb := filepath.Join(dir, "workbook.xlsx")
			if code, _, _ := run(t, "validate", wb); code != ExitInput {
				t.Fatalf("an empty workbook validates")
			}
			if code, _, errs := run(t, "init", dir); code != ExitInput || !strings.Contains(errs, "already exists") {
				t.Fatalf("init overwrote: %d %s", code, errs)
			}

			f, err := excelize.OpenFile(wb)
			if err != nil {
				t.Fatal(err)
			}
			fields, _ := f.GetRows("项目信息")
			for i, row := range fields {
				if v, ok := map[string]string{"项目名称": "测试项目", "评价类型": "绩效自评", "年度": "2024", "评价基准日": "2024-12-31", "报告日期": "2025年3月1日"}[row[0]]; ok {
					f.SetCellStr("项目信息", "B"+strconv.Itoa(i+1), v)
				}
			}
			// The prose sheets come with their sections and codes filled in.
			f.SetCellStr("报告正文", "B5", "问题段落")
			codes, _ := f.GetRows("指标说明")
			f.SetCellStr("指标说明", "C2", "分析段落")
			rows, _ := f.GetRows("绩效目标")
			for i, row := range rows[1:] {
				if v, ok := fill[row[0]]; ok {
					f.SetCellStr("绩效目标", "C"+strconv.Itoa(i+2), v[0])
					f.SetCellStr("绩效目标", "D"+strconv.Itoa(i+2), v[1])
				}
			}
			f.SetCellStr("扣分", "B3", "0.5")
			f.SetCellStr("扣分", "C3", "理由")
			f.SetCellStr("预算执行", "A2", "1")
			f.SetCellStr("预算执行", "B2", "年初预算")
			f.SetCellDefault("预算执行", "C2", "100")
			f.SetCellDefault("预算执行", "D2", "90")
			if err := f.Save(); err != nil {
				t.Fatal(err)
			}
			f.Close()
			if code, out, errs := run(t, "validate", wb); code != ExitOK {
				t.Fatalf("validate filled workbook: %d %s %s", code, out, errs)
			}
			lang.Use(lang.Chinese) // the report's lines by their Chinese labels
			code, out, errs := run(t, "score", wb)
			lang.Use(lang.English)
			if code != ExitOK || !strings.Contains(out, "总分：") {
				t.Fatalf("score: %d %s %s", code, out, errs)
			}
			for _, want := range []string{"报告日期：2025-03-01", "存在问题", "问题段落", codes[1][0], "分析段落"} {
				if !strings.Contains(out, want) {
					t.Errorf("score output lacks %q:\n%s", want, out)
				}
			}
		})
	}
}

// TestMessagesEscapeControls: a file name holding ESC or BEL is shown in
// a message, never acted on by the terminal.
func TestMessagesEscapeControls(t *testing.T) {
	code, _, stderr := run(t, "score", "no\x1b]0;pwned\x07.xlsx")
	if code != 1 || strings.ContainsAny(stderr, "\x1b\x07") || !strings.Contains(stderr, `no\x1b]0;pwned\x07.xlsx`) {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}
