package indicators

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"go.yaml.in/yaml/v3"

	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/lang"
)

// MaxPrecision bounds the precision key: scores have at most this many decimals.
const MaxPrecision = 6

// Parse reads a framework from YAML. name is used in error positions. All
// problems found are returned together as Errors.
func Parse(name string, data []byte) (*Framework, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil && err != io.EOF {
		return nil, yamlSyntaxError(name, data, err)
	}
	l := &loader{file: name, f: &Framework{File: name, byCode: map[string]*Indicator{}}}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		l.errs.Addf(diag.Pos{File: name}, "the framework is empty")
		return nil, l.errs.Err()
	}
	var second yaml.Node
	switch err := dec.Decode(&second); {
	case err == io.EOF:
	case err != nil:
		return nil, yamlSyntaxError(name, data, err)
	default:
		at := diag.Pos{File: name, Line: second.Line}
		if len(second.Content) > 0 {
			at.Line, at.Col = second.Content[0].Line, second.Content[0].Column
		}
		l.errs.Add(&diag.Error{Pos: at, Msg: lang.T("a second YAML document (after ---) would not be read"), Hint: lang.T("keep the whole framework in one document")})
	}
	l.duplicateKeys(&doc)
	l.framework(doc.Content[0])
	if err := l.errs.Err(); err != nil {
		return nil, err
	}
	return l.f, nil
}

// FromNode reads a framework from a YAML tree built by another reader (a
// 指标体系 sheet turned into the keys the YAML has), with the same checks
// as Parse; locate gives each node's place (a sheet's cell).
func FromNode(name string, doc *yaml.Node, locate func(*yaml.Node) diag.Pos) (*Framework, error) {
	l := &loader{file: name, f: &Framework{File: name, byCode: map[string]*Indicator{}}, locate: locate}
	l.framework(doc)
	if err := l.errs.Err(); err != nil {
		return nil, err
	}
	return l.f, nil
}

// duplicateKeys reports a key given twice in one mapping, anywhere: YAML
// libraries keep one of the two silently.
func (l *loader) duplicateKeys(n *yaml.Node) {
	if n.Kind == yaml.MappingNode {
		seen := map[string]*yaml.Node{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if prev, dup := seen[k.Value]; dup {
				l.errs.Add(&diag.Error{Pos: l.pos(k), Msg: lang.Sprintf("the key %q is given twice in one mapping (also at line %d)", k.Value, prev.Line), Hint: lang.T("keep one")})
				continue
			}
			seen[k.Value] = k
		}
	}
	for _, c := range n.Content {
		l.duplicateKeys(c)
	}
}

type loader struct {
	file   string
	f      *Framework
	errs   diag.Errors
	locate func(*yaml.Node) diag.Pos // nil: the YAML file's line and column
}

func (l *loader) pos(n *yaml.Node) diag.Pos {
	if l.locate != nil {
		return l.locate(n)
	}
	return diag.Pos{File: l.file, Line: n.Line, Col: n.Column}
}

// fields checks that n is a mapping with only the allowed keys and returns
// its values by key.
func (l *loader) fields(n *yaml.Node, what string, allowed ...string) map[string]*yaml.Node {
	if n.Kind != yaml.MappingNode {
		l.errs.Addf(l.pos(n), "%s must be a mapping, not %s", what, describe(n))
		return nil
	}
	out := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !slices.Contains(allowed, k.Value) {
			e := diag.Errorf(l.pos(k), "unknown key %q in %s", k.Value, what)
			if s := suggest(k.Value, allowed); s != "" {
				e.Hint = lang.Sprintf("did you mean %q?", s)
			} else {
				e.Hint = lang.Sprintf("allowed: %s", strings.Join(allowed, ", "))
			}
			l.errs = append(l.errs, e)
			continue
		}
		out[k.Value] = v
	}
	return out
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return lang.T("a list")
	case yaml.MappingNode:
		return lang.T("a mapping")
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	}
	return lang.T("empty")
}

func (l *loader) scalar(n *yaml.Node, what string) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		l.errs.Addf(l.pos(n), "%s must be a single value, not %s", what, describe(n))
		return "", false
	}
	return strings.TrimSpace(n.Value), true
}

