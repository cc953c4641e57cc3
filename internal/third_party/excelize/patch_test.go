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
	// The tables made lazy hold as many entries as upstream's.
	for name, n := range map[string][2]int{
		"langNumFmt":                       {len(langNumFmt()), 5},
		"currencyNumFmt":                   {len(currencyNumFmt()), 471},
		"supportedLanguageInfo":            {len(supportedLanguageInfo()), 416},
		"supportedFontWidthFactors":        {len(supportedFontWidthFactors()), 295},
		"conversionUnits":                  {len(conversionUnits()), 153},
		"unitConversions":                  {len(unitConversions()), 12},
		"conversionMultipliers":            {len(conversionMultipliers()), 29},
		"formCtrlPresets":                  {len(formCtrlPresets()), 8},
		"chartView3DRotX":                  {len(chartView3DRotX()), 53},
		"chartView3DRotY":                  {len(chartView3DRotY()), 53},
		"chartView3DRAngAx":                {len(chartView3DRAngAx()), 54},
		"chartValAxNumFmtFormatCode":       {len(chartValAxNumFmtFormatCode()), 57},
		"chartValAxCrossBetween":           {len(chartValAxCrossBetween()), 57},
		"plotAreaChartGrouping":            {len(plotAreaChartGrouping()), 42},
		"plotAreaChartBarDir":              {len(plotAreaChartBarDir()), 36},
		"criteriaType":                     {len(criteriaType()), 30},
		"operatorType":                     {len(operatorType()), 22},
		"validType":                        {len(validType()), 17},
		"condFmtIconSetPresets":            {len(condFmtIconSetPresets()), 17},
		"supportedChartDataLabelsPosition": {len(supportedChartDataLabelsPosition()), 12},
	} {
		if n[0] != n[1] {
			t.Errorf("%s has %d entries; upstream's has %d", name, n[0], n[1])
		}
	}
	if got := langNumFmt()["zh-cn"][27]; got != `yyyy"年"m"月"` {
		t.Errorf("langNumFmt zh-cn 27 = %q", got)
	}
	if got := currencyNumFmt()[164]; got != `"¥"#,##0.00` {
		t.Errorf("currencyNumFmt 164 = %q", got)
	}
	if got := supportedLanguageInfo()[2052].tags; len(got) != 1 || got[0] != "zh-CN" {
		t.Errorf("supportedLanguageInfo 2052 = %q", got)
	}
}

// sniff.go is net/http's DetectContentType: the types it names.
func TestDetectContentType(t *testing.T) {
	for in, want := range map[string]string{
		"\x89PNG\x0D\x0A\x1A\x0A rest": "image/png",
		"%PDF-1.7":                     "application/pdf",
		"PK\x03\x04":                   "application/zip",
		"hello, 世界":                    "text/plain; charset=utf-8",
		"\x00\x01\x02":                 "application/octet-stream",
		"<html><body>":                 "text/html; charset=utf-8",
		"\xFF\xD8\xFF\xE0 jpeg":        "image/jpeg",
	} {
		if got := detectContentType([]byte(in)); got != want {
			t.Errorf("detectContentType(%q) = %q; want %q", in, got, want)
		}
	}
}
