package report

import (
	"strconv"
	"unicode/utf8"
)

// This file writes the JSON of findings by hand, byte for byte what
// encoding/json's Encoder gives with SetEscapeHTML(false) and
// SetIndent(prefix, "  "), several times faster: the printer runs in the
// one goroutine that writes the output in order, so its cost is not
// shared between the workers. TestAppendJSONMatchesEncoding and
// FuzzAppendJSONString hold it to encoding/json.

// appendFindingJSON appends f as indented JSON whose lines after the
// first start with prefix.
func appendFindingJSON(b []byte, f *jsonFinding, prefix string) []byte {
	in := prefix + "  "
	b = append(b, '{')
	b = appendField(b, in, "path", true)
	b = appendJSONString(b, f.Path)
	b = appendIntField(b, in, "line", f.Line)
	b = appendIntField(b, in, "column", f.Column)
	b = appendIntField(b, in, "end_line", f.EndLine)
	b = appendIntField(b, in, "end_column", f.EndColumn)
	b = appendStringField(b, in, "rule", f.Rule)
	b = appendStringField(b, in, "severity", f.Severity)
	b = appendStringField(b, in, "message", f.Message)
	b = appendStringField(b, in, "text", f.Text)
	if len(f.Fixes) > 0 {
		b = appendField(b, in, "fixes", false)
		b = append(b, '[')
		fixIn := in + "  "
		for i := range f.Fixes {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '\n')
			b = append(b, fixIn...)
			b = appendFixJSON(b, &f.Fixes[i], fixIn)
		}
		b = append(b, '\n')
		b = append(b, in...)
		b = append(b, ']')
	}
	if len(f.Related) > 0 {
		b = appendField(b, in, "related", false)
		b = append(b, '[')
		relIn := in + "  "
		for i := range f.Related {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '\n')
			b = append(b, relIn...)
			b = appendRelatedJSON(b, &f.Related[i], relIn)
		}
		b = append(b, '\n')
		b = append(b, in...)
		b = append(b, ']')
	}
	if f.OldText != "" {
		b = appendStringField(b, in, "old_text", f.OldText)
	}
	if f.NewText != "" {
		b = appendStringField(b, in, "new_text", f.NewText)
	}
	b = append(b, '\n')
	b = append(b, prefix...)
	return append(b, '}')
}

// appendFixJSON appends one fix of a finding, as appendFindingJSON does.
func appendFixJSON(b []byte, x *jsonFix, prefix string) []byte {
	in := prefix + "  "
	b = append(b, '{')
	b = appendField(b, in, "line", true)
	b = strconv.AppendInt(b, int64(x.Line), 10)
	b = appendIntField(b, in, "column", x.Column)
	b = appendIntField(b, in, "end_line", x.EndLine)
	b = appendIntField(b, in, "end_column", x.EndColumn)
	b = appendStringField(b, in, "replacement", x.Replacement)
	if x.Message != "" {
		b = appendStringField(b, in, "message", x.Message)
	}
	if x.Unsafe {
		b = appendField(b, in, "unsafe", false)
		b = append(b, "true"...)
	}
	b = append(b, '\n')
	b = append(b, prefix...)
	return append(b, '}')
}

// appendRelatedJSON appends one related place of a finding, as
// appendFindingJSON does.
func appendRelatedJSON(b []byte, r *jsonRelated, prefix string) []byte {
	in := prefix + "  "
	b = append(b, '{')
	b = appendField(b, in, "path", true)
	b = appendJSONString(b, r.Path)
	b = appendIntField(b, in, "line", r.Line)
	b = appendIntField(b, in, "column", r.Column)
	b = appendIntField(b, in, "end_line", r.EndLine)
	b = appendIntField(b, in, "end_column", r.EndColumn)
	b = appendStringField(b, in, "message", r.Message)
	b = append(b, '\n')
	b = append(b, prefix...)
	return append(b, '}')
}

// appendField appends the start of a member: a comma unless it is the
// first, a line break, the indent and the quoted name with its colon.
func appendField(b []byte, indent, name string, first bool) []byte {
	if !first {
		b = append(b, ',')
	}
	b = append(b, '\n')
	b = append(b, indent...)
	b = append(b, '"')
	b = append(b, name...)
	return append(b, `": `...)
}

func appendIntField(b []byte, indent, name string, v int) []byte {
	return strconv.AppendInt(appendField(b, indent, name, false), int64(v), 10)
}

func appendStringField(b []byte, indent, name, v string) []byte {
	return appendJSONString(appendField(b, indent, name, false), v)
}

// appendJSONString appends s as a JSON string as encoding/json writes it
// without HTML escaping: invalid UTF-8 becomes U+FFFD; control characters,
// U+2028 and U+2029 are escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
