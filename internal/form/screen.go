package form

import (
	"cmp"
	"hash/fnv"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/scoring"
	"github.com/shopspring/decimal"
	"golang.org/x/text/width"
)

// Kinds of plausibility finding (SPEC §10), which check --screen adds to
// the arithmetic ones: what a reviewer would visit a unit about although
// no figure is wrong.
const (
	MissedWithoutReason       = "missed_without_reason"
	LowExecutionWithoutReason = "low_execution_without_reason"
	AllFullMarks              = "all_full_marks"
	ExecutionVsOutputs        = "execution_vs_outputs"
	Ceiling                   = "ceiling"
	ReusedText                = "reused_text"
)

var (
	// An 执行率 below lowExecution wants a reason written; below
	// veryLowExecution it does not sit with every output at full marks.
	lowExecution     = decimal.RequireFromString("0.9")
	veryLowExecution = decimal.RequireFromString("0.8")
	one              = decimal.NewFromInt(1)
)

// GoalName names the 年度总体目标 in findings on its 实际完成情况.
const GoalName = "年度总体目标"

// minReused is the length, in characters without spaces, from which a
// passage found in another project's form is a finding: shorter ones
// (已完成, 无偏差, 按计划完成) are what everybody writes.
const minReused = 20

// Plausibility lists what a scored form (or perfeval workbook) claims
// that is implausible rather than wrong (SPEC §10): a target missed with
// no reason written, a low 执行率 with none, every score at full marks,
// full marks on every output of a project that spent under 80% of its
// budget, and a 满意度 of 100%. The places are the input's cells.
func Plausibility(in *scoring.Input, res *scoring.Result) []Finding {
	measures := make(map[string]*scoring.Measure, len(in.Targets))
	for i := range in.Targets {
		measures[in.Targets[i].Code] = &in.Targets[i]
	}
	var out []Finding
	scored, full := 0, true
	outputs, outputsFull := 0, true
	var low []*scoring.Node // execution leaves under 80%
	for _, top := range res.Indicators {
		walkLeaves(top, func(n *scoring.Node) {
			in, m := n.Indicator, measures[n.Indicator.Code]
			if in.IsPlaceholder() || n.NotApplicable {
				return
			}
			scored++
			atFull := n.Claimed.Valid && n.Claimed.Decimal.Equal(in.Weight)
			full = full && atFull
			if isOutputs(top) {
				outputs++
				outputsFull = outputsFull && atFull
			}
			if in.Rule.Type == indicators.Execution {
				if n.Ratio.Valid && n.Ratio.Decimal.LessThan(veryLowExecution) {
					low = append(low, n)
				}
				if f, ok := lowWithoutReason(n, m); ok {
					out = append(out, f)
				}
				return
			}
			if f, ok := missedWithoutReason(n, m); ok {
				out = append(out, f)
			}
			if f, ok := ceiling(n, m); ok {
				out = append(out, f)
			}
		})
	}
	if outputs > 0 && outputsFull {
		for _, n := range low {
			rate := pct(n.Ratio.Decimal, 4)
			out = append(out, Finding{Pos: executionPlace(n, measures[n.Indicator.Code]), Indicator: n.Indicator.Name, Kind: ExecutionVsOutputs, Severity: Note,
				Printed: Shown{Text: rate, Num: n.Ratio, Percent: true},
				Message: lang.Sprintf("执行率 %s is below 80%% while every 产出 indicator (%d) has full marks", rate, outputs)})
		}
	}
	if full && scored > 0 {
		at := cmp.Or(in.TotalPos, diag.Pos{File: in.File, Sheet: in.TargetsPos.Sheet})
		out = append(out, Finding{Pos: at, Indicator: TotalName, Kind: AllFullMarks, Severity: Note,
			Message: lang.Sprintf("every printed score (%d) is full marks", scored)})
	}
	return out
}

// walkLeaves calls fn on every leaf under n, n itself if it is one.
func walkLeaves(n *scoring.Node, fn func(*scoring.Node)) {
	if n.Indicator.IsLeaf() {
		fn(n)
		return
	}
	for _, c := range n.Children {
		walkLeaves(c, fn)
	}
}

// isOutputs tells the 产出 indicators (产出指标) among the top level.
func isOutputs(n *scoring.Node) bool { return strings.Contains(n.Indicator.Name, "产出") }

// reasoned reports whether a deviation reason is written for the row.
// A blank mark (无, —, /) or a template's instruction is no reason.
func reasoned(m *scoring.Measure) bool {
	return m != nil && (content(m.Note) != "" || content(m.Reason) != "")
}

func executionPlace(n *scoring.Node, m *scoring.Measure) diag.Pos {
	switch {
	case m != nil && !m.ActualPos.IsZero():
		return m.ActualPos
	case m != nil:
		return m.Pos
	}
	return n.Indicator.Pos
}

