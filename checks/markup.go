package checks

import (
	"bytes"
	"sort"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/docqa/docqa/document"
)

// The parts of a document that are not prose: code, HTML, link targets,
// front matter and web addresses. The word diff and the other checks look
// at the prose; checks/markup-changed looks at these, region by region.

// regionKind is a kind of region that is not prose.
type regionKind uint8

// The kinds of regions. The first four are blocks, outside any paragraph:
// the word diff does not show them at all.
const (
	frontMatter regionKind = iota
	codeBlock
	htmlBlock
	linkDefinition
	codeSpan
	inlineHTML
	link // an inline link, a reference link or an autolink
	image
	webAddress // an address written in the prose
	heading    // a heading's level; its text is prose
	template   // template or shortcode syntax in the prose ({{< … >}}, {% … %})
	admonition // the first line of an admonition (!!! note "Title", :::tip)
	otherMarkup
)

// String returns the kind's name as a message says it.
func (k regionKind) String() string {
	switch k {
	case frontMatter:
		return "front matter"
	case codeBlock:
		return "code block"
	case htmlBlock:
		return "HTML block"
	case linkDefinition:
		return "link reference definition"
	case codeSpan:
		return "code span"
	case inlineHTML:
		return "HTML"
	case link:
		return "link"
	case image:
		return "image"
	case heading:
		return "heading"
	case webAddress:
		return "web address"
	case template:
		return "template tag"
	case admonition:
		return "admonition"
	}
	return "markup"
}

// block reports whether regions of the kind lie outside paragraphs.
func (k regionKind) block() bool { return k <= linkDefinition }

// region is one part of a document that is not prose.
type region struct {
	kind regionKind
	// span is where the region lies in the document's text: for a block
	// from its start (a code block's opening fence) to the end of its last
	// line; for an inline link or image its target as written, for a
	// reference link or image the link or image itself.
	span document.Span
	// key is what two regions are compared by: the region's text with what
	// does not change it left out (line endings; trailing white space of a
	// block's lines; white space inside an inline region).
	key string
	// text is the region as written, without the fences of a code block
	// or of front matter: a finding's old or new text.
	text string
	// lines are the lines of a block region's text, without line breaks
	// and trailing white space, and where each starts in the document.
	lines []regionLine
	// end is the offset just past a block region's last line, line break
	// included.
	end int
	// info is a code block's info string (its language) or front matter's
	// fence ("---" or "+++").
	info string
	// For links and images: the target and title (a reference's, for a
	// reference link), the reference label of a reference link, the
	// description of an image and where it lies; for a link reference
	// definition, its label, target and title.
	dest, title, label, alt string
	altSpan                 document.Span
	// level is a heading's level, 1 to 6.
	level int
	// autolink marks a link written as <https://…>.
	autolink bool
}

// regionLine is one line of a block region.
type regionLine struct {
	start int
	text  string
}

// regions returns the regions of d that are not prose, in the order of
// the text: for plain text the web addresses, for Markdown also front
// matter, code, HTML, links, images and link reference definitions. md
// parses Markdown.
func regions(d *document.Document, md parser.Parser) []region {
	if d.TooLarge() || d.Binary() {
		return nil
	}
	if d.Format != document.Markdown {
		bom := 0
		if bytes.HasPrefix(d.Text, []byte(byteOrderMark)) {
			bom = len(byteOrderMark)
		}
		return maskedRuns(nil, d, bom, len(d.Text))
	}
	return markdownRegions(d, md)
}

// maskedKind tells what a run of masked prose is by its text: a web
// address, template syntax (a tag, or one line of a tag over several), an
// admonition's first line, or other markup.
func maskedKind(s string) regionKind {
	lower := strings.ToLower(s)
	for _, p := range []string{"http://", "https://", "ftp://", "www.", "mailto:"} {
		if strings.HasPrefix(lower, p) {
			return webAddress
		}
	}
	for _, t := range [][2]string{{"{{", "}}"}, {"{%", "%}"}, {"{#", "#}"}} {
		if strings.HasPrefix(s, t[0]) || strings.HasSuffix(s, t[1]) {
			return template
		}
	}
	for _, p := range []string{"!!!", "???", ":::"} {
		if strings.HasPrefix(s, p) {
			return admonition
		}
	}
	return otherMarkup
}

