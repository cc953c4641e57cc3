package workbook

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/perfeval/perfeval/internal/diag"
)

// What a column holds: how init formats and validates it.
type kind int

const (
	textKind   kind = iota // free text
	codeKind               // a code, kept as text so that 1.10 stays 1.10
	amountKind             // money, 0 or more
	pointsKind             // deducted points, more than 0
	scoreKind              // a score, 0 or more
	valueKind              // a target or actual value (the value grammar)
)

// A column of a sheet: its Chinese header and English alias, and what the
// blank workbook and its 说明 sheet say of it. This table is the one place
// a column is declared: the reader, init's blank workbook and the 说明
// sheet all read it.
type column struct {
	key      string // the English alias, used in code
	name     string
	aliases  []string // other headers printed forms use for it
	required bool
	extra    bool // optional and left out of init's blank workbook; the 说明 sheet lists it
	kind     kind
	wide     bool   // a column of long text
	about    string // its explanation in the 说明 sheet
	example  string
}

// A field is a row of 项目信息.
type field struct {
	key, name      string
	about, example string
}

// A sheet the reader knows.
type sheet struct {
	name    string // Chinese name
	alias   string // English alias
	about   string // its explanation in the 说明 sheet
	columns []column
	fields  []field // 项目信息: the rows it reads
}

