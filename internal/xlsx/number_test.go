package xlsx

import (
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func TestExcelDigits(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0.9849", "0.9849"},
		{"4.5400000000000003E-2", "0.0454"},
		{"1499.75", "1499.75"},
		{"1222.8399999999999", "1222.84"},
		{"1222.8400000000001", "1222.84"},
		{"96.599999999999994", "96.6"},
		{"0.57999999999999996", "0.58"},
		{"97.510000000000005", "97.51"},
		{"9.4100000000000001", "9.41"},
		{"-0.30000000000000004", "-0.3"},
		{"916.00", "916"},
		{"9.9999999999999998", "10"},
		{"123456789012345678", "123456789012346000"},
		{"45657", "45657"},
		{"0", "0"},
		{"-0", "0"},
		{"1.0000000000000001E-5", "0.00001"},
		{"1.5E+300", "1.5E+300"},
		{"-2.5000000000000001E-100", "-2.5E-100"},
		{"1E+400", "1E+400"}, // beyond Excel's range: kept, and refused by excelNumber
		{"12a", "12a"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := digits(tt.in); got != tt.want {
			t.Errorf("digits(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestExcelNumber(t *testing.T) {
	tests := []struct{ in, want, wantErr string }{
		{in: "0.0454", want: "0.0454"},
		{in: "1.5E+300", want: "1.5E+300"},
		{in: "1E+400", wantErr: "1E+400 is beyond the range of Excel's numbers (±1E308)"},
		{in: strings.Repeat("1", 65), wantErr: "is not a number a workbook stores"},
	}
	for _, tt := range tests {
		got, err := Number(tt.in)
		switch {
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("Number(%q): error %v, want %q", tt.in, err, tt.wantErr)
		case tt.wantErr == "" && (err != nil || !got.Equal(decimal.RequireFromString(tt.want))):
			t.Errorf("Number(%q) = %s, %v; want %s", tt.in, got, err, tt.want)
		}
	}
}

func TestClassify(t *testing.T) {
	s := func(v string) *string { return &v }
	tests := []struct {
		id     int
		custom *string
		want   Format
	}{
		{0, nil, Plain}, {9, nil, Percent}, {10, nil, Percent}, {14, nil, Date},
		{22, nil, Date}, {4, nil, Plain}, {0, s("0.00%"), Percent}, {0, s(`yyyy"年"m"月"d"日"`), Date},
		{0, s("#,##0.00"), Plain}, {0, s(`0.00"%"`), Plain}, {0, s("[Red]0.00"), Plain}, {0, s("General"), Plain},
	}
	for _, tt := range tests {
		if got := classify(tt.id, tt.custom); got != tt.want {
			c := ""
			if tt.custom != nil {
				c = *tt.custom
			}
			t.Errorf("classify(%d, %q) = %d, want %d", tt.id, c, got, tt.want)
		}
	}
}

// TestSerialDates: Excel's serials are the days Excel shows, in either
// date system, and 60 of the 1900 system is the day that never was.
func TestSerialDates(t *testing.T) {
	tests := []struct {
		serial   string
		date1904 bool
		want     string // a date, or the error
	}{
		{"1", false, "1900-01-01"},
		{"1.75", false, "1900-01-01"},
		{"59", false, "1900-02-28"},
		{"60", false, "1900-02-29, which never was"},
		{"61", false, "1900-03-01"},
		{"45657", false, "2024-12-31"},
		{"2958465", false, "9999-12-31"},
		{"2958466", false, "not a date"},
		{"0", false, "not a date"},
		{"0.5", false, "not a date"},
		{"-1", false, "not a date"},
		{"0", true, "1904-01-01"},
		{"59", true, "1904-02-29"},
		{"60", true, "1904-03-01"},
		{"44195", true, "2024-12-31"},
		{"2957003", true, "9999-12-31"},
		{"2957004", true, "not a date"},
	}
	for _, tt := range tests {
		b := &Book{x: &pkg{date1904: tt.date1904}}
		day, fault := b.SerialDate(decimal.RequireFromString(tt.serial))
		got := day.Format(time.DateOnly)
		switch fault {
		case NotADate:
			got = "not a date"
		case Feb1900:
			got = "1900-02-29, which never was"
		}
		if got != tt.want {
			t.Errorf("serial %s (1904: %v) = %s, want %s", tt.serial, tt.date1904, got, tt.want)
		}
	}
}

// TestDisplayDates: a number under a date format shows the day Excel
// shows, in either date system.
func TestDisplayDates(t *testing.T) {
	tests := []struct {
		serial   string
		date1904 bool
		want     string
	}{
		{"1", false, "1900-01-01"},
		{"59", false, "1900-02-28"},
		{"61", false, "1900-03-01"},
		{"45657", false, "2024-12-31"},
		{"0", true, "1904-01-01"},
		{"1", true, "1904-01-02"},
		{"59", true, "1904-02-29"},
		{"60", true, "1904-03-01"},
		{"44195", true, "2024-12-31"},
		{"2957003", true, "9999-12-31"},
		{"2957004", true, "2957004"}, // past 9999-12-31: shown as stored
		{"-1", false, "-1"},
	}
	for _, tt := range tests {
		b := &Book{x: &pkg{date1904: tt.date1904, xfs: []int{0, 164}, codes: map[int]string{164: "yyyy-mm-dd"}}, formats: map[int]Format{}}
		if got := b.Display(tt.serial, 1); got != tt.want {
			t.Errorf("display(%s) (1904: %v) = %s, want %s", tt.serial, tt.date1904, got, tt.want)
		}
		b.Close()
	}
}
