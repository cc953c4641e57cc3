package form

import (
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/workbook"
	"github.com/perfeval/perfeval/internal/xlsx"
	"github.com/shopspring/decimal"
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

// targetHeaderRows reports whether the rows h and below, read as one, are
// a target table's header that neither is alone: below holds only header
// words and h at least one.
func targetHeaderRows(h xlsx.Row, below *xlsx.Row) bool {
	if below == nil || below.N != h.N+1 || !onlyHeaderWords(below.Cells) || isTargetHeader(below.Cells) {
		return false
	}
	if !slices.ContainsFunc(h.Cells, func(c string) bool { return wordKey(indicatorWords, c) != "" }) {
		return false
	}
	return isTargetHeader(append(slices.Clone(h.Cells), below.Cells...))
}

// FindTargetSheet finds the sheet that is a target table (项目支出绩效目标表):
// one with 三级指标 and a target column in its first rows; visible sheets
// first. Whether it is a self-evaluation form instead (filled actuals or
// scores) is for the caller to tell from what ReadTargets read.
func FindTargetSheet(b *workbook.Book) string {
	return findSheet(b, func(prev *xlsx.Row, r xlsx.Row) bool {
		return isTargetHeader(r.Cells) || prev != nil && targetHeaderRows(*prev, &r)
	})
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
		if isTargetHeader(rows[i].Cells) || i+1 < len(rows) && targetHeaderRows(rows[i], &rows[i+1]) {
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
// amount right of its label (or after a colon in the label's own cell);
// or, laid out across, a row of such labels over a row of amounts. The
// first is the total.
func (fr *formReader) targetFunds(top []xlsx.Row) {
	t := fr.table(map[string]int{})
	for k, r := range top {
		var labels []int
		for i, c := range r.Cells {
			if isFundLabel(headerText(c)) {
				labels = append(labels, i)
			}
		}
		across := len(labels) > 1 && k+1 < len(top) && top[k+1].N == r.N+1
		for n, i := range labels {
			name := strings.TrimSpace(r.Cells[i])
			fd := Fund{Name: name, Pos: fr.pos(r, i)}
			amountRow, from, to := r, i+1, len(r.Cells)
			if across {
				amountRow, from = top[k+1], i
				if n+1 < len(labels) {
					to = labels[n+1]
				}
			}
			for j := from; j < min(to, len(amountRow.Cells)); j++ {
				if strings.TrimSpace(amountRow.Cells[j]) == "" {
					continue
				}
				t.Cols["amount"] = j
				fd.Budget = fr.money(t, amountRow, "amount")
				break
			}
			if !fd.Budget.Valid {
				if m := labelAmount().FindStringSubmatch(name); m != nil {
					d, err := decimal.NewFromString(strings.ReplaceAll(m[2], ",", ""))
					if err == nil {
						fd.Name, fd.Budget = m[1], Figure{Value: d, Valid: true, Text: m[2], Pos: fd.Pos}
					}
				}
			}
			if len(fr.out.Funds) == 0 && !strings.Contains(name, "总额") && !strings.Contains(name, "合计") {
				fr.readf("the fund block has no 年度资金总额 row first: %s is read as a line", fd.Name)
			}
			fr.out.Funds = append(fr.out.Funds, fd)
			if !across {
				break
			}
		}
	}
}

// labelAmount is a fund label with its amount in one cell: 年度资金总额：200.
var labelAmount = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(.*?)[:：]\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(?:万元|元)?$`)
})

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
