package document

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// plainProse finds the prose and the paragraphs of plain text. Every byte
// but a byte order mark is prose, so Prose is Text itself unless a byte
// order mark or a web address needs masking; blank lines separate
// paragraphs.
func (d *Document) plainProse() {
	src := d.Text
	d.Prose = src
	if u := nextURL(src, d.bom); u < len(src) || d.bom > 0 {
		prose := make([]byte, len(src))
		copy(prose, src)
		for i := 0; i < d.bom; i++ {
			prose[i] = Masked
		}
		maskURLs(prose, u)
		d.Prose = prose
	}
	n := 0
	for range d.plainParagraphs {
		n++
	}
	d.Paragraphs = make([]Paragraph, 0, n)
	for s := range d.plainParagraphs {
		d.Paragraphs = append(d.Paragraphs, Paragraph{Span: s})
	}
}

// plainParagraphs yields the spans of the paragraphs of plain text, each
// from its first character to its last: runs of lines that are not blank.
func (d *Document) plainParagraphs(yield func(Span) bool) {
	src := d.Text
	start := -1 // start of the current paragraph
	end := -1   // end of its last non-blank line
	for k, i := range d.lines {
		if k == 0 {
			i = d.bom
		}
		lineEnd := len(src)
		if k+1 < len(d.lines) {
			lineEnd = d.lines[k+1]
		}
		for lineEnd > i && (src[lineEnd-1] == '\n' || src[lineEnd-1] == '\r') {
			lineEnd-- // the line break
		}
		if isBlank(src[i:lineEnd]) {
			if start >= 0 {
				if !yield(Span{start, end}) {
					return
				}
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
			for isSpaceByte(src[start]) {
				start++ // the paragraph starts at its first character
			}
		}
		end = lineEnd
		for isSpaceByte(src[end-1]) {
			end-- // and ends at its last
		}
	}
	if start >= 0 {
		yield(Span{start, end})
	}
}

// isBlank reports whether a line holds only white space, no-break spaces
// included.
func isBlank(b []byte) bool {
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == ' ' || c == '\t' || c == '\f' || c == '\v':
		case c == 0xC2 && i+1 < len(b) && b[i+1] == 0xA0:
			i++ // a no-break space, as web pages leave between paragraphs
		default:
			return false
		}
	}
	return true
}

// markdownParser parses CommonMark as goldmark's default parser does, but
// looks for link reference definitions only in paragraphs that can hold
// one. A goldmark parser keeps no state between documents and is safe for
// concurrent use, so this one serves every document; building one costs
// more than parsing a short document.
var markdownParser = parser.NewParser(
	parser.WithBlockParsers(parser.DefaultBlockParsers()...),
	parser.WithInlineParsers(parser.DefaultInlineParsers()...),
	parser.WithParagraphTransformers(util.Prioritized(linkReferences{}, 100)),
)

// linkReferences is goldmark's LinkReferenceParagraphTransformer for
// paragraphs whose first character, after white space, is "[", the first
// character of every link reference definition. Other paragraphs it leaves
// alone without the allocations of looking.
type linkReferences struct{}

// Transform implements parser.ParagraphTransformer.
func (linkReferences) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	lines := node.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		for _, c := range src[seg.Start:seg.Stop] {
			if util.IsSpace(c) {
				continue
			}
			if c == '[' {
				parser.LinkReferenceParagraphTransformer.Transform(node, reader, pc)
			}
			return
		}
	}
	parser.LinkReferenceParagraphTransformer.Transform(node, reader, pc)
}

