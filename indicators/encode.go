package indicators

import (
	"bytes"
	"slices"
	"strconv"

	"github.com/shopspring/decimal"
	"go.yaml.in/yaml/v3"
)

// Format writes a framework as YAML that Parse reads back to the same
// framework: every key the YAML has, options left at their defaults left
// out. A parent's weight is written, as the sum it is.
func Format(f *Framework) []byte {
	doc := mapping()
	if f.Name != "" {
		add(doc, "name", str(f.Name))
	}
	add(doc, "precision", &yaml.Node{Kind: yaml.ScalarNode, Value: strconv.Itoa(int(f.Precision))})
	if f.Rounding != HalfUp && f.Rounding != "" {
		add(doc, "rounding", str(string(f.Rounding)))
	}
	if g := GradesNode(f.Grades); g != nil {
		add(doc, "grades", g)
	}
	add(doc, "indicators", indicatorsNode(f.Indicators))
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	_ = enc.Encode(doc) // a node tree of strings always encodes
	_ = enc.Close()
	return buf.Bytes()
}

func indicatorsNode(list []*Indicator) *yaml.Node {
	seq := &yaml.Node{Kind: yaml.SequenceNode}
	for _, in := range list {
		m := mapping()
		add(m, "code", str(in.Code))
		add(m, "name", str(in.Name))
		if !in.Weight.IsZero() || !in.IsLeaf() || in.Rule != nil && in.Rule.Type != Review {
			add(m, "weight", num(in.Weight))
		}
		if in.Description != "" {
			add(m, "description", str(in.Description))
		}
		if in.Criteria != "" {
			add(m, "criteria", str(in.Criteria))
		}
		if p, ok := in.OwnPrecision(); ok {
			add(m, "precision", &yaml.Node{Kind: yaml.ScalarNode, Value: strconv.Itoa(int(p))})
		}
		if r, ok := in.OwnRounding(); ok {
			add(m, "rounding", str(string(r)))
		}
		if in.IsLeaf() {
			if r := RuleNode(in.Rule); r != nil && !(in.IsPlaceholder() && in.Rule.Type == Review) {
				add(m, "rule", r)
			}
			if in.Description == "" && in.Criteria == "" {
				m.Style = yaml.FlowStyle
			}
		} else {
			add(m, "children", indicatorsNode(in.Children))
		}
		seq.Content = append(seq.Content, m)
	}
	return seq
}

// RuleNode is a rule as the YAML writes it: its name alone when every
// option is the default (nil for the default rule, review), else a mapping
// with type and the options. A 指标体系 sheet's 计分方法 cell holds it, in
// YAML's flow form when it is a mapping.
func RuleNode(r *Rule) *yaml.Node {
	if r == nil || r.Type == Review {
		return nil
	}
	m := mapping()
	add(m, "type", str(string(r.Type)))
	if len(r.Bands) > 0 {
		seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, b := range r.Bands {
			bm := mapping()
			bm.Style = yaml.FlowStyle
			add(bm, "from", num(b.From))
			add(bm, "score", num(b.Score))
			seq.Content = append(seq.Content, bm)
		}
		add(m, "bands", seq)
	}
	if len(r.Lines) > 0 {
		seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, l := range r.Lines {
			seq.Content = append(seq.Content, str(l))
		}
		add(m, "lines", seq)
	}
	if r.Type == Execution && r.Recovered == RecoveredUnspent {
		add(m, "recovered", str(r.Recovered))
	}
	if r.Type == Qualitative && !sameLevels(r.Levels, DefaultLevels()) {
		lm := mapping()
		lm.Style = yaml.FlowStyle
		for _, l := range r.Levels {
			add(lm, l.Word, num(l.Fraction))
		}
		add(m, "levels", lm)
	}
	if len(m.Content) == 2 {
		return str(string(r.Type))
	}
	m.Style = yaml.FlowStyle
	return m
}

// GradesNode is a framework's grades as the YAML writes them, nil when
// they are the default ones.
func GradesNode(grades []Grade) *yaml.Node {
	def := DefaultGrades()
	if slices.EqualFunc(grades, def, func(a, b Grade) bool { return a.Name == b.Name && a.Min.Equal(b.Min) }) {
		return nil
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode}
	for _, g := range grades {
		gm := mapping()
		gm.Style = yaml.FlowStyle
		add(gm, "grade", str(g.Name))
		add(gm, "min", num(g.Min))
		seq.Content = append(seq.Content, gm)
	}
	return seq
}

func sameLevels(a, b []Level) bool {
	return slices.EqualFunc(a, b, func(x, y Level) bool { return x.Word == y.Word && x.Fraction.Equal(y.Fraction) })
}

func mapping() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode} }

func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func num(d decimal.Decimal) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Value: d.String()}
}

func add(m *yaml.Node, key string, v *yaml.Node) {
	m.Content = append(m.Content, str(key), v)
}
