package verify

import (
	"strings"
	"testing"

	"github.com/docqa/docqa/internal/testfs"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

func TestTextHTML(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>Statement</title><style>p{color:red}</style><script>var x = "not prose";</script></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav><header>Site header</header>
<article><h1>Statement on the assessment</h1><p>Based on the disinformation and lies fabricated by <em>anti-China</em> forces,
the so-called “assessment” distorts China’s laws.</p><p>Second paragraph.</p></article>
<footer>© 2022 Mission</footer><form><button>Subscribe</button></form></body></html>`
	text, times, err := Text("statement.html", []byte(page))
	if err != nil || times != nil {
		t.Fatal(err, times)
	}
	got := string(text)
	for _, want := range []string{"Statement on the assessment\n", "Based on the disinformation and lies fabricated by anti-China forces, the so-called “assessment” distorts China’s laws.\n", "Second paragraph.\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %q:\n%s", want, got)
		}
	}
	for _, not := range []string{"not prose", "color", "Home", "Site header", "©", "Subscribe"} {
		if strings.Contains(got, not) {
			t.Errorf("holds %q:\n%s", not, got)
		}
	}
}

func TestTextSubtitles(t *testing.T) {
	srt := "1\r\n00:00:01,000 --> 00:00:04,000\r\nThe extent of arbitrary detention\r\nmay constitute international crimes.\r\n\r\n2\r\n00:01:02,500 --> 00:01:05,000\r\n<i>In particular crimes against humanity.</i>\r\n"
	vtt := "WEBVTT\n\nNOTE a comment\n\n00:01.000 --> 00:04.000 align:start\n<v Bachelet>The extent of arbitrary detention\nmay constitute international crimes.\n\n1:02.500 --> 1:05.000\nIn particular crimes against humanity.\n"
	for name, data := range map[string]string{"talk.srt": srt, "talk.vtt": vtt} {
		text, times, err := Text(name, []byte(data))
		if err != nil {
			t.Fatal(err)
		}
		want := "The extent of arbitrary detention\nmay constitute international crimes.\nIn particular crimes against humanity.\n"
		if string(text) != want || len(times) != 3 || !strings.HasSuffix(times[2], "1:02.500") {
			t.Errorf("%s: %q %q", name, text, times)
		}
	}
	// A quotation found in a transcript is placed by its cue's time.
	text, times, _ := Text("talk.srt", []byte(srt))
	x := NewIndex([]*Source{{Path: "talk.srt", Text: text, Times: times}})
	d := document.Load("a.txt", []byte(`She said “in particular particular crimes against humanity.”`))
	fs := x.Check(d, map[string]rules.Severity{RuleAltered.ID: rules.Error})
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "differs from its source talk.srt at 00:01:02.500: in particular {+particular+} crimes against humanity") {
		t.Errorf("findings %+v", fs)
	}
}

// A WebVTT cue's identifier and a NOTE block between cues are no words of
// the transcript: only the lines after a cue's timing, up to a blank line,
// are.
func TestTextSubtitlesCueIdentifiersAndNotes(t *testing.T) {
	vtt := "WEBVTT\n\nintro\n00:00:02.000 --> 00:00:05.000\nWe are confident that the vaccine is safe\n\nsecond-part\n00:02:10.000 --> 00:02:14.000 align:start\nand effective for children.\n\nNOTE a comment\nthat spans two lines\n\n00:03:00.000 --> 00:03:04.000\n<v Dr Smith>The trials were large.</v>\n"
	text, times, err := Text("talk.vtt", []byte(vtt))
	if err != nil {
		t.Fatal(err)
	}
	want := "We are confident that the vaccine is safe\nand effective for children.\nThe trials were large.\n"
	if string(text) != want || len(times) != 3 || times[1] != "00:02:10.000" {
		t.Errorf("text %q, times %q; want %q", text, times, want)
	}
}

// A passage of an HTML page is placed in the page's file, by the line and
// column of its markup, not of the text drawn from it: an editor opens the
// file there.
func TestHTMLSourcePlace(t *testing.T) {
	dir := t.TempDir()
	page := "<html><head><title>Statement</title>\n<script>var s = \"the company deeply regrets\";</script></head>\n<body><nav>Home | the company</nav>\n<p>The spokesperson stated that the company &ldquo;deeply regrets&rdquo; the incident and\n   will <b>cooperate</b> fully with the investigation.</p>\n<p>It called the delay &ldquo;wholly unacceptable&rdquo; in a statement.</p>\n</body></html>\n"
	testfs.Write(t, dir, map[string]string{"page.html": page})
	srcs, problems := ReadSources(dir, []string{"page.html"})
	if len(problems) > 0 || len(srcs) != 1 {
		t.Fatal(problems, srcs)
	}
	x := NewIndex(srcs)
	sevs := map[string]rules.Severity{RuleAltered.ID: rules.Error, RuleVerbatim.ID: rules.Info}
	for _, tt := range []struct {
		article, place string
		line, col      int // of the related location's start
		endLine        int
		endCol         int // if not 0
	}{
		{"It “deeply regrets the incident” it said.", "page.html:4:52", 4, 52, 4, 86},
		{"It said “the incident and will cooperate fully” with police.", "page.html:4:74", 4, 74, 5, 0},
		{"It said “the incident and will cooperate totally” with police.", "page.html:4:74", 4, 74, 5, 0},
		{"It called “the delay wholly unacceptable” in words.", "page.html:6:14", 6, 14, 6, 50},
	} {
		fs := x.Check(document.Load("a.txt", []byte(tt.article)), sevs)
		if len(fs) != 1 || !strings.Contains(fs[0].Message, " "+tt.place) || len(fs[0].Related) != 1 {
			t.Errorf("%s: findings %+v, want the place %s", tt.article, fs, tt.place)
			continue
		}
		r := fs[0].Related[0]
		start, end := r.Doc.Position(r.Span.Start), r.Doc.Position(r.Span.End)
		if start.Line != tt.line || start.Column != tt.col || end.Line != tt.endLine || tt.endCol != 0 && end.Column != tt.endCol {
			t.Errorf("%s: related %d:%d-%d:%d, want %d:%d-%d:…", tt.article, start.Line, start.Column, end.Line, end.Column, tt.line, tt.col, tt.endLine)
		}
	}
}

// A passage of a transcript is placed by its cue's time in the message,
// and in the related location by the line and column of the file.
func TestSubtitleSourcePlace(t *testing.T) {
	dir := t.TempDir()
	vtt := "WEBVTT\r\n\r\nintro\r\n00:00:02.000 --> 00:00:05.000\r\nWe are confident that the vaccine is safe\r\n\r\n00:02:10.000 --> 00:02:14.000 align:start\r\n  and effective for children.\r\n\r\n00:03:00.000 --> 00:03:04.000\r\n<v Dr Smith>The trials were <i>large</i> and rigorous.</v>\r\n"
	testfs.Write(t, dir, map[string]string{"talk.vtt": vtt})
	srcs, problems := ReadSources(dir, []string{"talk.vtt"})
	if len(problems) > 0 || len(srcs) != 1 {
		t.Fatal(problems, srcs)
	}
	x := NewIndex(srcs)
	sevs := map[string]rules.Severity{RuleAltered.ID: rules.Error, RuleVerbatim.ID: rules.Info}
	for _, tt := range []struct {
		article, place         string
		line, col, eLine, eCol int // the related location
	}{
		{"She said “is safe and effective” there.", "talk.vtt at 00:00:02.000", 5, 35, 8, 16},
		{"She said “the trials were large and rigorous” there.", "talk.vtt at 00:03:00.000", 11, 13, 11, 54},
	} {
		fs := x.Check(document.Load("a.txt", []byte(tt.article)), sevs)
		if len(fs) != 1 || !strings.Contains(fs[0].Message, " "+tt.place) || len(fs[0].Related) != 1 {
			t.Errorf("%s: findings %+v, want the place %s", tt.article, fs, tt.place)
			continue
		}
		r := fs[0].Related[0]
		start, end := r.Doc.Position(r.Span.Start), r.Doc.Position(r.Span.End)
		if start.Line != tt.line || start.Column != tt.col || end.Line != tt.eLine || end.Column != tt.eCol {
			t.Errorf("%s: related %d:%d-%d:%d, want %d:%d-%d:%d", tt.article, start.Line, start.Column, end.Line, end.Column, tt.line, tt.col, tt.eLine, tt.eCol)
		}
	}
}

// A Markdown source's markup is no word of it: a link's target and
// brackets, emphasis marks; its text keeps its length, so that places in
// it are the file's.
func TestTextMarkdown(t *testing.T) {
	src := "# Report\n\nThe extent of [arbitrary detention](https://example.org/def \"title\") was **serious** and [widespread][w].\n\n[w]: https://example.org/w\n"
	text, _, err := Text("report.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(text) != len(src) || strings.Contains(string(text), "example") || strings.Contains(string(text), "**") {
		t.Errorf("text %q", text)
	}
	x := NewIndex([]*Source{{Path: "report.md", Text: text}})
	d := document.Load("a.txt", []byte("It found “the extent of arbitrary detention was serious and widespread” there."))
	fs := x.Check(d, map[string]rules.Severity{RuleAltered.ID: rules.Error, RuleVerbatim.ID: rules.Info})
	if len(fs) != 1 || fs[0].Rule != RuleVerbatim.ID || !strings.Contains(fs[0].Message, "report.md:3:1") {
		t.Errorf("findings %+v", fs)
	}
}

// An HTML page in another encoding than UTF-8 is read in the encoding it
// names, or in windows-1252 when it names none, as a browser reads it: its
// words match, no invalid-UTF-8 notice is given, and its places count its
// characters.
func TestHTMLSourceCharset(t *testing.T) {
	dir := t.TempDir()
	latin1 := "<html><head><meta charset=\"iso-8859-1\"><title>x</title></head>\n<body><p>The minister said the r\xe9gime\n   would \xabnever\xbb accept the caf\xe9 closure.</p></body></html>\n"
	cp1252 := "<html><body>\n<p>Officials called the plan \x93a r\xe9gime of fear\x94 and walked out.</p></body></html>\n"
	sjis := "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"></head>\n<body><p>\x93\xfa\x96\x7b the delegation said the talks would resume.</p></body></html>\n"
	stale := "<html><head><meta charset=\"windows-1252\"></head>\n<body><p>The café closure was “final”, the mayor said.</p></body></html>\n"
	testfs.Write(t, dir, map[string]string{"latin1.html": latin1, "cp1252.htm": cp1252, "sjis.html": sjis, "stale.html": stale})
	srcs, problems := ReadSources(dir, []string{"."})
	if len(problems) > 0 || len(srcs) != 4 {
		t.Fatalf("problems %v, %d sources", problems, len(srcs))
	}
	texts := map[string]string{}
	for _, s := range srcs {
		texts[s.Path] = string(s.Text)
	}
	for name, want := range map[string]string{
		"latin1.html": "The minister said the régime would «never» accept the café closure.",
		"cp1252.htm":  "Officials called the plan “a régime of fear” and walked out.",
		"sjis.html":   "日本 the delegation said the talks would resume.",
		"stale.html":  "The café closure was “final”, the mayor said.",
	} {
		if !strings.Contains(texts[name], want) {
			t.Errorf("%s: text %q, want it to hold %q", name, texts[name], want)
		}
	}
	x := NewIndex(srcs)
	sevs := map[string]rules.Severity{RuleAltered.ID: rules.Error, RuleVerbatim.ID: rules.Info}
	fs := x.Check(document.Load("a.txt", []byte("The minister said the régime would “never accept the café closure” in any form.")), sevs)
	if len(fs) != 1 || fs[0].Rule != RuleVerbatim.ID || len(fs[0].Related) != 1 {
		t.Fatalf("findings %+v, want one verbatim match in latin1.html", fs)
	}
	r := fs[0].Related[0]
	if start := r.Doc.Position(r.Span.Start); r.Path != "latin1.html" || start.Line != 3 || start.Column != 11 {
		t.Errorf("related %s:%d:%d, want latin1.html:3:11", r.Path, start.Line, start.Column)
	}
}
