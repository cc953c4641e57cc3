package indicators

import (
	"github.com/perfeval/perfeval/internal/diag"
	"github.com/shopspring/decimal"
	"golang.org/x/text/unicode/norm"
)

// A Framework is an indicator system (指标体系): a weighted tree of
// indicators with a scoring rule on every leaf, and the grades a total maps to.
type Framework struct {
	File       string // the file it was read from, as named by the user
	Name       string
	Precision  int32           // decimals of every indicator score (an indicator may set its own)
	Rounding   Rounding        // how scores are rounded (an indicator may set its own)
	Total      decimal.Decimal // the full weight W, normally 100
	Grades     []Grade         // first entry whose Min ≤ total wins
	Indicators []*Indicator    // the top level

	byCode map[string]*Indicator
}

// A Grade is one step of the 等级 scale: 优 ≥ 90, 良 ≥ 80, …
type Grade struct {
	Name string
	Min  decimal.Decimal
	Pos  diag.Pos
}

// DefaultGrades is the scale used when a framework gives none.
func DefaultGrades() []Grade {
	return []Grade{
		{Name: "优", Min: decimal.NewFromInt(90)},
		{Name: "良", Min: decimal.NewFromInt(80)},
		{Name: "中", Min: decimal.NewFromInt(60)},
		{Name: "差", Min: decimal.Zero},
	}
}

// Grade returns the grade of a total.
func (f *Framework) Grade(total decimal.Decimal) string {
	for _, g := range f.Grades {
		if g.Min.LessThanOrEqual(total) {
			return g.Name
		}
	}
	return ""
}

// An Indicator (指标) is one node of the tree. A leaf carries a Rule; a
// parent's Weight is the sum of its children's.
type Indicator struct {
	Code        string
	Name        string
	Weight      decimal.Decimal
	Rule        *Rule  // nil on parents
	Description string // 指标解释: what it measures
	Criteria    string // 评分标准: how it is scored, in the evaluator's words
	Level       int    // 1 for the top level
	Parent      *Indicator
	Children    []*Indicator
	Precision   int32    // decimals of its score: its own, its parent's or the framework's
	Rounding    Rounding // likewise

	precisionSet, roundingSet bool // given on the indicator itself

	Pos       diag.Pos // the indicator's mapping
	WeightPos diag.Pos
}

// IsLeaf reports whether the indicator is scored by a rule.
func (in *Indicator) IsLeaf() bool { return len(in.Children) == 0 }

// IsPlaceholder reports whether the indicator is a row kept for show (a
// form's empty 生态效益指标): no children and no weight. It is never scored.
func (in *Indicator) IsPlaceholder() bool { return in.IsLeaf() && in.Weight.IsZero() }

// A Rounding is how a score is rounded to its precision.
type Rounding string

const (
	HalfUp   Rounding = "half-up"   // 四舍五入, the default
	Down     Rounding = "down"      // 舍去
	HalfEven Rounding = "half-even" // 四舍六入五成双
)

// Roundings lists every rounding, the default first.
var Roundings = []Rounding{HalfUp, Down, HalfEven}

// Round rounds d to p decimals.
func (r Rounding) Round(d decimal.Decimal, p int32) decimal.Decimal {
	switch r {
	case Down:
		return d.Truncate(p)
	case HalfEven:
		return d.RoundBank(p)
	}
	return d.Round(p)
}

// inherit gives every indicator without its own precision or rounding
// its parent's (the framework's at the top).
func (f *Framework) inherit() {
	var walk func(list []*Indicator, p int32, r Rounding)
	walk = func(list []*Indicator, p int32, r Rounding) {
		for _, in := range list {
			if !in.precisionSet {
				in.Precision = p
			}
			if !in.roundingSet {
				in.Rounding = r
			}
			walk(in.Children, in.Precision, in.Rounding)
		}
	}
	walk(f.Indicators, f.Precision, f.Rounding)
}

// DisplayPrecision is the most decimals any score of the framework has,
// the precision its scores and total are shown with.
func (f *Framework) DisplayPrecision() int32 {
	p := f.Precision
	f.Walk(func(in *Indicator) { p = max(p, in.Precision) })
	return p
}

// Lookup returns the indicator with the given code (compared as
// NormalCode).
func (f *Framework) Lookup(code string) (*Indicator, bool) {
	in, ok := f.byCode[NormalCode(code)]
	return in, ok
}

// NormalCode is a code as codes are compared: in Unicode's compatibility
// form (NFKC), so that a look-alike is the code it looks like: Ｃ１１１
// (full-width) is C111, ① is 1.
func NormalCode(code string) string { return norm.NFKC.String(code) }

// Walk calls fn on every indicator, parents before children, in the
// framework's order.
func (f *Framework) Walk(fn func(*Indicator)) {
	var walk func([]*Indicator)
	walk = func(list []*Indicator) {
		for _, in := range list {
			fn(in)
			walk(in.Children)
		}
	}
	walk(f.Indicators)
}

// Leaves returns every leaf in the framework's order.
func (f *Framework) Leaves() []*Indicator {
	var out []*Indicator
	f.Walk(func(in *Indicator) {
		if in.IsLeaf() {
			out = append(out, in)
		}
	})
	return out
}

// RuleType names a scoring rule.
type RuleType string

