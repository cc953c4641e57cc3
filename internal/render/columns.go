package render

import (
	"math"
	"slices"
	"strings"

	"github.com/perfeval/perfeval/internal/document"
)

// naturalWidths measures a table's columns for a page, the PDF's and the
// DOCX's alike: each column's natural width is its widest text, header
// included, with the tree's indent (indent a level); a column may wrap
// when it holds text. texts are the cells as they will be drawn; blank
// cells and dashes say nothing of a column.
func naturalWidths(t *document.Table, header []string, texts [][]string, measure func(string) float64, indent float64) (natural []float64, flexible []bool) {
	n := len(t.Columns)
	natural = make([]float64, n)
	flexible = make([]bool, n)
	for i, h := range header {
		// A header may wrap at its characters, but not below two of them.
		natural[i] = measure(h)
	}
	for r, row := range texts {
		for i, c := range row {
			if i >= n {
				break
			}
			cell := t.Rows[r][i]
			natural[i] = max(natural[i], measure(c)+float64(cell.Indent)*indent)
			if cell.Kind == document.Text && c != "—" && c != "" {
				flexible[i] = true
			}
		}
	}
	return natural, flexible
}

// fitColumns shares a page's width among a table's columns, given each
// one's natural width and whether it holds text that may wrap. A table
// narrower than the page gives the slack to its widest text column; a
// wider one wraps its longer text columns, no narrower than least.
func fitColumns(natural []float64, flexible []bool, bodyW, least float64) []float64 {
	widths := slices.Clone(natural)
	total := 0.0
	for _, w := range natural {
		total += w
	}
	// Text columns wrap, except a short one (a code, a status word): it
	// stays whole while a longer one can give way.
	grow, short := []int{}, []int{}
	for i := range flexible {
		switch {
		case flexible[i] && natural[i] > 2*least:
			grow = append(grow, i)
		case flexible[i]:
			short = append(short, i)
		}
	}
	if len(grow) == 0 {
		grow = short
	}
	if len(grow) == 0 {
		for i := range widths {
			grow = append(grow, i)
		}
	}
	if total <= bodyW {
		// The slack goes to the widest text column.
		widest := grow[0]
		for _, i := range grow {
			if natural[i] > natural[widest] {
				widest = i
			}
		}
		widths[widest] += bodyW - total
		return widths
	}
	left := bodyW
	for i := range widths {
		if !slices.Contains(grow, i) {
			left -= widths[i]
		}
	}
	// Weighted water-filling: each text column's share of what is left is
	// in proportion to the square root of its natural width; a column whose
	// natural width is below its share keeps it, and the rest is shared
	// again. Short names stay whole; long traces and reasons wrap.
	for len(grow) > 0 {
		weights := 0.0
		for _, i := range grow {
			weights += math.Sqrt(natural[i])
		}
		fixedOne := false
		for k, i := range grow {
			if share := left * math.Sqrt(natural[i]) / weights; natural[i] <= share {
				widths[i] = natural[i]
				left -= natural[i]
				grow = slices.Delete(grow, k, k+1)
				fixedOne = true
				break
			}
		}
		if !fixedOne {
			for _, i := range grow {
				widths[i] = max(left*math.Sqrt(natural[i])/weights, least)
			}
			break
		}
	}
	// Numbers alone too wide for the page: scale everything down.
	sum := 0.0
	for _, w := range widths {
		sum += w
	}
	if sum > bodyW+0.01 {
		for i := range widths {
			widths[i] *= bodyW / sum
		}
	}
	return widths
}

// breakLines wraps s to width w, each character measure wide, an empty s
// being one empty line: the PDF's lines and the terminal's alike. Lines
// break between Chinese characters or at spaces; a closing punctuation
// mark stays on the line it ends, hanging past w when hang is set and
// taking the character before it to the next line when not; a word too
// long for a line is broken anywhere. (fpdf's SplitText dropped the
// character at a break between Chinese characters, so it is not used.)
func breakLines(s string, w float64, measure func(rune) float64, hang bool) []string {
	rs := []rune(s)
	if len(rs) == 0 {
		return []string{""}
	}
	var lines []string
	start := 0
	for start < len(rs) {
		width := 0.0
		brk := -1 // a break opportunity: the line may end before rs[brk]
		i := start
		for ; i < len(rs); i++ {
			if rs[i] == '\n' {
				break
			}
			cw := measure(rs[i])
			if width+cw > w && i > start && !(hang && closing(rs[i])) {
				break
			}
			width += cw
			if i+1 < len(rs) && breakBetween(rs[i], rs[i+1]) {
				brk = i + 1
			}
		}
		end := i
		switch {
		case i >= len(rs) || rs[i] == '\n':
		case brk > start:
			end = brk
		}
		lines = append(lines, strings.TrimRight(string(rs[start:end]), " "))
		start = end
		if start < len(rs) && rs[start] == '\n' {
			start++
		}
		for start < len(rs) && rs[start] == ' ' && end != i {
			start++
		}
	}
	return lines
}

// breakBetween reports whether a line may end between a and b.
func breakBetween(a, b rune) bool {
	switch {
	case closing(b) || opening(a):
		return false
	case a == ' ' || b == ' ':
		return true
	case wide(a) || wide(b):
		return true
	}
	return false
}

func wide(r rune) bool { return r >= 0x2E80 }

func closing(r rune) bool {
	return strings.ContainsRune("，。、；：？！）》」』】〕”’%％,.;:?!)]}", r)
}

func opening(r rune) bool { return strings.ContainsRune("（《「『【〔“‘([{", r) }
