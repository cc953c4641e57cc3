// Command perfeval scores public-finance project performance evaluations.
package main

import (
	"os"

	"github.com/perfeval/perfeval/internal/cli"
)

func main() { os.Exit(cli.Run()) }
