package inputs

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docqa/docqa/internal/files"
)

// TestCollect collects a folder and files named twice: sorted by name,
// each file once under the name given, hidden folders and node_modules
// left out, standard input where "-" stands.
func TestCollect(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, name := range []string{"docs/a.md", "docs/b.txt", "docs/c.json", "docs/.git/x.md", "docs/node_modules/y.md", "docs/sub/d.markdown", "e.txt"} {
		if err := os.MkdirAll(filepath.Dir(name), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte("Text.\n"), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	var stderr bytes.Buffer
	ins, ok := Collect([]string{"docs", "./docs/a.md", "e.txt", "-", "missing.txt"}, "draft.md", &stderr)
	var got []string
	for _, in := range ins {
		s := in.Name
		if in.Explicit {
			s += " (named)"
		}
		if in.Stdin {
			s += " (stdin)"
		}
		got = append(got, s)
	}
	want := "docs/a.md (named)|docs/b.txt|docs/sub/d.markdown|draft.md (named) (stdin)|e.txt (named)"
	if strings.Join(got, "|") != want || ok {
		t.Errorf("Collect = %q, ok %v; want %q, false", strings.Join(got, "|"), ok, want)
	}
	if stderr.String() != "docqa: missing.txt: no such file or directory\n" {
		t.Errorf("stderr %q", stderr.String())
	}
}

func TestRefuse(t *testing.T) {
	named, found := Input{File: files.File{Name: "a.txt", Explicit: true}}, Input{File: files.File{Name: "a.txt"}}
	utf16 := []byte("\xff\xfeT\x00e\x00")
	for _, tt := range []struct {
		in        Input
		data      []byte
		encodings bool
		notice    bool
		want      string
	}{
		{named, []byte("Text."), false, false, ""},
		{named, []byte("0123456789"), false, false, "a.txt: too large (10 bytes; docqa lints files up to 2 GiB)"},
		{found, []byte("0123456789"), false, true, "a.txt: too large (10 bytes; docqa lints files up to 2 GiB), skipped"},
		{named, []byte("a\x00b"), true, false, "a.txt: binary file, not linted"},
		{found, []byte("a\x00b"), true, true, "a.txt: binary file, skipped"},
		{named, utf16, true, false, ""}, // lint reads it, to report it
		{named, utf16, false, false, "a.txt: UTF-16LE text, not linted (docqa reads UTF-8; convert it: iconv -f UTF-16LE -t UTF-8)"},
	} {
		notice, err := Refuse(tt.in, tt.data, 9, "linted", tt.encodings)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want || notice != tt.notice {
			t.Errorf("Refuse(%q) = %v, %q; want %v, %q", tt.data, notice, got, tt.notice, tt.want)
		}
	}
}
