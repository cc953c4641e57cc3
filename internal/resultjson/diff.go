package resultjson

import (
	"encoding/json"

	"github.com/perfeval/perfeval/internal/diff"
	"github.com/shopspring/decimal"
)

// Diff is the JSON of `perfeval diff`: a comparison of two results.
type Diff struct {
	Old            DiffSide    `json:"old"`
	New            DiffSide    `json:"new"`
	TotalDelta     json.Number `json:"total_delta"`
	LeafDeltaSum   json.Number `json:"leaf_delta_sum"`
	RescaleDelta   json.Number `json:"rescale_delta"`
	Reconciliation string      `json:"reconciliation"`
	// Reconciles: the leaves' changes and the rescaling add up to the
	// total's change, as the reconciliation says in words.
	Reconciles bool            `json:"reconciles"`
	Indicators []DiffIndicator `json:"indicators"`
}

type DiffSide struct {
	Project Project     `json:"project"`
	Total   json.Number `json:"total"`
	Grade   string      `json:"grade"`
	Source  string      `json:"source"`
}

type DiffIndicator struct {
	Code             string       `json:"code"`
	Name             string       `json:"name"`
	Group            string       `json:"group"`
	Level            int          `json:"level"`
	Status           string       `json:"status"`
	OldScore         *json.Number `json:"old_score"`
	NewScore         *json.Number `json:"new_score"`
	Delta            json.Number  `json:"delta"`
	OldWeight        *json.Number `json:"old_weight"`
	NewWeight        *json.Number `json:"new_weight"`
	OldTarget        *string      `json:"old_target"`
	NewTarget        *string      `json:"new_target"`
	OldActual        *string      `json:"old_actual"`
	NewActual        *string      `json:"new_actual"`
	FrameworkChanges []string     `json:"framework_changes"`
	Changes          []string     `json:"changes"`
	// The same changes as data, beside the words.
	FrameworkChangeList []ChangeJSON `json:"framework_change_list"`
	ChangeList          []ChangeJSON `json:"change_list"`
}

// ChangeJSON is one change of an indicator: kind is what changed (weight,
// rule, name, structure, target, actual, deductions, executed, budget),
// old and new as written (null where there is none), delta new − old
// where both are plain numbers.
type ChangeJSON struct {
	Code  string       `json:"code"`
	Kind  string       `json:"kind"`
	Old   *string      `json:"old"`
	New   *string      `json:"new"`
	Delta *json.Number `json:"delta"`
}

func changeList(code string, list []diff.Change) []ChangeJSON {
	out := make([]ChangeJSON, len(list))
	for i, c := range list {
		j := ChangeJSON{Code: code, Kind: c.Field}
		if c.Old != "" {
			j.Old = ptr(c.Old)
		}
		if c.New != "" {
			j.New = ptr(c.New)
		}
		o, err1 := decimal.NewFromString(c.Old)
		n, err2 := decimal.NewFromString(c.New)
		if err1 == nil && err2 == nil {
			j.Delta = ptr(json.Number(n.Sub(o).String()))
		}
		out[i] = j
	}
	return out
}

// EncodeDiff is the JSON value of a comparison; every indicator is listed,
// with its status. The words it carries are given: the reconciliation of
// the leaves with the total, and change, which words one change.
func EncodeDiff(d *diff.Diff, reconciliation string, change func(diff.Change) string) Diff {
	changes := func(list []diff.Change) []string {
		out := make([]string, len(list))
		for i, c := range list {
			out[i] = change(c)
		}
		return out
	}
	prec := d.Precision
	side := func(s diff.Side) DiffSide {
		return DiffSide{Project: encodeProject(s.Result.Project), Total: fixed(s.Result.Total, s.Result.Precision), Grade: s.Result.Grade, Source: s.Source}
	}
	out := Diff{
		Old: side(d.Old), New: side(d.New),
		TotalDelta: fixed(d.TotalDelta, prec), LeafDeltaSum: fixed(d.LeafSum, prec), RescaleDelta: fixed(d.Rescale, prec),
		Reconciliation: reconciliation, Reconciles: d.LeafSum.Add(d.Rescale).Equal(d.TotalDelta), Indicators: []DiffIndicator{},
	}
	for _, in := range d.Indicators {
		j := DiffIndicator{Code: in.Code, Name: in.Name, Group: in.Group, Level: in.Level, Status: in.Status,
			Delta: fixed(in.Delta, prec), FrameworkChanges: changes(in.Framework), Changes: changes(in.Changes),
			FrameworkChangeList: changeList(in.Code, in.Framework), ChangeList: changeList(in.Code, in.Changes)}
		if in.OldScore.Valid {
			j.OldScore = ptr(fixed(in.OldScore.Decimal, prec))
		}
		if in.NewScore.Valid {
			j.NewScore = ptr(fixed(in.NewScore.Decimal, prec))
		}
		if o := in.Old; o != nil {
			j.OldWeight, j.OldTarget, j.OldActual = ptr(plain(o.Weight)), o.Target, o.Actual
		}
		if n := in.New; n != nil {
			j.NewWeight, j.NewTarget, j.NewActual = ptr(plain(n.Weight)), n.Target, n.Actual
		}
		out.Indicators = append(out.Indicators, j)
	}
	return out
}
