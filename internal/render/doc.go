// Package render writes what a command produced in every format the user
// can pick: terminal text, CSV, Markdown, JSON, XLSX, PDF and DOCX. Each
// format is one file here and one line in the registry (render.go); a
// format draws either a command's tables or its report, or writes its JSON
// value, and only ever reads the document.Output it is given.
//
// It sits beside internal/document, not under internal/report: it draws
// documents and knows nothing of the words that built them or of the
// result they came from, so it imports internal/document and not
// internal/report.
package render
