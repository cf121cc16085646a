package document

import "bytes"

// Template and shortcode delimiters of the static site generators and
// documentation tools that Markdown sources are written for: Go templates
// and Hugo shortcodes ({{ }}, {{< >}}, {{% %}}), Jinja and Liquid
// ({% %}, {# #}). What lies between them is code, not prose.
var templateDelims = []Delimiters{
	{"{{", "}}"},
	{"{%", "%}"},
	{"{#", "#}"},
}

// admonitionLeads start the first line of an admonition, whose rest is its
// type and title, not prose: MkDocs' !!! note "Title" and ??? tip
// "Title" (collapsible), Docusaurus' and VitePress' :::note Title.
var admonitionLeads = []string{"!!!", "???", ":::"}

// maskTemplates masks, in the prose of a Markdown document's paragraphs,
// template and shortcode syntax, the built-in and the extra delimiters,
// and the first line of admonitions. A template tag closes in its
// paragraph or is not one: an unclosed "{{" in prose is left alone.
func (d *Document) maskTemplates(extra []Delimiters) {
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
		d.maskTags(p.Span, templateDelims, '{')
		for _, t := range extra {
			if t.Open != "" && t.Close != "" {
				d.maskTags(p.Span, []Delimiters{t}, t.Open[0])
			}
		}
	}
}

// maskTags masks the tags of delims in the prose of span p; every opening
// delimiter starts with the byte lead.
func (d *Document) maskTags(p Span, delims []Delimiters, lead byte) {
	prose := d.Prose
	for i := p.Start; i < p.End; {
		k := bytes.IndexByte(prose[i:p.End], lead)
		if k < 0 {
			break
		}
		i += k
		end := -1
		for _, t := range delims {
			if bytes.HasPrefix(prose[i:p.End], []byte(t.Open)) {
				if c := bytes.Index(d.Text[i+len(t.Open):p.End], []byte(t.Close)); c >= 0 {
					end = i + len(t.Open) + c + len(t.Close)
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
