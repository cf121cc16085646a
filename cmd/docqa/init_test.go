package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/docqa/docqa/checks"
	"github.com/docqa/docqa/config"
	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// TestStarterConfigParses checks that the starter configuration is a valid
// configuration that changes nothing: the news profile and no rule set.
func TestStarterConfigParses(t *testing.T) {
	reg := checks.Registry()
	cfg, err := config.Parse(config.FileName, starterConfig(reg), reg)
	if err != nil {
		t.Fatalf("config.Parse: %v", err)
	}
	if cfg.Profile != config.ProfileNews {
		t.Errorf("profile %q, want %q", cfg.Profile, config.ProfileNews)
	}
	if len(cfg.Rules.Rules) != 0 {
		t.Errorf("rules set: %v, want none", cfg.Rules.Rules)
	}
}

// TestStarterConfigDeterministic checks that two registries give the same
// bytes.
func TestStarterConfigDeterministic(t *testing.T) {
	a, b := starterConfig(checks.Registry()), starterConfig(checks.Registry())
	if !bytes.Equal(a, b) {
		t.Errorf("two runs differ:\n%s\n---\n%s", a, b)
	}
}

// TestStarterConfigListsEveryRule checks that every rule of the registry
// has its line, with its default severity and summary, and every option
// its commented-out entry.
func TestStarterConfigListsEveryRule(t *testing.T) {
	reg := checks.Registry()
	lines := strings.Split(string(starterConfig(reg)), "\n")
	for _, r := range reg.Rules() {
		if want := fmt.Sprintf("#  %s: %s  # %s", r.ID, starterSeverity(r), starterSummary(r)); !slices.Contains(lines, want) {
			t.Errorf("no line %q", want)
		}
		for _, opt := range r.Options {
			if !hasPrefixLine(lines, "#    "+opt.Name+": ") {
				t.Errorf("%s: no entry for option %s", r.ID, opt.Name)
			}
			if opt.Doc != "" && !strings.Contains(uncommentedText(lines), oneLine(opt.Doc)) {
				t.Errorf("%s: option %s: its documentation %q is missing", r.ID, opt.Name, opt.Doc)
			}
		}
	}
	// The revision checks come after the lint rules.
	if i, j := indexOf(lines, "#  repetition/doubled-word: "), indexOf(lines, "#  checks/quote-changed: "); i < 0 || j < 0 || i > j {
		t.Errorf("lint rule at line %d, revision check at line %d: want the lint rules first", i+1, j+1)
	}
}

// TestStarterConfigUncomment checks what the file tells its reader: that
// deleting the "#" of a rule's line sets its default severity, and deleting
// it from the lines of a rule's mapping sets its severity and every option.
// It runs on the built-in rules and on rules with every kind of option.
func TestStarterConfigUncomment(t *testing.T) {
	registries := []struct {
		name string
		reg  *rules.Registry
	}{
		{"builtin", checks.Registry()},
		{"kinds", rules.NewRegistry(
			&rules.Rule{ID: "test/plain", Severity: rules.Info, Summary: "No options"},
			&rules.Rule{ID: "test/kinds", Severity: rules.Warning, Summary: "One option of each kind", Options: []rules.Option{
				{Name: "word", Kind: rules.String, Doc: "a word"},
				{Name: "mode", Kind: rules.String, Choices: []string{"strict", "lax"}, Doc: "strict or lax"},
				{Name: "locale", Kind: rules.String, Choices: []string{"US", "UK", ""}},
				{Name: "words", Kind: rules.StringList, Doc: "some words"},
				{Name: "sets", Kind: rules.StringSets, Doc: "sets of words"},
				{Name: "loud", Kind: rules.Bool, Doc: "shout the message, which is a very long piece of documentation that wraps over several lines of the file"},
			}},
		)},
	}
	for _, tc := range registries {
		name, reg := tc.name, tc.reg
		lines := strings.Split(string(starterConfig(reg)), "\n")
		for _, r := range reg.Rules() {
			t.Run(name+"/"+r.ID, func(t *testing.T) {
				// The one-line form.
				i := indexOf(lines, fmt.Sprintf("#  %s: %s  # ", r.ID, starterSeverity(r)))
				if i < 0 {
					t.Fatalf("no line for %s", r.ID)
				}
				s := parseUncommented(t, reg, lines, i, i+1)[r.ID]
				if s.Off || s.Severity != r.Severity || len(s.Options) != 0 {
					t.Errorf("one-line form: setting %+v, want severity %s and no options", s, r.Severity)
				}

				// The mapping form, for a rule with options.
				j := slices.Index(lines, "#  "+r.ID+":")
				if len(r.Options) == 0 {
					if j >= 0 {
						t.Errorf("a mapping form for a rule without options at line %d", j+1)
					}
					return
				}
				if j < 0 {
					t.Fatalf("no mapping form for %s", r.ID)
				}
				end := j + 1
				for end < len(lines) && strings.HasPrefix(lines[end], "#    ") {
					end++
				}
				s = parseUncommented(t, reg, lines, j, end)[r.ID]
				if s.Off || s.Severity != r.Severity {
					t.Errorf("mapping form: setting %+v, want severity %s", s, r.Severity)
				}
				for _, opt := range r.Options {
					if _, ok := s.Options[opt.Name]; !ok {
						t.Errorf("mapping form: option %s not set", opt.Name)
					}
				}
			})
		}
	}
}

