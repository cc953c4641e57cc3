package render

import (
	"archive/zip"
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/perfeval/perfeval/internal/document"
)

// The report's chart in Word is a chart of Word's own (DrawingML, SPEC §5):
// a chart part with its figures, which Word, WPS and LibreOffice draw as
// vectors and the evaluator restyles or edits as any chart ("Edit Data"
// opens the small workbook embedded beside it). It costs a few kilobytes
// of XML to write, where an image had to be rasterised and compressed.

const (
	relChart      = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
	relPackage    = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"
	typeChart     = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
	typeWorkbook  = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	chartURI      = "http://schemas.openxmlformats.org/drawingml/2006/chart"
	emuPerPoint   = 12700
	chartWidthPt  = 15 * 72 / 2.54 // 15 cm, the width the PDF's chart takes too
	chartBarPt    = 26             // a bar and its gap
	chartMarginPt = 40             // the axis and the room above the first bar
)

// chart writes a chart as a Word chart, centred, with its title as a
// caption.
func (x *docxWriter) chart(c *document.Chart) error {
	x.charts++
	n := x.charts
	// Bars top to bottom in the order given: a bar chart's categories run
	// upwards from its axis.
	bars := slices.Clone(c.Bars)
	slices.Reverse(bars)
	book, err := chartWorkbook(bars)
	if err != nil {
		return err
	}
	embedded := fmt.Sprintf("embeddings/chart%d.xlsx", n)
	x.pkg.put("word/"+embedded, book, "")
	x.pkg.defaultType("xlsx", typeWorkbook)
	x.pkg.put(fmt.Sprintf("word/charts/_rels/chart%d.xml.rels", n), xmlPart(relationships{Rels: []relationship{
		{ID: "rId1", Type: relPackage, Target: "../" + embedded},
	}}), "")
	x.pkg.put(fmt.Sprintf("word/charts/chart%d.xml", n), chartXML(bars), typeChart)
	id := x.pkg.relate(relChart, fmt.Sprintf("charts/chart%d.xml", n))

	cx := int64(chartWidthPt * emuPerPoint)
	cy := int64((chartBarPt*len(bars) + chartMarginPt) * emuPerPoint)
	x.paraProps(styleNormal, `<w:keepNext/><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="center"/>`)
	fmt.Fprintf(&x.b, `<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="%d" cy="%d"/>`+
		`<wp:docPr id="%d" name="chart%d" descr="%s"/><wp:cNvGraphicFramePr/>`+
		`<a:graphic><a:graphicData uri="%s"><c:chart xmlns:c="%s" r:id="%s"/></a:graphicData></a:graphic>`+
		`</wp:inline></w:drawing></w:r></w:p>`,
		cx, cy, n, n, escape(c.Title), chartURI, chartURI, id)
	x.para(styleCaption, c.Title)
	return nil
}

// chartXML is the chart part: one series of horizontal bars, each labelled
// with its rate, on a 0–100% axis, its figures cached and referring to
// the embedded workbook's cells.
func chartXML(bars []document.Bar) []byte {
	var b strings.Builder
	last := len(bars) + 1
	b.WriteString(xmlHeader)
	b.WriteString(`<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" ` +
		`xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ` +
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<c:roundedCorners val="0"/><c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>` +
		`<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>` +
		`<c:ser><c:idx val="0"/><c:order val="0"/>` +
		`<c:tx><c:strRef><c:f>Sheet1!$B$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>得分率</c:v></c:pt></c:strCache></c:strRef></c:tx>` +
		`<c:spPr><a:solidFill><a:srgbClr val="4472C4"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>` +
		`<c:dLbls><c:numFmt formatCode="0.00%" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>` +
		`<c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/>` +
		`<c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`)
	fmt.Fprintf(&b, `<c:cat><c:strRef><c:f>Sheet1!$A$2:$A$%d</c:f><c:strCache><c:ptCount val="%d"/>`, last, len(bars))
	for i, bar := range bars {
		fmt.Fprintf(&b, `<c:pt idx="%d"><c:v>%s</c:v></c:pt>`, i, escape(bar.Label))
	}
	fmt.Fprintf(&b, `</c:strCache></c:strRef></c:cat><c:val><c:numRef><c:f>Sheet1!$B$2:$B$%d</c:f><c:numCache><c:formatCode>0.00%%</c:formatCode><c:ptCount val="%d"/>`, last, len(bars))
	for i, bar := range bars {
		fmt.Fprintf(&b, `<c:pt idx="%d"><c:v>%s</c:v></c:pt>`, i, bar.Rate.String())
	}
	b.WriteString(`</c:numCache></c:numRef></c:val></c:ser><c:gapWidth val="60"/><c:axId val="1"/><c:axId val="2"/></c:barChart>` +
		`<c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>` +
		`<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
		`<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1050"/></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>` +
		`<c:crossAx val="2"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
		`<c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/><c:max val="1"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>` +
		`<c:majorGridlines/><c:numFmt formatCode="0%" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
		`<c:crossAx val="1"/><c:crosses val="autoZero"/><c:crossBetween val="between"/><c:majorUnit val="0.2"/></c:valAx>` +
		`</c:plotArea><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
		`<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900"/></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>` +
		`<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>`)
	return []byte(b.String())
}

// chartWorkbook is the workbook a Word chart keeps its figures in, so that
// the evaluator can edit them: the labels in column A, the rates in B (as
// percentages), a header above. Written by hand, it is five small parts,
// the same bytes for the same figures.
func chartWorkbook(bars []document.Bar) ([]byte, error) {
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	var sheet strings.Builder
	sheet.WriteString(xmlHeader + `<worksheet ` + ns + `><sheetData>` +
		`<row r="1"><c r="A1" t="inlineStr"><is><t>指标</t></is></c><c r="B1" t="inlineStr"><is><t>得分率</t></is></c></row>`)
	for i, bar := range bars {
		fmt.Fprintf(&sheet, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c><c r="B%d" s="1"><v>%s</v></c></row>`,
			i+2, i+2, escape(bar.Label), i+2, bar.Rate.String())
	}
	sheet.WriteString(`</sheetData></worksheet>`)
	rel := func(id, kind, target string) string {
		return `<Relationship Id="` + id + `" Type="` + kind + `" Target="` + target + `"/>`
	}
	const rels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
	parts := []struct{ name, data string }{
		{"[Content_Types].xml", xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
			`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`},
		{"_rels/.rels", xmlHeader + rels + rel("rId1", relDocument, "xl/workbook.xml") + `</Relationships>`},
		{"xl/workbook.xml", xmlHeader + `<workbook ` + ns + `><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", xmlHeader + rels +
			rel("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", "worksheets/sheet1.xml") +
			rel("rId2", relStyles, "styles.xml") + `</Relationships>`},
		{"xl/styles.xml", xmlHeader + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
			`<fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
			`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
			`<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`},
		{"xl/worksheets/sheet1.xml", sheet.String()},
	}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, p := range parts {
		f, err := z.CreateHeader(zipHeader(p.name, zip.Deflate))
		if err != nil {
			return nil, err
		}
		if _, err := f.Write([]byte(p.data)); err != nil {
			return nil, err
		}
	}
	if err := z.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
