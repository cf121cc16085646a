package fix

import (
	"hash/maphash"
	"strconv"
	"sync"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The structure of a Markdown document, to check that fixes keep it: its
// blocks and their nesting, and the inlines that are not plain text
// (emphasis, links, code spans, HTML, autolinks, images, hard line
// breaks), each with its place in the text and what makes it what it is
// (a heading's level, a link's destination and reference, the bytes of
// code and HTML). Text is left out: fixes change text.

// shape is one block or inline of a document's structure.
type shape struct {
	kind  ast.NodeKind
	depth int    // how many blocks and inlines it lies in
	attr  string // what else it is: a heading's level, a link's destination…
	raw   uint64 // a hash of the bytes of code and HTML, which no fix changes
	// start and end are its extent in the text: from its first mark (a
	// list item's bullet, a link's bracket) or character to the end of
	// its last character; start == end if it has none (a thematic break).
	start, end int
}

// markdownParser parses CommonMark as goldmark's default parser does. It
// is built on first use: most runs never check a structure.
var markdownParser = sync.OnceValue(func() parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	)
})

// rawSeed seeds the hashes of code and HTML; structures are compared
// within one process only.
var rawSeed = maphash.MakeSeed()

// structure returns the shapes of a Markdown text, in document order (a
// shape before those inside it).
func structure(src []byte) []shape {
	root := markdownParser().Parse(text.NewReader(src))
	s := &shaper{src: src}
	for c := root.FirstChild(); c != nil; c = c.NextSibling() {
		s.add(c, 0, -1)
	}
	return s.shapes
}

// shaper collects the shapes of a parsed text.
type shaper struct {
	src    []byte
	shapes []shape
}

// add appends the shape of n and those inside it, and returns n's extent
// (-1, -1 for none). A block's extent ends with its last line; an inline's
// runs on to limit, where the next inline starts or the block's line ends,
// so that it holds its closing marks ("*", "](url)") too. Text has no
// shape, only an extent.
func (s *shaper) add(n ast.Node, depth, limit int) (start, end int) {
	i := len(s.shapes)
	s.shapes = append(s.shapes, shape{kind: n.Kind(), depth: depth})
	start, end = -1, -1
	widen := func(a, b int) {
		if a < 0 || b < a {
			return
		}
		if start < 0 || a < start {
			start = a
		}
		end = max(end, b)
	}
	var h maphash.Hash
	hashed := false
	hash := func(seg text.Segment) {
		if !hashed {
			h.SetSeed(rawSeed)
			hashed = true
		}
		h.Write(seg.Value(s.src))
		h.WriteByte(0)
	}
	var attr string
	switch n := n.(type) {
	case *ast.Heading:
		attr = strconv.Itoa(n.Level)
	case *ast.List:
		attr = string(n.Marker) + strconv.Itoa(n.Start) + " " + strconv.FormatBool(n.IsTight)
	case *ast.Emphasis:
		attr = strconv.Itoa(n.Level)
	case *ast.Link:
		attr = linkAttr(n.Destination, n.Title, n.Reference)
	case *ast.Image:
		attr = linkAttr(n.Destination, n.Title, n.Reference)
	case *ast.AutoLink:
		attr = strconv.Itoa(int(n.AutoLinkType)) + " " + string(n.URL(s.src))
	case *ast.LinkReferenceDefinition:
		attr = string(n.Label) + "\x00" + string(n.Destination) + "\x00" + string(n.Title)
	case *ast.FencedCodeBlock:
		if n.Info != nil {
			hash(n.Info.Segment)
		}
	case *ast.HTMLBlock:
		attr = strconv.Itoa(int(n.HTMLBlockType))
		if n.HasClosure() {
			hash(n.ClosureLine)
			widen(n.ClosureLine.Start, n.ClosureLine.Stop)
		}
	case *ast.RawHTML:
		for k := 0; k < n.Segments.Len(); k++ {
			seg := n.Segments.At(k)
			hash(seg)
			widen(seg.Start, seg.Stop)
		}
	}
	raw := n.Kind() == ast.KindCodeSpan || n.Kind() == ast.KindRawHTML || (n.Type() == ast.TypeBlock && n.IsRaw())
	if n.Type() == ast.TypeBlock {
		lines := n.Lines()
		for k := 0; k < lines.Len(); k++ {
			seg := lines.At(k)
			if raw {
				hash(seg)
			}
			widen(seg.Start, seg.Stop)
		}
	}
	if n.Type() == ast.TypeBlock {
		limit = end // for the inlines of the block's lines
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			if raw {
				hash(c.Segment)
			}
			widen(c.Segment.Start, c.Segment.Stop)
			if c.HardLineBreak() && !raw {
				// From the next line on: deleting all that follows it
				// in its block takes the break with it.
				br := lineEnd(s.src, c.Segment.Stop)
				s.shapes = append(s.shapes, shape{kind: ast.KindText, depth: depth + 1, attr: "hard line break",
					start: br, end: max(br, limit)})
			}
		case *ast.String:
			// No place in the text.
		default:
			next := limit
			if p := inlineStart(c.NextSibling()); p >= 0 {
				next = p
			}
			widen(s.add(c, depth+1, next))
		}
	}
	if p := n.Pos(); p >= 0 && (start < 0 || p < start) {
		start = p
		end = max(end, p)
	}
	if n.Type() == ast.TypeInline && start >= 0 && limit > end {
		end = limit
	}
	sh := &s.shapes[i]
	sh.attr, sh.start, sh.end = attr, start, end
	if hashed {
		sh.raw = h.Sum64()
	}
	return start, end
}

