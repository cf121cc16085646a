package browser

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"strings"
	"testing"
)

// encode returns img as a PNG.
func encode(t *testing.T, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// page draws something like a rendered report on a w×h background: a
// heading bar, lines of "text" in shades of grey (as anti-aliasing draws
// them) and a few highlighted passages in colour, covering about a
// quarter of the window.
func page(w, h int, bg color.Color) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)
	fill := func(r image.Rectangle, c color.Color) {
		draw.Draw(img, r.Intersect(img.Bounds()), image.NewUniform(c), image.Point{}, draw.Src)
	}
	fill(image.Rect(10, 10, w-10, 40), color.NRGBA{0x1f, 0x3a, 0x5f, 0xff})
	for y, i := 60, 0; y+8 < h; y, i = y+16, i+1 {
		for x := 10; x+6 < w-10; x += 9 {
			shade := uint8(40 + (x*7+y*3)%160)
			fill(image.Rect(x, y, x+6, y+8), color.NRGBA{shade, shade, shade, 0xff})
		}
		if i%3 == 0 {
			fill(image.Rect(100, y, 180, y+8), color.NRGBA{0xff, 0xe0, 0x66, 0xff})
		}
	}
	return img
}

func TestCheckRenderedPage(t *testing.T) {
	for _, bg := range []color.Color{color.White, color.NRGBA{0x12, 0x12, 0x14, 0xff}} { // light and dark mode
		s, err := CheckRendered(encode(t, page(640, 450, bg)))
		if err != nil {
			t.Errorf("background %v: %v", bg, err)
		}
		if want := color.RGBAModel.Convert(bg).(color.RGBA); s.Background != want {
			t.Errorf("background %v, want %v (%v)", s.Background, want, s)
		}
		if s.Width != 640 || s.Height != 450 || s.Colors < MinColors || s.Foreground < 0.1 || s.Foreground > 0.9 {
			t.Errorf("stats %v", s)
		}
	}
}

func TestCheckRenderedRejects(t *testing.T) {
	white := func(w, h int) *image.NRGBA {
		img := image.NewNRGBA(image.Rect(0, 0, w, h))
		draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
		return img
	}
	// A line of grey text on white: many colours, almost no foreground.
	oneLine := white(640, 450)
	for x := 8; x < 100; x++ {
		for y := 8; y < 20; y++ {
			g := uint8(x * y % 200)
			oneLine.SetNRGBA(x, y, color.NRGBA{g, g, g, 0xff})
		}
	}
	// Half black, half white: much foreground, two colours.
	halves := white(640, 450)
	draw.Draw(halves, image.Rect(0, 0, 320, 450), image.NewUniform(color.Black), image.Point{}, draw.Src)
	// Transparent: what a failed capture can be.
	transparent := image.NewNRGBA(image.Rect(0, 0, 640, 450))

	for _, tt := range []struct {
		name string
		data []byte
		want string
	}{
		{"blank white", encode(t, white(640, 450)), "looks blank"},
		{"transparent", encode(t, transparent), "looks blank"},
		{"two colours", encode(t, halves), "looks blank"},
		{"one line of text", encode(t, oneLine), "nearly empty"},
		{"tiny", encode(t, page(40, 30, color.White)), "too small"},
		{"not a PNG", []byte("<html>"), "not a PNG"},
		{"truncated PNG", encode(t, page(640, 450, color.White))[:200], "not a PNG"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := CheckRendered(tt.data)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one saying %q (stats %v)", err, tt.want, s)
			}
		})
	}
}

// TestMeasureDeterministic: a tie between two colours for the background
// is broken the same way every time.
func TestMeasureDeterministic(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 2, 1))
	img.SetNRGBA(0, 0, color.NRGBA{0xff, 0, 0, 0xff})
	img.SetNRGBA(1, 0, color.NRGBA{0, 0, 0xff, 0xff})
	for range 20 {
		s := Measure(img)
		if want := (color.RGBA{0, 0, 0xff, 0xff}); s.Background != want || s.Colors != 2 || s.Foreground != 0.5 {
			t.Fatalf("stats %+v", s)
		}
	}
}

// TestMeasurePaletted: a paletted PNG (as some encoders write) is measured
// by its colours, not its palette indexes.
func TestMeasurePaletted(t *testing.T) {
	pal := color.Palette{color.White, color.Black, color.NRGBA{0xff, 0, 0, 0xff}}
	img := image.NewPaletted(image.Rect(0, 0, 10, 10), pal)
	img.SetColorIndex(1, 1, 1)
	img.SetColorIndex(2, 2, 2)
	s := Measure(img)
	if s.Colors != 3 || s.Background != (color.RGBA{0xff, 0xff, 0xff, 0xff}) || s.Foreground != 0.02 {
		t.Errorf("stats %+v", s)
	}
}