func (l *loader) decimal(n *yaml.Node, what string) (decimal.Decimal, bool) {
	s, ok := l.scalar(n, what)
	if !ok {
		return decimal.Decimal{}, false
	}
	d, err := decimal.NewFromString(s)
	if err != nil || len(s) > 64 {
		l.errs.Addf(l.pos(n), "%s %q is not a number", what, s)
		return decimal.Decimal{}, false
	}
	if !WithinRange(d) {
		l.errs.Addf(l.pos(n), "%s %s is beyond the range of any figure", what, s)
		return decimal.Decimal{}, false
	}
	return d, true
}

func (l *loader) list(n *yaml.Node, what string) []*yaml.Node {
	if n.Kind != yaml.SequenceNode {
		l.errs.Addf(l.pos(n), "%s must be a list, not %s", what, describe(n))
		return nil
	}
	return n.Content
}

func (l *loader) framework(n *yaml.Node) {
	f := l.f
	m := l.fields(n, lang.T("the framework"), "name", "description", "precision", "rounding", "total", "grades", "indicators")
	if m == nil {
		return
	}
	if v := m["name"]; v != nil {
		f.Name, _ = l.scalar(v, "name")
		l.errs.Add(diag.NoControl(l.pos(v), lang.T("the framework's name"), f.Name))
	}
	f.Precision, f.Rounding = 2, HalfUp
	if v := m["precision"]; v != nil {
		f.Precision, _ = l.precision(v)
	}
	if v := m["rounding"]; v != nil {
		f.Rounding, _ = l.rounding(v)
	}
	f.Grades = DefaultGrades()
	if v := m["grades"]; v != nil {
		f.Grades = l.grades(v)
	}
	v := m["indicators"]
	if v == nil {
		l.errs.Addf(l.pos(n), "the framework has no indicators")
		return
	}
	f.Indicators = l.indicators(v, nil)
	f.inherit()
	l.weightPlaces(f.Indicators)
	if len(f.Indicators) == 0 && v.Kind == yaml.SequenceNode {
		l.errs.Addf(l.pos(v), "the framework has no indicators")
	}
	sum := decimal.Zero
	for _, in := range f.Indicators {
		sum = sum.Add(in.Weight)
	}
	f.Total = sum
	if v := m["total"]; v != nil {
		if t, ok := l.decimal(v, "total"); ok && !t.Equal(sum) {
			l.errs.Addf(l.pos(v), "the top-level weights add up to %s, not the total %s (%s)", sum, t, weightSum(f.Indicators))
		}
	}
}

// weightPlaces reports a weight with more decimals than its indicator's
// scores are rounded to: full marks could not be scored, and the scores
// could not add up to the total (three weights of 33.335 give 100.01).
func (l *loader) weightPlaces(list []*Indicator) {
	for _, in := range list {
		w := decimal.RequireFromString(in.Weight.String()) // no trailing zeros
		if places := -w.Exponent(); places > in.Precision && !in.WeightPos.IsZero() {
			l.errs.Addf(in.WeightPos, "indicator %s: weight %s has %d decimals, more than the %d its score is rounded to", in.Code, in.Weight, places, in.Precision)
		}
		l.weightPlaces(in.Children)
	}
}

func (l *loader) precision(v *yaml.Node) (int32, bool) {
	s, ok := l.scalar(v, "precision")
	if !ok {
		return 2, false
	}
	p, err := strconv.Atoi(s)
	if err != nil || p < 0 || p > MaxPrecision {
		l.errs.Addf(l.pos(v), "precision %q must be a whole number from 0 to %d", s, MaxPrecision)
		return 2, false
	}
	return int32(p), true
}

func (l *loader) rounding(v *yaml.Node) (Rounding, bool) {
	s, ok := l.scalar(v, "rounding")
	if !ok {
		return HalfUp, false
	}
	if !slices.Contains(Roundings, Rounding(s)) {
		names := make([]string, len(Roundings))
		for i, r := range Roundings {
			names[i] = string(r)
		}
		l.errs.Add(&diag.Error{Pos: l.pos(v), Msg: lang.Sprintf("unknown rounding %q", s), Hint: lang.Sprintf("one of %s", strings.Join(names, ", "))})
		return HalfUp, false
	}
	return Rounding(s), true
}

