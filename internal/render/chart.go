package render

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"slices"
	"sync"

	"github.com/perfeval/perfeval/internal/document"
	"github.com/perfeval/perfeval/internal/lang"
	"github.com/perfeval/perfeval/templates"
	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// The chart's size on the page and its resolution.
const (
	chartW   = 15 * vg.Centimeter
	chartDPI = 200
)

var (
	plotFontOnce sync.Once
	plotFonts    *font.Cache
	plotFontErr  error
)

// chartFont is the report font for gonum/plot, parsed once per process.
func chartFont() (*font.Cache, error) {
	plotFontOnce.Do(func() {
		f, err := opentype.Parse(templates.Font)
		if err != nil {
			plotFontErr = lang.Errorf("the report font: %w", err)
			return
		}
		plotFonts = font.NewCache(font.Collection{{Font: font.Font{Typeface: fontFamily}, Face: f}})
	})
	return plotFonts, plotFontErr
}

// chartPNG draws a chart of 得分率 as horizontal bars on a 0–100% scale,
// each labelled with its rate, as a PNG: the image the DOCX embeds. It
// returns the image and its size in EMU (English Metric Units, Word's
// measure for drawings).
func chartPNG(c *document.Chart) (png []byte, wEMU, hEMU int64, err error) {
	fonts, err := chartFont()
	if err != nil {
		return nil, 0, 0, err
	}
	// Top to bottom in the order given: plot's Y axis runs upwards.
	bars := slices.Clone(c.Bars)
	slices.Reverse(bars)
	values := make(plotter.Values, len(bars))
	names := make([]string, len(bars))
	labels := make([]string, len(bars))
	xys := make(plotter.XYs, len(bars))
	for i, b := range bars {
		// The rate becomes a length here, and only here.
		values[i] = 100 * math.Max(0, math.Min(b.Rate.InexactFloat64(), 1))
		names[i], labels[i] = b.Label, document.Pct(b.Rate).Text
		xys[i] = plotter.XY{X: values[i], Y: float64(i)}
	}

	p := plot.New()
	// Every text of the plot in the report font, through a handler of its
	// own: plot's defaults name fonts this cache does not hold.
	p.TextHandler = text.Plain{Fonts: fonts}
	for _, st := range []struct {
		s    *text.Style
		size vg.Length
	}{{&p.Title.TextStyle, 12}, {&p.Legend.TextStyle, 9}, {&p.X.Label.TextStyle, 9}, {&p.Y.Label.TextStyle, 9}, {&p.X.Tick.Label, 9}, {&p.Y.Tick.Label, 10.5}} {
		st.s.Font, st.s.Handler = font.Font{Typeface: fontFamily, Size: st.size}, p.TextHandler
	}
	p.X.Min, p.X.Max = 0, 100
	p.X.Tick.Marker = plot.ConstantTicks(percentTicks())
	p.Y.Tick.Length, p.Y.LineStyle.Width = 0, 0
	p.Add(plotter.NewGrid())
	p.NominalY(names...)

	barH := 16 * vg.Points(1)
	chart, err := plotter.NewBarChart(values, barH)
	if err != nil {
		return nil, 0, 0, err
	}
	chart.Horizontal = true
	chart.Color = color.RGBA{R: 68, G: 114, B: 196, A: 255}
	chart.LineStyle.Width = 0
	p.Add(chart)
	rates, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: labels})
	if err != nil {
		return nil, 0, 0, err
	}
	for i := range rates.TextStyle {
		rates.TextStyle[i].Font = font.Font{Typeface: fontFamily, Size: 9}
		rates.TextStyle[i].Handler = p.TextHandler
		rates.TextStyle[i].XAlign = draw.XLeft
		rates.TextStyle[i].YAlign = draw.YCenter
	}
	rates.Offset = vg.Point{X: 3}
	p.Add(rates)
	p.X.Padding, p.Y.Padding = 0, vg.Length(barH)

	h := vg.Length(len(bars))*(barH+10) + 40
	canvas := vgimg.NewWith(vgimg.UseWH(chartW, h), vgimg.UseDPI(chartDPI))
	// Room on the right for the last bar's rate, and above the first bar.
	p.Draw(draw.Crop(draw.New(canvas), 0, -16*vg.Millimeter, 0, -3*vg.Millimeter))
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: canvas}).WriteTo(&buf); err != nil {
		return nil, 0, 0, err
	}
	const emuPerPoint = 12700
	return buf.Bytes(), int64(chartW.Points() * emuPerPoint), int64(h.Points() * emuPerPoint), nil
}

func percentTicks() []plot.Tick {
	var out []plot.Tick
	for v := 0; v <= 100; v += 20 {
		out = append(out, plot.Tick{Value: float64(v), Label: fmt.Sprintf("%d%%", v)})
	}
	return out
}
