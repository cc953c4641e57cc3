package report

import (
	"bytes"
	"cmp"
	"encoding/json"
	"io"
	"slices"

	"github.com/perfeval/perfeval/internal/form"
	"github.com/shopspring/decimal"
)

// A CheckStream writes a check's JSON as its files come, in their order:
// each file's entry is encoded, written and let go, and only the counts
// (and, screened, each form's place in the ranking) are kept, so that
// checking ten thousand forms holds little more than checking one. The
// bytes are those of EncodeCheck's value written indented, as the JSON
// writer writes it.
type CheckStream struct {
	w        io.Writer
	screened bool
	counts   Counts
	ranked   []rankedForm
	files    int
	buf      bytes.Buffer
	enc      *json.Encoder
	err      error
}

// A rankedForm is what a screened form's place in the ranking needs.
type rankedForm struct {
	file, project string
	risk          decimal.Decimal
}

// NewCheckStream starts a check's JSON on w; a screened one ends with the
// ranking, each form's risk rated before it is added.
func NewCheckStream(w io.Writer, screened bool) *CheckStream {
	s := &CheckStream{w: w, screened: screened}
	s.enc = json.NewEncoder(&s.buf)
	s.enc.SetEscapeHTML(false)
	s.enc.SetIndent("    ", "  ")
	return s
}

// Add writes a file's entry: its check, or the error that stopped it.
func (s *CheckStream) Add(file string, ch *form.Checked, err error) {
	s.counts.add(ch, err)
	if s.screened && ch != nil {
		f := ch.File
		if f == file {
			f = file // the caller's string, which it holds anyway
		}
		s.ranked = append(s.ranked, rankedForm{f, ch.Project, ch.Risk.Decimal})
	}
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
	sum := summaryJSON(s.counts)
	if s.screened {
		// As form.Rank: the highest risk first, ties by file name.
		slices.SortStableFunc(s.ranked, func(a, b rankedForm) int { return cmp.Or(b.risk.Cmp(a.risk), cmp.Compare(a.file, b.file)) })
		sum.Ranking = make([]RankedJSON, len(s.ranked))
		for i, r := range s.ranked {
			sum.Ranking[i] = RankedJSON{File: r.file, Project: r.project, Risk: json.Number(r.risk.String())}
		}
	}
	if err := enc.Encode(sum); err != nil {
		return err
	}
	s.buf.Truncate(s.buf.Len() - 1)
	s.buf.WriteString("\n}\n")
	_, err := s.w.Write(s.buf.Bytes())
	return err
}
