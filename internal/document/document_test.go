package document

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func TestCells(t *testing.T) {
	d := decimal.RequireFromString
	tests := []struct {
		name string
		in   Cell
		want string
	}{
		{"an amount has two decimals", Amount(d("766")), "766.00"},
		{"or more when it has them", Amount(d("1.2345")), "1.2345"},
		{"a weight as written", Plain(d("0.5")), "0.5"},
		{"a score with its decimals", Num(d("4.892"), 2), "4.89"},
		{"a rate as a percentage", Pct(d("0.81536")), "81.54%"},
		{"no rate", NullPct(decimal.NullDecimal{}), "—"},
	}
	for _, tt := range tests {
		if got := tt.in.Text; got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	if p := Pct(d("0.81536")); p.Kind != Percent || !p.Num.Equal(d("0.8154")) {
		t.Errorf("a rate stores %s as %v, want the fraction 0.8154", p.Num, p.Kind)
	}
}

// TestInsertColumn: a column goes in at its index, a row past the cells
// given (a total row) getting an empty one.
func TestInsertColumn(t *testing.T) {
	tb := Table{Columns: []string{"a", "c"}, Rows: [][]Cell{{Str("a1"), Str("c1")}, {Str("sum"), Str("c")}}}
	tb.InsertColumn(1, "b", []Cell{Str("b1")})
	var got [][]string
	for _, r := range tb.Rows {
		var row []string
		for _, c := range r {
			row = append(row, c.Text)
		}
		got = append(got, row)
	}
	want := [][]string{{"a1", "b1", "c1"}, {"sum", "", "c"}}
	if diff := cmp.Diff(want, got); diff != "" || !cmp.Equal(tb.Columns, []string{"a", "b", "c"}) {
		t.Errorf("columns %v, rows (-want +got):\n%s", tb.Columns, diff)
	}
}

func TestKeepsWithNext(t *testing.T) {
	d := &Document{}
	d.AddHeading(1, "七、其他需要说明的问题")
	d.AddParagraph(Body, "无。")
	d.AddParagraph(Signature, "单位\n年　月　日")
	d.AddPageBreak()
	d.AddParagraph(Body, "资金安排及执行情况见下表。")
	d.AddTable(Table{Title: "表1"})
	d.AddTable(Table{Title: "表2"})
	d.AddParagraph(Note, "注：")
	d.Blocks = append(d.Blocks, Block{Kind: ChartBlock, Chart: &Chart{}})
	d.AddParagraph(Body, "末段。")
	for i, want := range []bool{false, true, false, false, true, false, false, false, false, false} {
		if got := d.KeepsWithNext(i); got != want {
			t.Errorf("block %d keeps with the next: %v, want %v", i, got, want)
		}
	}
}