var (
	projectSheet = sheet{"项目信息", "project", "项目的基本信息，每行一个字段。", []column{
		{key: "field", name: "字段", required: true, kind: textKind},
		{key: "value", name: "值", required: true, kind: textKind, wide: true},
	}, []field{
		{"name", "项目名称", "报告标题使用的项目名称（必填）。", "2024年12355项目经费"},
		{"code", "项目编码", "可选：预算项目编码，印在报告封面。", "44000024T000001234567"},
		{"department", "主管部门", "项目主管部门。", "共青团广东省委员会"},
		{"implementer", "实施单位", "可选：项目实施单位，印在报告封面。", "广东省青少年事务服务中心"},
		{"kind", "评价类型", "绩效自评 或 绩效评价。", "绩效评价"},
		{"evaluator", "评价机构", "可选：开展评价的机构，印在报告封面。", "某某会计师事务所"},
		{"year", "年度", "预算年度，用于计算序时进度。", "2024"},
		{"as_of", "评价基准日", "评价截止日期：日期单元格、2024-12-31 或 2024年12月31日。", "2024-12-31"},
		{"report_date", "报告日期", "可选：报告出具日期，写法同评价基准日，印在报告封面。", "2025-03-31"},
		{"unit", "金额单位", "各表金额的单位。", "万元"},
		{"goal", "年度总体目标", "可选：年度总体目标（年初设定的预期目标），写入报告和 --format form 的自评表。", "全年开展线下宣传活动不少于50场，日均咨询量不少于1700个"},
		{"achieved", "年度目标完成情况", "可选：年度总体目标的实际完成情况，写入报告和自评表。", "全年开展线下宣传活动23612场，日均咨询量1755个"},
	}}
	targetsSheet = sheet{"绩效目标", "targets", "每个需要目标值的指标一行；已按指标体系预填编码和名称。", []column{
		{key: "code", name: "指标编码", required: true, kind: codeKind, about: "指标体系中的编码（文本）。", example: "C123"},
		{key: "name", name: "指标名称", aliases: []string{"三级指标"}, kind: textKind, wide: true, about: "指标名称；与指标体系不一致时给出警告。", example: "有效通话量同期增长率"},
		{key: "target", name: "目标值", aliases: []string{"年度目标值", "年度指标值", "指标值"}, required: true, kind: valueKind, about: "[比较符] 数字 [%/‰/万/亿] [单位]；省略比较符表示“不低于”。", example: "≥30%、80个、≤50元、不超预算"},
		{key: "actual", name: "实际值", aliases: []string{"全年实际值", "实际完成值", "全年实际完成值"}, required: true, kind: valueKind, about: "同上；写“不适用”则该指标不计分、总分按剩余分值折算。", example: "26.51%、1755个、不适用"},
		{key: "note", name: "备注", aliases: []string{"偏差原因", "偏差原因分析及改进措施", "未完成原因", "未完成原因及拟采取的改进措施", "未完成原因分析", "偏差原因分析"}, kind: textKind, wide: true, about: "偏差原因或其他说明，不参与计算，写入各输出与报告；也可用“偏差原因”“偏差原因分析及改进措施”“未完成原因”作列名。", example: "受疫情影响延期"},
		{key: "comparator", name: "比较符", aliases: []string{"指标性质"}, extra: true, kind: textKind, about: "可选：目标值的比较符（≥、≤、＝、不低于……），与目标值、计量单位合为完整目标；目标值本身写了不同的比较符时报错。", example: "≥"},
		{key: "unit", name: "计量单位", aliases: []string{"度量单位"}, extra: true, kind: textKind, about: "可选：目标值的单位（%、个、人次……），也用于未写单位的实际值；目标值本身写了不同的单位时报错。", example: "%"},
		{key: "claimed", name: "自评得分", aliases: []string{"得分", "自评分"}, extra: true, kind: scoreKind, about: "可选：单位自评的得分；与规则得分不同时给出警告。", example: "9"},
	}, nil}
	deductionsSheet = sheet{"扣分", "deductions", "评价人的扣分，每条一行；同一指标可有多行。", []column{
		{key: "code", name: "指标编码", required: true, kind: codeKind, about: "被扣分的末级指标编码。", example: "C141"},
		{key: "points", name: "扣分", required: true, kind: pointsKind, about: "扣减的分数（大于 0，不得超过该指标剩余得分）。", example: "0.5"},
		{key: "reason", name: "扣分理由", required: true, kind: textKind, wide: true, about: "扣分理由（必填），写入报告。", example: "咨询服务超支2.44万元"},
	}, nil}
	fundingSheet = sheet{"预算执行", "funding", "每条资金来源一行；编号分级（1、1.1、1.1.2），上级空白金额取下级之和。编号或名称为“合计”“小计”“总计”的行是填报的合计数：只与所合计的行核对，不计入。", []column{
		{key: "line", name: "编号", required: true, kind: codeKind, about: "资金编号（文本，1.10 与 1.1 不同）。", example: "1.3"},
		{key: "name", name: "资金名称", kind: textKind, wide: true, about: "资金名称。", example: "2024年年中追加"},
		{key: "initial", name: "年初预算数", extra: true, kind: amountKind, about: "可选：年初批复的预算；与预算数（全年预算，执行率以它为准）的差为调整数。", example: "300.00"},
		{key: "budget", name: "预算数", aliases: []string{"全年预算数"}, required: true, kind: amountKind, about: "全年预算金额（含调整，不小于 0），执行率以它为准。", example: "402.75"},
		{key: "paid", name: "实际支出", aliases: []string{"全年执行数"}, required: true, kind: amountKind, about: "实际支出金额。", example: "129.00"},
		{key: "recovered", name: "财政收回", kind: amountKind, about: "被财政收回的金额，默认计入执行数。", example: "1.33"},
	}, nil}
	itemsSheet = sheet{"支出明细", "items", "每个支出用途一行，用于检查超支；编号分级与合计行同上。", []column{
		{key: "line", name: "编号", required: true, kind: codeKind, about: "明细编号（文本）。", example: "4.5.1"},
		{key: "name", name: "用途", kind: textKind, wide: true, about: "支出用途。", example: "咨询服务"},
		{key: "budget", name: "预算数", required: true, kind: amountKind, about: "预算金额。", example: "9.21"},
		{key: "actual", name: "实际支出", kind: amountKind, about: "实际支出（可空：未统计）。", example: "11.65"},
	}, nil}
	narrativeSheet = sheet{"报告正文", "narrative", "报告的文字部分，每行一段，按顺序。章节为 项目概况、评价结论、主要绩效、存在问题、改进建议 的段落放在报告相应位置（项目概况在基本情况中，评价结论在得分表之后，其余在资金执行情况之后）；其他章节名依次排在改进建议之后。章节留空表示同上一段。", []column{
		{key: "section", name: "章节", required: true, kind: textKind, about: "段落所属章节；可带序号（“四、存在的问题”）。", example: "存在问题"},
		{key: "text", name: "内容", aliases: []string{"正文"}, required: true, kind: textKind, wide: true, about: "一段文字；内容为空的行不读。", example: "部分绩效指标设置不够细化……"},
	}, nil}
	analysisSheet = sheet{"指标说明", "analysis", "评价人对指标的分析说明，每行一段，写在报告“指标分析”中该指标之下；已按指标体系预填各级指标。", []column{
		{key: "code", name: "指标编码", required: true, kind: codeKind, about: "任一级指标的编码（文本）。", example: "A11"},
		{key: "name", name: "指标名称", kind: textKind, about: "指标名称，便于对照；与指标体系不一致时给出警告。", example: "论证决策"},
		{key: "text", name: "分析说明", aliases: []string{"说明", "评价说明"}, required: true, kind: textKind, wide: true, about: "一段分析；内容为空的行不读。", example: "本项目属于延续性项目，立项依据充分……"},
	}, nil}
)

