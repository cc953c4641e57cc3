package report_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/internal/form"
	"github.com/perfeval/perfeval/internal/render"
	"github.com/perfeval/perfeval/internal/report"
	"github.com/shopspring/decimal"
)

// TestCheckStream: the JSON written form by form is byte for byte the
// JSON of the whole run.
func TestCheckStream(t *testing.T) {
	a := &form.Checked{File: "a.xlsx", Project: "甲<项目>", PrintedTotal: decimal.NewNullDecimal(decimal.RequireFromString("96.6")),
		ComputedTotal: decimal.NewNullDecimal(decimal.RequireFromString("96.47")), Readings: []string{"表头在第 12 行"},
		Findings: []form.Finding{{Pos: diag.Pos{File: "a.xlsx", Sheet: "自评表", Cell: "H17"}, Indicator: "成本", Kind: "score_above_rule", Severity: form.Error,
			Printed: form.Shown{Text: "10", Num: decimal.NewNullDecimal(decimal.NewFromInt(10))}, Message: "得分 10 & 9.09"}}}
	b := &form.Checked{File: "c.xlsx"}
	for _, run := range []*report.CheckRun{
		{},
		{Files: []string{"a.xlsx"}, Checks: []*form.Checked{a}, Errors: []error{nil}},
		{Files: []string{"a.xlsx", "b.xlsx", "c.xlsx"}, Checks: []*form.Checked{a, nil, b}, Errors: []error{nil, errors.New("b.xlsx: 不是工作簿"), nil}},
		{Screened: true},
		{Files: []string{"a.xlsx", "b.xlsx", "c.xlsx", "d.xlsx"}, Checks: []*form.Checked{ranked(a, "3"), nil, ranked(b, "13"), ranked(&form.Checked{File: "0.xlsx"}, "3")},
			Errors: []error{nil, errors.New("b.xlsx: 不是工作簿"), nil, nil}, Screened: true},
	} {
		var want, got bytes.Buffer
		if err := render.WriteJSON(&want, report.EncodeCheck(run)); err != nil {
			t.Fatal(err)
		}
		s := report.NewCheckStream(&got, run.Screened)
		for i := range run.Files {
			s.Add(run.Files[i], run.Checks[i], run.Errors[i])
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("streamed:\n%s\nwhole:\n%s", got.String(), want.String())
		}
		if s.Counts() != run.Counts() {
			t.Errorf("counts %+v, want %+v", s.Counts(), run.Counts())
		}
	}
}

// ranked is a copy of a check with a risk.
func ranked(c *form.Checked, risk string) *form.Checked {
	r := *c
	r.Risk = decimal.NewNullDecimal(decimal.RequireFromString(risk))
	return &r
}