// markdownProse parses the text as CommonMark. Paragraphs, headings and the
// text of list items are prose blocks; inside them, text is kept, code
// spans, raw HTML, autolinks and images are masked, and the remaining
// markup (emphasis marks, link brackets and targets) reads as spaces.
// Everything outside the blocks is masked; line breaks are kept
// everywhere. It also finds the HTML comments of HTML blocks and inline
// HTML.
func (d *Document) markdownProse() {
	src := d.Text
	prose := make([]byte, len(src)) // all Masked
	for _, l := range d.lines[1:] {
		prose[l-1] = src[l-1] // a line break: LF, CR or the LF of CRLF
		if src[l-1] == '\n' && l >= 2 && src[l-2] == '\r' {
			prose[l-2] = '\r'
		}
	}
	// The parser reads src with a byte order mark, and front matter (YAML
	// between --- lines, or TOML between +++ lines) at the very start,
	// blanked: they are not prose.
	parsed := src
	if fm := FrontMatterEnd(src, d.bom); d.bom > 0 || fm > 0 {
		parsed = make([]byte, len(src))
		copy(parsed, src)
		for i := 0; i < d.bom; i++ {
			parsed[i] = ' '
		}
		for i := d.bom; i < fm; i++ {
			if parsed[i] != '\n' && parsed[i] != '\r' {
				parsed[i] = ' '
			}
		}
	}
	root := markdownParser.Parse(text.NewReader(parsed))
	var paras []Paragraph
	var comments []Span
	var labels []Span
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindParagraph, ast.KindTextBlock, ast.KindHeading:
		case ast.KindHTMLBlock:
			comments = blockComments(comments, n.(*ast.HTMLBlock), src)
			return ast.WalkSkipChildren, nil
		case ast.KindCodeBlock, ast.KindFencedCodeBlock:
			return ast.WalkSkipChildren, nil
		default:
			return ast.WalkContinue, nil
		}
		lines := n.Lines()
		if lines.Len() == 0 {
			return ast.WalkSkipChildren, nil
		}
		span := Span{lines.At(0).Start, lines.At(lines.Len() - 1).Stop}
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			if i > 0 {
				// The container marks and indentation that start a
				// continuation line ("> ", "  " in a list item) read
				// as the space between the lines' words.
				blank(prose, src, lines.At(i-1).Stop, seg.Start)
			}
			blank(prose, src, seg.Start, seg.Stop)
		}
		copyInlines(n, src, prose, &comments)
		labels = appendLabels(labels, n)
		for span.End > span.Start && isSpaceByte(src[span.End-1]) {
			span.End--
		}
		for span.Start < span.End && isSpaceByte(src[span.Start]) {
			span.Start++
		}
		if span.Len() > 0 {
			paras = append(paras, Paragraph{Span: span, Heading: n.Kind() == ast.KindHeading})
		}
		return ast.WalkSkipChildren, nil
	})
	if paras == nil {
		paras = []Paragraph{}
	}
	d.Prose, d.Paragraphs, d.Comments = prose, paras, comments
	d.labels = labels
}

// spaces is a run of 64 spaces to copy from.
const spaces = "                                                                "

// blank sets prose[start:stop] to spaces, but for line breaks, which keep
// their bytes from src.
func blank(prose, src []byte, start, stop int) {
	end := stop
	for end > start && (src[end-1] == '\n' || src[end-1] == '\r') {
		end-- // the line break that ends a line
	}
	if bytes.IndexByte(src[start:end], '\r') >= 0 || bytes.IndexByte(src[start:end], '\n') >= 0 {
		end = start // line breaks inside: take them one byte at a time
	}
	for b := prose[start:end]; len(b) > 0; {
		b = b[copy(b, spaces):]
	}
	for j := end; j < stop; j++ {
		if src[j] != '\n' && src[j] != '\r' {
			prose[j] = ' '
		}
	}
}

// The marks that open and close an HTML comment.
const (
	commentOpen  = "<!--"
	commentClose = "-->"
)

// blockComments appends the comments of an HTML block to out. The text of
// a <script>, <style>, <pre> or <textarea> block (type 1) is left alone:
// there "<!--" need not open a comment. A comment never closed is none.
func blockComments(out []Span, n *ast.HTMLBlock, src []byte) []Span {
	lines := n.Lines()
	if n.HTMLBlockType == ast.HTMLBlockType1 || lines.Len() == 0 {
		return out
	}
	start, end := lines.At(0).Start, lines.At(lines.Len()-1).Stop
	if n.HasClosure() {
		end = n.ClosureLine.Stop
	}
	for i := start; i < end; {
		open := bytes.Index(src[i:end], []byte(commentOpen))
		if open < 0 {
			break
		}
		open += i
		// "<!-->" and "<!--->" are empty comments: search from "<!".
		closing := bytes.Index(src[open+2:end], []byte(commentClose))
		if closing < 0 {
			break
		}
		stop := open + 2 + closing + len(commentClose)
		out = append(out, Span{open, stop})
		i = stop
	}
	return out
}

// inlineComment returns the span of inline HTML that is a comment.
func inlineComment(n *ast.RawHTML, src []byte) (Span, bool) {
	if n.Segments.Len() == 0 {
		return Span{}, false
	}
	s := Span{n.Segments.At(0).Start, n.Segments.At(n.Segments.Len() - 1).Stop}
	text := src[s.Start:s.End]
	return s, bytes.HasPrefix(text, []byte(commentOpen)) && bytes.HasSuffix(text, []byte(commentClose))
}

// copyInlines copies the prose text of n's inline children into prose and
// masks the inlines that are not prose. It appends the HTML comments among
// them to comments.
func copyInlines(n ast.Node, src, prose []byte, comments *[]Span) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			copy(prose[c.Segment.Start:c.Segment.Stop], src[c.Segment.Start:c.Segment.Stop])
		case *ast.CodeSpan, *ast.Image:
			maskInline(c, src, prose)
		case *ast.RawHTML:
			for i := 0; i < c.Segments.Len(); i++ {
				seg := c.Segments.At(i)
				mask(prose, src, seg.Start, seg.Stop)
			}
			if s, ok := inlineComment(c, src); ok {
				*comments = append(*comments, s)
			}
		case *ast.AutoLink:
			maskAutoLink(c, src, prose)
		default:
			copyInlines(c, src, prose, comments)
		}
	}
}

