package document

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// block is a prose block found by a format's parser, before it is split into
// sentences and words.
type block struct {
	Span
	heading bool
}

// plainProse treats every byte but a byte order mark as prose; paragraphs
// are separated by blank lines.
func plainProse(src []byte, bom int) ([]byte, []block) {
	prose := make([]byte, len(src))
	copy(prose, src)
	for i := 0; i < bom; i++ {
		prose[i] = Masked
	}
	var blocks []block
	start := -1 // start of the current paragraph
	end := -1   // end of its last non-blank line
	for i := bom; i < len(src); {
		lineEnd := i
		for lineEnd < len(src) && src[lineEnd] != '\n' && src[lineEnd] != '\r' {
			lineEnd++
		}
		next := lineEnd
		if next < len(src) {
			if src[next] == '\r' && next+1 < len(src) && src[next+1] == '\n' {
				next++
			}
			next++
		}
		if isBlank(src[i:lineEnd]) {
			if start >= 0 {
				blocks = append(blocks, block{Span: Span{start, end}})
				start = -1
			}
		} else {
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
		i = next
	}
	if start >= 0 {
		blocks = append(blocks, block{Span: Span{start, end}})
	}
	return prose, blocks
}

func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\f' && c != '\v' {
			return false
		}
	}
	return true
}

// markdownProse parses src as CommonMark. Paragraphs, headings and the text
// of list items are prose blocks; inside them, text is kept, code spans, raw
// HTML, autolinks and images are masked, and the remaining markup (emphasis
// marks, link brackets and targets) reads as spaces. Everything outside the
// blocks is masked; line breaks are kept everywhere. It also returns the
// HTML comments of HTML blocks and inline HTML.
func markdownProse(src []byte, bom int) ([]byte, []block, []Span) {
	prose := make([]byte, len(src))
	for i, c := range src {
		if c == '\n' || c == '\r' {
			prose[i] = c
		} else {
			prose[i] = Masked
		}
	}
	parsed := make([]byte, len(src))
	copy(parsed, src)
	for i := 0; i < bom; i++ {
		parsed[i] = ' '
	}
	// Front matter (YAML between --- lines, or TOML between +++ lines) at
	// the very start is not prose: hide it from the parser.
	if fm := frontMatterEnd(parsed, bom); fm > 0 {
		for i := bom; i < fm; i++ {
			if parsed[i] != '\n' && parsed[i] != '\r' {
				parsed[i] = ' '
			}
		}
	}
	root := goldmark.New().Parser().Parse(text.NewReader(parsed))
	var blocks []block
	var comments []Span
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
			for j := seg.Start; j < seg.Stop; j++ {
				if src[j] != '\n' && src[j] != '\r' {
					prose[j] = ' '
				}
			}
		}
		copyInlines(n, src, prose, &comments)
		for span.End > span.Start && isSpaceByte(src[span.End-1]) {
			span.End--
		}
		for span.Start < span.End && isSpaceByte(src[span.Start]) {
			span.Start++
		}
		if span.Len() > 0 {
			blocks = append(blocks, block{Span: span, heading: n.Kind() == ast.KindHeading})
		}
		return ast.WalkSkipChildren, nil
	})
	return prose, blocks, comments
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

// frontMatterEnd returns the offset just past a front matter block that
// opens the document (a line of "---" or "+++", up to the same line again),
// or 0 if there is none.
func frontMatterEnd(src []byte, start int) int {
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

// maskURLs masks web addresses and e-mail addresses written in the prose:
// their letters are not words.
func maskURLs(prose []byte) {
	for i := 0; i < len(prose); i++ {
		c := prose[i]
		if c != 'h' && c != 'H' && c != 'w' && c != 'W' && c != 'f' && c != 'm' {
			continue
		}
		if i > 0 && !isURLStartBoundary(prose[i-1]) {
			continue
		}
		rest := prose[i:]
		if !(hasPrefixFold(rest, "http://") || hasPrefixFold(rest, "https://") ||
			hasPrefixFold(rest, "www.") || hasPrefixFold(rest, "ftp://") || hasPrefixFold(rest, "mailto:")) {
			continue
		}
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
