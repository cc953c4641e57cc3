package pipeline

import (
	"bufio"
	"encoding/binary"
	"io"
	"math"

	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/form"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/shopspring/decimal"
)

// The screen's spool (ScreenEach) holds each screened check on disk until
// the texts reused across forms are known. It is written here field by
// field, not by encoding/gob: linking gob cost every start of perfeval
// 0.7 ms and 27 KB before main (its init builds its wire types), --version
// included, for this one use; and encoding/json would turn a file name
// that is not UTF-8 into U+FFFD. Strings are a length and their bytes,
// integers varints, decimals their own MarshalBinary (exponent kept).
// TestSpoolRoundTrip fills every field of a check by reflection, so a field
// added to form.Checked and not here fails it.

// spoolWriter writes checks to the spool; its first error sticks.
type spoolWriter struct {
	w   *bufio.Writer
	buf []byte
	err error
}

func (s *spoolWriter) uint(n uint64) { s.buf = binary.AppendUvarint(s.buf, n) }
func (s *spoolWriter) int(n int)     { s.buf = binary.AppendVarint(s.buf, int64(n)) }

func (s *spoolWriter) str(v string) {
	s.uint(uint64(len(v)))
	s.buf = append(s.buf, v...)
}

func (s *spoolWriter) bool(v bool) {
	if v {
		s.buf = append(s.buf, 1)
	} else {
		s.buf = append(s.buf, 0)
	}
}

func (s *spoolWriter) dec(d decimal.NullDecimal) {
	s.bool(d.Valid)
	if !d.Valid {
		return
	}
	b, err := d.Decimal.MarshalBinary()
	if err != nil && s.err == nil {
		s.err = err
	}
	s.str(string(b))
}

func (s *spoolWriter) pos(p diag.Pos) {
	s.str(p.File)
	s.int(p.Line)
	s.int(p.Col)
	s.str(p.Sheet)
	s.str(p.Cell)
	s.int(p.Row)
	s.int(p.ColNo)
}

func (s *spoolWriter) shown(v form.Shown) {
	s.str(v.Text)
	s.bool(v.Percent)
	s.dec(v.Num)
}

// checked writes one check.
func (s *spoolWriter) checked(c *form.Checked) error {
	s.buf = s.buf[:0]
	s.str(c.File)
	s.str(c.Project)
	s.dec(c.PrintedTotal)
	s.dec(c.ComputedTotal)
	s.dec(c.Risk)
	s.uint(uint64(len(c.Findings)))
	for _, f := range c.Findings {
		s.pos(f.Pos)
		s.str(f.Indicator)
		s.str(f.Kind)
		s.str(f.Severity)
		s.shown(f.Printed)
		s.shown(f.Computed)
		s.str(f.Message)
	}
	s.uint(uint64(len(c.Readings)))
	for _, r := range c.Readings {
		s.str(r)
	}
	s.uint(uint64(len(c.Passages)))
	for _, p := range c.Passages {
		s.str(p.Key)
		s.str(p.Text)
		s.pos(p.Pos)
		s.str(p.Indicator)
	}
	if s.err == nil {
		_, s.err = s.w.Write(s.buf)
	}
	return s.err
}

// spoolReader reads back what spoolWriter wrote; its first error sticks.
type spoolReader struct {
	r   *bufio.Reader
	err error
}

func (s *spoolReader) uint() uint64 {
	if s.err != nil {
		return 0
	}
	n, err := binary.ReadUvarint(s.r)
	s.err = err
	return n
}

func (s *spoolReader) int() int {
	if s.err != nil {
		return 0
	}
	n, err := binary.ReadVarint(s.r)
	if err == nil && (n < math.MinInt || n > math.MaxInt) {
		err = lang.Errorf("a number out of range")
	}
	s.err = err
	return int(n)
}

// count reads a length, refusing one no check could have (a spool
// damaged while it waited).
func (s *spoolReader) count() int {
	n := s.uint()
	if s.err == nil && n > 1<<26 {
		s.err = lang.Errorf("a length out of range")
	}
	return int(n)
}

func (s *spoolReader) str() string {
	n := s.count()
	if s.err != nil || n == 0 {
		return ""
	}
	b := make([]byte, n)
	_, s.err = io.ReadFull(s.r, b)
	return string(b)
}

func (s *spoolReader) bool() bool {
	if s.err != nil {
		return false
	}
	b, err := s.r.ReadByte()
	s.err = err
	return b == 1
}

func (s *spoolReader) dec() decimal.NullDecimal {
	if !s.bool() {
		return decimal.NullDecimal{}
	}
	b := s.str()
	var d decimal.Decimal
	if s.err == nil {
		s.err = d.UnmarshalBinary([]byte(b))
	}
	return decimal.NewNullDecimal(d)
}

func (s *spoolReader) pos() diag.Pos {
	return diag.Pos{File: s.str(), Line: s.int(), Col: s.int(), Sheet: s.str(), Cell: s.str(), Row: s.int(), ColNo: s.int()}
}

func (s *spoolReader) shown() form.Shown {
	return form.Shown{Text: s.str(), Percent: s.bool(), Num: s.dec()}
}

// checked reads one check.
func (s *spoolReader) checked() (*form.Checked, error) {
	c := &form.Checked{File: s.str(), Project: s.str(), PrintedTotal: s.dec(), ComputedTotal: s.dec(), Risk: s.dec()}
	if n := s.count(); n > 0 && s.err == nil {
		c.Findings = make([]form.Finding, n)
		for i := range c.Findings {
			c.Findings[i] = form.Finding{Pos: s.pos(), Indicator: s.str(), Kind: s.str(), Severity: s.str(),
				Printed: s.shown(), Computed: s.shown(), Message: s.str()}
		}
	}
	if n := s.count(); n > 0 && s.err == nil {
		c.Readings = make([]string, n)
		for i := range c.Readings {
			c.Readings[i] = s.str()
		}
	}
	if n := s.count(); n > 0 && s.err == nil {
		c.Passages = make([]form.Passage, n)
		for i := range c.Passages {
			c.Passages[i] = form.Passage{Key: s.str(), Text: s.str(), Pos: s.pos(), Indicator: s.str()}
		}
	}
	return c, s.err
}
