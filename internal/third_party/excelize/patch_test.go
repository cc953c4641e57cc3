package excelize

import "testing"

// The values made lazy in this copy (README.perfeval.md) are the ones
// upstream built at initialisation.
func TestLazyValues(t *testing.T) {
	for num, want := range map[int]string{1: "A", 26: "Z", 27: "AA", 702: "ZZ", 703: "AAA", MaxColumns: "XFD"} {
		if got, err := ColumnNumberToName(num); err != nil || got != want {
			t.Errorf("ColumnNumberToName(%d) = %q, %v; want %q", num, got, err, want)
		}
	}
	for num := MinColumns; num <= MaxColumns; num++ {
		name, err := ColumnNumberToName(num)
		if back, err2 := ColumnNameToNumber(name); err != nil || err2 != nil || back != num {
			t.Fatalf("column %d is named %q, which is column %d (%v, %v)", num, name, back, err, err2)
		}
	}
	if _, err := ColumnNumberToName(MaxColumns + 1); err == nil {
		t.Error("a column past XFD has a name")
	}
	if got := bstrUnmarshal("a_x000D_b"); got != "a\rb" {
		t.Errorf("bstrUnmarshal: %q", got)
	}
	if len(dateFormats()) != 4 || len(timeFormats()) != 4 || len(dateOnlyFormats()) != 4 || len(formulaFormats()) != 7 {
		t.Error("a table of expressions lost an entry")
	}
	if !dateOnlyFormats()[2].MatchString("2024-12-31") || !formulaFormats()[3].MatchString("<=5") {
		t.Error("an expression no longer matches")
	}
	if got := wildcardTokenRE().FindAllString("a~*b?", -1); len(got) != 4 {
		t.Errorf("wildcard tokens: %q", got)
	}
	if !matchFormat().MatchString("a*") || !blankFormat().MatchString("nonblanks") || !conditionFormat().MatchString("x or y") {
		t.Error("an auto-filter expression no longer matches")
	}
	if got := expressionFormat().FindAllString(`x == "a b"`, -1); len(got) != 3 {
		t.Errorf("expression tokens: %q", got)
	}
}
