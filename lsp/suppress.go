package lsp

import (
	"bytes"
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"github.com/docqa/docqa/document"
)

// The renderings a comment inserted into a document must leave as they
// were: CommonMark's, and GitHub's (GFM: tables, task lists, strikethrough,
// autolinks), where a comment after a table's delimiter row breaks the
// table.
var (
	commonMark = goldmark.New(goldmark.WithRendererOptions(html.WithUnsafe()))
	gfm        = goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(html.WithUnsafe()))
)

// placer judges where a comment can be inserted into one Markdown document
// without changing what a reader sees. It parses the document once and
// finds the blank lines that lie between top-level blocks, where nothing
// is open and the parse of what follows does not depend on what came
// before; a comment inserted between two such lines changes the rendering
// of the document if and only if it changes that of the text between
// them. So each placement costs the rendering of the blocks around it,
// not of the whole document: the code actions of a selection that spans a
// large document with many findings take time linear in its size.
type placer struct {
	doc  *document.Document
	cuts []int // the blank lines (1-based) outside every top-level block, in order
	// rendered holds the normalised renderings of the windows judged so
	// far, as they are.
	rendered map[[2]int][2][]byte
}

// newPlacer parses doc's text and returns its placer.
func newPlacer(doc *document.Document) *placer {
	src := bytes.TrimPrefix(doc.Text, bom) // goldmark would read a byte order mark as text
	shift := len(doc.Text) - len(src)
	n := doc.LineCount()
	inBlock := make([]bool, n+2)
	root := gfm.Parser().Parse(text.NewReader(src))
	for c := root.FirstChild(); c != nil; c = c.NextSibling() {
		lo, hi := -1, -1
		_ = ast.Walk(c, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering && n.Type() == ast.TypeBlock {
				for i, ls := 0, n.Lines(); i < ls.Len(); i++ {
					seg := ls.At(i)
					if lo < 0 || seg.Start < lo {
						lo = seg.Start
					}
					hi = max(hi, seg.Stop)
				}
			}
			return ast.WalkContinue, nil
		})
		if lo < 0 {
			continue // no text of its own (a thematic break): one line
		}
		last := doc.LineOf(max(shift+hi-1, shift+lo))
		for l := doc.LineOf(shift + lo); l <= last; l++ {
			inBlock[l] = true
		}
	}
	p := &placer{doc: doc, rendered: map[[2]int][2][]byte{}}
	for l := 1; l <= n; l++ {
		if !inBlock[l] && len(bytes.TrimSpace(doc.Slice(doc.Line(l)))) == 0 {
			p.cuts = append(p.cuts, l)
		}
	}
	return p
}

// keeps reports whether inserting ins at offset off of the document
// leaves its rendering as it was, once HTML comments are taken out: a
// comment line that splits a list, a paragraph or a table, or a comment
// that takes a hard line break's place or breaks a closing fence, changes
// it.
func (p *placer) keeps(off int, ins string) bool {
	doc := p.doc
	// The window: whole lines from the last cut before the insertion's
	// line to the first cut after the line it governs, the next.
	line := doc.LineOf(off)
	first, last := 1, doc.LineCount()
	for _, c := range p.cuts {
		if c < line {
			first = c + 1
		} else if c > line+1 {
			last = c - 1
			break
		}
	}
	start := doc.Line(first).Start
	if first == 1 {
		start = 0
	}
	end := doc.LineSpanWithBreak(doc.Line(last).Start).End
	key := [2]int{start, end}
	before, ok := p.rendered[key]
	if !ok {
		if before, ok = renderings(doc.Text[start:end]); !ok {
			return false
		}
		p.rendered[key] = before
	}
	w := doc.Text[start:end]
	after, ok := renderings(bytes.Join([][]byte{w[:off-start], []byte(ins), w[off-start:]}, nil))
	return ok && bytes.Equal(before[0], after[0]) && bytes.Equal(before[1], after[1])
}

// renderings returns a Markdown text's renderings, CommonMark's and
// GFM's, normalised, and whether it could be rendered.
func renderings(src []byte) ([2][]byte, bool) {
	src = bytes.TrimPrefix(src, bom)
	var out [2][]byte
	for i, md := range []goldmark.Markdown{commonMark, gfm} {
		var b bytes.Buffer
		if md.Convert(src, &b) != nil {
			return out, false
		}
		out[i] = normalizeHTML(b.Bytes())
	}
	return out, true
}

// bom is the byte order mark.
var bom = []byte("\uFEFF")

// htmlComment and space match what normalizeHTML takes out.
var (
	htmlComment = regexp.MustCompile(`(?s)<!--.*?-->`)
	space       = regexp.MustCompile(`\s+`)
)

// normalizeHTML removes comments and makes runs of white space one space,
// with none between tags.
func normalizeHTML(b []byte) []byte {
	b = htmlComment.ReplaceAll(b, nil)
	b = space.ReplaceAll(b, []byte(" "))
	b = bytes.ReplaceAll(b, []byte("> <"), []byte("><"))
	b = bytes.ReplaceAll(b, []byte(" </"), []byte("</"))
	b = bytes.ReplaceAll(b, []byte("> "), []byte(">"))
	return bytes.TrimSpace(b)
}
