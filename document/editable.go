package document

import (
	"sort"

	"github.com/yuin/goldmark/ast"
)

// Editable reports whether a fix may replace the bytes of s without
// changing the document's markup. In plain text every byte is editable but
// masked ones (a byte order mark, a web address). In Markdown the editable
// bytes are the prose text and the white space between its words, as Prose
// holds them: not masked bytes (code, HTML, link targets of autolinks and
// images, front matter), not markup that Prose reads as a space (emphasis
// marks, link brackets, destinations and titles, a backslash line break),
// and not the text of a link that is its own reference label ([label] or
// [label][]), which would no longer match its definition. An empty span,
// an insertion, is editable where it would not insert into such a label.
func (d *Document) Editable(s Span) bool {
	if s.Start < 0 || s.End > len(d.Text) || s.Start > s.End {
		return false
	}
	prose, text := d.Prose[s.Start:s.End], d.Text[s.Start:s.End]
	for i, c := range prose {
		if c == Masked || c != text[i] {
			return false
		}
	}
	if s.Len() == 0 {
		// An insertion at either end of a label changes it too.
		i := sort.Search(len(d.labels), func(i int) bool { return d.labels[i].End >= s.Start })
		return i == len(d.labels) || s.Start < d.labels[i].Start
	}
	i := sort.Search(len(d.labels), func(i int) bool { return d.labels[i].End > s.Start })
	return i == len(d.labels) || s.End <= d.labels[i].Start
}

// appendLabels appends to labels the texts of the links among the inline
// descendants of n whose text is their reference label: shortcut ([label])
// and collapsed ([label][]) references. Each span runs from just after the
// opening bracket to the end of the link's last text.
func appendLabels(labels []Span, n ast.Node) []Span {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		link, ok := c.(*ast.Link)
		if !ok {
			if c.HasChildren() {
				labels = appendLabels(labels, c)
			}
			continue
		}
		if r := link.Reference; r == nil || r.Type == ast.ReferenceLinkFull || link.Pos() < 0 {
			continue
		}
		end := textEnd(link)
		if start := link.Pos() + 1; end > start {
			labels = append(labels, Span{start, end})
		}
	}
	return labels
}

// textEnd returns the end of the last text among n's inline descendants,
// or -1 if there is none.
func textEnd(n ast.Node) int {
	end := -1
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			end = max(end, c.Segment.Stop)
		case *ast.RawHTML:
			if k := c.Segments.Len(); k > 0 {
				end = max(end, c.Segments.At(k-1).Stop)
			}
		default:
			end = max(end, textEnd(c))
		}
	}
	return end
}
