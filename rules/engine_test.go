package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docqa/docqa/document"
)

// findingsOf runs one rule with options over text (its format from name)
// and renders each finding as "line:col text", the finding's span.
func findingsOf(t *testing.T, r *Rule, opts Options, name, text string) []string {
	t.Helper()
	l, err := NewLinter(NewRegistry(r), Config{Rules: map[string]Setting{r.ID: {Options: opts}}})
	if err != nil {
		t.Fatal(err)
	}
	d := document.Load(name, []byte(text))
	var out []string
	for _, f := range l.Lint(d) {
		p := d.Position(f.Span.Start)
		out = append(out, fmt.Sprintf("%d:%d %s", p.Line, p.Column, d.String(f.Span)))
	}
	return out
}

// ruleCase is one table row of a rule test: the text, and the findings it
// must yield as findingsOf renders them.
type ruleCase struct {
	name, text string
	want       []string
}

func runRuleCases(t *testing.T, r *Rule, opts Options, file string, cases []ruleCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := findingsOf(t, r, opts, file, c.text)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("text: %q\n got %q\nwant %q", c.text, got, c.want)
			}
		})
	}
}

func TestNewLinterSelection(t *testing.T) {
	reg := Builtin()
	tests := []struct {
		name    string
		cfg     Config
		want    []string // rules that must run
		notWant []string // rules that must not
		err     string
	}{
		{"defaults run everything", Config{}, []string{"quotes/unbalanced", "style/second-person"}, nil, ""},
		{"config off", Config{Rules: map[string]Setting{"style/second-person": {Off: true}}}, nil, []string{"style/second-person"}, ""},
		{"disable category", Config{Disable: []string{"quotes"}}, []string{"repetition/doubled-word"}, []string{"quotes/unbalanced", "quotes/attribution"}, ""},
		{"enable wins over off", Config{Rules: map[string]Setting{"style/second-person": {Off: true}}, Enable: []string{"style/second-person"}}, []string{"style/second-person"}, nil, ""},
		{"unknown disable", Config{Disable: []string{"nope"}}, nil, nil, `--disable: unknown rule or category "nope"`},
		{"unknown enable", Config{Enable: []string{"quotes/nope"}}, nil, nil, `--enable: unknown rule or category "quotes/nope"`},
		{"unknown configured rule", Config{Rules: map[string]Setting{"x/y": {}}}, nil, nil, `unknown rule "x/y"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := NewLinter(reg, tt.cfg)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			on := strings.Join(l.Rules(), " ")
			for _, id := range tt.want {
				if !strings.Contains(on, id) {
					t.Errorf("%s not run; running %s", id, on)
				}
			}
			for _, id := range tt.notWant {
				if strings.Contains(on, id) {
					t.Errorf("%s run; running %s", id, on)
				}
			}
		})
	}
}

func TestSeverityOverrideAndUnsafeFix(t *testing.T) {
	l, err := NewLinter(NewRegistry(DoubledWord), Config{Rules: map[string]Setting{DoubledWord.ID: {Severity: Warning}}})
	if err != nil {
		t.Fatal(err)
	}
	d := document.Load("a.txt", []byte("It is the the end. He said “it is the the end.”"))
	fs := l.Lint(d)
	if len(fs) != 2 {
		t.Fatalf("got %d findings, want 2", len(fs))
	}
	for _, f := range fs {
		if f.Severity != Warning {
			t.Errorf("severity = %v, want warning", f.Severity)
		}
	}
	if fs[0].Fixes[0].Unsafe || !fs[1].Fixes[0].Unsafe {
		t.Errorf("unsafe = %v, %v; want false outside the quotation, true inside", fs[0].Fixes[0].Unsafe, fs[1].Fixes[0].Unsafe)
	}
}

func TestRegistryDocumentation(t *testing.T) {
	for _, r := range Builtin().Rules() {
		if r.Summary == "" || r.Explanation == "" || r.Bad == "" || r.Good == "" || r.Severity == 0 || (r.New == nil && r != Directive) {
			t.Errorf("%s: incomplete metadata", r.ID)
		}
		if strings.HasSuffix(r.Summary, ".") {
			t.Errorf("%s: summary ends with a full stop", r.ID)
		}
		if r.New == nil {
			continue // Directive: its examples are checked in suppress_test.go
		}
		// The bad example must be reported and the good one not.
		if got := findingsOf(t, r, nil, "example.txt", r.Bad); len(got) == 0 {
			t.Errorf("%s: bad example %q yields no finding", r.ID, r.Bad)
		}
		if got := findingsOf(t, r, nil, "example.txt", r.Good); len(got) != 0 {
			t.Errorf("%s: good example %q yields %q", r.ID, r.Good, got)
		}
	}
}

func TestSeedArticle(t *testing.T) {
	// The design's seed table: exactly these problems, and no quotes/*.
	want := []string{
		"3:258 repetition/doubled-word error particular particular",
		"5:191 repetition/coordination warning counter-terrorism and counter-terrorism",
		"21:361 style/second-person info yourself",
		"69:145 consistency/variants warning Uighurs",
		"75:1 boilerplate/web error Add a Comment",
		"77:1 boilerplate/web error Your email address will not be published.",
	}
	l, err := NewLinter(Builtin(), Config{})
	if err != nil {
		t.Fatal(err)
	}
	text := readTestdata(t, "article.txt")
	d := document.Load("testdata/article.txt", text)
	var got []string
	for _, f := range l.Lint(d) {
		p := d.Position(f.Span.Start)
		got = append(got, fmt.Sprintf("%d:%d %s %s %s", p.Line, p.Column, f.Rule, f.Severity, d.String(f.Span)))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("seed article findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := readFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// readFile reads a file of the repository's testdata folder.
func readFile(name string) ([]byte, error) {
	return os.ReadFile(filepath.Join("..", "testdata", name))
}

// TestOptInRule checks that a rule marked Off runs only when the
// configuration names it or --enable turns it on.
func TestOptInRule(t *testing.T) {
	opt := &Rule{ID: "test/opt-in", Severity: Warning, Off: true, Summary: "s",
		New: func(Options) (Check, error) { return func(*Pass) {}, nil }}
	reg := NewRegistry(opt)
	for _, tc := range []struct {
		name string
		cfg  Config
		on   bool
	}{
		{"default", Config{}, false},
		{"enabled", Config{Enable: []string{"test"}}, true},
		{"configured", Config{Rules: map[string]Setting{"test/opt-in": {Severity: Error}}}, true},
		{"configured off", Config{Rules: map[string]Setting{"test/opt-in": {Off: true}}}, false},
		{"configured, then disabled", Config{Rules: map[string]Setting{"test/opt-in": {}}, Disable: []string{"test/opt-in"}}, false},
	} {
		sevs, err := tc.cfg.Severities(reg)
		if err != nil {
			t.Fatal(err)
		}
		if _, on := sevs["test/opt-in"]; on != tc.on {
			t.Errorf("%s: on = %v, want %v", tc.name, on, tc.on)
		}
	}
	if got := opt.DefaultSeverity(); got != "off" {
		t.Errorf("DefaultSeverity = %q, want off", got)
	}
}
