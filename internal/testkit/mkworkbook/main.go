// Command mkworkbook builds .xlsx workbooks from their text form (see
// testkit.FromText): mkworkbook in.md out.xlsx. An out.docx is the same
// form written as a Word document (testkit.DocxFromText), its title as
// paragraphs and the 项目名称 block and the indicators as two tables.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/perfeval/perfeval/internal/testkit"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: mkworkbook in.md out.xlsx|out.docx")
		os.Exit(2)
	}
	write := testkit.WriteText
	if strings.EqualFold(filepath.Ext(os.Args[2]), ".docx") {
		write = func(src, dst string) error {
			return testkit.WriteDocx(src, dst, testkit.DocxOptions{Split: true, Titles: true})
		}
	}
	if err := write(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "mkworkbook:", err)
		os.Exit(1)
	}
}
