// Command mkworkbook builds .xlsx workbooks from their text form (see
// testkit.FromText): mkworkbook in.md out.xlsx.
package main

import (
	"fmt"
	"os"

	"github.com/perfeval/perfeval/internal/testkit"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: mkworkbook in.md out.xlsx")
		os.Exit(2)
	}
	if err := testkit.WriteText(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "mkworkbook:", err)
		os.Exit(1)
	}
}
