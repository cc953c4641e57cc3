package xlsx

import (
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/shopspring/decimal"
)

// Number reads a number cell's text (digits has read it at
// Excel's 15 digits) as a decimal.
func Number(raw string) (decimal.Decimal, error) {
	raw = strings.TrimSpace(raw)
	if len(raw) > maxStoredNumber {
		return decimal.Decimal{}, lang.Errorf("%q is not a number a workbook stores", raw)
	}
	d, err := decimal.NewFromString(raw)
	if err != nil {
		return d, err
	}
	if !indicators.WithinRange(d) {
		return decimal.Decimal{}, lang.Errorf("%s is beyond the range of Excel's numbers (±1E308)", raw)
	}
	return d, nil
}

// maxStoredNumber is the longest number a cell stores: 17 digits, a sign,
// a point and an exponent, with room to spare.
const maxStoredNumber = 64

// digits reads a number cell's stored text as Excel shows it and
// computes with it: at 15 significant digits, with no trailing zeros.
// Excel stores a typed 96.6 as 96.599999999999994 and 4.54% as
// 4.5400000000000003E-2; the digits past the 15th are binary noise, not
// data, and 96.6 and 0.0454 are what every reader after this one sees.
// A number is written out in full unless its leading digit lies beyond
// 10^±maxPlainPower (then 1.5E+300). Text that is no number, or a number
// beyond Excel's range, is kept as stored, for Number to refuse.
func digits(raw string) string {
	s := strings.TrimSpace(raw)
	if len(s) > maxStoredNumber {
		return raw
	}
	d, err := decimal.NewFromString(s)
	if err != nil || !indicators.WithinRange(d) {
		return raw
	}
	if d.IsZero() {
		return "0"
	}
	if len(coefficient(d)) > 15 {
		d = d.Round(14 - leadingPower(d))
	}
	top := leadingPower(d)
	if -maxPlainPower <= top && top <= maxPlainPower {
		return d.String()
	}
	digits := strings.TrimRight(coefficient(d), "0")
	var b strings.Builder
	if d.IsNegative() {
		b.WriteByte('-')
	}
	b.WriteString(digits[:1])
	if len(digits) > 1 {
		b.WriteString("." + digits[1:])
	}
	b.WriteString("E")
	if top > 0 {
		b.WriteString("+")
	}
	b.WriteString(strconv.Itoa(int(top)))
	return b.String()
}

// maxPlainPower bounds the numbers excelDigits writes out in full: at
// most 20 digits before the point or 20 zeros after it.
const maxPlainPower = 20

// coefficient is a number's digits, without its sign or point.
func coefficient(d decimal.Decimal) string {
	return strings.TrimPrefix(d.Coefficient().String(), "-")
}

// leadingPower is the power of ten of a non-zero number's leading digit.
func leadingPower(d decimal.Decimal) int32 {
	return int32(len(coefficient(d))) - 1 + d.Exponent()
}

// A Format is what a cell's number format says about its value.
type Format int

const (
	Plain   Format = iota
	Percent        // the cell holds a fraction shown as a percentage
	Date           // the cell holds a date serial
)

// Format classifies the number format of a cell style.
func (b *Book) Format(style int) Format {
	if nf, ok := b.formats[style]; ok {
		return nf
	}
	nf := classify(b.x.numFmt(style))
	b.formats[style] = nf
	return nf
}

var quotedOrBracketed = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`"[^"]*"|\[[^\]]*\]|\\.`) })

// classify reads a number format: built-in ids 9 and 10 are percentages,
// 14–22 and others dates; a custom code is a percentage when it shows a %
// and a date when it has date or time letters (outside quotes).
func classify(id int, custom *string) Format {
	if custom != nil {
		code := quotedOrBracketed().ReplaceAllString(*custom, "")
		if i := strings.IndexByte(code, ';'); i >= 0 {
			code = code[:i]
		}
		switch {
		case strings.Contains(code, "%"):
			return Percent
		case strings.ContainsAny(strings.ToLower(code), "ymdhs"):
			return Date
		}
		return Plain
	}
	switch {
	case id == 9 || id == 10:
		return Percent
	case id >= 14 && id <= 22, id >= 27 && id <= 36, id >= 45 && id <= 47, id >= 50 && id <= 58:
		return Date
	}
	return Plain
}