// newMarkdownParser returns a CommonMark parser as the document model's:
// goldmark's default block and inline parsers and link reference
// definitions. A parser keeps no state between documents and is safe for
// concurrent use.
func newMarkdownParser() parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	)
}

// byteOrderMark is the UTF-8 byte order mark.
const byteOrderMark = "\uFEFF"

// maskedRuns appends what the document model masks in d's prose between
// offsets start and end, each run of masked bytes on a line a region: web
// addresses, and in Markdown template syntax and admonition lines too.
func maskedRuns(out []region, d *document.Document, start, end int) []region {
	for i := start; i < end; i++ {
		if d.Prose[i] != document.Masked {
			continue
		}
		j := i
		for j < end && d.Prose[j] == document.Masked && d.Text[j] != '\n' && d.Text[j] != '\r' {
			j++
		}
		if j > i {
			s := d.String(document.Span{Start: i, End: j})
			out = append(out, region{kind: maskedKind(s), span: document.Span{Start: i, End: j}, key: s, text: s, dest: s})
		}
		i = j
	}
	return out
}

// markdownRegions parses d as the document model does (front matter and a
// byte order mark blanked, so that offsets stay the text's) and collects
// its regions.
func markdownRegions(d *document.Document, md parser.Parser) []region {
	src := d.Text
	bom := 0
	if bytes.HasPrefix(src, []byte(byteOrderMark)) {
		bom = len(byteOrderMark)
	}
	var out []region
	parsed := src
	if fm := document.FrontMatterEnd(src, bom); bom > 0 || fm > 0 {
		parsed = bytes.Clone(src)
		for i := 0; i < fm; i++ {
			if parsed[i] != '\n' && parsed[i] != '\r' {
				parsed[i] = ' '
			}
		}
		for i := 0; i < bom; i++ {
			parsed[i] = ' '
		}
		if fm > 0 {
			out = append(out, frontMatterRegion(d, bom, fm))
		}
	}
	c := collector{d: d, src: src}
	c.walk(md.Parse(text.NewReader(parsed)))
	return append(out, c.out...)
}

// frontMatterRegion is the front matter of d, from start to end: its
// lines between the fences.
func frontMatterRegion(d *document.Document, start, end int) region {
	r := region{kind: frontMatter, span: document.Span{Start: start, End: end}, end: end}
	first := true
	for off := start; off < end; {
		lineEnd := off
		for lineEnd < end && d.Text[lineEnd] != '\n' && d.Text[lineEnd] != '\r' {
			lineEnd++
		}
		next := lineEnd
		if next < end && d.Text[next] == '\r' {
			next++
		}
		if next < end && d.Text[next] == '\n' {
			next++
		}
		line := d.String(document.Span{Start: off, End: lineEnd})
		switch {
		case first:
			r.info = strings.TrimRight(line, " \t")
			first = false
		case next >= end && isFence(line):
			// the closing fence
		default:
			r.lines = append(r.lines, regionLine{off, trimLine(line)})
			r.text += d.String(document.Span{Start: off, End: next})
		}
		off = next
	}
	r.key = r.info + "\x00" + joinLines(r.lines)
	return r
}

func isFence(line string) bool {
	line = strings.TrimRight(line, " \t")
	return line == "---" || line == "+++" || line == "..."
}

// trimLine removes a line's line break and trailing white space.
func trimLine(s string) string { return strings.TrimRight(s, " \t\r\n") }

func joinLines(ls []regionLine) string {
	var b strings.Builder
	for i, l := range ls {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l.text)
	}
	return b.String()
}

// collapse joins the fields of s with single spaces: white space inside an
// inline region (a code span re-wrapped) is no change.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// collector walks a parsed Markdown document and collects its regions.
type collector struct {
	d   *document.Document
	src []byte
	out []region
}

