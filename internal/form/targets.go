package form

import (
	"slices"
	"strings"

	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/workbook"
	"github.com/perfeval/perfeval/internal/xlsx"
)

// isTargetHeader reports whether a row is a target table's indicator
// header: 三级指标 and a target column (SPEC §9).
func isTargetHeader(cells []string) bool {
	found := map[string]bool{}
	for _, c := range cells {
		found[wordKey(indicatorWords, c)] = true
	}
	return found["name"] && found["target"]
}

// FindTargetSheet finds the sheet that is a target table (项目支出绩效目标表):
// one with 三级指标 and a target column in its first rows; visible sheets
// first. Whether it is a self-evaluation form instead (filled actuals or
// scores) is for the caller to tell from what ReadTargets read.
func FindTargetSheet(b *workbook.Book) string {
	for _, hidden := range []bool{false, true} {
		for _, name := range b.X.Sheets() {
			if b.X.Hidden(name) != hidden {
				continue
			}
			found := false
			var prev *xlsx.Row
			_ = b.X.Stream(name, func(r xlsx.Row) bool {
				found = isTargetHeader(r.Cells) || prev != nil && isTargetHeader(append(slices.Clone(prev.Cells), r.Cells...))
				prev = &r
				return !found && r.N < formScan
			})
			if found {
				return name
			}
		}
	}
	return ""
}

// ReadTargets reads the target table on a sheet (FindTargetSheet finds
// it) into the form's model: the project block, the fund block
// (年度资金总额 and its 其中 rows, amounts in Fund.Budget), 中长期目标 and
// 年度目标, and the indicators with their targets and, where given, 分值
// and 备注 (in Row.Reason). As for a form, only a sheet with no usable
// header is an error; a cell that does not read is on the table
// (Form.Unread, Row.Unreadable).
func ReadTargets(b *workbook.Book, sheet string) (*Form, error) {
	b.VisibleName(sheet)
	out := &Form{File: b.File, Sheet: sheet, Files: b.Files}
	rows, ok := b.Rows(sheet)
	if !ok {
		return out, b.Errs.Err()
	}
	fr := &formReader{b: b, rows: rows, merges: b.X.Merges(sheet), out: out, targets: true}
	at := -1
	for i := range rows {
		if isTargetHeader(rows[i].Cells) {
			at = i
			break
		}
		if i+1 < len(rows) && rows[i+1].N == rows[i].N+1 && onlyHeaderWords(rows[i+1].Cells) &&
			isTargetHeader(append(slices.Clone(rows[i].Cells), rows[i+1].Cells...)) {
			at = i
			break
		}
	}
	if at < 0 {
		b.Errs.Add(&diag.Error{Pos: b.SheetPos(sheet), Msg: lang.T("the target table's indicator header (三级指标 and 指标值) is not found"),
			Hint: lang.T("a target table's indicator header has 一级指标, 二级指标, 三级指标 and 指标值 (or 指标性质, 指标值, 度量单位)")})
		return out, b.Errs.Err()
	}
	before := len(b.Errs)
	ind := fr.header(at)
	if !ind.ok || len(b.Errs) > before {
		return out, b.Errs.Err()
	}
	top := rows[:at]
	if ind.Header > rows[at].N {
		at++
	}
	fr.project(top)
	fr.targetFunds(top)
	fr.goals(top)
	fr.indicators(ind, rows[at+1:])
	for _, e := range fr.take(before) {
		out.Unread = append(out.Unread, Problem{Pos: e.Pos, Msg: e.Msg})
	}
	return out, b.Errs.Err()
}

// Filled reports whether a form read as a target table has actuals or
// scores written: then it is a self-evaluation form, not a target table.
func (f *Form) Filled() bool {
	return slices.ContainsFunc(f.Leaves(), func(r *Row) bool { return r.HasActual || r.Score.Valid }) || f.Total.Valid
}

// targetFunds reads a target table's fund block: rows labelled
// 年度资金总额, 其中：财政拨款 (or 财政资金…) and 其他资金, each with the first
// amount right of its label. The first is the total.
func (fr *formReader) targetFunds(top []xlsx.Row) {
	t := fr.table(map[string]int{})
	for _, r := range top {
		for i, c := range r.Cells {
			name := headerText(c)
			if !isFundLabel(name) {
				continue
			}
			fd := Fund{Name: strings.TrimSpace(c), Pos: fr.pos(r, i)}
			for j := i + 1; j < len(r.Cells); j++ {
				if strings.TrimSpace(r.Cells[j]) == "" {
					continue
				}
				t.Cols["amount"] = j
				fd.Budget = fr.money(t, r, "amount")
				break
			}
			if len(fr.out.Funds) == 0 && !strings.Contains(name, "总额") && !strings.Contains(name, "合计") {
				fr.readf("the fund block has no 年度资金总额 row first: %s is read as a line", fd.Name)
			}
			fr.out.Funds = append(fr.out.Funds, fd)
			break
		}
	}
}

// isFundLabel tells the labels of a target table's fund rows.
func isFundLabel(name string) bool {
	name = strings.TrimLeft(strings.TrimPrefix(name, "其中"), ":：")
	for _, w := range []string{"年度资金总额", "资金总额", "财政拨款", "财政资金", "本级财政资金", "上级补助资金", "上级资金", "其他资金", "自筹资金", "资金合计"} {
		if strings.HasPrefix(name, w) {
			return true
		}
	}
	return false
}
