package lsp

import (
	"bytes"
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/renderer/html"
)

// sameWithoutComments reports whether two Markdown texts render to the same
// HTML once their HTML comments are taken out and runs of white space are
// made one: whether inserting a comment into before, giving after, leaves
// what a reader sees as it was. A comment line that splits a list or a
// paragraph in two, or a comment that takes a hard line break's place,
// changes the rendering.
func sameWithoutComments(before, after []byte) bool {
	md := goldmark.New(goldmark.WithRendererOptions(html.WithUnsafe()))
	// A byte order mark marks the encoding; goldmark would read it as
	// text, before a comment that then starts no HTML block.
	before, after = bytes.TrimPrefix(before, bom), bytes.TrimPrefix(after, bom)
	var a, b bytes.Buffer
	if md.Convert(before, &a) != nil || md.Convert(after, &b) != nil {
		return false
	}
	return bytes.Equal(normalizeHTML(a.Bytes()), normalizeHTML(b.Bytes()))
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