func (c *collector) walk(n ast.Node) {
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch ch := ch.(type) {
		case *ast.FencedCodeBlock:
			r := c.blockLines(codeBlock, ch, nil)
			if ch.Info != nil {
				r.info = strings.TrimSpace(string(ch.Info.Segment.Value(c.src)))
			}
			r.key = r.info + "\x00" + joinLines(r.lines)
			c.out = append(c.out, r)
		case *ast.CodeBlock:
			r := c.blockLines(codeBlock, ch, nil)
			r.key = "\x00" + joinLines(r.lines)
			c.out = append(c.out, r)
		case *ast.HTMLBlock:
			var closure *text.Segment
			if ch.HasClosure() {
				closure = &ch.ClosureLine
			}
			r := c.blockLines(htmlBlock, ch, closure)
			// White space inside HTML is layout: re-indenting is no change.
			for i := range r.lines {
				r.lines[i].text = strings.TrimLeft(r.lines[i].text, " \t")
			}
			r.key = joinLines(r.lines)
			c.out = append(c.out, r)
		case *ast.LinkReferenceDefinition:
			r := c.blockLines(linkDefinition, ch, nil)
			r.label, r.dest, r.title = string(ch.Label), string(ch.Destination), string(ch.Title)
			r.key = util.ToLinkReference(ch.Label) + "\x00" + r.dest + "\x00" + r.title
			c.out = append(c.out, r)
		case *ast.CodeSpan:
			var b strings.Builder
			start := inlineStart(ch)
			end := start + 1
			for t := ch.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					b.Write(t.Segment.Value(c.src))
					end = t.Segment.Stop
				}
			}
			for end < len(c.src) && c.src[end] == '`' {
				end++
			}
			s := b.String()
			c.out = append(c.out, region{kind: codeSpan, span: document.Span{Start: start, End: min(end, len(c.src))}, key: collapse(s), text: s})
		case *ast.RawHTML:
			if ch.Segments.Len() == 0 {
				continue
			}
			var b strings.Builder
			for i := 0; i < ch.Segments.Len(); i++ {
				seg := ch.Segments.At(i)
				b.Write(seg.Value(c.src))
			}
			s := b.String()
			span := document.Span{Start: ch.Segments.At(0).Start, End: ch.Segments.At(ch.Segments.Len() - 1).Stop}
			c.out = append(c.out, region{kind: inlineHTML, span: span, key: collapse(s), text: s})
		case *ast.AutoLink:
			url := string(ch.URL(c.src))
			start := inlineStart(ch) + 1 // after "<"
			span := document.Span{Start: start, End: min(start+len(ch.Label(c.src)), len(c.src))}
			c.out = append(c.out, region{kind: link, span: span, key: "<" + url, text: url, dest: url, autolink: true})
		case *ast.Link:
			c.out = append(c.out, c.link(link, ch, ch.Destination, ch.Title, ch.Reference))
			c.walk(ch) // the link text is prose, with its own code, HTML and addresses
		case *ast.Image:
			c.out = append(c.out, c.link(image, ch, ch.Destination, ch.Title, ch.Reference))
		case *ast.Heading:
			r := region{kind: heading, level: ch.Level}
			r.span.Start = max(ch.Pos(), 0)
			lines := ch.Lines()
			if lines.Len() > 0 {
				r.span.Start = lines.At(0).Start // the text, after an ATX heading's "#"s
				r.span.End = lines.At(lines.Len() - 1).Stop
				r.text = c.d.String(r.span)
			}
			r.span.End = max(r.span.End, r.span.Start)
			r.key = strconv.Itoa(ch.Level) + "\x00" + collapse(r.text)
			c.out = append(c.out, r)
			c.prose(ch)
		case *ast.Paragraph, *ast.TextBlock:
			c.prose(ch)
		default:
			c.walk(ch)
		}
	}
}

