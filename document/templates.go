package document

import "bytes"

// Template and shortcode delimiters of the static site generators and
// documentation tools that Markdown sources are written for: Go templates
// and Hugo shortcodes ({{ }}, {{< >}}, {{% %}}), Jinja and Liquid
// ({% %}, {# #}). What lies between them is code, not prose.
var templateDelims = []struct{ open, close string }{
	{"{{", "}}"},
	{"{%", "%}"},
	{"{#", "#}"},
}

// admonitionLeads start the first line of an admonition, whose rest is its
// type and title, not prose: MkDocs' !!! note "Title" and ??? tip
// "Title" (collapsible), Docusaurus' and VitePress' :::note Title.
var admonitionLeads = []string{"!!!", "???", ":::"}

// maskTemplates masks, in the prose of a Markdown document's paragraphs,
// template and shortcode syntax and the first line of admonitions. A
// template tag closes in its paragraph or is not one: an unclosed "{{" in
// prose is left alone.
func (d *Document) maskTemplates() {
	prose := d.Prose
	for _, p := range d.Paragraphs {
		if first := d.firstProse(p.Span); first < p.End {
			for _, lead := range admonitionLeads {
				if bytes.HasPrefix(prose[first:p.End], []byte(lead)) {
					end := first
					for end < p.End && prose[end] != '\n' && prose[end] != '\r' {
						prose[end] = Masked
						end++
					}
					break
				}
			}
		}
		for i := p.Start; i < p.End; {
			k := bytes.IndexByte(prose[i:p.End], '{')
			if k < 0 {
				break
			}
			i += k
			end := -1
			for _, t := range templateDelims {
				if bytes.HasPrefix(prose[i:p.End], []byte(t.open)) {
					if c := bytes.Index(d.Text[i+len(t.open):p.End], []byte(t.close)); c >= 0 {
						end = i + len(t.open) + c + len(t.close)
					}
					break
				}
			}
			if end < 0 {
				i++
				continue
			}
			for j := i; j < end; j++ {
				if prose[j] != '\n' && prose[j] != '\r' {
					prose[j] = Masked
				}
			}
			i = end
		}
	}
}
