// Package diag is where a value came from and what is wrong with it, as
// go/token and go/scanner's ErrorList are for Go source: a Pos (a line and
// column of a framework file, framework.yaml:14:7, or a cell of a
// workbook, 2024.xlsx!绩效目标!D7), an Error at a Pos with an optional hint,
// Errors that collect every problem of an input and sort them by place,
// and a Warning, which does not stop the run. It also finds the invisible
// characters (zero-width, bidirectional controls) that make a name or a
// code look like another. Every reader and the core report through it.
package diag
