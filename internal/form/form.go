// Package form is the national self-evaluation form (项目支出绩效自评表,
// SPEC §8) that every budget unit fills in for each project and publishes,
// all of it: what a unit printed on it (Form, read by Read from a
// workbook's tables: read.go), the framework and data it stands for
// (Derive), the recomputation of its printed figures by the rules (Check,
// SPEC §4.5), and the form written from any scored project (Write).
//
// The form is both framework and data: 预算执行率 is a leaf weighted by the
// fund block's 分值 and scored by the execution rule, each 一级 and 二级 a
// node, each 三级 a leaf weighted by its 分值 whose rule follows from what
// is written. Codes come from the position (1, 2.1, 2.1.3) and every printed
// figure keeps its cell, so a finding names it (自评表.xlsx!Sheet1!H12).
package form

import (
	"github.com/perfeval/perfeval/indicators"
	"github.com/perfeval/perfeval/internal/diag"
	"github.com/perfeval/perfeval/scoring"
	"github.com/shopspring/decimal"
)

// A Figure is a number as printed: Value carries the decimals it is
// printed with (9.80 keeps two), Text what the cell shows.
type Figure struct {
	Value decimal.Decimal
	Valid bool // a number was printed
	Text  string
	Pos   diag.Pos
}

// A Form is one standard form as read.
type Form struct {
	File  string         // as named by the user
	Sheet string         // the sheet the form is on
	Files []scoring.File // the input, for the record

	Name        string // 项目名称
	Code        string // 项目编码, where the form gives one
	Department  string // 主管部门
	Implementer string // 实施单位
	Year        string // from the title: （2024年度）
	Unit        string // 万元 or 元, from 项目资金（万元）

	Funds      []Fund // the fund block: 年度资金总额 first, then its 其中 rows
	FundWeight Figure // 分值, 执行率 and 得分 of 年度资金总额
	FundRate   Figure // a fraction: 90% is 0.90
	FundScore  Figure
	FundNote   string // a reason written beside the fund block, if any

	LongTerm string // 中长期目标 (a target table's)
	Planned  string // 年度总体目标: 预期目标
	Achieved string // 年度总体目标: 实际完成情况
	// AchievedPos is where Achieved begins.
	AchievedPos diag.Pos

	Groups []*Group // the 一级指标, in order

	TotalWeight Figure // the 总分 row: 分值
	Total       Figure // and 得分
	Grade       string // 自评等级 as printed, if any (优, 良, 中, 差)
	GradePos    diag.Pos
	// MoreTotals are the 总分 / 合计 rows after the first, which a form
	// should not have: each is checked against the first, never ignored.
	MoreTotals []TotalRow

	// Unread are the cells the reader could not read outside the rows
	// (a 执行率 that is no number, a negative 全年执行数…): each is a
	// finding of check and a warning of score, never a refusal.
	Unread []Problem
	// Notes are readings a reader should know of, which change no figure's
	// meaning (a bare 100 under a ≥100% target read as 100%).
	Notes []Problem

	// Readings are the choices the reader made that the form does not
	// state (which columns it took, rows it skipped), for --verbose and
	// the JSON: nothing is guessed silently.
	Readings []string

	// Warnings are what the reader warns of (a hidden sheet read as the
	// form); the derived data carries them to every output.
	Warnings []diag.Warning

	fundCode string // the fund row's code, given by Derive
}

// A TotalRow is a 总分 row's 分值 and 得分.
type TotalRow struct {
	Weight, Score Figure
}

// A Fund is a row of the fund block.
type Fund struct {
	Name    string
	Initial Figure // 年初预算数
	Budget  Figure // 全年预算数
	Paid    Figure // 全年执行数
	Pos     diag.Pos
}

// A Group is a 一级 or 二级 indicator: its name as printed (★ and a
// points suffix such as (50分) taken off), the points printed with it, and
// what it holds.
type Group struct {
	Name   string
	Points Figure // 产出指标(50分): 50
	Pos    diag.Pos
	Groups []*Group // 二级 under a 一级
	Rows   []*Row   // 三级 rows (under a 一级 only when the form has no 二级 column)
}

// A Row is a 三级 indicator.
type Row struct {
	Name      string
	Pos       diag.Pos
	Target    indicators.Value // joined with 指标性质 and 度量单位
	Actual    indicators.Value
	HasTarget bool
	HasActual bool
	TargetPos diag.Pos
	ActualPos diag.Pos
	Weight    Figure // 分值
	Score     Figure // 得分 as printed: the unit's claim
	Reason    string // 偏差原因分析及改进措施 / 未完成原因, as written
	ReasonPos diag.Pos
	// Deductions are the 扣N分 the reason begins with (扣0.5分：…), and
	// Note the rest of the reason.
	Deductions []Deduction
	Note       string

	// Parts are the breakdown rows (其中…) under the row: their own target
	// and actual, shown and never weighted or scored.
	Parts []*Row

	// Unreadable says why a target or actual the rules cannot read; the
	// row is then scored by review, and check reports it.
	Unreadable    string
	UnreadablePos diag.Pos

	code string // given by Derive
}

// A Deduction is a 扣N分 written at the start of a deviation reason.
type Deduction struct {
	Points decimal.Decimal
	Reason string // what follows 扣N分
	Pos    diag.Pos
}

// Code is the code Derive gave the row.
func (r *Row) Code() string { return r.code }

// Leaves lists every row in the form's order.
func (f *Form) Leaves() []*Row {
	var out []*Row
	var walk func(g *Group)
	walk = func(g *Group) {
		out = append(out, g.Rows...)
		for _, c := range g.Groups {
			walk(c)
		}
	}
	for _, g := range f.Groups {
		walk(g)
	}
	return out
}

// FundName is the name the fund block's indicator has in every output.
const FundName = "预算执行率"

// TotalName names the 总分 row in findings.
const TotalName = "总分"
