// Package indicators owns the indicator framework (指标体系): its model, its
// YAML loading with the position of every node, its validation, and the
// grammar of target and actual values. Every node keeps its place and
// every problem is reported through internal/diag.
//
// Glossary (one English name per Chinese term):
//
//	指标体系   Framework      评价得分   score
//	指标       Indicator      得分率     rate (score ÷ weight)
//	分值/权重  Weight         完成率     ratio (actual ÷ target)
//	评分规则   Rule           等级       Grade
//	目标值     target         扣分       Deduction (scoring)
//	实际值     actual         不适用     not applicable
//	预算执行   fund line (scoring.Line)   支出明细  spending item
package indicators
