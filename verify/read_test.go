package verify

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/docqa/docqa/internal/testfs"

	"github.com/docqa/docqa/document"
)

// TestReadSources reads sources from files and folders, relative to a base
// folder that is not the working one: what is read, in which order and
// under which names, and each problem's message and weight.
func TestReadSources(t *testing.T) {
	base := t.TempDir()
	testfs.Write(t, base, map[string]string{
		"reports/b.txt":             "Second report.",
		"reports/a.md":              "First report.",
		"reports/page.html":         "<html><body><nav>Home</nav><p>A page.</p></body></html>",
		"reports/talk.vtt":          "WEBVTT\n\n00:01.000 --> 00:02.000\nSpoken words.\n",
		"reports/scan.pdf":          "%PDF not a source",
		"reports/.git/x.txt":        "Hidden.",
		"reports/sub/c.txt":         "Third report.",
		"reports/blob.txt":          "bin\x00ary",
		"reports/big.txt":           strings.Repeat("word ", 12),
		"reports/latin.txt":         "caf\xe9 au lait",
		"reports/empty.txt":         "",
		"reports/blank.md":          " \n\t— …\n",
		"named.bin":                 "A file named is read whatever its name.",
		"named-blob.txt":            "bin\x00ary",
		"utf16.txt":                 "\xff\xfeA\x00",
		"only-binary/blob.md":       "bin\x00ary",
		"only-other/notes.pdf":      "%PDF",
		"more/x.txt":                "Extra words here.",
		"more/sub/y.txt":            "Nested words.",
		"empty-dir/.keep/hidden.md": "Hidden.",
	})
	srcs, problems := readSources(base, []string{
		"reports", "named.bin", "./reports/sub/c.txt", "named-blob.txt", "utf16.txt", "missing", "-",
		"only-binary", "only-other", "empty-dir", filepath.Join(base, "more"), "more/sub",
	}, 56, 1<<20)
	var got []string
	for _, s := range srcs {
		got = append(got, s.Path+"="+strings.TrimSpace(string(s.Text)))
		if want := filepath.Join(base, filepath.FromSlash(s.Path)); !filepath.IsAbs(s.Path) && s.File != want {
			t.Errorf("%s: File %q, want %q", s.Path, s.File, want)
		}
	}
	more := filepath.ToSlash(filepath.Join(base, "more"))
	want := []string{
		more + "/sub/y.txt=Nested words.", // absolute: named as given
		more + "/x.txt=Extra words here.",
		"named.bin=A file named is read whatever its name.",
		"reports/a.md=First report.",
		"reports/b.txt=Second report.",
		"reports/blank.md=", // its prose: the tab starts a code block
		"reports/empty.txt=",
		"reports/latin.txt=caf\xe9 au lait",
		"reports/page.html=A page.",
		"reports/sub/c.txt=Third report.", // named too: read once, as named
		"reports/talk.vtt=Spoken words.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("sources:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var msgs []string
	for _, p := range problems {
		kind := "error"
		if p.Notice {
			kind = "notice"
		}
		msgs = append(msgs, kind+": "+p.Error())
	}
	wantMsgs := []string{
		"error: missing: no such file or directory",
		"error: -: a source is a file or a folder, not standard input",
		"error: named-blob.txt: binary file, not read as a source",
		"notice: only-binary/blob.md: binary file, skipped",
		"notice: reports/big.txt: too large (60 bytes; docqa lints files up to 2 GiB), skipped",
		"notice: reports/blank.md: no words, nothing to check a quotation against",
		"notice: reports/blob.txt: binary file, skipped",
		"notice: reports/empty.txt: no words, nothing to check a quotation against",
		"notice: reports/latin.txt: invalid UTF-8 at byte 3 (0xE9): read, but words holding such bytes may not match; convert it (iconv -f WINDOWS-1252 -t UTF-8)",
		"error: utf16.txt: UTF-16LE text, not read as a source (docqa reads UTF-8; convert it: iconv -f UTF-16LE -t UTF-8)",
		"error: only-binary: no source read in the folder (sources are .txt, .md, .markdown, .html, .htm, .xhtml, .srt and .vtt files)",
		"error: only-other: no source read in the folder (sources are .txt, .md, .markdown, .html, .htm, .xhtml, .srt and .vtt files)",
		"error: empty-dir: no source read in the folder (sources are .txt, .md, .markdown, .html, .htm, .xhtml, .srt and .vtt files)",
	}
	if strings.Join(msgs, "\n") != strings.Join(wantMsgs, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(wantMsgs, "\n"))
	}
}

// TestReadSourcesTotal: the sources past what one index holds are errors,
// not left out in silence; those before them are read.
func TestReadSourcesTotal(t *testing.T) {
	base := t.TempDir()
	testfs.Write(t, base, map[string]string{"a.txt": "0123456789", "b.txt": "0123456789", "c.txt": "01234"})
	srcs, problems := readSources(base, []string{"."}, 100, 20)
	if len(srcs) != 1 || srcs[0].Path != "a.txt" {
		t.Errorf("sources %v, want a.txt alone", srcs)
	}
	if len(problems) != 1 || problems[0].Notice || problems[0].Error() != "b.txt: not read, nor the 1 after it: the sources pass 20 bytes, the most one index holds; give fewer" {
		t.Errorf("problems %v", problems)
	}
	// The real limit: what the index's 32-bit places reach.
	x := NewIndex(srcs)
	if len(x.Sources()) != 1 || MaxIndex != 1<<32-1 {
		t.Errorf("index of %d sources, MaxIndex %d", len(x.Sources()), MaxIndex)
	}
}

// TestReadSourcesLarge: a source of 20 MB is read and indexed whole: a
// quotation of its last sentence is found there, at its place, and one
// altered in it is reported so.
func TestReadSourcesLarge(t *testing.T) {
	base := t.TempDir()
	var b strings.Builder
	for i := 0; b.Len() < 20<<20; i++ {
		b.WriteString("Paragraph about the harbour, the ferries and the weather in the ")
		b.WriteString([]string{"spring", "summer", "autumn", "winter"}[i%4])
		b.WriteString(" of that year, as the records show.\n")
	}
	b.WriteString("The extent of arbitrary and discriminatory detention may constitute international crimes.\n")
	testfs.Write(t, base, map[string]string{"archive.txt": b.String()})
	srcs, problems := ReadSources(base, []string{"archive.txt"})
	if len(srcs) != 1 || len(problems) != 0 || len(srcs[0].Text) < 20<<20 {
		t.Fatalf("%d sources, problems %v", len(srcs), problems)
	}
	x := NewIndex(srcs)
	for _, tt := range []struct {
		article string
		class   Class
	}{
		{`It said “the extent of arbitrary and discriminatory detention may constitute international crimes.”`, Verbatim},
		{`It said “the scale of arbitrary and discriminatory detention could constitute international crimes.”`, Altered},
	} {
		d := document.Load("a.txt", []byte(tt.article))
		m := x.Match(d, d.Quotes[0])
		if m.Class != tt.class || m.Source != srcs[0] {
			t.Errorf("%s: %s, want %s", tt.article, m.Class, tt.class)
			continue
		}
		if p := m.Source.Doc().Position(m.Passage.Start); p.Line != strings.Count(b.String(), "\n") {
			t.Errorf("%s: passage on line %d, want the last", tt.article, p.Line)
		}
	}
}