// Sheets lists every sheet the reader knows, in the order init writes them.
var sheets = []sheet{projectSheet, targetsSheet, deductionsSheet, fundingSheet, itemsSheet, narrativeSheet, analysisSheet}

// Normalize makes header and sheet names comparable: no spaces of any
// width anywhere, no invisible characters (reported where they are read:
// a header or sheet with one is found, and is an error), and English in
// lower case.
func Normalize(s string) string {
	return strings.ToLower(strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || diag.IsInvisible(r) {
			return -1
		}
		return r
	}, s))
}

// unitSuffix is a unit in brackets after a header: 预算数（万元）, budget (yuan).
var unitSuffix = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[（(][^）()]*[）)]$`) })

// TrimBracket takes a bracketed suffix off a header: 预算数（万元） is 预算数.
func TrimBracket(h string) string {
	if !strings.HasSuffix(h, ")") && !strings.HasSuffix(h, "）") {
		return h // most headers: no need to run the expression
	}
	return unitSuffix().ReplaceAllString(h, "")
}

func (c column) matches(header string) bool {
	h := Normalize(header)
	if c.is(h) {
		return true
	}
	h = unitSuffix().ReplaceAllString(h, "")
	return h != "" && c.is(h)
}

// is reports whether a normalized header names the column.
func (c column) is(h string) bool {
	if h == Normalize(c.name) || h == c.key {
		return true
	}
	for _, a := range c.aliases {
		if h == Normalize(a) {
			return true
		}
	}
	return false
}

// A known is a name a sheet or column is known by, and the key it stands for.
type known struct{ key, name string }

// nearMiss returns the key of the longest known name that s holds
// (财政收回数 holds 财政收回, 扣分表 holds 扣分), for a sheet or column whose
// name is no known one; ok is false when s holds none, or two keys tie.
func nearMiss(s string, names []known) (key string, ok bool) {
	h := unitSuffix().ReplaceAllString(Normalize(s), "")
	longest, tie := 0, false
	for _, k := range names {
		n := Normalize(k.name)
		if utf8.RuneCountInString(n) < 2 || !strings.Contains(h, n) {
			continue
		}
		switch l := len(n); {
		case l > longest:
			key, longest, tie = k.key, l, false
		case l == longest && k.key != key:
			tie = true
		}
	}
	return key, longest > 0 && !tie
}

// names lists the names a sheet's columns are known by.
func (s sheet) names() []known {
	var out []known
	for _, c := range s.columns {
		out = append(out, known{c.key, c.name})
		for _, a := range c.aliases {
			out = append(out, known{c.key, a})
		}
	}
	return out
}

// knownSheets lists the Chinese names of the sheets the reader knows.
func knownSheets() []known {
	out := make([]known, len(sheets))
	for i, s := range sheets {
		out[i] = known{s.alias, s.name}
	}
	return out
}

// blankColumns are the columns init's blank workbook has.
func (s sheet) blankColumns() []column {
	var out []column
	for _, c := range s.columns {
		if !c.extra {
			out = append(out, c)
		}
	}
	return out
}

func (s sheet) matches(name string) bool {
	n := Normalize(name)
	return n == Normalize(s.name) || n == s.alias
}

// A Column names one thing a workbook may hold: a column of a sheet, or a
// row of 项目信息 (Field).
type Column struct {
	Sheet string // the sheet's Chinese name
	Name  string // the header, or the 项目信息 row's 字段
	Key   string // the English alias
	Field bool   // a 项目信息 row rather than a column
}

// Columns lists everything the reader reads, sheet by sheet: what must
// reach every output. (项目信息's own 字段 and 值 columns are its frame,
// not data, and are left out.)
func Columns() []Column {
	var out []Column
	for _, s := range sheets {
		if s.fields != nil {
			for _, f := range s.fields {
				out = append(out, Column{Sheet: s.name, Name: f.name, Key: f.key, Field: true})
			}
			continue
		}
		for _, c := range s.columns {
			out = append(out, Column{Sheet: s.name, Name: c.name, Key: c.key})
		}
	}
	return out
}
