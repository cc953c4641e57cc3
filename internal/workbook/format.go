package workbook

import (
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// A formatter shows a number as its cell's format displays it (1.1 under
// 0.00 is 1.10, 8.62 under 0 is 9), through excelize's own number
// formatting: each number is set in the one cell of a scratch workbook
// that carries the same format, and read back as displayed. The scratch
// sheet never holds more than that cell.
type formatter struct {
	f      *excelize.File
	styles map[int]int // source cell format → scratch style
}

const scratch = "Sheet1"

// lastSerial is the day after 9999-12-31, Excel's last date.
var lastSerial = decimal.NewFromInt(2958466)

func newFormatter(date1904 bool) *formatter {
	f := excelize.NewFile()
	if date1904 {
		_ = f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &date1904})
	}
	return &formatter{f: f, styles: map[int]int{}}
}

func (fm *formatter) close() { fm.f.Close() }

// display returns a number cell's text as shown. A cell in the default
// format shows its number as stored, as excelize's GetCellValue does.
func (b *book) display(raw string, style int) string {
	id, code := b.x.numFmt(style)
	if style <= 0 || id == 0 && code == nil {
		return raw
	}
	// A number Excel cannot show as a date (it shows ####) stays as stored.
	if d, err := decimal.NewFromString(raw); err != nil || b.format(style) == dateFormat && (d.IsNegative() || d.GreaterThanOrEqual(lastSerial)) {
		return raw
	}
	if b.shown == nil {
		b.shown = newFormatter(b.x.date1904)
	}
	fm := b.shown
	sid, ok := fm.styles[style]
	if !ok {
		st := &excelize.Style{NumFmt: id}
		if code != nil {
			st.NumFmt, st.CustomNumFmt = 0, code
		}
		var err error
		if sid, err = fm.f.NewStyle(st); err != nil {
			return raw
		}
		fm.styles[style] = sid
	}
	if fm.f.SetCellDefault(scratch, "A1", raw) != nil || fm.f.SetCellStyle(scratch, "A1", "A1", sid) != nil {
		return raw
	}
	s, err := fm.f.GetCellValue(scratch, "A1")
	if err != nil {
		return raw
	}
	return s
}
