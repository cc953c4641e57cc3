package indicators

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/perfeval/perfeval/internal/lang"
)

// A Comparator says how an actual value is held against a target.
type Comparator uint8

const (
	AtLeast Comparator = iota // ≥; also what an omitted comparator means
	Greater                   // >
	AtMost                    // ≤; a reverse indicator such as a unit cost
	Less                      // <
	Equal                     // =
)

// Symbol returns the comparator's mathematical sign.
func (c Comparator) Symbol() string {
	return [...]string{"≥", ">", "≤", "<", "="}[c]
}

// Reverse reports whether smaller is better (≤ and <).
func (c Comparator) Reverse() bool { return c == AtMost || c == Less }

// Holds reports whether actual meets target under c.
func (c Comparator) Holds(actual, target decimal.Decimal) bool {
	switch c {
	case Greater:
		return actual.GreaterThan(target)
	case AtMost:
		return actual.LessThanOrEqual(target)
	case Less:
		return actual.LessThan(target)
	case Equal:
		return actual.Equal(target)
	default:
		return actual.GreaterThanOrEqual(target)
	}
}

// comparators lists every spelling, longest first within a shared prefix,
// so that "大于等于" is tried before "大于" and ">=" before ">".
var comparators = []struct {
	text   string
	cmp    Comparator
	symbol bool
}{
	{"大于等于", AtLeast, false}, {"小于等于", AtMost, false},
	{"不低于", AtLeast, false}, {"不少于", AtLeast, false}, {"不小于", AtLeast, false}, {"至少", AtLeast, false},
	{"不高于", AtMost, false}, {"不超过", AtMost, false}, {"不多于", AtMost, false}, {"不大于", AtMost, false},
	{"大于", Greater, false}, {"小于", Less, false}, {"等于", Equal, false},
	{">=", AtLeast, true}, {"＞＝", AtLeast, true}, {"≥", AtLeast, true}, {"≧", AtLeast, true}, {"⩾", AtLeast, true},
	{"<=", AtMost, true}, {"＜＝", AtMost, true}, {"≤", AtMost, true}, {"≦", AtMost, true}, {"⩽", AtMost, true},
	{">", Greater, true}, {"＞", Greater, true},
	{"<", Less, true}, {"＜", Less, true},
	{"==", Equal, true}, {"=", Equal, true}, {"＝", Equal, true}, {"═", Equal, true},
}

// comparatorSuffixes are the words that may follow a number to compare it.
var comparatorSuffixes = []struct {
	text string
	cmp  Comparator
}{
	{"及以上", AtLeast}, {"以上", AtLeast}, {"及以下", AtMost}, {"以下", AtMost}, {"以内", AtMost},
}

// Scales are the multipliers that may follow a number.
var scales = map[string]decimal.Decimal{
	"%": decimal.New(1, -2),
	"‰": decimal.New(1, -3),
	"万": decimal.New(1, 4),
	"亿": decimal.New(1, 8),
}

// QuoPlaces is how many decimal places a quotient is carried to: far past
// the 30 digits a figure may have, so that the one rounding the rules name
// is the only one that changes a result (decimal's own Div keeps 16, and
// 1 × 0.0049999999999999999 would round up to 0.01).
const QuoPlaces = 80

// Quo is a ÷ b carried to QuoPlaces places, with no trailing zeros.
func Quo(a, b decimal.Decimal) decimal.Decimal {
	return decimal.RequireFromString(a.DivRound(b, QuoPlaces).String())
}

// WithinRange reports whether a number is 0 or lies within Excel's range,
// 1E-308 to 1E+308 in size: no figure of a project lies outside it, and
// one that does (1E9999) makes exact arithmetic grow without bound.
func WithinRange(d decimal.Decimal) bool {
	if d.IsZero() {
		return true
	}
	top := int32(len(d.Coefficient().String())) + d.Exponent() - 1 // the leading digit's power of ten
	if d.Sign() < 0 {
		top-- // the minus sign
	}
	return top >= -308 && top <= 308
}

// NotApplicable is the actual value that takes an indicator out of scoring.
const NotApplicable = "不适用"

