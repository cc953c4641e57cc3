package scoring

import (
	"time"

	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/diag"
	"github.com/shopspring/decimal"
)

// An Input is everything one project-year's workbook says, each value with
// the place it was read from. The workbook reader fills it; Score reads it.
type Input struct {
	File        string // the workbook, as named by the user
	Project     Project
	AchievedPos diag.Pos // where Project.Achieved is written (a standard form's)
	TotalPos    diag.Pos // where a printed 总分 is (a standard form's)

	HasTargets bool      // the 绩效目标 sheet exists
	Targets    []Measure // its rows
	TargetsPos diag.Pos

	Deductions []Deduction // the 扣分 sheet's rows

	HasFunding bool   // the 预算执行 sheet exists
	Funding    []Line // its rows (fund lines)
	FundingPos diag.Pos

	HasItems bool   // the 支出明细 sheet exists
	Items    []Line // its rows (spending items; Paid is 实际支出)

	Narrative []Paragraph // the 报告正文 sheet's rows: the report's prose
	Analyses  []Analysis  // the 指标说明 sheet's rows: the analysis of indicators

	// Unread lists the sheets (by Chinese name) that exist but could not
	// be read: their mistakes are reported, and what needs them is not
	// reported again as missing.
	Unread []string

	Files    []File         // the input files, for the record
	Warnings []diag.Warning // found while reading
}

// A Project is the 项目信息 sheet.
type Project struct {
	Name        string    // 项目名称
	Code        string    // 项目编码
	Department  string    // 主管部门
	Implementer string    // 实施单位
	Evaluator   string    // 评价机构: who evaluated the project
	ReportDate  time.Time // 报告日期 (a date, UTC); zero when not given
	Goal        string    // 年度总体目标: the year's goal as planned (a standard form's)
	Achieved    string    // 年度总体目标: what was achieved (a standard form's)
	Kind        string    // 评价类型: 绩效自评 or 绩效评价
	Year        string    // 年度
	AsOf        time.Time // 评价基准日 (a date, UTC); zero when not given
	Unit        string    // 金额单位, e.g. 万元
}

// MinYear and MaxYear bound a project's 年度 and 评价基准日, and --as-of:
// the time schedule is counted in the months of such a year.
const MinYear, MaxYear = 1900, 2999

// SelfEvaluation is the 评价类型 of a self-evaluation (绩效自评).
const SelfEvaluation = "绩效自评"

// A Paragraph is one row of 报告正文: a paragraph of the evaluator's prose
// and the section of the report it belongs to (项目概况, 存在问题…).
type Paragraph struct {
	Section string
	Text    string
	Pos     diag.Pos // the text cell
}

// The sections of 报告正文 that the report places where the reference
// reports put them, in their order; any other section comes after the last.
const (
	SectionOverview    = "项目概况" // in 基本情况
	SectionConclusion  = "评价结论" // after the score table and chart
	SectionPerformance = "主要绩效"
	SectionProblems    = "存在问题"
	SectionAdvice      = "改进建议"
)

// Sections lists the placed sections in order.
var Sections = []string{SectionOverview, SectionConclusion, SectionPerformance, SectionProblems, SectionAdvice}

// An Analysis is one row of 指标说明: a paragraph of the evaluator's
// analysis of an indicator, at any level of the tree.
type Analysis struct {
	Code string
	Name string // as written beside the code, if at all
	Text string

	Pos     diag.Pos // the code cell
	NamePos diag.Pos
}

// A Measure is one row of 绩效目标: an indicator's target (目标值) and
// actual value (实际值).
type Measure struct {
	Code      string
	Name      string
	Target    indicators.Value
	Actual    indicators.Value
	HasTarget bool
	HasActual bool
	Note      string              // 备注 / 偏差原因: the deviation reason
	Reason    string              // a form's reason as written, when it begins with stated deductions (扣N分)
	Claimed   decimal.NullDecimal // 自评得分: the score the unit wrote down
	Invalid   bool                // a cell of the row could not be read (already reported)
	Parts     []Part              // a form's breakdown rows (其中…): shown, never scored

	Pos        diag.Pos // the code cell
	NamePos    diag.Pos
	TargetPos  diag.Pos
	ActualPos  diag.Pos
	ClaimedPos diag.Pos
	NotePos    diag.Pos // where the deviation reason is (or would be) written
}

// A Part is a breakdown row of a form (其中…) under an indicator: its own
// target and actual, shown under the indicator and never weighted or
// scored.
type Part struct {
	Name           string
	Target, Actual *indicators.Value // nil where the cell is blank
	Pos            diag.Pos
}

// A Deduction (扣分) takes points off a leaf, for a stated reason.
type Deduction struct {
	Code   string
	Points decimal.Decimal
	Reason string
	// Stated marks a deduction the unit wrote at the start of a form's
	// deviation reason (扣0.5分：…) rather than an evaluator's row of 扣分.
	// It is taken off where it fits what the rule left and, on a rule
	// other than review, only where the printed score takes it off too:
	// units also word the rule's own shortfall so. Otherwise the note is
	// the reason as written (Measure.Reason).
	Stated bool

	Pos       diag.Pos // the code cell
	PointsPos diag.Pos
	ReasonPos diag.Pos
}

// A Line is one row of 预算执行 (a fund line: budget, paid, recovered and
// the initial budget) or of 支出明细 (a spending item: budget and actual,
// kept in Paid). Codes are hierarchical: 1.1 is a child of 1. A blank
// amount is invalid.
//
// A row whose 编号 or name is 合计, 小计 or 总计 is a stated total, not a
// line: Total holds that word, and ResolveLines checks its figures against
// the lines it covers and adds it to nothing.
type Line struct {
	Code      string
	Name      string
	Budget    decimal.NullDecimal // 预算数: the full-year (adjusted) budget
	Paid      decimal.NullDecimal
	Recovered decimal.NullDecimal
	Initial   decimal.NullDecimal // 年初预算数: the budget approved at the start of the year
	Total     string              // 合计, 小计 or 总计 for a stated total; "" for a line
	Invalid   bool                // a cell of the row could not be read (already reported)

	Pos          diag.Pos // the code cell
	BudgetPos    diag.Pos
	PaidPos      diag.Pos
	RecoveredPos diag.Pos
	InitialPos   diag.Pos
}

// Subtotal is the stated total of the lines since the previous total row;
// 合计 and 总计 total the whole sheet.
const Subtotal = "小计"

// TotalWords are the words that make a row a stated total.
var TotalWords = []string{"合计", "总计", Subtotal}

// A File is an input file and its SHA-256, so a result names what it came from.
type File struct {
	Name   string
	SHA256 string
}