// lowWithoutReason: an 执行率 below 90% with no reason written. Only a row
// where a reason can be written (a form's fund block, a workbook's 绩效目标
// row of the indicator) is held to it.
func lowWithoutReason(n *scoring.Node, m *scoring.Measure) (Finding, bool) {
	if m == nil || !n.Ratio.Valid || !n.Ratio.Decimal.LessThan(lowExecution) || reasoned(m) {
		return Finding{}, false
	}
	rate := pct(n.Ratio.Decimal, 4)
	return Finding{Pos: executionPlace(n, m), Indicator: n.Indicator.Name, Kind: LowExecutionWithoutReason, Severity: Warning,
		Printed: Shown{Text: rate, Num: n.Ratio, Percent: true},
		Message: lang.Sprintf("执行率 %s is below 90%% and no reason is written", rate)}, true
}

// missed tells whether a leaf's actual falls short of its target, by what
// its rule computed: a completion rate under 1, a pass rule missed, no
// band reached, a level below the top. A reviewed row tells nothing.
func missed(n *scoring.Node) bool {
	switch c := n.Trace.Calc; c.Kind {
	case scoring.CalcMissed, scoring.CalcMissedZero, scoring.CalcBelowBands:
		return true
	case scoring.CalcLevel:
		return c.Fraction.LessThan(one)
	case scoring.CalcFull, scoring.CalcNotApplicable, scoring.CalcPlaceholder, "":
		return false
	}
	return n.Ratio.Valid && n.Ratio.Decimal.LessThan(one)
}

func missedWithoutReason(n *scoring.Node, m *scoring.Measure) (Finding, bool) {
	if m == nil || !m.HasTarget || !m.HasActual || n.Unscored != nil || !missed(n) || reasoned(m) {
		return Finding{}, false
	}
	return Finding{Pos: cmp.Or(m.ActualPos, m.Pos), Indicator: n.Indicator.Name, Kind: MissedWithoutReason, Severity: Warning,
		Printed: word(m.Actual.Written), Computed: word(m.Target.Written),
		Message: lang.Sprintf("the actual %s does not meet the target %s and no deviation reason is written", m.Actual.Written, m.Target.Written)}, true
}

// ceiling: a 满意度 of exactly 100%, which surveys of real service users
// seldom give.
func ceiling(n *scoring.Node, m *scoring.Measure) (Finding, bool) {
	if m == nil || !m.HasActual || !m.Actual.IsNumber || !satisfaction(n) {
		return Finding{}, false
	}
	a := m.Actual
	if a.Scale != "%" || !a.Amount().Equal(one) {
		return Finding{}, false
	}
	return Finding{Pos: cmp.Or(m.ActualPos, m.Pos), Indicator: n.Indicator.Name, Kind: Ceiling, Severity: Note,
		Printed: Shown{Text: a.Written, Num: decimal.NewNullDecimal(one), Percent: true},
		Message: lang.Sprintf("a 满意度 of %s: every respondent fully satisfied", a.Written)}, true
}

// satisfaction tells a 满意度 indicator: by its name, or by the group it is
// in (满意度指标).
func satisfaction(n *scoring.Node) bool {
	if strings.Contains(n.Indicator.Name, "满意") {
		return true
	}
	for p := n.Indicator.Parent; p != nil; p = p.Parent {
		if strings.Contains(p.Name, "满意") {
			return true
		}
	}
	return false
}

// A Passage is a text a unit wrote (a deviation reason, an 实际完成情况),
// kept by a screened check until it has been compared with the others.
type Passage struct {
	Key       string // the text as compared: no spaces, punctuation or width
	Text      string
	Pos       diag.Pos
	Indicator string
}

// passages lists the texts of a scored input worth comparing across forms.
func passages(in *scoring.Input) []Passage {
	var out []Passage
	add := func(text string, at diag.Pos, indicator string) {
		if p, ok := newPassage(text, at, indicator); ok {
			out = append(out, p)
		}
	}
	add(in.Project.Achieved, cmp.Or(in.AchievedPos, diag.Pos{File: in.File}), GoalName)
	for _, m := range in.Targets {
		add(cmp.Or(m.Reason, m.Note), cmp.Or(m.NotePos, m.Pos), m.Name)
		if m.HasActual && !m.Actual.IsNumber {
			add(m.Actual.Written, cmp.Or(m.ActualPos, m.Pos), m.Name)
		}
	}
	return out
}