// A Value is a 目标值 or 实际值 as the grammar reads it:
//
//	[comparator] number [scale] [unit]
//
// or free text (不超预算, 达成) when it holds no number. A number may be an
// accounting negative: (131) and 131- are -131.
type Value struct {
	Written  string          // as written, trimmed
	IsNumber bool            // false: Written is free text
	Cmp      Comparator      // AtLeast when omitted
	CmpGiven bool            // whether a comparator was written
	Digits   string          // the number in ASCII as written, without separators: "34.27", "5.20"
	Number   decimal.Decimal // Digits as a decimal
	Scale    string          // "", "%", "‰", "万" or "亿"
	Unit     string          // what is left: 场, 个, 人次, 元
}

// Amount is the number with its scale applied: 34.27万 is 342700, 95% is 0.95.
func (v Value) Amount() decimal.Decimal {
	if f, ok := scales[v.Scale]; ok {
		return v.Number.Mul(f)
	}
	return v.Number
}

// IsNotApplicable reports whether v says 不适用.
func (v Value) IsNotApplicable() bool {
	return !v.IsNumber && (v.Written == NotApplicable || strings.EqualFold(v.Written, "N/A"))
}

// Quantity is the number with its scale and unit, without the comparator:
// "26.51%", "34.27万个". Traces use it.
func (v Value) Quantity() string {
	if !v.IsNumber {
		return v.Written
	}
	return v.Digits + v.Scale + v.Unit
}

// String prints v in canonical form; ParseValue(v.String()) gives v back
// (but for Written).
func (v Value) String() string {
	if !v.IsNumber || !v.CmpGiven {
		return v.Quantity()
	}
	return v.Cmp.Symbol() + v.Quantity()
}

// NumberValue makes a value from a number read from a numeric cell. A cell
// with a percent format holds a fraction: NumberValue(0.9905, "%") is 99.05%.
func NumberValue(d decimal.Decimal, scale string) Value {
	if f, ok := scales[scale]; ok {
		d = Quo(d, f)
	}
	digits := d.String()
	v := Value{IsNumber: true, Digits: digits, Number: d, Scale: scale}
	v.Written = v.Quantity()
	return v
}

