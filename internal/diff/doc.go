// Package diff compares two scored results of a project — two years, or two
// evaluations of one year — indicator by indicator, matched by code, in
// decimals. It tells a change of performance from a change of the
// framework, a target or a deduction, and reconciles the leaves' changes
// with the total's.
//
// It compares Results: what a comparison reads of a scored result, which
// a scoring.Result (FromResult) and a saved result JSON
// (internal/resultjson's Decode) both turn into without loss. What it
// finds is data; internal/report words it.
package diff
