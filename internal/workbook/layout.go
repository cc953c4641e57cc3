package workbook

import (
	"regexp"
	"strings"
	"unicode"
)

// A column of a sheet: its Chinese header and English alias.
type column struct {
	key      string // the English alias, used in code
	name     string
	required bool
}

// A sheet the reader knows.
type sheet struct {
	name    string // Chinese name
	alias   string // English alias
	columns []column
}

var (
	projectSheet = sheet{"项目信息", "project", []column{
		{"field", "字段", true}, {"value", "值", true},
	}}
	targetsSheet = sheet{"绩效目标", "targets", []column{
		{"code", "指标编码", true}, {"name", "指标名称", false},
		{"target", "目标值", true}, {"actual", "实际值", true}, {"note", "备注", false},
	}}
	deductionsSheet = sheet{"扣分", "deductions", []column{
		{"code", "指标编码", true}, {"points", "扣分", true}, {"reason", "扣分理由", true},
	}}
	fundingSheet = sheet{"预算执行", "funding", []column{
		{"line", "编号", true}, {"name", "资金名称", false},
		{"budget", "预算数", true}, {"paid", "实际支出", true}, {"recovered", "财政收回", false},
	}}
	itemsSheet = sheet{"支出明细", "items", []column{
		{"line", "编号", true}, {"name", "用途", false},
		{"budget", "预算数", true}, {"actual", "实际支出", false},
	}}
)

// Sheets lists every sheet the reader knows, in the order init writes them.
var sheets = []sheet{projectSheet, targetsSheet, deductionsSheet, fundingSheet, itemsSheet}

// The rows of 项目信息, with their English aliases.
var projectFields = []struct{ key, name string }{
	{"name", "项目名称"}, {"department", "主管部门"}, {"kind", "评价类型"},
	{"year", "年度"}, {"as_of", "评价基准日"}, {"unit", "金额单位"},
}

// normalize makes header and sheet names comparable: no spaces of any
// width anywhere, and English in lower case.
func normalize(s string) string {
	return strings.ToLower(strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s))
}

// unitSuffix is a unit in brackets after a header: 预算数（万元）, budget (yuan).
var unitSuffix = regexp.MustCompile(`[（(][^）()]*[）)]$`)

func (c column) matches(header string) bool {
	h := normalize(header)
	if h == normalize(c.name) || h == c.key {
		return true
	}
	h = unitSuffix.ReplaceAllString(h, "")
	return h != "" && (h == normalize(c.name) || h == c.key)
}

func (s sheet) matches(name string) bool {
	n := normalize(name)
	return n == normalize(s.name) || n == s.alias
}