// maskInline masks the text of an inline node that is not prose (a code
// span's code, an image's alternative text). Its delimiters stay spaces:
// the masked bytes between them already keep words apart.
func maskInline(n ast.Node, src, prose []byte) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			mask(prose, src, t.Segment.Start, t.Segment.Stop)
		}
		return ast.WalkContinue, nil
	})
}

// maskAutoLink masks the address of an autolink (<https://…>).
func maskAutoLink(n *ast.AutoLink, src, prose []byte) {
	label := n.Label(src)
	if len(label) == 0 {
		return
	}
	// Label is a slice of src: its offset follows from the capacities.
	start := cap(src) - cap(label)
	if start < 0 || start+len(label) > len(src) || &src[start] != &label[0] {
		return
	}
	mask(prose, src, start, start+len(label))
}

func mask(prose, src []byte, start, stop int) {
	for i := start; i < stop && i < len(prose); i++ {
		if src[i] != '\n' && src[i] != '\r' {
			prose[i] = Masked
		}
	}
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// FrontMatterEnd returns the offset just past a front matter block that
// opens src at start (a line of "---" or "+++", up to the same line again,
// or "..." after "---"), or 0 if there is none: the front matter that a
// Markdown document's model does not take for prose.
func FrontMatterEnd(src []byte, start int) int {
	rest := src[start:]
	var fence []byte
	switch {
	case bytes.HasPrefix(rest, []byte("---")):
		fence = []byte("---")
	case bytes.HasPrefix(rest, []byte("+++")):
		fence = []byte("+++")
	default:
		return 0
	}
	off := start
	first := true
	for off < len(src) {
		end := off
		for end < len(src) && src[end] != '\n' {
			end++
		}
		line := bytes.TrimRight(src[off:end], " \t\r")
		next := end
		if next < len(src) {
			next++
		}
		if first {
			if !bytes.Equal(line, fence) {
				return 0
			}
			first = false
		} else if bytes.Equal(line, fence) || (fence[0] == '-' && bytes.Equal(line, []byte("..."))) {
			return next
		}
		off = next
	}
	return 0 // never closed: not front matter
}

// maskURLs masks the web addresses and e-mail addresses written in the
// prose, from offset from on: their letters are not words.
func maskURLs(prose []byte, from int) {
	for i := nextURL(prose, from); i < len(prose); i = nextURL(prose, i+1) {
		end := i
		for end < len(prose) && !isSpaceByte(prose[end]) && prose[end] != Masked {
			end++
		}
		// Trailing punctuation belongs to the sentence, not the address.
		for end > i && bytes.IndexByte([]byte(".,;:!?)]}\"'"), prose[end-1]) >= 0 {
			end--
		}
		for j := i; j < end; j++ {
			prose[j] = Masked
		}
		i = end
	}
}

// urlLead marks the bytes that can start an address maskURLs masks.
var urlLead = [256]bool{'h': true, 'H': true, 'w': true, 'W': true, 'f': true, 'm': true}

// nextURL returns the offset of the first web or e-mail address in prose
// at or after from, or len(prose) if there is none.
func nextURL(prose []byte, from int) int {
	// Each address has a separator 3 to 6 bytes after its start: the "."
	// of "www." or the ":" of "http:", "https:", "ftp:" or "mailto:". Only
	// the offsets just before a separator, found fast, need a closer look.
	dot, colon := -1, -1 // the next of each at or after i+3
	for i := from; i < len(prose); i++ {
		if dot < i+3 {
			dot = indexByteFrom(prose, i+3, '.')
		}
		if colon < i+3 {
			colon = indexByteFrom(prose, i+3, ':')
		}
		sep := min(dot, colon)
		if sep == len(prose) {
			break
		}
		i = max(i, sep-6)
		if !urlLead[prose[i]] {
			continue
		}
		if i > 0 && !isURLStartBoundary(prose[i-1]) {
			continue
		}
		rest := prose[i:]
		if hasPrefixFold(rest, "http://") || hasPrefixFold(rest, "https://") ||
			hasPrefixFold(rest, "www.") || hasPrefixFold(rest, "ftp://") || hasPrefixFold(rest, "mailto:") {
			return i
		}
	}
	return len(prose)
}

// indexByteFrom returns the offset of the first c in b at or after from,
// or len(b) if there is none.
func indexByteFrom(b []byte, from int, c byte) int {
	if from >= len(b) {
		return len(b)
	}
	if i := bytes.IndexByte(b[from:], c); i >= 0 {
		return from + i
	}
	return len(b)
}

func isURLStartBoundary(c byte) bool {
	return isSpaceByte(c) || c == '(' || c == '<' || c == '[' || c == '"' || c == '\'' || c == Masked || c >= 0x80
}

func hasPrefixFold(b []byte, prefix string) bool {
	if len(b) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}