func (l *loader) grades(n *yaml.Node) []Grade {
	var out []Grade
	for _, item := range l.list(n, "grades") {
		m := l.fields(item, lang.T("a grade"), "grade", "min")
		if m == nil {
			continue
		}
		g := Grade{Pos: l.pos(item)}
		if v := m["grade"]; v == nil {
			l.errs.Addf(l.pos(item), "a grade needs a name (grade: 优)")
		} else {
			g.Name, _ = l.scalar(v, "grade")
			switch {
			case g.Name == "" && v.Kind == yaml.ScalarNode && v.Tag != "!!null":
				l.errs.Addf(l.pos(v), "a grade's name is blank")
			case g.Name != "" && slices.ContainsFunc(out, func(o Grade) bool { return o.Name == g.Name }):
				l.errs.Addf(l.pos(v), "grade %q is listed twice", g.Name)
			}
		}
		if v := m["min"]; v == nil {
			l.errs.Addf(l.pos(item), "grade %q needs a min", g.Name)
		} else {
			g.Min, _ = l.decimal(v, "min")
		}
		if len(out) > 0 && !g.Min.LessThan(out[len(out)-1].Min) {
			l.errs.Addf(g.Pos, "grade %q: min %s must be below the previous grade's %s (list grades from the highest)", g.Name, g.Min, out[len(out)-1].Min)
		}
		out = append(out, g)
	}
	if len(out) == 0 {
		l.errs.Addf(l.pos(n), "grades is empty")
	} else if last := out[len(out)-1]; last.Min.IsPositive() {
		l.errs.Addf(last.Pos, "the lowest grade %q starts at %s: a total below it would have no grade (end with min: 0)", last.Name, last.Min)
	}
	return out
}

func (l *loader) indicators(n *yaml.Node, parent *Indicator) []*Indicator {
	var out []*Indicator
	for _, item := range l.list(n, "indicators") {
		if in := l.indicator(item, parent); in != nil {
			out = append(out, in)
		}
	}
	return out
}

func (l *loader) indicator(n *yaml.Node, parent *Indicator) *Indicator {
	m := l.fields(n, lang.T("an indicator"), "code", "name", "weight", "rule", "description", "criteria", "children", "precision", "rounding")
	if m == nil {
		return nil
	}
	in := &Indicator{Parent: parent, Level: 1, Pos: l.pos(n)}
	if parent != nil {
		in.Level = parent.Level + 1
	}
	if v := m["code"]; v == nil {
		l.errs.Addf(in.Pos, "an indicator needs a code")
	} else if in.Code, _ = l.scalar(v, "code"); in.Code == "" {
		if v.Kind == yaml.ScalarNode && v.Tag != "!!null" {
			l.errs.Addf(l.pos(v), "an indicator's code is blank")
		}
	} else {
		// A code is read as NormalCode, as a workbook's are: Ｃ１１１ and
		// C111 are one code.
		written := in.Code
		l.errs.Add(diag.Visible(l.pos(v), lang.T("the code"), written))
		in.Code = NormalCode(diag.WithoutInvisible(written))
		if prev, dup := l.f.byCode[in.Code]; dup {
			l.errs.Addf(l.pos(v), "duplicate code %q (first used at %s)", written, prev.Pos)
		} else {
			l.f.byCode[in.Code] = in
		}
	}
	label := in.Code
	if label == "" {
		label = "an indicator"
	}
	if v := m["name"]; v == nil {
		l.errs.Addf(in.Pos, "indicator %s needs a name", label)
	} else {
		in.Name, _ = l.scalar(v, "name")
		l.errs.Add(diag.NoControl(l.pos(v), lang.T("the name"), in.Name))
		switch {
		case in.Name != "" || v.Kind != yaml.ScalarNode || v.Tag == "!!null":
		case in.Code == "":
			l.errs.Addf(l.pos(v), "an indicator's name is blank")
		default:
			l.errs.Addf(l.pos(v), "indicator %s: its name is blank", in.Code)
		}
	}
	if v := m["description"]; v != nil {
		in.Description, _ = l.scalar(v, "description")
		l.errs.Add(diag.NoControl(l.pos(v), lang.T("the description"), in.Description))
	}
	if v := m["criteria"]; v != nil {
		in.Criteria, _ = l.scalar(v, "criteria")
		l.errs.Add(diag.NoControl(l.pos(v), lang.T("the criteria"), in.Criteria))
	}
	if v := m["precision"]; v != nil {
		in.Precision, in.precisionSet = l.precision(v)
	}
	if v := m["rounding"]; v != nil {
		in.Rounding, in.roundingSet = l.rounding(v)
	}
	if v := m["children"]; v != nil {
		in.Children = l.indicators(v, in)
		if len(in.Children) == 0 && v.Kind == yaml.SequenceNode {
			l.errs.Addf(l.pos(v), "indicator %s: children is empty (leave the key out for a leaf)", label)
		}
	}
	weightGiven := false
	if v := m["weight"]; v != nil {
		in.WeightPos = l.pos(v)
		if w, ok := l.decimal(v, "weight"); ok {
			weightGiven = true
			in.Weight = w
			if w.IsNegative() || w.IsZero() && !in.IsLeaf() {
				l.errs.Addf(in.WeightPos, "indicator %s: weight %s must be positive", label, w)
			}
		}
	}
	if !in.IsLeaf() {
		sum := decimal.Zero
		for _, c := range in.Children {
			sum = sum.Add(c.Weight)
		}
		if !weightGiven {
			in.Weight, in.WeightPos = sum, in.Pos
		} else if !sum.Equal(in.Weight) {
			l.errs.Addf(in.WeightPos, "indicator %s: children's weights add up to %s, not %s (%s)", label, sum, in.Weight, weightSum(in.Children))
		}
	}
	if v := m["rule"]; v != nil {
		if !in.IsLeaf() {
			l.errs.Addf(l.pos(v), "indicator %s has children, so it takes no rule (its score is the sum of theirs)", label)
		} else {
			in.Rule = l.rule(v, label)
		}
	} else if in.IsLeaf() {
		in.Rule = &Rule{Type: Review, Pos: in.Pos}
	}
	if in.IsPlaceholder() && m["rule"] != nil && m["weight"] == nil { // a weight that does not read is reported already
		l.errs.Add(&diag.Error{Pos: l.pos(m["rule"]), Msg: lang.Sprintf("indicator %s has no weight, so it is a placeholder row and takes no rule", label), Hint: lang.T("give it a weight to score it")})
	}
	return in
}

