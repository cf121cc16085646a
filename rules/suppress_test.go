package rules

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/docqa/docqa/document"
)

// suppressed lints text (its format from name) with the built-in rules as
// cfg selects them, applies the directives, and renders each finding as
// "line:col-line:col rule: message" for directive findings and
// "line:col rule text" for the others.
func suppressed(t *testing.T, name, text string, cfg Config) []string {
	t.Helper()
	reg := Builtin()
	l, err := NewLinter(reg, cfg)
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSuppressor(reg, cfg)
	if err != nil {
		t.Fatal(err)
	}
	d := document.Load(name, []byte(text))
	var out []string
	for _, f := range s.Suppress(d, l.Lint(d)) {
		p, e := d.Position(f.Span.Start), d.Position(f.Span.End)
		if f.Rule == Directive.ID {
			out = append(out, fmt.Sprintf("%d:%d-%d:%d %s %s: %s", p.Line, p.Column, e.Line, e.Column, f.Rule, f.Severity, f.Message))
		} else {
			out = append(out, fmt.Sprintf("%d:%d %s %s", p.Line, p.Column, f.Rule, d.String(f.Span)))
		}
	}
	return out
}

func TestSuppress(t *testing.T) {
	tests := []struct {
		name string
		file string // default a.md
		text string
		cfg  Config
		want []string
	}{
		{
			name: "next line",
			text: "<!-- docqa-disable-next-line repetition/doubled-word -- the band is The The -->\nThe The played.\nIt was the the end.\n",
			want: []string{"3:8 repetition/doubled-word the the"},
		},
		{
			name: "next line skips blank lines and comments",
			text: "<!-- docqa-disable-next-line repetition -- a band -->\n\n<!-- a note -->\n<!-- docqa-disable-next-line quotes -- a title -->\nThe The played “Stop.\n",
			want: nil,
		},
		{
			name: "next line in a paragraph",
			text: "Intro text <!-- docqa-disable-next-line repetition/doubled-word -- a band -->\nThe The played; the the end.\nAnd and more.\n",
			want: []string{"3:1 repetition/doubled-word And and"},
		},
		{
			name: "next line at the end of the document",
			text: "The the end.\n<!-- docqa-disable-next-line repetition/doubled-word -- nothing follows -->\n",
			want: []string{
				"1:1 repetition/doubled-word The the",
				"2:1-2:76 docqa/directive warning: this directive suppresses nothing; remove it?",
			},
		},
		{
			name: "region",
			text: "Before the the start.\n\n<!-- docqa-disable repetition/doubled-word -- a transcript -->\nIt was the the end.\n\nAnd and again.\n<!-- docqa-enable repetition/doubled-word -->\n\nAfter the the end.\n",
			want: []string{"1:8 repetition/doubled-word the the", "9:7 repetition/doubled-word the the"},
		},
		{
			name: "region to the end of the document",
			text: "Before the the start.\n\n<!-- docqa-disable repetition/doubled-word -- a transcript -->\nIt was the the end.\n\nAnd and again.\n",
			want: []string{"1:8 repetition/doubled-word the the"},
		},
		{
			name: "a category enables its rules",
			text: "<!-- docqa-disable repetition/doubled-word -- x -->\nThe the.\n<!-- docqa-enable repetition -->\nThe the.\n",
			want: []string{"4:1 repetition/doubled-word The the"},
		},
		{
			name: "category",
			text: "<!-- docqa-disable-next-line quotes -- the source never closed it -->\nHe said “stop.\n",
			want: nil,
		},
		{
			name: "several names, commas and spaces",
			text: "<!-- docqa-disable-next-line quotes/unbalanced, repetition/doubled-word -- x -->\nHe said “the the end.\n",
			want: nil,
		},
		{
			name: "unknown rule",
			text: "<!-- docqa-disable-next-line repetition/doubled-wrd -- a band -->\nThe The played.\n",
			want: []string{
				"1:30-1:52 docqa/directive warning: unknown rule or category “repetition/doubled-wrd”",
				"2:1 repetition/doubled-word The The",
			},
		},
		{
			name: "unknown and known",
			text: "<!-- docqa-disable-next-line nosuch,repetition -- a band -->\nThe The played.\n",
			want: []string{"1:30-1:36 docqa/directive warning: unknown rule or category “nosuch”"},
		},
		{
			name: "no reason",
			text: "<!-- docqa-disable-next-line repetition/doubled-word -->\nThe The played.\n",
			want: []string{
				"1:1-1:57 docqa/directive warning: directive needs a reason: <!-- docqa-disable-next-line repetition/doubled-word -- why -->",
				"2:1 repetition/doubled-word The The",
			},
		},
		{
			name: "empty reason",
			text: "<!-- docqa-disable repetition,quotes --   -->\nThe The played.\n",
			want: []string{
				"1:1-1:46 docqa/directive warning: directive needs a reason: <!-- docqa-disable repetition,quotes -- why -->",
				"2:1 repetition/doubled-word The The",
			},
		},
		{
			name: "no rule",
			text: "<!-- docqa-disable -- why not -->\nThe The played.\n",
			want: []string{
				"1:1-1:34 docqa/directive warning: directive names no rule: <!-- docqa-disable RULE -- why -->",
				"2:1 repetition/doubled-word The The",
			},
		},
		{
			name: "suppresses nothing",
			text: "Clean text.\n\n<!-- docqa-disable-next-line repetition/doubled-word -- was a band -->\nClean text.\n",
			want: []string{"3:1-3:71 docqa/directive warning: this directive suppresses nothing; remove it?"},
		},
		{
			name: "region suppresses nothing",
			text: "<!-- docqa-disable repetition -- x -->\nClean.\n<!-- docqa-enable repetition -->\nThe the.\n",
			want: []string{
				"1:1-1:39 docqa/directive warning: this directive suppresses nothing; remove it?",
				"4:1 repetition/doubled-word The the",
			},
		},
		{
			name: "one name suppresses nothing",
			text: "<!-- docqa-disable-next-line repetition/doubled-word,quotes -- a band -->\nThe The played.\n",
			want: []string{"1:54-1:60 docqa/directive warning: “quotes” suppresses nothing here; remove it from the directive?"},
		},
		{
			name: "enable without disable",
			text: "The the end.\n<!-- docqa-enable repetition/doubled-word -->\n",
			want: []string{
				"1:1 repetition/doubled-word The the",
				"2:1-2:46 docqa/directive warning: docqa-enable without a matching docqa-disable",
			},
		},
		{
			name: "enable twice",
			text: "<!-- docqa-disable repetition -- x -->\nThe the.\n<!-- docqa-enable repetition -->\n<!-- docqa-enable repetition -->\n",
			want: []string{"4:1-4:33 docqa/directive warning: docqa-enable without a matching docqa-disable"},
		},
		{
			name: "already disabled",
			text: "<!-- docqa-disable repetition -- x -->\nThe the.\n<!-- docqa-disable repetition/doubled-word -- y -->\nAnd and.\n",
			want: []string{"3:20-3:43 docqa/directive warning: “repetition/doubled-word” is already disabled (line 1)"},
		},
		{
			name: "unknown directive",
			text: "<!-- docqa-disable-line repetition -- x -->\nThe the.\n",
			want: []string{
				"1:6-1:24 docqa/directive warning: unknown directive “docqa-disable-line” (want docqa-disable-next-line, docqa-disable or docqa-enable)",
				"2:1 repetition/doubled-word The the",
			},
		},
		{
			name: "other comments are not directives",
			text: "<!-- TODO: docqa-disable later -->\nThe the.\n",
			want: []string{"2:1 repetition/doubled-word The the"},
		},
		{
			name: "directive findings cannot be suppressed",
			text: "<!-- docqa-disable docqa -- x -->\n<!-- docqa-disable-next-line docqa/directive,repetition -- y -->\n<!-- docqa-enable nosuch -->\nThe the.\n",
			want: []string{
				// The category docqa holds docqa/encoding too, which a
				// directive may suppress: here it has nothing to suppress.
				"1:1-1:34 docqa/directive warning: this directive suppresses nothing; remove it?",
				"2:30-2:45 docqa/directive warning: docqa/directive findings cannot be suppressed by a directive; turn the rule off in the config instead",
				"3:19-3:25 docqa/directive warning: unknown rule or category “nosuch”",
			},
		},
		{
			name: "inside a fenced code block",
			text: "```\n<!-- docqa-disable-next-line repetition -- x -->\n```\nThe the end.\n",
			want: []string{"4:1 repetition/doubled-word The the"},
		},
		{
			name: "inside an indented code block",
			text: "Text.\n\n    <!-- docqa-disable repetition -- x -->\n\nThe the end.\n",
			want: []string{"5:1 repetition/doubled-word The the"},
		},
		{
			name: "inside a code span",
			text: "Write `<!-- docqa-disable-next-line repetition -- x -->` like this.\nThe the end.\n",
			want: []string{"2:1 repetition/doubled-word The the"},
		},
		{
			name: "plain text has no directives",
			file: "a.txt",
			text: "<!-- docqa-disable-next-line repetition -- x -->\nThe the end.\n",
			want: []string{"2:1 repetition/doubled-word The the"},
		},
		{
			name: "CRLF, a byte order mark and wide characters",
			text: "\uFEFF北京 <!-- docqa-disable-next-line repetition -- x -->\r\nThe the end.\r\n<!-- docqa-enable nosuch -->\r\n",
			want: []string{"3:19-3:25 docqa/directive warning: unknown rule or category “nosuch”"},
		},
		{
			name: "multi-line directive",
			text: "<!--\n  docqa-disable-next-line\n    repetition/doubled-word\n    -- a band\n-->\nThe The played.\n",
			want: nil,
		},
		{
			name: "a rule that does not run is not idle",
			text: "<!-- docqa-disable-next-line repetition,style -- x -->\nThe The played.\n",
			cfg:  Config{Disable: []string{"style"}},
			want: nil,
		},
		{
			name: "only rules that do not run",
			text: "<!-- docqa-disable-next-line style -- x -->\nClean.\n",
			cfg:  Config{Rules: map[string]Setting{"style/second-person": {Off: true}}},
			want: nil,
		},
		{
			name: "directive off: reported nowhere, still needs a reason",
			text: "<!-- docqa-disable-next-line repetition -->\nThe The.\n<!-- docqa-disable-next-line nosuch -- x -->\n",
			cfg:  Config{Disable: []string{"docqa/directive"}},
			want: []string{"2:1 repetition/doubled-word The The"},
		},
		{
			name: "directive severity",
			text: "<!-- docqa-enable repetition -->\n",
			cfg:  Config{Rules: map[string]Setting{"docqa/directive": {Severity: Error}}},
			want: []string{"1:1-1:33 docqa/directive error: docqa-enable without a matching docqa-disable"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := tt.file
			if file == "" {
				file = "a.md"
			}
			got := suppressed(t, file, tt.text, tt.cfg)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("text: %q\n got:\n\t%s\nwant:\n\t%s", tt.text, strings.Join(got, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
		})
	}
}

func TestSuppressKeepsInputAndOrder(t *testing.T) {
	reg := Builtin()
	s, err := NewSuppressor(reg, Config{})
	if err != nil {
		t.Fatal(err)
	}
	d := document.Load("a.md", []byte("<!-- docqa-disable-next-line repetition -- x -->\nThe the.\n\nAnd and.\n"))
	in := []Finding{
		{Path: "a.md", Rule: "repetition/doubled-word", Span: document.Span{Start: 71, End: 78}},
		{Path: "a.md", Rule: "repetition/doubled-word", Span: document.Span{Start: 49, End: 56}},
	}
	orig := append([]Finding(nil), in...)
	out := s.Suppress(d, in)
	if !reflect.DeepEqual(in, orig) {
		t.Errorf("Suppress changed its input: %v", in)
	}
	if len(out) != 1 || out[0].Span.Start != 71 {
		t.Errorf("Suppress = %v, want the finding at 71 alone", out)
	}
}

func TestDirectiveExamples(t *testing.T) {
	cfg := Config{}
	for _, c := range []struct {
		text string
		want bool // a docqa/directive finding
	}{{Directive.Bad, true}, {Directive.Good, false}} {
		got := suppressed(t, "example.md", c.text, cfg)
		has := false
		for _, g := range got {
			has = has || strings.Contains(g, Directive.ID)
		}
		if has != c.want {
			t.Errorf("%q: %q", c.text, got)
		}
		if !c.want && len(got) != 0 {
			t.Errorf("good example %q yields %q", c.text, got)
		}
	}
}

func TestSeverities(t *testing.T) {
	reg := Builtin()
	sevs, err := Config{
		Rules:   map[string]Setting{"style/second-person": {Off: true}, "docqa/directive": {Severity: Error}},
		Disable: []string{"quotes"},
		Enable:  []string{"quotes/attribution"},
	}.Severities(reg)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Severity{"docqa/directive": Error, "quotes/attribution": Warning, "repetition/doubled-word": Error}
	for id, sev := range want {
		if sevs[id] != sev {
			t.Errorf("%s: %v, want %v", id, sevs[id], sev)
		}
	}
	for _, id := range []string{"style/second-person", "quotes/unbalanced"} {
		if _, on := sevs[id]; on {
			t.Errorf("%s is on", id)
		}
	}
	if _, err := (Config{Enable: []string{"nosuch"}}).Severities(reg); err == nil || !strings.Contains(err.Error(), "--enable") {
		t.Errorf("unknown --enable: %v", err)
	}
	if _, err := (Config{Rules: map[string]Setting{"nosuch/x": {}}}).Severities(reg); err == nil {
		t.Errorf("unknown rule: no error")
	}
}

func TestDirectiveRegistered(t *testing.T) {
	r, ok := Builtin().Lookup("docqa/directive")
	if !ok || r != Directive || r.New != nil {
		t.Fatalf("Builtin lacks docqa/directive, or it checks documents")
	}
	l, err := NewLinter(Builtin(), Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range l.Rules() {
		if id == Directive.ID {
			t.Errorf("the linter runs %s", id)
		}
	}
}

func TestMatchPath(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"*.txt", "a.txt", true},
		{"*.txt", "notes/deep/a.txt", true},
		{"*.txt", "a.md", false},
		{"archive/**", "archive/a.md", true},
		{"archive/**", "archive/2019/01/a.md", true},
		{"archive/**", "news/archive/a.md", false},
		{"archive", "archive/a.md", true},
		{"archive", "news/archive/a.md", true},
		{"archive/", "news/archive/a.md", true},
		{"/archive", "news/archive/a.md", false},
		{"/archive", "archive/a.md", true},
		{"./archive/*.md", "archive/a.md", true},
		{"archive/*.md", "archive/2019/a.md", false},
		{"**/drafts/*.md", "a/b/drafts/x.md", true},
		{"**/drafts/*.md", "drafts/x.md", true},
		{"news/**/a.md", "news/a.md", true},
		{"news/**/a.md", "news/x/y/a.md", true},
		{"a?.md", "ab.md", true},
		{"[ab].md", "c.md", false},
		{"*.txt", "../a.txt", false},
		{"**", "../a.txt", false},
		{"*/a.txt", "../a.txt", false},
		{"../*.txt", "../a.txt", true},
		{"../archive", "../archive/x/a.md", true},
		{"../archive", "archive/x/a.md", false},
		{"../**/*.md", "../../a.md", false},
		{"*.txt", "./a.txt", true},
		{"[a", "[a", false},
		{"", "a.txt", false},
	}
	for _, tt := range tests {
		if got := MatchPath(tt.pattern, tt.name); got != tt.want {
			t.Errorf("MatchPath(%q, %q) = %v, want %v", tt.pattern, tt.name, got, tt.want)
		}
	}
	for _, bad := range []string{"", "/", "./", "a/[b"} {
		if CheckPathPattern(bad) == nil {
			t.Errorf("CheckPathPattern(%q) = nil", bad)
		}
	}
	for _, good := range []string{"*.txt", "archive/**", "/a", "a/", "[ab]*.md"} {
		if err := CheckPathPattern(good); err != nil {
			t.Errorf("CheckPathPattern(%q) = %v", good, err)
		}
	}
	s := Setting{IgnorePaths: []string{"archive/**", "*.txt"}}
	if !s.IgnoresPath("archive/a.md") || !s.IgnoresPath("b/c.txt") || s.IgnoresPath("b/c.md") {
		t.Errorf("IgnoresPath wrong")
	}
}

// FuzzSuppress checks Suppress on any Markdown: no panic, directive
// findings inside the text and inside a comment, every other finding one
// of the linter's, and the same result twice.
func FuzzSuppress(f *testing.F) {
	for _, s := range []string{
		"<!-- docqa-disable-next-line repetition -- x -->\nThe the.\n",
		"<!-- docqa-disable quotes -->\n“a\n<!-- docqa-enable quotes -->\n<!-- docqa-enable nosuch -->",
		"a <!-- docqa-disable-next-line , -- -->\n\n<!--docqa-->\n<!-->\n<!-- docqa-enable",
		"```\n<!-- docqa-disable x -- y -->\n```\nThe the",
	} {
		f.Add(s)
	}
	reg := Builtin()
	l, err := NewLinter(reg, Config{})
	if err != nil {
		f.Fatal(err)
	}
	s, err := NewSuppressor(reg, Config{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d := document.Load("f.md", []byte(text))
		in := l.Lint(d)
		out := s.Suppress(d, in)
		type id struct {
			rule string
			span document.Span
			msg  string
		}
		linted := make(map[id]bool)
		for _, f := range in {
			linted[id{f.Rule, f.Span, f.Message}] = true
		}
		for _, f := range out {
			if f.Rule != Directive.ID {
				if !linted[id{f.Rule, f.Span, f.Message}] {
					t.Fatalf("finding %v not the linter's", f)
				}
				continue
			}
			inComment := false
			for _, c := range d.Comments {
				inComment = inComment || (c.Start <= f.Span.Start && f.Span.End <= c.End)
			}
			if f.Span.Start < 0 || f.Span.End > len(text) || f.Span.Start >= f.Span.End || !inComment {
				t.Fatalf("directive finding %v outside a comment", f)
			}
		}
		if again := s.Suppress(d, in); !reflect.DeepEqual(out, again) {
			t.Fatalf("second run differs")
		}
	})
}
