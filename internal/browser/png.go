package browser

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
)

// The thresholds of CheckRendered. A blank page is one colour; an error
// page or a page whose styles failed to load is a few lines of text on
// white. A rendered report has headings, highlighted passages and text,
// drawn with anti-aliasing: dozens of colours over several percent of the
// window.
const (
	// MinColors is the fewest distinct colours a rendered page shows.
	MinColors = 16
	// MinForeground is the smallest share of pixels, from 0 to 1, that
	// differ from the page's background (its most common colour).
	MinForeground = 0.02
	// MinSize is the smallest width and height, in pixels.
	MinSize = 64
)

// Stats describe a screenshot.
type Stats struct {
	Width, Height int
	// Colors counts the distinct colours.
	Colors int
	// Background is the most common colour.
	Background color.RGBA
	// Foreground is the share of pixels, from 0 to 1, that are not the
	// background colour.
	Foreground float64
}

func (s Stats) String() string {
	b := s.Background
	return fmt.Sprintf("%dx%d, %d colours, %.1f%% not the background #%02x%02x%02x", s.Width, s.Height, s.Colors, 100*s.Foreground, b.R, b.G, b.B)
}

// Measure returns the Stats of an image. Colours are compared as 8-bit
// RGBA, alpha premultiplied, as a PNG of a web page holds them.
func Measure(img image.Image) Stats {
	r := img.Bounds()
	s := Stats{Width: r.Dx(), Height: r.Dy()}
	counts := make(map[color.RGBA]int)
	// Most pixels repeat the one before them (the background, a
	// highlight's fill): count runs, not pixels.
	var run color.RGBA
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := rgbaAt(img, x, y)
			if n > 0 && c == run {
				n++
				continue
			}
			if n > 0 {
				counts[run] += n
			}
			run, n = c, 1
		}
	}
	if n > 0 {
		counts[run] += n
	}
	s.Colors = len(counts)
	most := 0
	for c, n := range counts {
		// Ties go to the smaller colour, so that the result does not
		// depend on the map's order.
		if n > most || n == most && less(c, s.Background) {
			most, s.Background = n, c
		}
	}
	if total := s.Width * s.Height; total > 0 {
		s.Foreground = float64(total-most) / float64(total)
	}
	return s
}

// rgbaAt returns the colour of a pixel, reading the pixels of the image
// types png.Decode returns for Chromium's screenshots directly.
func rgbaAt(img image.Image, x, y int) color.RGBA {
	switch img := img.(type) {
	case *image.RGBA:
		return img.RGBAAt(x, y)
	case *image.NRGBA:
		c := img.NRGBAAt(x, y)
		if c.A == 0xff {
			return color.RGBA(c)
		}
		return color.RGBAModel.Convert(c).(color.RGBA)
	}
	return color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
}

// less orders colours by their channels.
func less(a, b color.RGBA) bool {
	if a.R != b.R {
		return a.R < b.R
	}
	if a.G != b.G {
		return a.G < b.G
	}
	if a.B != b.B {
		return a.B < b.B
	}
	return a.A < b.A
}

// CheckRendered decodes a PNG and checks that it shows a rendered page, not
// a blank or nearly empty one: at least MinSize pixels each way, MinColors
// distinct colours, and MinForeground of its pixels other than the
// background colour. It returns the image's Stats, also when the check
// fails.
func CheckRendered(data []byte) (Stats, error) {
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return Stats{}, fmt.Errorf("not a PNG image: %w", err)
	}
	s := Measure(img)
	switch {
	case s.Width < MinSize || s.Height < MinSize:
		return s, fmt.Errorf("screenshot too small: %v (want at least %dx%d)", s, MinSize, MinSize)
	case s.Colors < MinColors:
		return s, fmt.Errorf("screenshot looks blank: %v (want at least %d colours)", s, MinColors)
	case s.Foreground < MinForeground:
		return s, fmt.Errorf("screenshot looks nearly empty: %v (want at least %.0f%% of the pixels other than the background)", s, 100*MinForeground)
	}
	return s, nil
}
