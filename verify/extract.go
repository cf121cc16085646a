package verify

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// Text returns the words of a source file, by its name's extension: an
// HTML page's text (scripts, styles, navigation, headers, footers and
// forms dropped; blocks apart), a subtitle transcript's cues (.srt, .vtt:
// the cue numbers and timings dropped, each cue a line), or the bytes of
// any other file as they are. For a transcript it returns too, for each
// line of the text, the cue's start time ("00:01:02.500"), so that a
// quotation's place in it can be given as a time; nil for other files.
func Text(name string, data []byte) (text []byte, times []string, err error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".xhtml":
		t, err := htmlText(data)
		return t, nil, err
	case ".srt", ".vtt":
		t, times := subtitleText(data)
		return t, times, nil
	}
	return data, nil, nil
}

// skipped are the HTML elements whose text is no part of a page's prose.
var skipped = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true, "nav": true, "header": true,
	"footer": true, "form": true, "button": true, "select": true, "svg": true, "iframe": true, "aside": true,
}

// blocks are the HTML elements that end a paragraph of text.
var blocks = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "tr": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "blockquote": true, "pre": true, "section": true, "article": true,
	"table": true, "ul": true, "ol": true, "dd": true, "dt": true, "figcaption": true, "hr": true,
}

// htmlText returns the text of an HTML page, a blank line between blocks.
func htmlText(data []byte) ([]byte, error) {
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("reading HTML: %w", err)
	}
	var b bytes.Buffer
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.ElementNode:
			if skipped[n.Data] {
				return
			}
			if blocks[n.Data] {
				b.WriteString("\n\n")
			}
		case html.TextNode:
			// White space, line breaks included, is one space in HTML.
			if t := strings.Join(strings.Fields(n.Data), " "); t != "" {
				if strings.IndexFunc(n.Data[:1], unicode.IsSpace) == 0 {
					b.WriteByte(' ')
				}
				b.WriteString(t)
				if strings.LastIndexFunc(n.Data, unicode.IsSpace) == len(n.Data)-1 {
					b.WriteByte(' ')
				}
			} else if n.Data != "" {
				b.WriteByte(' ')
			}
		case html.CommentNode, html.DoctypeNode:
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && blocks[n.Data] {
			b.WriteString("\n\n")
		}
	}
	walk(root)
	// Runs of blank lines to one, lines trimmed.
	var out bytes.Buffer
	blank := true
	for _, line := range strings.Split(b.String(), "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if line == "" {
			if !blank {
				out.WriteString("\n")
				blank = true
			}
			continue
		}
		out.WriteString(line + "\n")
		blank = false
	}
	return out.Bytes(), nil
}

// cueTiming matches a subtitle cue's timing line: "00:01:02,500 -->
// 00:01:05,000" (SRT) or "01:02.500 --> 01:05.000 align:start" (WebVTT).
var cueTiming = regexp.MustCompile(`^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s+-->\s+`)

// subtitleText returns a transcript's cues as lines of text, and each
// line's cue start time. A cue's text is the lines after its timing, up
// to a blank line; the rest (the header, cue numbers and identifiers,
// NOTE blocks) is no text.
func subtitleText(data []byte) ([]byte, []string) {
	var out bytes.Buffer
	var times []string
	cur := ""
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	for _, line := range lines {
		t := strings.TrimSpace(line)
		if m := cueTiming.FindStringSubmatch(t); m != nil {
			cur = strings.ReplaceAll(m[1], ",", ".")
			continue
		}
		switch {
		case t == "":
			cur = "" // a blank line ends a cue
			continue
		case cur == "":
			continue // the header (WEBVTT, STYLE …), cue numbers and identifiers, NOTE blocks
		}
		// Tags of WebVTT (<v Speaker>, <i>) are not words.
		t = vttTag.ReplaceAllString(t, "")
		out.WriteString(t + "\n")
		times = append(times, cur)
	}
	return out.Bytes(), times
}

// vttTag matches a WebVTT or SRT markup tag.
var vttTag = regexp.MustCompile(`</?[a-zA-Z][^>]*>`)
