package xlsx

import (
	"strings"
	"sync"
	"time"

	"github.com/perfeval/perfeval/internal/third_party/excelize"
	"github.com/shopspring/decimal"
)

// A formatter shows a number as its cell's format displays it (1.1 under
// 0.00 is 1.10, 8.62 under 0 is 9), through excelize's own number
// formatting: each number is set in the one cell of a scratch workbook
// that carries the same format, and read back as displayed. The scratch
// sheet never holds more than that cell. A scratch workbook costs more to
// make than thousands of numbers to show, so formatters are shared by
// every workbook of the process (a batch reads thousands), each used by
// one goroutine at a time, and keyed by the format itself.
type formatter struct {
	f      *excelize.File
	styles map[numFmt]int // number format → scratch style
}

// A numFmt is a number format: a built-in id, or a custom code.
type numFmt struct {
	id     int
	code   string
	custom bool
}

// formatters holds the scratch workbooks not in use.
var formatters = sync.Pool{New: func() any { return &formatter{f: excelize.NewFile(), styles: map[numFmt]int{}} }}

// maxScratchStyles bounds the styles one scratch workbook collects; one
// with more is dropped rather than put back.
const maxScratchStyles = 1024

const scratch = "Sheet1"

// Excel's date systems. A date cell holds a serial, days since an epoch.
// In the 1900 system 1 is 1900-01-01 and 59 is 1900-02-28; 60 is the
// 1900-02-29 Excel kept from Lotus 1-2-3, a day that never was; 61 is
// 1900-03-01, and days follow on from there. In the 1904 system 0 is
// 1904-01-01, 1462 days after the 1900 system's serial of that day.
var (
	epoch1900       = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC) // 61 days before 1900-03-01
	epoch1904       = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	days1904        = decimal.NewFromInt(1462)
	serial1900Feb29 = decimal.NewFromInt(60)
	lastSerial1900  = decimal.NewFromInt(2958466) // the day after 9999-12-31, Excel's last date
)

// A DateFault says why a serial shows no day.
type DateFault uint8

const (
	IsDate   DateFault = iota
	NotADate           // before the first day, or after 9999-12-31
	Feb1900            // 60 in the 1900 system: 1900-02-29, which never was
)

// lastSerial is the serial of the day after 9999-12-31 in the workbook's
// date system.
func (b *Book) lastSerial() decimal.Decimal {
	if b.x.date1904 {
		return lastSerial1900.Sub(days1904)
	}
	return lastSerial1900
}

// SerialDate is the day a serial shows in the workbook's date system (its
// time of day dropped), or why it shows none.
func (b *Book) SerialDate(d decimal.Decimal) (time.Time, DateFault) {
	days := d.Floor()
	switch {
	case d.IsNegative() || d.GreaterThanOrEqual(b.lastSerial()):
		return time.Time{}, NotADate
	case b.x.date1904:
		return epoch1904.AddDate(0, 0, int(days.IntPart())), IsDate
	case days.IsZero():
		return time.Time{}, NotADate
	case days.Equal(serial1900Feb29):
		return time.Time{}, Feb1900
	case days.LessThan(serial1900Feb29):
		return epoch1900.AddDate(0, 0, int(days.IntPart())+1), IsDate
	}
	return epoch1900.AddDate(0, 0, int(days.IntPart())), IsDate
}

// Display returns a number cell's text as shown. A cell in the default
// format shows its number as stored, as excelize's GetCellValue does.
func (b *Book) Display(raw string, style int) string {
	id, code := b.x.numFmt(style)
	if style <= 0 || id == 0 && code == nil {
		return raw
	}
	d, err := decimal.NewFromString(raw)
	if err != nil {
		return raw
	}
	if b.Format(style) == Date {
		// A number Excel cannot show as a date (it shows ####) stays as stored.
		if d.IsNegative() || d.GreaterThanOrEqual(b.lastSerial()) {
			return raw
		}
		// A 1904 serial is shown as the 1900 serial of the same day:
		// excelize shows 1904 dates before 1904-03-01 a day or more out.
		if b.x.date1904 && !elapsed(id, code) {
			raw = d.Add(days1904).String()
		}
	}
	fm := formatters.Get().(*formatter)
	s, ok := fm.show(raw, id, code)
	if len(fm.styles) <= maxScratchStyles {
		formatters.Put(fm)
	}
	if !ok {
		return raw
	}
	return s
}

// show is a number as displayed in a format, and false where excelize
// could not show it.
func (fm *formatter) show(raw string, id int, code *string) (string, bool) {
	key := numFmt{id: id}
	if code != nil {
		key = numFmt{code: *code, custom: true}
	}
	sid, ok := fm.styles[key]
	if !ok {
		st := &excelize.Style{NumFmt: id}
		if code != nil {
			st.NumFmt, st.CustomNumFmt = 0, code
		}
		var err error
		if sid, err = fm.f.NewStyle(st); err != nil {
			return "", false
		}
		fm.styles[key] = sid
	}
	if fm.f.SetCellDefault(scratch, "A1", raw) != nil || fm.f.SetCellStyle(scratch, "A1", "A1", sid) != nil {
		return "", false
	}
	s, err := fm.f.GetCellValue(scratch, "A1")
	return s, err == nil
}

// elapsed reports whether a time format counts elapsed time ([h]:mm), which
// is the same in either date system.
func elapsed(id int, code *string) bool {
	if code == nil {
		return id == 46
	}
	c := strings.ToLower(*code)
	return strings.Contains(c, "[h") || strings.Contains(c, "[m") || strings.Contains(c, "[s")
}
