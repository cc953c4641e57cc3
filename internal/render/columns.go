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
// long for a line is broken anywhere. Two spaces separate fields (文件
// 项目  填报总分 96.6): a line breaks between fields rather than inside
// one when that keeps at least half the line. (fpdf's SplitText dropped
// the character at a break between Chinese characters, so it is not
// used.)
func breakLines(s string, w float64, measure func(rune) float64, hang bool) []string {
	rs := []rune(s)
	if len(rs) == 0 {
		return []string{""}
	}
	var lines []string
	start := 0
	for start < len(rs) {
		width := 0.0
		brk := -1   // a break opportunity: the line may end before rs[brk]
		field := -1 // a break between fields, after two spaces
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
				if i > start && rs[i] == ' ' && rs[i-1] == ' ' {
					field = i + 1
				}
			}
		}
		end := i
		switch {
		case i >= len(rs) || rs[i] == '\n':
		case field > start && 2*(field-start) >= i-start:
			end = field
		case brk > start:
			end = brk
		}
		lines = append(lines, strings.TrimRight(string(rs[start:end]), " "))
		start = end
		if start < len(rs) && rs[start] == '\n' {
			start++ // the next paragraph keeps its leading spaces
			continue
		}
		for start < len(rs) && rs[start] == ' ' {
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

// maxBalancedRows bounds balanceColumns's work (rows × moves): a longer
// table keeps the shares fitColumns gives it.
const maxBalancedRows = 2000

// balanceColumns makes a table that had to wrap shorter: starting from the
// fitted widths, it moves a step of width (one character, or three) from
// one text column to another while the move lowers the table's height,
// and stops when no move does. The height is the sum over the rows,
// header included, of each row's most lines; a cell's lines are estimated
// as its text's width over the column's, Chinese text breaking between any
// two characters. Sharing by natural width alone leaves a short name
// column three characters wide beside long explanations, and a
// fifteen-character name five lines tall in every row; this finds the
// widths where the name and its explanation take about as many lines.
// A column never goes below least, nor below four characters when its
// text is wider (a name wraps at most into a few lines); the widths keep
// their sum. indent gives the room a cell of texts loses to its tree
// indent, as the writer draws it (nil: none), so that an indented name is
// measured as narrow as it is drawn.
func balanceColumns(widths, natural []float64, flexible []bool, least, step, pad float64, header []string, texts [][]string, indent func(row, col int) float64, textWidth func(string) float64) []float64 {
	var cols []int
	for i, f := range flexible {
		if f && i < len(widths) {
			cols = append(cols, i)
		}
	}
	if len(cols) < 2 || len(texts) > maxBalancedRows {
		return widths
	}
	// Each cell as the widths of its lines and its indent; the cells of
	// columns that do not move are left empty.
	type cell struct {
		indent float64
		lines  []float64
	}
	rows := make([][]cell, 0, len(texts)+1)
	add := func(row []string, r int) {
		cells := make([]cell, len(widths))
		for _, i := range cols {
			if i < len(row) && row[i] != "" {
				if indent != nil && r >= 0 {
					cells[i].indent = indent(r, i)
				}
				for _, line := range strings.Split(row[i], "\n") {
					cells[i].lines = append(cells[i].lines, textWidth(line))
				}
			}
		}
		rows = append(rows, cells)
	}
	add(header, -1)
	for r, row := range texts {
		add(row, r)
	}
	lines := func(c cell, w float64) int {
		n, room := 0, w-pad-c.indent
		if room <= 0 {
			return len(c.lines) * 1000
		}
		for _, lw := range c.lines {
			n += max(1, int(math.Ceil(lw/room-1e-9)))
		}
		return n
	}
	w := slices.Clone(widths)
	floor := make([]float64, len(widths))
	for _, i := range cols {
		floor[i] = max(least, min(natural[i], 4*step+pad))
	}
	// Columns below their floor take it from those with the most above
	// theirs.
	for _, i := range cols {
		for w[i] < floor[i]-1e-9 {
			rich := -1
			for _, j := range cols {
				if j != i && w[j] > floor[j] && (rich < 0 || w[j]-floor[j] > w[rich]-floor[rich]) {
					rich = j
				}
			}
			if rich < 0 {
				break
			}
			d := min(floor[i]-w[i], w[rich]-floor[rich])
			w[i] += d
			w[rich] -= d
		}
	}
	n := len(rows)
	at := func(i int, width float64) []int { // column i's lines in every row
		out := make([]int, n)
		for r, cells := range rows {
			out[r] = lines(cells[i], width)
		}
		return out
	}
	cur := make([][]int, len(widths))
	for _, i := range cols {
		cur[i] = at(i, w[i])
	}
	// height is the table's lines with columns i and j at li and lj.
	height := func(i, j int, li, lj []int) int {
		h := 0
		for r := range n {
			m := max(1, li[r], lj[r])
			for _, c := range cols {
				if c != i && c != j {
					m = max(m, cur[c][r])
				}
			}
			h += m
		}
		return h
	}
	best := height(cols[0], cols[1], cur[cols[0]], cur[cols[1]])
	steps := []float64{step, 3 * step}
	for range 400 { // each move lowers the height: a bound, never reached
		from, to, by, lowest := -1, -1, 0.0, best
		var fromLines, toLines []int
		for _, s := range steps {
			narrower := make([][]int, len(widths))
			wider := make([][]int, len(widths))
			for _, i := range cols {
				if w[i]-s >= floor[i] {
					narrower[i] = at(i, w[i]-s)
				}
				wider[i] = at(i, w[i]+s)
			}
			for _, i := range cols {
				if narrower[i] == nil {
					continue
				}
				for _, j := range cols {
					if i == j {
						continue
					}
					if h := height(i, j, narrower[i], wider[j]); h < lowest {
						from, to, by, lowest = i, j, s, h
						fromLines, toLines = narrower[i], wider[j]
					}
				}
			}
		}
		if from < 0 {
			break
		}
		w[from] -= by
		w[to] += by
		cur[from], cur[to] = fromLines, toLines
		best = lowest
	}
	return w
}

// sum adds widths up.
func sum(widths []float64) float64 {
	total := 0.0
	for _, w := range widths {
		total += w
	}
	return total
}
