// Package xlsx reads an .xlsx package without knowing what it is about:
// its sheets (visible or hidden), each sheet's rows streamed token by
// token with every cell's raw value, kind, style and formula, merged
// ranges, number formats (a percentage, a date) and numbers shown as
// their format displays them, and the few uncached formulas that are safe
// to compute. Numbers are read at Excel's 15 significant digits. Every
// count is capped, so a hostile file is refused in bounded time and
// memory; an *Error says why, at its row and column when known.
//
// What a workbook means (perfeval's sheets, a self-evaluation form) is
// read by the packages above it.
package xlsx
