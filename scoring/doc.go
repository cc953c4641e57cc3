// Package scoring is the rules engine: it scores a project-year's Input
// against an indicators.Framework and returns a Result whose every node
// carries its score, rate and a trace a reader can check by hand. The
// Result is the one model every output reads: the execution check
// (CheckExecution) is a Result too, and a trace is data (Trace, Calc) that
// internal/report puts words on.
//
// It is pure: no files, no spreadsheets, no command line. All arithmetic is
// decimal; each leaf is rounded once, at its precision and by its rounding
// (half-up unless the framework or the indicator says otherwise),
// and parents are the exact sums of their children.
package scoring