func weightSum(list []*Indicator) string {
	parts := make([]string, len(list))
	for i, in := range list {
		parts[i] = in.Code + " " + in.Weight.String()
	}
	return strings.Join(parts, " + ")
}

func ruleNames() []string {
	out := make([]string, len(RuleTypes))
	for i, t := range RuleTypes {
		out[i] = string(t)
	}
	return out
}

func (l *loader) ruleType(n *yaml.Node, label string) (RuleType, bool) {
	s, ok := l.scalar(n, lang.T("a rule"))
	if !ok {
		return "", false
	}
	if slices.Contains(RuleTypes, RuleType(s)) {
		return RuleType(s), true
	}
	e := diag.Errorf(l.pos(n), "indicator %s: unknown rule %q", label, s)
	if g := suggest(s, ruleNames()); g != "" {
		e.Hint = lang.Sprintf("did you mean %q?", g)
	} else {
		e.Hint = lang.Sprintf("rules: %s", strings.Join(ruleNames(), ", "))
	}
	l.errs = append(l.errs, e)
	return "", false
}

// NewRule makes a rule of a type in code (a standard form's rows), with
// what the type brings by default.
func NewRule(t RuleType, at diag.Pos) *Rule {
	r := &Rule{Pos: at, Recovered: RecoveredExecuted}
	r.setType(t)
	return r
}

// setType sets a rule's type and what the type brings by default: the
// national levels for grade.
func (r *Rule) setType(t RuleType) {
	r.Type = t
	if t == Qualitative {
		r.Levels = DefaultLevels()
	}
}

