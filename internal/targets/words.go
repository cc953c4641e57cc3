package targets

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"sync"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/templates"
	"go.yaml.in/yaml/v3"
)

var (
	// placeholderText is a template's placeholder left as a name or a
	// value: 指标1：, ……, *, XX.
	placeholderText = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(?:指标\s*[0-9一二三四五六七八九十]*\s*[:：]?|[…．.。]+|[*＊]+|[XxＸｘ×]{2,}|[XxＸｘ]+\s*[个项人次%％]?)$`)
	})
)

// WordsFile is the file of a wording directory (--template DIR) that
// replaces the word lists.
const WordsFile = "words.yaml"

// Words are the word lists a review uses (templates/targets/words.yaml,
// whose comments give each list's source or reasoning).
type Words struct {
	Vague      []string `yaml:"vague"`      // targets that cannot be measured
	Budget     []string `yaml:"budget"`     // budget indicators, never outputs or benefits
	Capped     []string `yaml:"capped"`     // rates that cannot exceed 100%
	Output     []string `yaml:"output"`     // words of output, misfiled under 效益
	Measurable []string `yaml:"measurable"` // yes/no and level words a reviewer can check
}

// DefaultWords are the lists perfeval ships.
func DefaultWords() *Words {
	w, err := ParseWords("words.yaml", templates.TargetWords)
	if err != nil {
		panic(err) // the shipped file is tested
	}
	return w
}

// ParseWords reads word lists (name is how errors call the file): every
// list must be given, as a sequence of words.
func ParseWords(name string, data []byte) (*Words, error) {
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil && err != io.EOF {
		return nil, indicators.YAMLError(name, data, err)
	}
	var errs diag.Errors
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		errs.Addf(diag.Pos{File: name}, "the word lists must be a mapping of vague, budget, capped, output and measurable to lists of words")
		return nil, errs.Err()
	}
	w := &Words{}
	lists := map[string]*[]string{"vague": &w.Vague, "budget": &w.Budget, "capped": &w.Capped, "output": &w.Output, "measurable": &w.Measurable}
	m := doc.Content[0]
	seen := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		at := diag.Pos{File: name, Line: k.Line, Col: k.Column}
		into, ok := lists[k.Value]
		switch {
		case !ok:
			errs.Addf(at, "%q is not a word list (vague, budget, capped, output, measurable)", k.Value)
			continue
		case seen[k.Value]:
			errs.Addf(at, "the key %q is given twice", k.Value)
			continue
		case v.Kind != yaml.SequenceNode:
			errs.Addf(diag.Pos{File: name, Line: v.Line, Col: v.Column}, "%s must be a list of words", k.Value)
			continue
		}
		seen[k.Value] = true
		for _, e := range v.Content {
			word := normal(e.Value)
			if e.Kind != yaml.ScalarNode || word == "" {
				errs.Addf(diag.Pos{File: name, Line: e.Line, Col: e.Column}, "a word of %s must be a single word", k.Value)
				continue
			}
			*into = append(*into, word)
		}
	}
	for _, k := range []string{"vague", "budget", "capped", "output", "measurable"} {
		if !seen[k] {
			errs.Addf(diag.Pos{File: name}, "the word list %s is missing", k)
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return w, nil
}

// has reports whether text (normalised) contains a word of the list.
func (w *Words) has(list []string, text string) bool {
	text = normal(text)
	for _, word := range list {
		if strings.Contains(text, word) {
			return true
		}
	}
	return false
}