func newPassage(text string, at diag.Pos, indicator string) (Passage, bool) {
	var b strings.Builder
	n := 0
	for _, r := range width.Fold.String(text) {
		switch {
		case unicode.IsSpace(r) || diag.IsInvisible(r):
			continue
		case unicode.IsPunct(r) || unicode.IsSymbol(r):
			n++
			continue
		}
		n++
		b.WriteRune(r)
	}
	if n < minReused || utf8.RuneCountInString(b.String()) == 0 {
		return Passage{}, false
	}
	return Passage{Key: b.String(), Text: strings.TrimSpace(text), Pos: at, Indicator: indicator}, true
}

// Reused adds a reused_text finding to each screened form that has a
// passage of 20 characters or more also written in the form of another
// project, naming the other forms and their places. It indexes the
// passages by their text, so its time grows with the number of passages,
// not with the pairs of forms; the passages are then let go.
func Reused(checks []*Checked) {
	x := NewReuseIndex()
	at := make([]int, len(checks))
	for i, c := range checks {
		if c != nil {
			at[i] = x.Add(c)
		}
	}
	for i, c := range checks {
		if c != nil {
			x.AddFindings(at[i], c)
			c.Passages = nil
		}
	}
}

// A ReuseIndex finds the texts reused across projects in two passes, so
// that a run need not hold every screened form at once: Add every form,
// then AddFindings to each, in any order, with its passages again. Between
// the passes it holds, per text, a 128-bit hash of it and where it was
// written, and per form its file and a hash of its project: about a
// hundred bytes a text. (Two different texts or projects with one hash
// are as likely as 10⁻²⁰ in a county's forms: never.)
type ReuseIndex struct {
	files    []string         // each form's file
	projects []digest         // each form's project, as compared
	texts    map[digest]int32 // where each text was last written, in places
	places   []place
}

type digest [16]byte

func hashOf(s string) digest {
	h := fnv.New128a()
	h.Write([]byte(s))
	var d digest
	h.Sum(d[:0])
	return d
}

// A place is where a text was written: a form and its cell, and the
// place of the same text written before it (-1: none).
type place struct {
	form, prev  int32
	line, col   int32
	sheet, cell string
	file        string // "" when it is the form's
}

func (x *ReuseIndex) pos(p place) diag.Pos {
	return diag.Pos{File: cmp.Or(p.file, x.files[p.form]), Line: int(p.line), Col: int(p.col), Sheet: p.sheet, Cell: p.cell}
}

// NewReuseIndex is an empty index.
func NewReuseIndex() *ReuseIndex { return &ReuseIndex{texts: map[digest]int32{}} }

// Add indexes a screened form's passages and returns its number in the
// index.
func (x *ReuseIndex) Add(c *Checked) int {
	i := len(x.files)
	x.files = append(x.files, c.File)
	x.projects = append(x.projects, hashOf(projectKey(c)))
	for _, p := range c.Passages {
		key := hashOf(p.Key)
		prev, ok := x.texts[key]
		if !ok {
			prev = -1
		}
		x.texts[key] = int32(len(x.places))
		pl := place{form: int32(i), prev: prev, line: int32(p.Pos.Line), col: int32(p.Pos.Col), sheet: p.Pos.Sheet, cell: p.Pos.Cell}
		if p.Pos.File != c.File {
			pl.file = p.Pos.File
		}
		x.places = append(x.places, pl)
	}
	return i
}

// AddFindings adds to form i (c, with its passages) a reused_text finding
// for each of its passages also written in the form of another project.
func (x *ReuseIndex) AddFindings(i int, c *Checked) {
	const named = 3 // other forms named in a finding; the rest counted
	done := map[string]bool{}
	for _, p := range c.Passages {
		if done[p.Key] {
			continue
		}
		done[p.Key] = true
		var others []string
		seen := map[int32]bool{int32(i): true}
		at, ok := x.texts[hashOf(p.Key)]
		for ; ok && at >= 0; at = x.places[at].prev {
			w := x.places[at]
			if seen[w.form] || x.projects[w.form] == x.projects[i] {
				continue
			}
			seen[w.form] = true
			others = append(others, x.pos(w).String())
		}
		if len(others) == 0 {
			continue
		}
		slices.Sort(others)
		also := strings.Join(others[:min(named, len(others))], " / ")
		if len(others) > named {
			also += lang.Sprintf(" and %d more", len(others)-named)
		}
		c.add(Finding{Pos: p.Pos, Indicator: p.Indicator, Kind: ReusedText, Severity: Note, Printed: word(p.Text),
			Message: lang.Sprintf("the same text is in the forms of other projects: %s", also)})
	}
	c.sort()
}

// projectKey tells the forms of one project (two years of it, a copy):
// its 项目名称 as compared without spaces, else its file.
func projectKey(c *Checked) string {
	if k := NameKey(c.Project); k != "" {
		return k
	}
	return "\x00" + c.File
}
