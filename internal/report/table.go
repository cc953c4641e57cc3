package report

import (
	"github.com/shopspring/decimal"
)

// A Kind says how a cell's number is stored and shown.
type Kind int

const (
	Text    Kind = iota
	Number       // an amount, weight or score
	Percent      // a fraction shown as a percentage
)

// A Cell is one value of a table: its text as shown, and for numbers the
// number itself, so that XLSX stores a number, not text.
type Cell struct {
	Text   string
	Kind   Kind
	Num    decimal.Decimal // Number and Percent cells
	Places int32           // decimals shown
	Indent int             // levels of indentation (the indicator tree)
}

// A Table is a titled grid.
type Table struct {
	Name    string // short name: a sheet name in XLSX
	Title   string
	Columns []string
	Rows    [][]Cell
	Notes   []string // lines printed under the table
}

// A Document is what a command prints: a heading and its tables.
type Document struct {
	Title    string
	Lines    []string // shown under the title: project, total, grade
	Tables   []Table
	Warnings []string
}

// Str is a text cell.
func Str(s string) Cell { return Cell{Text: s} }

// Indented is a text cell indented by level.
func Indented(s string, level int) Cell { return Cell{Text: s, Indent: level} }

// Num is a number cell shown with the given decimals.
func Num(d decimal.Decimal, places int32) Cell {
	return Cell{Text: d.StringFixed(places), Kind: Number, Num: d, Places: places}
}

// Amount is a money cell: two decimals, more when the figure has them.
func Amount(d decimal.Decimal) Cell {
	places := max(int32(2), -d.Exponent())
	return Cell{Text: d.StringFixed(places), Kind: Number, Num: d, Places: places}
}

// Plain is a number cell shown as written (a weight: 12, 0.5).
func Plain(d decimal.Decimal) Cell {
	return Cell{Text: d.String(), Kind: Number, Num: d, Places: max(0, -d.Exponent())}
}

// Pct is a fraction shown as a percentage with two decimals; the stored
// number is the fraction rounded to four decimals (0.8154 is 81.54%).
func Pct(d decimal.Decimal) Cell {
	r := d.Round(4)
	return Cell{Text: r.Mul(decimal.NewFromInt(100)).StringFixed(2) + "%", Kind: Percent, Num: r, Places: 2}
}

// NullPct is Pct, or a dash where there is no rate.
func NullPct(d decimal.NullDecimal) Cell {
	if !d.Valid {
		return Str("—")
	}
	return Pct(d.Decimal)
}

func decimalInt(i int) decimal.Decimal { return decimal.NewFromInt(int64(i)) }
