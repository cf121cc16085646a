package verify

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"

	"github.com/docqa/docqa/document"
)

// Text returns the words of a source file, by its name's extension: an
// HTML page's text (scripts, styles, navigation, headers, footers and
// forms dropped; blocks apart), a Markdown file's prose (see
// markdownText), a subtitle transcript's cues (.srt, .vtt:
// the cue numbers and timings dropped, each cue a line), or the bytes of
// any other file as they are. For a transcript it returns too, for each
// line of the text, the cue's start time ("00:01:02.500"), so that a
// quotation's place in it can be given as a time; nil for other files.
func Text(name string, data []byte) (text []byte, times []string, err error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".xhtml":
		t, err := htmlText(pageUTF8(data))
		return t, nil, err
	case ".srt", ".vtt":
		t, times := subtitleText(data)
		return t, times, nil
	case ".md", ".markdown":
		return markdownText(name, data), nil, nil
	}
	return data, nil, nil
}

// markdownText returns a Markdown source's prose: its text with what is
// not prose (code, HTML, front matter, link definitions, URLs) and the
// markup that reads as nothing (a link's brackets and target, emphasis
// marks) made spaces, line breaks kept. Its length is the file's, so that
// places in it are the file's.
func markdownText(name string, data []byte) []byte {
	d := document.LoadFormat(name, data, document.Markdown)
	if len(data) == 0 || &d.Prose[0] == &data[0] {
		return data
	}
	out := d.Prose
	for i, c := range out {
		if c == document.Masked && data[i] != '\n' && data[i] != '\r' {
			out[i] = ' '
		}
	}
	return out
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

// pageUTF8 returns an HTML page in UTF-8: as it is when it is UTF-8, else
// decoded from the encoding its byte order mark, <meta charset> or
// http-equiv Content-Type names, or that a browser assumes of a page that
// names none (windows-1252), as the HTML standard has browsers do. A
// press release of 2004 saved as ISO-8859-1 reads as its words, not as
// invalid bytes. Line breaks stay where they are, so a line and column of
// the page (in characters) is one of the file.
func pageUTF8(data []byte) []byte {
	if utf8.Valid(data) {
		return data
	}
	enc, name, _ := charset.DetermineEncoding(data, "text/html")
	if name == "utf-8" {
		return data // invalid UTF-8 after all: reported as such
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return data
	}
	return out
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
	text, times, _ := subtitleCues(data, false)
	return text, times
}

// subtitleCues returns what subtitleText does and, if places, where each
// word of the text lies in data.
func subtitleCues(data []byte, places bool) ([]byte, []string, []htmlWord) {
	var out bytes.Buffer
	var times []string
	var words []htmlWord
	cur := ""
	for off := 0; off < len(data); {
		end := len(data)
		if nl := bytes.IndexByte(data[off:], '\n'); nl >= 0 {
			end = off + nl
		}
		line := data[off:end]
		at := off
		off = end + 1
		t := bytes.TrimSpace(line)
		if m := cueTiming.FindSubmatch(t); m != nil {
			cur = strings.ReplaceAll(string(m[1]), ",", ".")
			continue
		}
		switch {
		case len(t) == 0:
			cur = "" // a blank line ends a cue
			continue
		case cur == "":
			continue // the header (WEBVTT, STYLE …), cue numbers and identifiers, NOTE blocks
		}
		at += bytes.Index(line, t)
		// Tags of WebVTT (<v Speaker>, <i>) are not words.
		start, kept := out.Len(), 0
		for _, tag := range append(vttTag.FindAllIndex(t, -1), []int{len(t), len(t)}) {
			out.Write(t[kept:tag[0]])
			if places {
				words = appendWords(words, out.Bytes()[start:], start, at+kept-start)
				start = out.Len()
			}
			kept = tag[1]
		}
		out.WriteByte('\n')
		times = append(times, cur)
	}
	return out.Bytes(), times, words
}

// appendWords appends to words those of text, a run of a source's text
// that starts at offset from in the text and at from+shift in its file.
func appendWords(words []htmlWord, text []byte, from, shift int) []htmlWord {
	for i := 0; i < len(text); {
		if isSpaceByte(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && !isSpaceByte(text[j]) {
			j++
		}
		words = append(words, htmlWord{text: from + i, start: from + i + shift, end: from + j + shift})
		i = j
	}
	return words
}

// vttTag matches a WebVTT or SRT markup tag.
var vttTag = regexp.MustCompile(`</?[a-zA-Z][^>]*>`)

// isSubtitles reports whether a source named name is read as a subtitle
// transcript.
func isSubtitles(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".srt", ".vtt":
		return true
	}
	return false
}

// isHTML reports whether a source named name is read as an HTML page.
func isHTML(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".xhtml":
		return true
	}
	return false
}

// htmlWord is a word of the text of an HTML page or a transcript: where
// it starts in the text, and where it starts and ends in the file.
type htmlWord struct{ text, start, end int }

// htmlWords returns where each word of text, the text of the HTML page
// data (see htmlText), lies in data: each is matched with the next word of
// the markup that is it or begins it (a word split by a tag, <b>Ch</b>ina,
// spans its parts), skipping the words of scripts, styles and of what
// htmlText dropped; a word not matched is placed where the one before it
// ends.
func htmlWords(data, text []byte) []htmlWord {
	type word struct {
		w          string
		start, end int
	}
	var page []word
	z := html.NewTokenizer(bytes.NewReader(data))
	off, skip := 0, false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		r := z.Raw()
		at := off
		off += len(r)
		switch tt {
		case html.StartTagToken:
			name, _ := z.TagName()
			skip = string(name) == "script" || string(name) == "style"
		case html.EndTagToken:
			skip = false
		case html.TextToken:
			if skip {
				continue
			}
			for i := 0; i < len(r); {
				j := i
				for j < len(r) && !isSpaceByte(r[j]) {
					j++
				}
				// A chunk of the markup, its entities decoded: a word, or
				// words apart by a space such as &nbsp;.
				for _, w := range strings.Fields(html.UnescapeString(string(r[i:j]))) {
					page = append(page, word{w, at + i, at + j})
				}
				for i = j; i < len(r) && isSpaceByte(r[i]); i++ {
				}
			}
		}
	}
	var out []htmlWord
	k, last := 0, 0
	for i := 0; i < len(text); {
		if isSpaceByte(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && !isSpaceByte(text[j]) {
			j++
		}
		w := string(text[i:j])
		hw := htmlWord{text: i, start: last, end: last}
		for m := k; m < len(page) && m < k+4096; m++ {
			if !strings.HasPrefix(w, page[m].w) {
				continue
			}
			hw.start, hw.end, k = page[m].start, page[m].end, m+1
			for acc := page[m].w; acc != w && k < len(page) && strings.HasPrefix(w, acc+page[k].w); k++ {
				acc += page[k].w
				hw.end = page[k].end // the rest of a word split by a tag
			}
			break
		}
		out = append(out, hw)
		last = hw.end
		i = j
	}
	return out
}

// isSpaceByte reports whether b is ASCII white space.
func isSpaceByte(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' }
