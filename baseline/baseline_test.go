package baseline

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// lint lints text as the document at path with the built-in rules.
func lint(t *testing.T, path, text string) (*document.Document, []rules.Finding) {
	t.Helper()
	l, err := rules.NewLinter(rules.Builtin(), rules.Config{})
	if err != nil {
		t.Fatal(err)
	}
	d := document.Load(path, []byte(text))
	return d, l.Lint(d)
}

// texts renders findings as "rule text".
func texts(d *document.Document, fs []rules.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule+" "+d.String(f.Span))
	}
	return out
}

const article = `The minister arrived on Monday.

It was the the end of a long day for the delegation.

Officials said the talks would continue in in the spring.
`

func TestRoundTrip(t *testing.T) {
	b := New()
	d, fs := lint(t, "news/a.md", article)
	if len(fs) != 2 {
		t.Fatalf("findings = %q, want two doubled words", texts(d, fs))
	}
	b.Add(d, fs)
	d2, fs2 := lint(t, "news/b.txt", "The the end.\n")
	b.Add(d2, fs2)

	data := b.Marshal()
	if !strings.HasPrefix(string(data), "{\n  \"version\": 1,\n  \"findings\": [\n    {\"path\":\"news/a.md\",\"rule\":\"repetition/doubled-word\",\"fingerprint\":\"") ||
		!strings.HasSuffix(string(data), "\"count\":1}\n  ]\n}\n") || strings.Count(string(data), "\n") != 8 {
		t.Errorf("Marshal =\n%s", data)
	}
	path := filepath.Join(t.TempDir(), "sub", "baseline.json")
	if err := b.Write(path); err != nil {
		t.Fatal(err)
	}
	back, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Entries(), b.Entries()) {
		t.Errorf("Load(Write) = %v, want %v", back.Entries(), b.Entries())
	}
	if again := back.Marshal(); string(again) != string(data) {
		t.Errorf("Marshal after Load differs:\n%s", again)
	}
	if got := back.Filter(d, fs); len(got) != 0 {
		t.Errorf("Filter kept %q", texts(d, got))
	}
	if back.Len() != 3 {
		t.Errorf("Len = %d, want 3", back.Len())
	}

	empty := New().Marshal()
	if string(empty) != "{\n  \"version\": 1,\n  \"findings\": []\n}\n" {
		t.Errorf("empty baseline = %q", empty)
	}
	if b, err := Parse(empty); err != nil || b.Len() != 0 {
		t.Errorf("Parse(empty) = %v, %v", b, err)
	}
}

func TestMarshalIsDeterministic(t *testing.T) {
	// Findings recorded in any order, from any goroutine, give one file.
	var docs []*document.Document
	var finds [][]rules.Finding
	for _, name := range []string{"c.md", "a.md", "b/x.md", "b.md"} {
		d, fs := lint(t, name, article)
		docs, finds = append(docs, d), append(finds, fs)
	}
	one := New()
	for i := range docs {
		one.Add(docs[i], finds[i])
	}
	two := New()
	var wg sync.WaitGroup
	for i := len(docs) - 1; i >= 0; i-- {
		wg.Add(1)
		go func() {
			defer wg.Done()
			two.Add(docs[i], finds[i])
		}()
	}
	wg.Wait()
	if string(one.Marshal()) != string(two.Marshal()) {
		t.Errorf("order changed the file:\n%s\n%s", one.Marshal(), two.Marshal())
	}
	var paths []string
	for _, e := range one.Entries() {
		paths = append(paths, e.Path)
	}
	if !reflect.DeepEqual(paths, []string{"a.md", "a.md", "b.md", "b.md", "b/x.md", "b/x.md", "c.md", "c.md"}) {
		t.Errorf("paths %q not sorted", paths)
	}
}

