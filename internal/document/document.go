package document

import (
	"io"
	"strings"
	"time"

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
	// Unit is printed above a report table, right-aligned (单位：万元).
	Unit string
	// Key is the column a row is found by (a place, a code, a file), which
	// a writer never wraps: the first unless said otherwise.
	Key int
}

// InsertColumn puts a column at index at, one cell per row; rows past the
// end of cells (a total row) get an empty cell.
func (t *Table) InsertColumn(at int, name string, cells []Cell) {
	h := min(at, len(t.Columns)) // a user's wording may give fewer columns: Check reports it
	t.Columns = append(t.Columns[:h:h], append([]string{name}, t.Columns[h:]...)...)
	for i, r := range t.Rows {
		c := Str("")
		if i < len(cells) {
			c = cells[i]
		}
		k := min(at, len(r)) // a user's wording may give other columns than the rows have: Check reports it
		t.Rows[i] = append(r[:k:k], append([]Cell{c}, r[k:]...)...)
	}
}

// A Document is what a writer draws, built once from a result and the
// wording: a title, the lines under it, and blocks in reading order. The
// tables of a command (score's four, execution's, diff's) are a document of
// tables alone; the report (PDF, DOCX) adds headings, prose and a chart.
type Document struct {
	Title    string
	Lines    []string // under the title: project, total, grade
	Blocks   []Block
	Warnings []string
	// WarningLabel heads the warnings where a writer lists them (警告).
	WarningLabel string
	// Overview names a place of their own for the title, lines and
	// warnings where a writer gives them one: the XLSX's first sheet (概况).
	Overview string
	// Footer is printed on every page of a paged document, {page} and
	// {pages} standing for the page number and the page count.
	Footer string
	// Reference is the DOCX's reference document (its styles and page),
	// from the wording; nil is the built-in one.
	Reference []byte
	// Date is the document's own date (a report's 报告日期), written as a
	// PDF's creation date; zero: a fixed date, so the bytes stay the same.
	Date time.Time
	// Notices are warnings about the document itself (its empty sections),
	// passed on to the user by whichever writer draws it, not printed in it.
	Notices []string
	// Properties are the document's metadata (PDF info, DOCX properties):
	// the tool and the inputs' hashes, kept out of the body.
	Properties Properties
}

// Properties are a document's metadata.
type Properties struct {
	Creator     string // the tool and its version
	Subject     string
	Description string // the input files and their SHA-256
}

// A BlockKind says what a block is.
type BlockKind int

const (
	Heading   BlockKind = iota // Level 1 a section, 2 a subsection, 3 below that
	Paragraph                  // Style Body, Cover or Note
	TableBlock
	ChartBlock
	Gap // a pause between groups of blocks: a little space
	// Contents is the table of contents, drawn by the writer (a printed
	// list with page numbers, a TOC field); Text is its heading. The cover
	// before it and the contents show no page number; pages are counted
	// from the cover.
	Contents
	// PageBreak: the next block starts a page (an annex). Style Landscape
	// turns the pages sideways, for a table too wide to read upright,
	// until the next page break.
	PageBreak
)

// Paragraph styles.
const (
	Body  = ""
	Cover = "cover" // the report's cover lines
	Note  = "note"  // small print: warnings, the appendix
	// Signature is the 落款: right-aligned, after the body.
	Signature = "signature"
	// Placeholder is a visible （待补充：…） the evaluator overwrites.
	Placeholder = "placeholder"
	// Landscape is a page break's style: the pages after it lie sideways.
	Landscape = "landscape"
)

// A Block is one heading, paragraph, table or chart of a document.
type Block struct {
	Kind  BlockKind
	Level int    // headings
	Style string // paragraphs
	Text  string // headings and paragraphs; line breaks separate paragraphs
	Table *Table
	Chart *Chart
}

// A Chart is a bar chart of rates between 0 and 1 (得分率 by dimension).
type Chart struct {
	Title string
	Bars  []Bar
}

// A Bar is one bar of a chart.
type Bar struct {
	Label string
	Rate  decimal.Decimal
}

// Tables returns the document's tables in order.
func (d *Document) Tables() []*Table {
	var out []*Table
	for _, b := range d.Blocks {
		if b.Kind == TableBlock {
			out = append(out, b.Table)
		}
	}
	return out
}

// KeepsWithNext says whether block i must share its page with the start of
// the block after it: the block before the 落款, which is never alone on a
// page (GB/T 9704 7.3.5), and a paragraph that leads into a table or a
// chart (资金安排及执行情况见下表。), never left at the foot of a page
// above it. A writer keeps the block's last line with the next block.
func (d *Document) KeepsWithNext(i int) bool {
	if i+1 >= len(d.Blocks) {
		return false
	}
	b, next := d.Blocks[i], d.Blocks[i+1]
	switch next.Kind {
	case Paragraph:
		return next.Style == Signature
	case TableBlock, ChartBlock:
		return b.Kind == Paragraph && (b.Style == Body || b.Style == Placeholder)
	}
	return false
}

// AddTable appends a table block.
func (d *Document) AddTable(t Table) { d.Blocks = append(d.Blocks, Block{Kind: TableBlock, Table: &t}) }

// AddHeading appends a heading of the given level.
func (d *Document) AddHeading(level int, text string) {
	d.Blocks = append(d.Blocks, Block{Kind: Heading, Level: level, Text: text})
}

// AddPageBreak starts a new page.
func (d *Document) AddPageBreak() { d.Blocks = append(d.Blocks, Block{Kind: PageBreak}) }

// AddLandscapeBreak starts a page lying sideways, as are the pages after
// it until the next page break.
func (d *Document) AddLandscapeBreak() {
	d.Blocks = append(d.Blocks, Block{Kind: PageBreak, Style: Landscape})
}

// AddGap appends a pause between groups of blocks.
func (d *Document) AddGap() { d.Blocks = append(d.Blocks, Block{Kind: Gap}) }

// AddParagraph appends a paragraph of the given style.
func (d *Document) AddParagraph(style, text string) {
	d.Blocks = append(d.Blocks, Block{Kind: Paragraph, Style: style, Text: text})
}

// AddParagraphs appends body paragraphs, one a text.
func (d *Document) AddParagraphs(texts []string) {
	for _, t := range texts {
		d.AddParagraph(Body, t)
	}
}

// An Output is what a command produces, for whichever writer the user
// picks: its tables (text, CSV, Markdown, XLSX), its report (PDF, DOCX; the
// tables where a command has no report) and its JSON value. Each is built
// only when a writer asks for it.
type Output struct {
	Tables func() (Document, error)
	Report func() (Document, error) // nil: the tables are the report
	// Workbook is the XLSX's tables where they differ from Tables (check:
	// every finding on one sheet rather than a block per form).
	Workbook func() (Document, error)
	// Form writes the national self-evaluation form (score only).
	Form func(io.Writer) error
	JSON func() (any, error)
}

// Money is an amount with thousands separators (1,499.75): two decimals,
// more when the figure has them. The report's tables use it.
func Money(d decimal.Decimal) Cell {
	c := Amount(d)
	c.Text = Grouped(c.Text)
	return c
}

// Grouped puts thousands separators into a number as written (1499.75 is
// 1,499.75); anything else comes back unchanged.
func Grouped(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, dot := strings.Cut(s, ".")
	if whole == "" || strings.Trim(whole, "0123456789") != "" {
		return sign + s
	}
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if dot {
		b.WriteString("." + frac)
	}
	return sign + b.String()
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
