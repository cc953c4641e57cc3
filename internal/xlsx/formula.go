package xlsx

import (
	"bytes"
	"sort"
	"strings"

	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/internal/third_party/excelize"
	"github.com/xuri/efp"
)

// A formula's saved value is what Excel or WPS computed; it is what is
// read. A formula saved without a value (written by a program, not by a
// spreadsheet) is computed only when the result cannot depend on the
// moment or on a loop, and the work is small:
//
//   - every function is one of the pure, non-volatile ones in pureFunctions
//     (no RAND, NOW, TODAY, OFFSET, INDIRECT, REPT, …);
//   - every reference is to cells of the same sheet, none of which holds a
//     formula itself (so no cycle and no volatile value can enter), at
//     most maxFormulaCells cells in all (no A:XFD);
//   - the formula is at most maxFormulaLength characters, the workbook's
//     sheets unzip to at most maxCalcSheets bytes (computing loads the
//     sheet whole), and it is among the first maxComputed formulas so
//     computed.
//
// Anything else is an error at the cell: open and save the workbook in
// Excel or WPS, which saves the values.
const (
	maxFormulaLength = 1_000
	maxFormulaCells  = 10_000
	maxCalcSheets    = 8 << 20
	maxComputed      = 1_000 // formulas computed in one workbook
)

var pureFunctions = map[string]bool{
	"SUM": true, "AVERAGE": true, "MIN": true, "MAX": true, "COUNT": true, "COUNTA": true,
	"ROUND": true, "ROUNDUP": true, "ROUNDDOWN": true, "ABS": true, "PRODUCT": true,
	"IF": true, "AND": true, "OR": true, "NOT": true, "IFERROR": true,
}

// Compute computes the uncached formula expr of the cell in row r, column
// col0 (0-based) of a sheet whose rows are all, or says why it is not
// computed.
func (b *Book) Compute(sheet string, all []Row, r Row, col0 int, expr string) (string, string) {
	if why := b.gate(all, r, col0, expr); why != "" {
		return "", why
	}
	if b.computed++; b.computed > maxComputed {
		return "", lang.Sprintf("the workbook has more than %d formulas without saved values", maxComputed)
	}
	if b.calc == nil {
		f, err := excelize.OpenReader(bytes.NewReader(b.data), excelize.Options{UnzipSizeLimit: maxUnzippedSize, UnzipXMLSizeLimit: maxXMLInMemory})
		if err != nil {
			return "", lang.T("the workbook cannot be opened to compute it")
		}
		b.calc = f
	}
	v, err := b.calc.CalcCellValue(sheet, CellName(col0, r.N), excelize.Options{RawCellValue: true})
	if err != nil || v == "" {
		return "", lang.T("it cannot be computed")
	}
	return digits(v), ""
}

// gate returns why a formula may not be computed, or "".
func (b *Book) gate(all []Row, r Row, col0 int, expr string) string {
	switch {
	case expr == "":
		return lang.T("it is a shared formula whose text is in another cell")
	case len(expr) > maxFormulaLength:
		return lang.Sprintf("it is longer than %d characters", maxFormulaLength)
	case b.x.sheetXML > maxCalcSheets:
		return lang.Sprintf("the workbook's sheets are larger than %d MiB", maxCalcSheets>>20)
	}
	p := efp.ExcelParser()
	cells := 0
	for _, tok := range p.Parse(expr) {
		switch {
		case tok.TType == efp.TokenTypeFunction && tok.TSubType == efp.TokenSubTypeStart:
			name := strings.TrimPrefix(strings.ToUpper(tok.TValue), "_XLFN.")
			if !pureFunctions[name] {
				return lang.Sprintf("it uses %s, which perfeval does not compute", name)
			}
		case tok.TType == efp.TokenTypeOperand && tok.TSubType == efp.TokenSubTypeRange:
			if strings.Contains(tok.TValue, "!") {
				return lang.T("it refers to another sheet")
			}
			n, why := refCells(all, tok.TValue, r.N, col0)
			if why != "" {
				return why
			}
			if cells += n; cells > maxFormulaCells {
				return lang.Sprintf("it refers to more than %d cells", maxFormulaCells)
			}
		case tok.TType == efp.TokenTypeUnknown:
			return lang.T("it cannot be parsed")
		}
	}
	return ""
}

// refCells counts the cells of a reference (A1 or A1:B9) and checks that
// none holds a formula (the formula's own cell included).
func refCells(all []Row, ref string, rowN, col0 int) (int, string) {
	ends := strings.Split(strings.ReplaceAll(ref, "$", ""), ":")
	if len(ends) > 2 {
		return 0, lang.Sprintf("the reference %s is not a cell or a range", ref)
	}
	var c, rw [2]int
	for i := range 2 {
		var err error
		if c[i], rw[i], err = excelize.CellNameToCoordinates(ends[min(i, len(ends)-1)]); err != nil {
			return 0, lang.Sprintf("the reference %s is not a cell or a range (whole columns and named ranges are not computed)", ref)
		}
	}
	c0, c1 := min(c[0], c[1]), max(c[0], c[1])
	r0, r1 := min(rw[0], rw[1]), max(rw[0], rw[1])
	n := (c1 - c0 + 1) * (r1 - r0 + 1)
	if n > maxFormulaCells {
		return n, lang.Sprintf("it refers to more than %d cells", maxFormulaCells)
	}
	from := sort.Search(len(all), func(k int) bool { return all[k].N >= r0 })
	for _, other := range all[from:] {
		if other.N > r1 {
			break
		}
		for i := c0 - 1; i < min(c1, len(other.Info)); i++ {
			if other.Info[i].Formula {
				if other.N == rowN && i == col0 {
					return n, lang.T("it refers to its own cell")
				}
				return n, lang.Sprintf("it refers to %s, which holds a formula too", CellName(i, other.N))
			}
		}
	}
	return n, ""
}