// lineEnd returns the offset after the line break at or after i.
func lineEnd(src []byte, i int) int {
	for ; i < len(src); i++ {
		switch src[i] {
		case '\n':
			return i + 1
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				return i + 2
			}
			return i + 1
		}
	}
	return i
}

// inlineStart returns where the inline n, or the first after it with a
// place in the text, starts; -1 if there is none.
func inlineStart(n ast.Node) int {
	for ; n != nil; n = n.NextSibling() {
		if t, ok := n.(*ast.Text); ok {
			return t.Segment.Start
		}
		if p := n.Pos(); p >= 0 {
			return p
		}
	}
	return -1
}

// linkAttr describes a link or an image: its destination, title, and the
// kind and label of its reference, the label as definitions match it.
func linkAttr(dest, title []byte, ref *ast.ReferenceLink) string {
	attr := string(dest) + "\x00" + string(title)
	if ref != nil {
		attr += "\x00" + strconv.Itoa(int(ref.Type)) + " " + util.ToLinkReference(ref.Value)
	}
	return attr
}

// sameStructure reports whether after, the shapes of a text that m made
// from the text of before, are before's shapes, moved by m: the same
// kinds in the same nesting, each with what makes it what it is, and in
// the same places where m moves them to one place. A shape that lies
// wholly in lines m deleted may be gone (a deleted line takes its
// paragraph with it), and then any shape inside it too; it is still there
// only if both its ends are, exactly where m moves them. Edits within
// lines change text only: a shape they delete, even with the words in it
// ("*the*"), changes the structure.
func sameStructure(before, after []shape, m *offsetMap) bool {
	j := 0
	for _, b := range before {
		deleted := b.start >= 0 && m.deleted(b.start, b.end)
		if j < len(after) && sameShape(b, after[j], m, deleted) {
			j++
			continue
		}
		if !deleted {
			return false
		}
	}
	return j == len(after)
}

// sameShape reports whether a, of the text before m, is b, of the text
// after. An end of a that m does not move to one place is not compared,
// unless strict is set: then a is not b.
func sameShape(a, b shape, m *offsetMap, strict bool) bool {
	if a.kind != b.kind || a.depth != b.depth || a.attr != b.attr || a.raw != b.raw {
		return false
	}
	if a.start < 0 || b.start < 0 {
		return a.start < 0 && b.start < 0
	}
	if to, exact := m.forward(a.start); exact && to != b.start || !exact && strict {
		return false
	}
	if to, exact := m.forward(a.end); exact && to != b.end || !exact && strict {
		return false
	}
	return true
}