func (l *loader) rule(n *yaml.Node, label string) *Rule {
	r := &Rule{Pos: l.pos(n), Recovered: RecoveredExecuted}
	if n.Kind == yaml.ScalarNode {
		t, ok := l.ruleType(n, label)
		if !ok {
			return nil
		}
		r.setType(t)
		if t == Bands {
			l.errs.Addf(r.Pos, "indicator %s: rule bands needs its bands (rule: {type: bands, bands: [{from: 1, score: 1}, …]})", label)
		}
		return r
	}
	m := l.fields(n, lang.T("a rule"), "type", "bands", "lines", "recovered", "levels")
	if m == nil {
		return nil
	}
	v := m["type"]
	if v == nil {
		l.errs.Addf(r.Pos, "indicator %s: the rule needs a type (one of %s)", label, strings.Join(ruleNames(), ", "))
		return nil
	}
	t, ok := l.ruleType(v, label)
	if !ok {
		return nil
	}
	r.setType(t)
	only := func(key string, types ...RuleType) *yaml.Node {
		v := m[key]
		if v != nil && !slices.Contains(types, t) {
			l.errs.Addf(l.pos(v), "indicator %s: rule %s takes no %q option", label, t, key)
			return nil
		}
		return v
	}
	if v := only("bands", Bands, Execution); v != nil {
		r.Bands = l.bands(v, label)
	} else if t == Bands && m["bands"] == nil {
		l.errs.Addf(r.Pos, "indicator %s: rule bands needs a bands list", label)
	}
	if v := only("lines", Execution); v != nil {
		seen := map[string]bool{}
		for _, item := range l.list(v, "lines") {
			if s, ok := l.scalar(item, lang.T("a line code")); ok {
				s = NormalCode(s) // as the workbook's 编号 are read
				if seen[s] {
					l.errs.Addf(l.pos(item), "indicator %s: line %q is listed twice", label, s)
				}
				seen[s] = true
				r.Lines = append(r.Lines, s)
			}
		}
		if len(r.Lines) == 0 && v.Kind == yaml.SequenceNode {
			l.errs.Addf(l.pos(v), "indicator %s: lines is empty (leave it out to use every line)", label)
		}
	}
	if v := only("levels", Qualitative); v != nil {
		r.Levels = l.levels(v, label)
	}
	if v := only("recovered", Execution); v != nil {
		if s, ok := l.scalar(v, "recovered"); ok {
			if s != RecoveredExecuted && s != RecoveredUnspent {
				l.errs.Addf(l.pos(v), "indicator %s: recovered must be %q or %q, not %q", label, RecoveredExecuted, RecoveredUnspent, s)
			}
			r.Recovered = s
		}
	}
	return r
}

// levels reads a grade rule's words: {好: 1, 较好: 0.8, 一般: 0.6, 差: 0}.
func (l *loader) levels(n *yaml.Node, label string) []Level {
	if n.Kind != yaml.MappingNode || len(n.Content) == 0 {
		l.errs.Addf(l.pos(n), "indicator %s: levels must map each word to its share of the weight ({好: 1, 较好: 0.8, 一般: 0.6})", label)
		return nil
	}
	var out []Level
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		word := strings.TrimSpace(k.Value)
		if word == "" {
			l.errs.Addf(l.pos(k), "indicator %s: a level needs a word", label)
			continue
		}
		f, ok := l.decimal(v, "level "+word)
		if !ok {
			continue
		}
		if f.IsNegative() || f.GreaterThan(decimal.NewFromInt(1)) {
			l.errs.Addf(l.pos(v), "indicator %s: level %s scores %s, which must be a fraction of the weight from 0 to 1", label, word, f)
			continue
		}
		out = append(out, Level{Word: word, Fraction: f, Pos: l.pos(k)})
	}
	return out
}

func (l *loader) bands(n *yaml.Node, label string) []Band {
	var out []Band
	for _, item := range l.list(n, "bands") {
		m := l.fields(item, lang.T("a band"), "from", "score")
		if m == nil {
			continue
		}
		b := Band{Pos: l.pos(item)}
		ok1, ok2 := false, false
		if v := m["from"]; v == nil {
			l.errs.Addf(b.Pos, "indicator %s: a band needs from", label)
		} else if b.From, ok1 = l.decimal(v, "from"); ok1 && b.From.IsNegative() {
			l.errs.Addf(l.pos(v), "indicator %s: band from %s must not be negative", label, b.From)
		}
		if v := m["score"]; v == nil {
			l.errs.Addf(b.Pos, "indicator %s: a band needs score (a fraction of the weight, 0 to 1)", label)
		} else if b.Score, ok2 = l.decimal(v, "score"); ok2 && (b.Score.IsNegative() || b.Score.GreaterThan(decimal.NewFromInt(1))) {
			l.errs.Addf(l.pos(v), "indicator %s: band score %s must be a fraction of the weight, from 0 to 1", label, b.Score)
		}
		for _, prev := range out {
			if ok1 && prev.From.Equal(b.From) {
				l.errs.Addf(b.Pos, "indicator %s: two bands start at %s", label, b.From)
			}
		}
		out = append(out, b)
	}
	if len(out) == 0 && n.Kind == yaml.SequenceNode {
		l.errs.Addf(l.pos(n), "indicator %s: bands is empty", label)
	}
	slices.SortStableFunc(out, func(a, b Band) int { return b.From.Cmp(a.From) })
	return out
}

// suggest returns the candidate nearest to word when it is close enough to
// be a typo.
func suggest(word string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(word), c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
