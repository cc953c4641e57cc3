// Package report turns results into tables and writes them in every
// format: aligned terminal text, CSV, Markdown and JSON. A command builds
// its tables once; the writer is picked by format, not by command.
package report
