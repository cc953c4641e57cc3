// Package frameworksheet reads and writes a framework as evaluators write
// it: an Excel 指标体系 sheet with a column per level (一级指标, 二级指标,
// …), 分值, 计分方法, 指标解释 and 评分标准. The reader turns the sheet into
// the keys a framework's YAML has, each placed at its cell, and leaves every
// check to indicators.FromNode, so that a sheet and a YAML file are held to
// one set of rules. The writer is its inverse: YAML → sheet → YAML is the
// same framework.
package frameworksheet