// inlineStart returns the offset where inline node n starts: its
// position as the parser records it, or, should it not, the start of its
// first text less one (its opening mark), or 0.
func inlineStart(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	start := -1
	_ = ast.Walk(n, func(x ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := x.(*ast.Text); ok && entering {
			start = t.Segment.Start - 1
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return max(start, 0)
}

// prose collects the regions of a block of prose n (a paragraph, a
// heading, the text of a list item): its inline code, HTML, links and
// images, then what the document model masks in its text besides them
// (web addresses, template syntax, admonition lines), all in the order of
// the text.
func (c *collector) prose(n ast.Node) {
	mark := len(c.out)
	c.walk(n)
	lines := n.Lines()
	if lines.Len() == 0 {
		return
	}
	start, end := lines.At(0).Start, lines.At(lines.Len()-1).Stop
	// The masked bytes the inline regions account for.
	covered := make([]bool, end-start)
	for _, r := range c.out[mark:] {
		s := r.span
		switch r.kind {
		case image:
			s = r.altSpan
		case heading:
			continue
		case link:
			if !r.autolink {
				continue // a link's text is prose; its target is not masked
			}
		}
		for i := max(s.Start, start); i < min(s.End, end); i++ {
			covered[i-start] = true
		}
	}
	for i := start; i < end; {
		if covered[i-start] {
			i++
			continue
		}
		j := i
		for j < end && !covered[j-start] {
			j++
		}
		c.out = maskedRuns(c.out, c.d, i, j)
		i = j
	}
	added := c.out[mark:]
	sort.SliceStable(added, func(a, b int) bool { return added[a].span.Start < added[b].span.Start })
}

// blockLines returns the region of kind of block n: its lines, and the
// closure line of an HTML block when it has one.
func (c *collector) blockLines(kind regionKind, n ast.Node, closure *text.Segment) region {
	r := region{kind: kind}
	var b strings.Builder
	add := func(seg text.Segment) {
		v := seg.Value(c.src)
		b.Write(v)
		r.lines = append(r.lines, regionLine{seg.Start, trimLine(string(v))})
		r.end = seg.Stop
	}
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		add(lines.At(i))
	}
	if closure != nil && closure.Start >= 0 {
		add(*closure)
	}
	start := n.Pos()
	if start < 0 {
		start = 0
		if len(r.lines) > 0 {
			start = r.lines[0].start
		}
	}
	if len(r.lines) == 0 {
		r.end = c.d.LineSpanWithBreak(start).End // an empty block: its opening line
	}
	r.span = document.Span{Start: start, End: max(r.end, start)}
	r.text = b.String()
	return r
}

// link returns the region of a link or an image n with target dest and
// title, and ref for a reference link. Its span is the target written in
// the text for an inline link or image, else the link or image itself.
func (c *collector) link(kind regionKind, n ast.Node, dest, title []byte, ref *ast.ReferenceLink) region {
	r := region{kind: kind, dest: string(dest), title: string(title)}
	start := inlineStart(n)
	textStart := start + 1 // after "["
	if kind == image {
		textStart++ // after "!["
	}
	textEnd := textStart
	var alt strings.Builder
	_ = ast.Walk(n, func(x ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := x.(*ast.Text); ok && entering {
			alt.Write(t.Segment.Value(c.src))
			textEnd = max(textEnd, t.Segment.Stop)
		}
		return ast.WalkContinue, nil
	})
	r.altSpan = document.Span{Start: textStart, End: textEnd}
	r.span = document.Span{Start: start, End: textEnd}
	if ref != nil {
		r.label = string(ref.Value)
		r.key = "[" + util.ToLinkReference(ref.Value)
	} else {
		r.key = "(" + r.dest + "\x00" + r.title
		if s, ok := destination(c.src, textEnd); ok {
			r.span = s
		}
	}
	if kind == image {
		r.alt = alt.String()
		r.key = collapse(r.alt) + "\x00" + r.key
	}
	r.text = r.dest
	return r
}

// destination finds the target of an inline link whose text ends at
// offset from: after the "](" that follows, the text up to white space or
// the closing parenthesis, or between angle brackets.
func destination(src []byte, from int) (document.Span, bool) {
	i := bytes.Index(src[from:], []byte("]("))
	if i < 0 {
		return document.Span{}, false
	}
	p := from + i + 2
	for p < len(src) && (src[p] == ' ' || src[p] == '\t' || src[p] == '\n' || src[p] == '\r') {
		p++
	}
	if p < len(src) && src[p] == '<' {
		q := bytes.IndexByte(src[p+1:], '>')
		if q < 0 {
			return document.Span{}, false
		}
		return document.Span{Start: p + 1, End: p + 1 + q}, true
	}
	depth, q := 0, p
scan:
	for q < len(src) {
		switch src[q] {
		case ' ', '\t', '\n', '\r':
			break scan
		case '\\':
			q++
		case '(':
			depth++
		case ')':
			if depth == 0 {
				break scan
			}
			depth--
		}
		q++
	}
	return document.Span{Start: p, End: min(q, len(src))}, true
}
