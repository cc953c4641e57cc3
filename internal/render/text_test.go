package render

import "testing"

// TestTerminalLayoutAmbiguousNarrow: a terminal counts ≥ ─ as one column
// under every locale (as tmux and most emulators draw them); only
// RUNEWIDTH_EASTASIAN=1 makes them two.
func TestTerminalLayoutAmbiguousNarrow(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		wide bool
	}{
		{map[string]string{"LANG": "zh_CN.UTF-8"}, false},
		{map[string]string{"LC_ALL": "zh_CN.UTF-8"}, false},
		{map[string]string{"LANG": "C.UTF-8"}, false},
		{map[string]string{"LANG": "zh_CN.UTF-8", "RUNEWIDTH_EASTASIAN": "1"}, true},
		{map[string]string{"LANG": "zh_CN.UTF-8", "RUNEWIDTH_EASTASIAN": "0"}, false},
	} {
		lookup := func(k string) (string, bool) { v, ok := tc.env[k]; return v, ok }
		l := TerminalLayout(80, lookup)
		if l.EastAsian != tc.wide {
			t.Errorf("%v: East-Asian %v, want %v", tc.env, l.EastAsian, tc.wide)
		}
		if want := map[bool]int{false: 1, true: 2}[tc.wide]; l.width("≥") != want {
			t.Errorf("%v: ≥ is %d wide, want %d", tc.env, l.width("≥"), want)
		}
	}
}
