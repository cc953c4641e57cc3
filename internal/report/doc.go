// Package report turns results into documents a person reads, in the words
// of the catalogue (templates/report/*.tmpl, replaceable with --template):
// a command's tables (score's four, execution's, diff's, a batch's
// summary), the evaluation report (cover, sections, prose, tables, chart)
// and the JSON encoding of a result with its decoder. It builds values
// only (internal/document's); internal/render draws them in each
// format.
package report
