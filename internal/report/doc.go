// Package report owns the wording: it turns results into documents a
// person reads, in the words of the catalogue (templates/report/*.tmpl,
// replaceable with --template): a command's tables (score's four,
// execution's, diff's, check's, a batch's summary) and the evaluation
// report (cover, sections, prose, tables, chart). It builds
// internal/document values only; internal/render draws them.
//
// The JSON of a result, an execution check and a comparison is
// internal/resultjson's; this package hands it the sentences those carry
// (traces, changes). The JSON of `perfeval check` stays here beside
// CheckRun: it encodes form checks rather than results, and its natural
// home is the form package's.
package report