func TestCounts(t *testing.T) {
	// Three findings with one fingerprint: same words, same context.
	three := "It was the the end.\n\nIt was the the end.\n\nIt was the the end.\n"
	d, fs := lint(t, "a.md", three)
	if len(fs) != 3 {
		t.Fatalf("findings = %q", texts(d, fs))
	}
	b := New()
	b.Add(d, fs[:2]) // two recorded
	es := b.Entries()
	if len(es) != 1 || es[0].Count != 2 {
		t.Fatalf("entries = %v, want one with count 2", es)
	}
	got := b.Filter(d, fs)
	if len(got) != 1 || got[0].Span != fs[2].Span {
		t.Errorf("Filter = %v, want the third finding alone", got)
	}
	// Fewer findings than recorded: all dropped.
	if got := b.Filter(d, fs[:1]); len(got) != 0 {
		t.Errorf("Filter kept %v", got)
	}
	// Another path, another rule: not matched.
	other := fs[0]
	other.Path = "renamed.md"
	if got := b.Filter(d, []rules.Finding{other}); len(got) != 1 {
		t.Errorf("a renamed file's finding was matched")
	}
}

func TestUnrelatedEditKeepsMatch(t *testing.T) {
	d, fs := lint(t, "a.md", article)
	b := New()
	b.Add(d, fs)
	edited := "# A new headline\n\nThe minister arrived on Monday, late, after a delay at the border.\n\nA new paragraph here.\n\n" +
		"It was the the end of a long day for the delegation.\n\nOfficials said the talks would continue in in the spring.\n"
	d2, fs2 := lint(t, "a.md", edited)
	if len(fs2) != 2 {
		t.Fatalf("findings = %q", texts(d2, fs2))
	}
	if got := b.Filter(d2, fs2); len(got) != 0 {
		t.Errorf("after an unrelated edit, Filter kept %q", texts(d2, got))
	}
}

func TestChangedSentenceBreaksMatch(t *testing.T) {
	d, fs := lint(t, "a.md", article)
	b := New()
	b.Add(d, fs)
	edited := strings.Replace(article, "a long day", "a very long day", 1)
	edited = strings.Replace(edited, "Monday.", "Monday.\n\nHe said it was was over.", 1)
	d2, fs2 := lint(t, "a.md", edited)
	got := texts(d2, b.Filter(d2, fs2))
	want := []string{"repetition/doubled-word was was", "repetition/doubled-word the the"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Filter kept %q, want %q (the new finding and the one whose context changed)", got, want)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ data, want string }{
		{"", "not a baseline file: EOF"},
		{"[]", "not a baseline file: json: cannot unmarshal array"},
		{`{"findings": []}`, "not a baseline file: no version"},
		{`{"version": 2, "findings": []}`, "baseline version 2 is not supported (want 1)"},
		{`{"version": 1, "findings": [], "extra": 1}`, `not a baseline file: json: unknown field "extra"`},
		{`{"version": 1} {}`, "not a baseline file: data after the JSON object"},
		{`{"version": 1, "findings": [{"path": "a", "rule": "r/x", "fingerprint": "f", "count": 0}]}`, "findings[0]: want a path"},
		{`{"version": 1, "findings": [{"path": "a", "rule": "r/x", "count": 1}]}`, "findings[0]: want a path"},
		{`{"version": 1, "findings": [{"path": "a", "rule": "r/x", "fingerprint": "f", "count": 1}, {"path": "a", "rule": "r/x", "fingerprint": "f", "count": 2}]}`, "findings[1]: the same path"},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.data))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Parse(%q) = %v, want %q…", tt.data, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Errorf("Parse(%q): error of several lines: %q", tt.data, err)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "none.json")
	if _, err := Load(missing); err == nil || err.Error() != missing+": no such file or directory" {
		t.Errorf("Load(missing) = %v", err)
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(bad); err == nil || !strings.HasPrefix(err.Error(), bad+": not a baseline file: ") {
		t.Errorf("Load(bad) = %v", err)
	}
	if _, err := Load(dir); err == nil || !strings.HasPrefix(err.Error(), dir+": ") {
		t.Errorf("Load(folder) = %v", err)
	}
}