const (
	Review      RuleType = "review"    // full weight; judgement enters as deductions
	Ratio       RuleType = "ratio"     // weight × min(actual ÷ target, 1), reversed for "at most"
	Pass        RuleType = "pass"      // full weight if the target is met, else 0
	Bands       RuleType = "bands"     // weight × the score of the highest band reached
	Execution   RuleType = "execution" // weight × min(executed ÷ budget, 1) over 预算执行
	Qualitative RuleType = "grade"     // a qualitative level word (定性指标): weight × the level's fraction
)

// RuleTypes lists every rule, in the order the documentation gives them.
var RuleTypes = []RuleType{Review, Ratio, Pass, Bands, Qualitative, Execution}

// NeedsTarget reports whether the rule reads 目标值 and 实际值.
func (t RuleType) NeedsTarget() bool { return t == Ratio || t == Pass || t == Bands }

// A Level is a word a qualitative indicator's actual may be, and the share
// of the weight it scores.
type Level struct {
	Word     string
	Fraction decimal.Decimal
	Scale    int // levels of one scale share it; the floor of a level is the next one down its scale
	Pos      diag.Pos
}

// DefaultLevels are the national rule's bands, each scored at its top:
// 达成 1, 部分达成 0.8, 未达成 0.6; and 优 1, 良 0.8, 中 0.6, 差 0.4.
func DefaultLevels() []Level {
	d := decimal.RequireFromString
	return []Level{
		{Word: "达成", Fraction: d("1")}, {Word: "达成年度指标", Fraction: d("1")},
		{Word: "部分达成", Fraction: d("0.8")}, {Word: "部分达成年度指标", Fraction: d("0.8")},
		{Word: "未达成", Fraction: d("0.6")}, {Word: "未达成年度指标", Fraction: d("0.6")},
		{Word: "优", Fraction: d("1"), Scale: 1}, {Word: "良", Fraction: d("0.8"), Scale: 1},
		{Word: "中", Fraction: d("0.6"), Scale: 1}, {Word: "差", Fraction: d("0.4"), Scale: 1},
	}
}

// Level returns the level a word names.
func (r *Rule) Level(word string) (Level, bool) {
	for _, l := range r.Levels {
		if l.Word == word {
			return l, true
		}
	}
	return Level{}, false
}

// Floor is the fraction below which a level's score leaves its band: the
// next lower fraction of its scale, or 0 for the lowest.
func (r *Rule) Floor(l Level) decimal.Decimal {
	floor := decimal.Zero
	for _, o := range r.Levels {
		if o.Scale == l.Scale && o.Fraction.LessThan(l.Fraction) && o.Fraction.GreaterThan(floor) {
			floor = o.Fraction
		}
	}
	return floor
}

// What 财政收回 (money recovered by the treasury) counts as in an execution rate.
const (
	RecoveredExecuted = "executed" // counted as executed (the default)
	RecoveredUnspent  = "unspent"  // counted as unspent
)

// A Rule is how a leaf is scored, with its options.
type Rule struct {
	Type      RuleType
	Bands     []Band   // bands, and optionally execution: highest From first
	Lines     []string // execution: only these 预算执行 lines and their children
	Recovered string   // execution: RecoveredExecuted or RecoveredUnspent
	Levels    []Level  // grade: the words and their fractions
	Pos       diag.Pos
	// Inferred marks a rule chosen from what a form's row writes rather
	// than declared by a framework: where the row's figures do not hold
	// up to it (units that do not compare…), the row is reviewed instead
	// and the reason kept on its node, never an error.
	Inferred bool
}

// A Band gives Score (a fraction of the weight) to a ratio of at least From.
type Band struct {
	From  decimal.Decimal
	Score decimal.Decimal
	Pos   diag.Pos
}

// Band returns the highest band whose From ≤ r.
func (r *Rule) Band(ratio decimal.Decimal) (Band, bool) {
	for _, b := range r.Bands {
		if b.From.LessThanOrEqual(ratio) {
			return b, true
		}
	}
	return Band{}, false
}

// Assemble makes a framework of an indicator tree built in code (a decoded
// result, a standard form): it sets every indicator's level and parent,
// indexes the codes and sums the top level into the total. Grades are the
// default ones. A duplicate code is an error at the second one's place.
func Assemble(file, name string, precision int32, top []*Indicator) (*Framework, error) {
	f := &Framework{File: file, Name: name, Precision: precision, Rounding: HalfUp, Grades: DefaultGrades(), Indicators: top, byCode: map[string]*Indicator{}}
	var errs diag.Errors
	var walk func(list []*Indicator, parent *Indicator)
	walk = func(list []*Indicator, parent *Indicator) {
		for _, in := range list {
			in.Parent, in.Level = parent, 1
			if parent != nil {
				in.Level = parent.Level + 1
			}
			if prev, dup := f.byCode[NormalCode(in.Code)]; dup {
				errs.Addf(in.Pos, "duplicate code %q (first at %s)", in.Code, prev.Pos)
			}
			f.byCode[NormalCode(in.Code)] = in
			walk(in.Children, in)
		}
	}
	walk(top, nil)
	f.inherit()
	for _, in := range top {
		f.Total = f.Total.Add(in.Weight)
	}
	return f, errs.Err()
}

// OwnPrecision returns the precision set on the indicator itself, if any
// (else it inherits its parent's).
func (in *Indicator) OwnPrecision() (int32, bool) { return in.Precision, in.precisionSet }

// OwnRounding returns the rounding set on the indicator itself, if any.
func (in *Indicator) OwnRounding() (Rounding, bool) { return in.Rounding, in.roundingSet }
