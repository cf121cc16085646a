package rules

import (
	"fmt"
	"testing"

	"github.com/docqa/docqa/document"
)

func TestEncoding(t *testing.T) {
	cases := []struct {
		name, file, text string
		want             []string // "line:col start-end message"
	}{
		{name: "valid", text: "café au lait, 中文, 👍\n"},
		{name: "empty", text: ""},
		{name: "latin-1", text: "The caf\xe9 was open.\n",
			want: []string{"1:8 7-8 invalid UTF-8 at byte 7 (0xE9): the file is not UTF-8; the rest was linted"}},
		// Only the first invalid byte is reported, once per file.
		{name: "several", text: "one\n\xff two \xfe\n\xc0\n",
			want: []string{"2:1 4-5 invalid UTF-8 at byte 4 (0xFF): the file is not UTF-8; the rest was linted"}},
		// A truncated sequence: the span is its first byte, not the valid
		// character before it.
		{name: "truncated", text: "é\xe2\x80",
			want: []string{"1:2 2-3 invalid UTF-8 at byte 2 (0xE2): the file is not UTF-8; the rest was linted"}},
		// After a byte order mark, columns start after it.
		{name: "bom", text: "\uFEFFab\x80",
			want: []string{"1:3 5-6 invalid UTF-8 at byte 5 (0x80): the file is not UTF-8; the rest was linted"}},
		{name: "markdown code", file: "a.md", text: "# T\n\n    code \x80\n",
			want: []string{"3:10 14-15 invalid UTF-8 at byte 14 (0x80): the file is not UTF-8; the rest was linted"}},
	}
	l, err := NewLinter(NewRegistry(Encoding), Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			file := "a.txt"
			if c.file != "" {
				file = c.file
			}
			d := document.Load(file, []byte(c.text))
			var got []string
			for _, f := range l.Lint(d) {
				if f.Severity != Warning {
					t.Errorf("severity %v, want warning", f.Severity)
				}
				p := d.Position(f.Span.Start)
				got = append(got, fmt.Sprintf("%d:%d %d-%d %s", p.Line, p.Column, f.Span.Start, f.Span.End, f.Message))
			}
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

// The rest of a file that is not UTF-8 is linted, and positions after the
// invalid bytes count each one as a column: "the the" starts at column 9.
func TestEncodingRestLinted(t *testing.T) {
	l, err := NewLinter(Builtin(), Config{})
	if err != nil {
		t.Fatal(err)
	}
	d := document.Load("a.txt", []byte("caf\xe9 \xff\xfe the the end.\n"))
	var got []string
	for _, f := range l.Lint(d) {
		p := d.Position(f.Span.Start)
		got = append(got, fmt.Sprintf("%d:%d %s", p.Line, p.Column, f.Rule))
	}
	want := []string{"1:4 docqa/encoding", "1:9 repetition/doubled-word"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
