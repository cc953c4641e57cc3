// Package resultjson owns the JSON encoding of results: the JSON of
// `perfeval score` (Result, an encoding of scoring.Result) with its
// decoder (Decode, with which `diff` reads a saved result back), and the
// two encodings built of the same parts: `perfeval execution`'s
// (ExecutionCheck, the same result's execution figures) and `perfeval
// diff`'s (Diff, a comparison whose sides are results). A field of the
// schema is named, written and read here and nowhere else.
//
// The sentences some fields carry (a trace as a reader reads it, a
// comparison's changes and reconciliation) are handed in by
// internal/report, which owns the wording; this package never imports it.
// `perfeval check`'s JSON is not here: it encodes form checks, not
// results, and stays beside them.
package resultjson