// ParseValue reads s by the grammar above. Text without a number is a
// valid (non-numeric) value; a comparator sign with no number after it, or
// a malformed number, is an error.
func ParseValue(s string) (Value, error) {
	s = strings.TrimFunc(s, unicode.IsSpace)
	v := Value{Written: s}
	if s == "" {
		return v, lang.Errorf("empty value")
	}
	rest := s
	symbol := false
	for _, c := range comparators {
		if strings.HasPrefix(rest, c.text) {
			v.Cmp, v.CmpGiven, symbol = c.cmp, true, c.symbol
			rest = strings.TrimLeftFunc(rest[len(c.text):], unicode.IsSpace)
			break
		}
	}
	if signed, ok := accounting(rest); ok {
		rest = signed
	}
	digits, n, err := scanNumber(rest)
	if err != nil {
		return v, lang.Errorf("%q: %w", s, err)
	}
	if n == 0 {
		if symbol {
			return v, lang.Errorf("%q: no number after %q", s, strings.TrimSpace(s[:len(s)-len(rest)]))
		}
		return Value{Written: s}, nil
	}
	rest = strings.TrimLeftFunc(rest[n:], unicode.IsSpace)
	for sc := range scales {
		if strings.HasPrefix(rest, sc) {
			v.Scale = sc
			rest = rest[len(sc):]
			break
		}
	}
	for _, pct := range []string{"％", "百分比"} {
		if v.Scale == "" && strings.HasPrefix(rest, pct) {
			v.Scale, rest = "%", rest[len(pct):]
		}
	}
	unit := strings.TrimFunc(rest, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
	// A comparator may follow the number instead: 95%以上, 50元以内.
	if !v.CmpGiven {
		for _, sfx := range comparatorSuffixes {
			if strings.HasSuffix(unit, sfx.text) {
				v.Cmp, v.CmpGiven = sfx.cmp, true
				unit = strings.TrimSpace(strings.TrimSuffix(unit, sfx.text))
				break
			}
		}
	}
	if strings.IndexFunc(unit, isDigit) >= 0 || startsWithScale(unit) {
		// "2024年12月31日前完成" is prose, not the number 2024.
		return Value{Written: s}, nil
	}
	d, err := decimal.NewFromString(digits)
	if err != nil {
		return v, lang.Errorf("%q: not a number", s)
	}
	v.IsNumber, v.Digits, v.Number, v.Unit = true, digits, d, unit
	return v, nil
}

// accounting rewrites an accounting negative with a minus sign in front:
// (131), （1,499.75）万元, (5.00%) and 131- are -131, -1,499.75万元, -5.00%
// and -131. ok is false for anything else; the number in the brackets or
// before the minus must have no sign, comparator or unit of its own.
func accounting(s string) (signed string, ok bool) {
	for _, br := range [][2]string{{"(", ")"}, {"（", "）"}} {
		inner, tail, closed := strings.Cut(strings.TrimPrefix(s, br[0]), br[1])
		if strings.HasPrefix(s, br[0]) && closed && unsigned(inner) && !strings.ContainsAny(tail, "()（）") {
			return "-" + strings.TrimSpace(inner) + tail, true
		}
	}
	for _, minus := range []string{"-", "－", "−"} {
		if x, found := strings.CutSuffix(s, minus); found && unsigned(x) {
			return "-" + strings.TrimSpace(x), true
		}
	}
	return s, false
}

// unsigned reports whether s is a number and its scale with nothing
// else: no sign, comparator or unit.
func unsigned(s string) bool {
	s = strings.TrimFunc(s, unicode.IsSpace)
	if r, _ := utf8.DecodeRuneInString(s); !isDigit(r) && r != '.' && r != '．' {
		return false
	}
	v, err := ParseValue(s)
	return err == nil && v.IsNumber && !v.CmpGiven && v.Unit == ""
}

// ParseNumber reads a plain amount: digits with optional separators,
// full-width digits, a sign or an accounting negative ((131), 131-), and
// an optional scale (34.27万, 5%). Units and comparators are not allowed.
func ParseNumber(s string) (decimal.Decimal, error) {
	v, err := ParseValue(s)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if !v.IsNumber || v.CmpGiven || v.Unit != "" {
		return decimal.Decimal{}, lang.Errorf("%q is not a number", strings.TrimSpace(s))
	}
	return v.Amount(), nil
}

func startsWithScale(s string) bool {
	for sc := range scales {
		if strings.HasPrefix(s, sc) {
			return true
		}
	}
	return strings.HasPrefix(s, "％") || strings.HasPrefix(s, "百分比")
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

// scanNumber reads a number at the start of s and returns it in ASCII
// without separators, and how many bytes of s it used. n is 0 when s does
// not start with a number.
func scanNumber(s string) (digits string, n int, err error) {
	var b strings.Builder
	i := 0
	next := func() (rune, int) { return utf8.DecodeRuneInString(s[i:]) }
	if r, w := next(); r == '-' || r == '－' || r == '−' || r == '+' || r == '＋' {
		if r != '+' && r != '＋' {
			b.WriteByte('-')
		}
		i += w
	}
	start := i
	group := -1 // digits since the last thousands separator; -1 before any separator
	intDigits := 0
	seenPoint := false
	fracDigits := 0
	for i < len(s) {
		r, w := next()
		switch {
		case isDigit(r):
			if r >= '０' {
				r = r - '０' + '0'
			}
			b.WriteRune(r)
			if seenPoint {
				fracDigits++
			} else {
				intDigits++
				if group >= 0 {
					group++
				}
			}
			i += w
		case (r == ',' || r == '，') && !seenPoint && intDigits > 0:
			// A thousands separator must be followed by three digits.
			j := i + w
			k := 0
			for k < 3 && j < len(s) {
				r2, w2 := utf8.DecodeRuneInString(s[j:])
				if !isDigit(r2) {
					break
				}
				j += w2
				k++
			}
			if k == 0 {
				goto done // "80，": the comma ends the number
			}
			if k < 3 || group >= 0 && group != 3 || group < 0 && intDigits > 3 {
				return "", 0, lang.Errorf("misplaced thousands separator")
			}
			group = 0
			i += w
		case (r == '.' || r == '．') && !seenPoint:
			j := i + w
			if r2, _ := utf8.DecodeRuneInString(s[j:]); !isDigit(r2) {
				goto done
			}
			if group >= 0 && group != 3 {
				return "", 0, lang.Errorf("misplaced thousands separator")
			}
			seenPoint = true
			b.WriteByte('.')
			i += w
		default:
			goto done
		}
	}
done:
	if intDigits == 0 && fracDigits == 0 {
		if i > start {
			return "", 0, lang.Errorf("not a number")
		}
		return "", 0, nil
	}
	if group >= 0 && group != 3 {
		return "", 0, lang.Errorf("misplaced thousands separator")
	}
	if intDigits+fracDigits > MaxDigits {
		return "", 0, lang.Errorf("more than %d digits: more than any figure needs", MaxDigits)
	}
	return b.String(), i, nil
}

// MaxDigits is how many digits a number written as text may have; Excel
// keeps 15 significant digits of a number cell.
const MaxDigits = 30

// ParseComparator reads a comparator written on its own, as forms print it
// in a 比较符 / 指标性质 column: any spelling of the grammar's comparators,
// or 正向 (≥) and 反向 (≤). ok is false for a blank cell and for the words
// that name a kind of indicator rather than a comparison (定量, 定性).
func ParseComparator(s string) (c Comparator, ok bool, err error) {
	s = strings.TrimFunc(s, unicode.IsSpace)
	switch strings.TrimSuffix(s, "指标") {
	case "", "定量", "定性":
		return AtLeast, false, nil
	case "正向":
		return AtLeast, true, nil
	case "反向":
		return AtMost, true, nil
	}
	for _, cmp := range comparators {
		if s == cmp.text {
			return cmp.cmp, true, nil
		}
	}
	return AtLeast, false, lang.Errorf("%q is not a comparator (≥, ≤, >, <, =, 不低于, 不高于……)", s)
}

// Complete joins a value with the comparator and unit a form prints in
// their own columns: ≥ | 95 | % is ≥95%. A value that already carries a
// comparator or unit must carry the same one. Written becomes the whole
// target as a reader reads it. Free text (达成, 不适用) takes the
// comparator before it but no unit: a unit means nothing without a number.
func (v Value) Complete(comparator, unit string) (Value, error) {
	comparator, unit = strings.TrimFunc(comparator, unicode.IsSpace), strings.TrimFunc(unit, unicode.IsSpace)
	c, hasCmp, err := ParseComparator(comparator)
	if err != nil {
		return v, err
	}
	switch {
	case !hasCmp:
		comparator = ""
	case strings.HasPrefix(comparator, "正向") || strings.HasPrefix(comparator, "反向"):
		comparator = c.Symbol()
	}
	if !v.IsNumber {
		v.Written = comparator + v.Written
		return v, nil
	}
	written := v.Written
	if hasCmp {
		switch {
		case !v.CmpGiven:
			v.Cmp, v.CmpGiven = c, true
			written = comparator + written
		case v.Cmp != c:
			return v, lang.Errorf("%q says %s but the comparator column says %q", v.Written, v.Cmp.Symbol(), comparator)
		}
	}
	if unit != "" {
		u, err := ParseValue("1" + unit)
		if err != nil || !u.IsNumber || u.CmpGiven || strings.IndexFunc(u.Unit, func(r rune) bool { return unicode.Is(unicode.Sm, r) }) >= 0 {
			return v, lang.Errorf("%q is not a unit", unit)
		}
		switch {
		case v.Scale == "" && v.Unit == "":
			v.Scale, v.Unit = u.Scale, u.Unit
			written += unit
		case v.Scale != u.Scale || v.Unit != u.Unit:
			return v, lang.Errorf("%q is in %s but the unit column says %q", v.Written, v.Scale+v.Unit, unit)
		}
	}
	v.Written = written
	return v, nil
}
