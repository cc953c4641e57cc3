package resultjson

import (
	"encoding/json"

	"github.com/perfeval/perfeval/internal/diff"
)

// Diff is the JSON of `perfeval diff`: a comparison of two results.
type Diff struct {
	Old            DiffSide        `json:"old"`
	New            DiffSide        `json:"new"`
	TotalDelta     json.Number     `json:"total_delta"`
	LeafDeltaSum   json.Number     `json:"leaf_delta_sum"`
	RescaleDelta   json.Number     `json:"rescale_delta"`
	Reconciliation string          `json:"reconciliation"`
	Indicators     []DiffIndicator `json:"indicators"`
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
		Reconciliation: reconciliation, Indicators: []DiffIndicator{},
	}
	for _, in := range d.Indicators {
		j := DiffIndicator{Code: in.Code, Name: in.Name, Group: in.Group, Level: in.Level, Status: in.Status,
			Delta: fixed(in.Delta, prec), FrameworkChanges: changes(in.Framework), Changes: changes(in.Changes)}
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