// starterSeverity returns the value of a rule's line in the starter: its
// default severity, or "on" for a rule without one.
func starterSeverity(r *rules.Rule) string {
	if r.Severity == 0 {
		return "on"
	}
	return r.Severity.String()
}

// starterSummary returns the comment of a rule's line in the starter: its
// summary, after "by rule: " for a rule without a severity of its own, or
// after "off unless turned on: " for an opt-in rule.
func starterSummary(r *rules.Rule) string {
	if r.Off {
		return "off unless turned on: " + r.Summary
	}
	if r.Severity == 0 {
		return rules.ByRule + ": " + r.Summary
	}
	return r.Summary
}

// parseUncommented deletes the "#" at the start of lines[from:to], parses
// the result and returns its rule settings.
func parseUncommented(t *testing.T, reg *rules.Registry, lines []string, from, to int) map[string]rules.Setting {
	t.Helper()
	edited := append([]string(nil), lines...)
	for k := from; k < to; k++ {
		edited[k] = strings.TrimPrefix(edited[k], "#")
	}
	text := strings.Join(edited, "\n")
	cfg, err := config.Parse(config.FileName, []byte(text), reg)
	if err != nil {
		t.Fatalf("uncommented lines %d-%d: %v\n%s", from+1, to, err, strings.Join(edited[from:to], "\n"))
	}
	return cfg.Rules.Rules
}

// indexOf returns the index of the first line starting with prefix, or -1.
func indexOf(lines []string, prefix string) int {
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return i
		}
	}
	return -1
}

// hasPrefixLine reports whether a line starts with prefix.
func hasPrefixLine(lines []string, prefix string) bool { return indexOf(lines, prefix) >= 0 }

// uncommentedText returns the text of the comment lines inside mappings
// ("#    # ..."), without their comment marks, joined by spaces: wrapped
// documentation reads as one line.
func uncommentedText(lines []string) string {
	var words []string
	for _, l := range lines {
		if rest, ok := strings.CutPrefix(l, "#    # "); ok {
			words = append(words, strings.Fields(rest)...)
		}
	}
	return strings.Join(words, " ")
}

// TestStarterConfigUncommentAll uncomments every example of the starter
// configuration at once, the mapping form of each rule with options and
// the line of each rule without: the result loads, keeps the built-in
// speech verbs of quotes/attribution (an empty list would drop them all),
// and lints the seed article exactly as the defaults do.
func TestStarterConfigUncommentAll(t *testing.T) {
	reg := checks.Registry()
	lines := strings.Split(string(starterConfig(reg)), "\n")
	for _, r := range reg.Rules() {
		from := indexOf(lines, "#  "+r.ID+": ")
		to := from + 1
		if len(r.Options) > 0 {
			from = slices.Index(lines, "#  "+r.ID+":")
			for to = from + 1; to < len(lines) && strings.HasPrefix(lines[to], "#    "); to++ {
			}
		}
		if from < 0 {
			t.Fatalf("no example for %s", r.ID)
		}
		for k := from; k < to; k++ {
			lines[k] = strings.TrimPrefix(lines[k], "#")
		}
	}
	text := strings.Join(lines, "\n")
	cfg, err := config.Parse(config.FileName, []byte(text), reg)
	if err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	verbs, _ := cfg.Rules.Rules[rules.QuotesAttribution.ID].Options.Strings("verbs")
	if want := rules.SpeechVerbs(); !slices.Equal(verbs, want) {
		t.Errorf("quotes/attribution verbs:\n got %q\nwant %q", verbs, want)
	}
	for _, r := range reg.Rules() {
		if s, ok := cfg.Rules.Rules[r.ID]; !ok || s.Off || s.Severity != r.Severity {
			t.Errorf("%s: setting %+v, want its default severity", r.ID, s)
		}
	}
	article, err := os.ReadFile(filepath.Join("..", "..", "testdata", "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	lint := func(c rules.Config) string {
		l, err := rules.NewLinter(reg, c)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, f := range l.Lint(document.Load("article.txt", article)) {
			fmt.Fprintf(&b, "%d-%d %s %s %s\n", f.Span.Start, f.Span.End, f.Rule, f.Severity, f.Message)
		}
		return b.String()
	}
	got, want := lint(cfg.Rules), lint(rules.Config{})
	if got != want {
		t.Errorf("the uncommented starter lints the seed article otherwise:\n got %s\nwant %s", got, want)
	}
	if !strings.Contains(want, "repetition/doubled-word") {
		t.Errorf("the seed article has no doubled word: %s", want)
	}
}
