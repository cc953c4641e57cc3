// Package docxtable reads the tables of a Word .docx package without
// knowing what they are about: the body's paragraphs and tables in order,
// each table as a grid of cell texts (runs joined, soft breaks and tabs as
// spaces, a cell's paragraphs joined by line breaks) with w:gridSpan as
// horizontal merges and w:vMerge as vertical ones, the merged text kept in
// the top-left cell as a workbook keeps it. Every count is capped (package
// size, parts, unzipped bytes, XML depth, table cells, cell length) and a
// DTD is refused, so a hostile file is refused in bounded time and memory;
// an *Error says why, at its table, row and column when known.
//
// What a table means (a self-evaluation form) is read by the form package.
package docxtable
