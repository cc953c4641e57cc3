package templates

import (
	"embed"
	"fmt"
	"sort"
	"strings"
)

//go:embed frameworks/*.yaml
var frameworkFS embed.FS

// FrameworkNames lists the built-in frameworks: evaluation (the common
// 决策/过程/产出/效益 framework) and self-evaluation (the 自评 form).
func FrameworkNames() []string {
	entries, _ := frameworkFS.ReadDir("frameworks")
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	sort.Strings(out)
	return out
}

// Framework returns the YAML of a built-in framework.
func Framework(name string) ([]byte, error) {
	data, err := frameworkFS.ReadFile("frameworks/" + name + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("no built-in framework %q (one of %s)", name, strings.Join(FrameworkNames(), ", "))
	}
	return data, nil
}
