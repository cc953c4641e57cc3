// Package document owns the document value every command hands to the
// writers: a Document of headings, paragraphs, tables and a chart, its
// cells (text, or a number with how it is shown), and the Output that
// bundles a command's documents and JSON value, each built on demand.
//
// It is the AST between the words and the writers, as pandoc-types stands
// between pandoc's readers and writers: internal/report builds documents
// in the catalogue's words, internal/render draws them, and neither
// imports the other. It imports nothing of perfeval's.
package document
