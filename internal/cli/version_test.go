package cli

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestBuildVersion(t *testing.T) {
	const rev = "296c57a1b2c3d4e5f60718293a4b5c6d7e8f9012"
	vcs := func(modified string) []debug.BuildSetting {
		return []debug.BuildSetting{
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: rev},
			{Key: "vcs.time", Value: "2025-12-02T17:05:00Z"},
			{Key: "vcs.modified", Value: modified},
		}
	}
	module := func(version string, settings ...debug.BuildSetting) *debug.BuildInfo {
		return &debug.BuildInfo{
			Path:     "github.com/perfeval/perfeval/cmd/perfeval",
			Main:     debug.Module{Path: "github.com/perfeval/perfeval", Version: version},
			Settings: settings,
		}
	}
	tests := []struct {
		name   string
		commit string // stamped by -ldflags
		info   *debug.BuildInfo
		want   string
	}{
		{"no build info", "", nil, "0.1.0"},
		{"go run, go test, -buildvcs=false", "", module("(devel)"), "0.1.0"},
		{"no main module version", "", module(""), "0.1.0"},
		{"stamped by make install", "296c57a1b2c3", module("(devel)"), "0.1.0 (296c57a1b2c3)"},
		{"stamped, over the VCS record", "abcdef012345", module("(devel)", vcs("true")...), "0.1.0 (abcdef012345)"},
		{"stamped, over the module version", "296c57a1b2c3", module("v0.2.0"), "0.1.0 (296c57a1b2c3)"},
		{"checkout", "", module("(devel)", vcs("false")...), "0.1.0 (296c57a1b2c3)"},
		{"checkout, modified", "", module("(devel)", vcs("true")...), "0.1.0 (296c57a1b2c3-dirty)"},
		// Since Go 1.24 a build in a checkout also records a version made
		// from the commit; the commit is what is shown, as for (devel).
		{"checkout, Go's version from VCS", "", module("v0.0.0-20251202170500-296c57a1b2c3+dirty", vcs("true")...), "0.1.0 (296c57a1b2c3-dirty)"},
		{"checkout, short revision", "", module("(devel)", debug.BuildSetting{Key: "vcs.revision", Value: "296c57a"}), "0.1.0 (296c57a)"},
		{"go install @v0.2.0", "", module("v0.2.0"), "v0.2.0"},
		{"go install @latest, untagged", "", module("v0.0.0-20251202170500-296c57a1b2c3"), "v0.0.0-20251202170500-296c57a1b2c3"},
		{"go install @v0.3.0-rc.1", "", module("v0.3.0-rc.1"), "v0.3.0-rc.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := buildVersion("0.1.0", tt.commit, tt.info); got != tt.want {
				t.Errorf("buildVersion = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestVersionShortcut: --version (or -v) alone is answered before the
// commands are made (Run); what it prints is what cobra prints.
func TestVersionShortcut(t *testing.T) {
	_, viaCobra, _ := run(t, "--lang", "zh", "--version")
	if viaCobra != "perfeval version "+versionLine()+"\n" {
		t.Fatalf("cobra prints %q", viaCobra)
	}
	var shortcut strings.Builder
	if code := printVersion(&shortcut); code != ExitOK || shortcut.String() != viaCobra {
		t.Errorf("the shortcut: exit %d, %q; want 0, %q", code, shortcut.String(), viaCobra)
	}
	for _, args := range [][]string{{"--version"}, {"-v"}} {
		if !versionOnly(args) {
			t.Errorf("%q: not taken as the version alone", args)
		}
		code, out, errs := run(t, args...)
		if code != ExitOK || out != viaCobra || errs != "" {
			t.Errorf("%q: exit %d, %q, %q; want 0, %q", args, code, out, errs, viaCobra)
		}
	}
	for _, args := range [][]string{{}, {"--version", "score"}, {"score", "--version"}, {"--versions"}, {"version"}} {
		if versionOnly(args) {
			t.Errorf("%q taken as the version alone", args)
		}
	}
}
