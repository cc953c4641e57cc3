package workbook

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/perfeval/perfeval/internal/testkit"
	"github.com/perfeval/perfeval/internal/third_party/excelize"
)

func read(t *testing.T, text string) (*inputView, error) {
	t.Helper()
	f, err := testkit.FromText([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	in, err := ReadBytes("w.xlsx", buf.Bytes(), Options{})
	if err != nil {
		return nil, err
	}
	v := &inputView{Name: in.Project.Name, Kind: in.Project.Kind, Year: in.Project.Year}
	if !in.Project.AsOf.IsZero() {
		v.AsOf = in.Project.AsOf.Format("2006-01-02")
	}
	for _, m := range in.Targets {
		s := m.Code + " " + m.Target.String() + " | " + m.Actual.String() + " @" + m.ActualPos.String()
		if m.Claimed.Valid {
			s += " claimed " + m.Claimed.Decimal.String()
		}
		if m.Note != "" {
			s += " note " + m.Note
		}
		v.Targets = append(v.Targets, s)
	}
	for _, l := range in.Funding {
		s := l.Code + " " + l.Budget.Decimal.String() + " " + l.Paid.Decimal.String()
		if l.Initial.Valid {
			s += " initial " + l.Initial.Decimal.String()
		}
		if l.Total != "" {
			s += " total " + l.Total
		}
		v.Lines = append(v.Lines, s)
	}
	return v, nil
}

type inputView struct {
	Name, Kind, Year, AsOf string
	Targets, Lines         []string
}

func TestReadLayouts(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		want    *inputView
		wantErr string
	}{
		{
			name: "aliases, shuffled and padded headers, formats",
			text: `## Project
| Field | Value |
| 项目名称 | 甲 |
| 年度 | #2024 |
| 评价基准日 | 2024年9月30日 |
## TARGETS
| title row |
| 备注 | 　实际值　 | 目标值 |  指 标 编 码  |
| | #0.9849@0.00% | ≥95% | C1 |
| | #0.5@0% | ＞＝３０％ | C2 |
| | | | |
| | 80个 | 80个 | #1.10@0.00 |
## funding
| budget (万元) | line | 实际支出（万元） |
| 1,499.75 | 1.10 | １２２２.８４ |
| 34.27万 | \#2 | #0 |
`,
			want: &inputView{Name: "甲", Year: "2024", AsOf: "2024-09-30",
				Targets: []string{"C1 ≥95% | 98.49% @w.xlsx!TARGETS!B3", "C2 ≥30% | 50% @w.xlsx!TARGETS!B4", "1.10 80个 | 80个 @w.xlsx!TARGETS!B6"},
				Lines:   []string{"1.10 1499.75 1222.84", "#2 34.27 0"}},
		},
		{
			name: "a form's columns: 指标性质 | 指标值 | 度量单位, 自评得分, 偏差原因, 年初预算数, 合计 rows",
			text: `## 项目信息
| 字段 | 值 |
| 项目名称 | 丙 |
## 绩效目标
| 指标编码 | 指标性质 | 指标值 | 度量单位 | 全年实际值 | 自评得分 | 偏差原因分析及改进措施 |
| C1 | ≥ | #95 | % | #96 | #9 | |
| C2 | 反向 | 50 | 元 | 48元 | 5分 | 成本控制较好 |
| C3 | 定性 | 有效 | | 有效 | | |
| C4 | | 80 | 个 | 不适用 | | 项目取消 |
## 预算执行
| 编号 | 资金名称 | 年初预算数 | 全年预算数 | 全年执行数 |
| 合 计 | | #300 | #310 | #280 |
| 1 | 财政拨款 | #200 | #210 | #190 |
| 2 | 上年结转 | #100 | #100 | #90 |
|  | 小计： | | #310 | |
`,
			want: &inputView{Name: "丙",
				Targets: []string{
					"C1 ≥95% | 96% @w.xlsx!绩效目标!E2 claimed 9",
					"C2 ≤50元 | 48元 @w.xlsx!绩效目标!E3 claimed 5 note 成本控制较好",
					"C3 有效 | 有效 @w.xlsx!绩效目标!E4",
					"C4 80个 | 不适用 @w.xlsx!绩效目标!E5 note 项目取消",
				},
				Lines: []string{"合 计 310 280 initial 300 total 合计", "1 210 190 initial 200", "2 100 90 initial 100", " 310 0 total 小计"}},
		},
		{
			name:    "a target whose comparator or unit disagrees with its columns",
			text:    "## 项目信息\n| 字段 | 值 |\n| 项目名称 | 丙 |\n## 绩效目标\n| 指标编码 | 比较符 | 目标值 | 计量单位 | 实际值 |\n| C1 | ≥ | ≤95% | | 90% |\n| C2 | | 95% | 个 | 90 |\n| C3 | 约 | 95 | | 90 |\n",
			wantErr: "w.xlsx!绩效目标!C2: the target does not agree with its 比较符 / 计量单位 columns: \"≤95%\" says ≤ but the comparator column says \"≥\"\nw.xlsx!绩效目标!C3: the target does not agree with its 比较符 / 计量单位 columns: \"95%\" is in % but the unit column says \"个\"\nw.xlsx!绩效目标!C4: the target does not agree with its 比较符 / 计量单位 columns: \"约\" is not a comparator (≥, ≤, >, <, =, 不低于, 不高于……)",
		},
		{
			name: "date cell",
			text: "## 项目信息\n| 字段 | 值 |\n| 项目名称 | 乙 |\n| 评价基准日 | #45657@yyyy-mm-dd |\n| 评价类型 | 绩效自评 |\n",
			want: &inputView{Name: "乙", Kind: "绩效自评", AsOf: "2024-12-31"},
		},
		{
			name:    "bad date and kind",
			text:    "## 项目信息\n| 字段 | 值 |\n| 项目名称 | 乙 |\n| 评价基准日 | 2024-13-01 |\n| 评价类型 | 自评 |\n",
			wantErr: "w.xlsx!项目信息!B3: \"2024-13-01\" is not a date (write 2024-12-31 or 2024年12月31日)\nw.xlsx!项目信息!B4: 评价类型 \"自评\" must be 绩效自评 or 绩效评价",
		},
		{
			name:    "duplicate column",
			text:    "## 项目信息\n| 字段 | 值 |\n| 项目名称 | 乙 |\n## 绩效目标\n| 指标编码 | 目标值 | 实际值 | target |\n",
			wantErr: "w.xlsx!绩效目标!D1: column 目标值 appears twice (also in B1) (keep one column for it and rename or delete the other)",
		},
		{
			name:    "formula without a value that cannot be computed",
			text:    "## 项目信息\n| 字段 | 值 |\n| 项目名称 | 乙 |\n## 预算执行\n| 编号 | 预算数 | 实际支出 |\n| 1 | #=NOSUCH(1) | #1 |\n",
			wantErr: "w.xlsx!预算执行!B2: =NOSUCH(1) has no saved value, and perfeval does not compute it: it uses NOSUCH, which perfeval does not compute (open and save the workbook in Excel or WPS, which saves the values)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := read(t, tt.text)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("error:\n%v\nwant:\n%s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestRowLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString("## 项目信息\n| 字段 | 值 |\n| 项目名称 | 甲 |\n## 支出明细\n| 编号 | 预算数 |\n")
	for i := 0; i < 30; i++ {
		b.WriteString("| x | #1 |\n")
	}
	f, err := testkit.FromText([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	buf, _ := f.WriteToBuffer()
	_, err = ReadBytes("w.xlsx", buf.Bytes(), Options{MaxRows: 20})
	if err == nil || !strings.Contains(err.Error(), "w.xlsx!支出明细: the sheet has more than 20 rows") {
		t.Errorf("error %v", err)
	}
}

// TestExamplesMatchText keeps each example workbook in step with its text.
func TestExamplesMatchText(t *testing.T) {
	texts, _ := filepath.Glob("../../examples/*/*.md")
	if len(texts) == 0 {
		t.Fatal("no example texts")
	}
	for _, src := range texts {
		built := filepath.Join(t.TempDir(), "built.xlsx")
		if err := testkit.WriteText(src, built); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(built)
		if err != nil {
			t.Fatal(err)
		}
		xlsx := strings.TrimSuffix(src, ".md") + ".xlsx"
		committed, err := os.ReadFile(xlsx)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, committed) {
			t.Errorf("%s is not built from %s: run make examples", xlsx, src)
		}
	}
}

// TestManyParts: a zip of more entries than any workbook has is refused
// from its end record, before its directory is read.
func TestManyParts(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range 10_000 + 1 {
		if _, err := zw.CreateHeader(&zip.FileHeader{Name: strconv.Itoa(i), Method: zip.Store}); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	_, err := Open("w.xlsx", buf.Bytes(), Options{})
	want := "w.xlsx: the file holds 10001 parts; a workbook has a few dozen (at most 10000 are read) (save it from Excel or WPS as .xlsx)"
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

// TestProseCap: the report's prose is capped, at the paragraph that passes
// the cap.
func TestProseCap(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "项目信息")
	f.SetSheetRow("项目信息", "A1", &[]any{"字段", "值"})
	f.SetSheetRow("项目信息", "A2", &[]any{"项目名称", "长文"})
	f.NewSheet("报告正文")
	f.SetSheetRow("报告正文", "A1", &[]any{"章节", "内容"})
	para := strings.Repeat("字", MaxCellLength)
	for r := 2; r <= 32; r++ {
		f.SetSheetRow("报告正文", "A"+strconv.Itoa(r), &[]any{"项目概况", para})
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	_, err := ReadBytes("w.xlsx", buf.Bytes(), Options{})
	want := "w.xlsx!报告正文!B32: the report's prose (报告正文 and 指标说明) passes 1000000 characters here (a report is rarely a tenth of that: shorten it, or keep the annexes out of the workbook)"
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}
