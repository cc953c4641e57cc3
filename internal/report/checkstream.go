package report

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/perfeval/perfeval/internal/form"
)

// A CheckStream writes an unscreened check's JSON as its files come, in
// their order: each file's entry is encoded, written and let go, and only
// the counts are kept, so that checking ten thousand forms holds no more
// than checking one. The bytes are those of EncodeCheck's value written
// indented, as the JSON writer writes it. (A screened run cannot stream:
// a form's reused texts and its risk are known only once every form is
// read.)
type CheckStream struct {
	w      io.Writer
	counts Counts
	files  int
	buf    bytes.Buffer
	enc    *json.Encoder
	err    error
}

// NewCheckStream starts a check's JSON on w.
func NewCheckStream(w io.Writer) *CheckStream {
	s := &CheckStream{w: w}
	s.enc = json.NewEncoder(&s.buf)
	s.enc.SetEscapeHTML(false)
	s.enc.SetIndent("    ", "  ")
	return s
}

// Add writes a file's entry: its check, or the error that stopped it.
func (s *CheckStream) Add(file string, ch *form.Checked, err error) {
	s.counts.add(ch, err)
	if s.err != nil {
		return
	}
	s.buf.Reset()
	if s.files == 0 {
		s.buf.WriteString("{\n  \"forms\": [\n    ")
	} else {
		s.buf.WriteString(",\n    ")
	}
	s.files++
	if s.err = s.enc.Encode(encodeChecked(file, ch, err)); s.err != nil {
		return
	}
	s.buf.Truncate(s.buf.Len() - 1) // the encoder's newline
	_, s.err = s.w.Write(s.buf.Bytes())
}

// Counts are the totals of the files added so far.
func (s *CheckStream) Counts() Counts { return s.counts }

// Close ends the JSON with the summary.
func (s *CheckStream) Close() error {
	if s.err != nil {
		return s.err
	}
	s.buf.Reset()
	if s.files == 0 {
		s.buf.WriteString("{\n  \"forms\": [],\n  \"summary\": ")
	} else {
		s.buf.WriteString("\n  ],\n  \"summary\": ")
	}
	enc := json.NewEncoder(&s.buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("  ", "  ")
	if err := enc.Encode(summaryJSON(s.counts)); err != nil {
		return err
	}
	s.buf.Truncate(s.buf.Len() - 1)
	s.buf.WriteString("\n}\n")
	_, err := s.w.Write(s.buf.Bytes())
	return err
}
