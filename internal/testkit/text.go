package testkit

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/perfeval/perfeval/internal/third_party/excelize"
)

// FromText builds a workbook from its text form, so that example and test
// workbooks can be reviewed in a diff. The form is Markdown:
//
//	## 绩效目标
//	| 指标编码 | 目标值 | 实际值 |
//	|---|---|---|
//	| C121 | ≥3% | #0.052@0.00% |
//
// "## name" starts a sheet and every "|" line is a row; the |---| line and
// every other line are ignored. A cell is a string, except:
//
//	#0.052          a number cell
//	#0.052@0.00%    a number cell with a number format (percent, date, …)
//	#=SUM(C2:C4)    a formula cell with no saved value
//	\#text          the string "#text"; \| is a "|" inside a cell
//	<               merged into the cell on its left (as printed forms merge)
//	^               merged into the cell above; \< and \^ are the characters
//
// Merged cells keep their text in the top-left cell, as Excel does. A
// heading "## name [hidden]" or "## name [very hidden]" hides its sheet
// (Excel allows no brackets in a sheet's name).
func FromText(src []byte) (*excelize.File, error) {
	f := excelize.NewFile()
	m := newMerges()
	first := true
	sheet := ""
	rowN := 0
	styles := map[string]int{}
	hidden := map[string]bool{} // sheet → very hidden
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	lineNo := 0
	for sc.Scan() {
		lineNo++
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "## "):
			if err := m.apply(f, sheet); err != nil {
				return nil, fmt.Errorf("line %d: %w", lineNo, err)
			}
			sheet = strings.TrimSpace(line[3:])
			state := ""
			for _, st := range []string{"[hidden]", "[very hidden]"} {
				if name, ok := strings.CutSuffix(sheet, st); ok {
					sheet, state = strings.TrimSpace(name), st
				}
			}
			rowN = 0
			m = newMerges()
			if first {
				if err := f.SetSheetName("Sheet1", sheet); err != nil {
					return nil, fmt.Errorf("line %d: %w", lineNo, err)
				}
				first = false
			} else if _, err := f.NewSheet(sheet); err != nil {
				return nil, fmt.Errorf("line %d: %w", lineNo, err)
			}
			if state != "" {
				hidden[sheet] = state == "[very hidden]"
			}
		case strings.HasPrefix(line, "|"):
			if sheet == "" {
				return nil, fmt.Errorf("line %d: a row before any \"## sheet\" line", lineNo)
			}
			cells := splitRow(line)
			if isRule(cells) {
				continue
			}
			rowN++
			for i, c := range cells {
				if c == "<" || c == "^" {
					if err := m.join(i+1, rowN, c); err != nil {
						return nil, fmt.Errorf("line %d: %w", lineNo, err)
					}
					continue
				}
				if c == `\<` || c == `\^` {
					c = c[1:]
				}
				if err := setCell(f, sheet, i+1, rowN, c, styles); err != nil {
					return nil, fmt.Errorf("line %d: %w", lineNo, err)
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if err := m.apply(f, sheet); err != nil {
		return nil, err
	}
	if first {
		return nil, fmt.Errorf("no \"## sheet\" line")
	}
	return f, hide(f, hidden)
}

// hide hides sheets, once all are made: the workbook opens on the first
// sheet left visible (Excel hides no active sheet).
func hide(f *excelize.File, hidden map[string]bool) error {
	if len(hidden) == 0 {
		return nil
	}
	for i, name := range f.GetSheetList() {
		if _, ok := hidden[name]; !ok {
			f.SetActiveSheet(i)
			break
		}
	}
	for _, name := range f.GetSheetList() {
		if very, ok := hidden[name]; ok {
			if err := f.SetSheetVisible(name, false, very); err != nil {
				return err
			}
		}
	}
	return nil
}

func splitRow(line string) []string {
	line = strings.TrimPrefix(line, "|")
	line = strings.TrimSuffix(line, "|")
	var cells []string
	var b strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\' && i+1 < len(line) && line[i+1] == '|':
			b.WriteByte('|')
			i++
		case line[i] == '|':
			cells = append(cells, strings.TrimSpace(b.String()))
			b.Reset()
		default:
			b.WriteByte(line[i])
		}
	}
	return append(cells, strings.TrimSpace(b.String()))
}

func isRule(cells []string) bool {
	for _, c := range cells {
		if strings.Trim(c, "-: ") != "" || c == "" {
			return false
		}
	}
	return true
}

func setCell(f *excelize.File, sheet string, col, row int, text string, styles map[string]int) error {
	if text == "" {
		return nil
	}
	axis, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return err
	}
	switch {
	case strings.HasPrefix(text, `\#`):
		return f.SetCellStr(sheet, axis, text[1:])
	case strings.HasPrefix(text, "#="):
		return f.SetCellFormula(sheet, axis, text[2:])
	case strings.HasPrefix(text, "#"):
		num, format, _ := strings.Cut(text[1:], "@")
		if err := f.SetCellDefault(sheet, axis, num); err != nil {
			return err
		}
		if format == "" {
			return nil
		}
		id, ok := styles[format]
		if !ok {
			code := format
			if id, err = f.NewStyle(&excelize.Style{CustomNumFmt: &code}); err != nil {
				return err
			}
			styles[format] = id
		}
		return f.SetCellStyle(sheet, axis, axis, id)
	}
	return f.SetCellStr(sheet, axis, text)
}

// WriteText builds the workbook in the text file src and saves it at dst.
func WriteText(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	f, err := FromText(data)
	if err != nil {
		return fmt.Errorf("%s: %w", src, err)
	}
	defer f.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return f.SaveAs(dst)
}

// merges collects a sheet's merged ranges from its < and ^ cells: the
// anchor (top-left cell) each merged cell joins, and each anchor's far
// corner.
type merges struct {
	anchor map[[2]int][2]int // merged cell → its anchor
	corner map[[2]int][2]int // anchor → the bottom-right cell of its range
}

func newMerges() *merges {
	return &merges{anchor: map[[2]int][2]int{}, corner: map[[2]int][2]int{}}
}

// join merges the cell at col, row into the one left of it (<) or above it (^).
func (m *merges) join(col, row int, dir string) error {
	from := [2]int{col - 1, row}
	if dir == "^" {
		from = [2]int{col, row - 1}
	}
	if from[0] < 1 || from[1] < 1 {
		return fmt.Errorf("%q has no cell to merge into", dir)
	}
	a, ok := m.anchor[from]
	if !ok {
		a = from
	}
	m.anchor[[2]int{col, row}] = a
	far, ok := m.corner[a]
	if !ok {
		far = a
	}
	m.corner[a] = [2]int{max(far[0], col), max(far[1], row)}
	return nil
}

// apply merges every range, in the sheet's order.
func (m *merges) apply(f *excelize.File, sheet string) error {
	anchors := slices.Collect(maps.Keys(m.corner))
	slices.SortFunc(anchors, func(a, b [2]int) int { return cmp.Or(a[1]-b[1], a[0]-b[0]) })
	for _, a := range anchors {
		from, err := excelize.CoordinatesToCellName(a[0], a[1])
		if err != nil {
			return err
		}
		to, err := excelize.CoordinatesToCellName(m.corner[a][0], m.corner[a][1])
		if err != nil {
			return err
		}
		if err := f.MergeCell(sheet, from, to); err != nil {
			return err
		}
	}
	return nil
}
