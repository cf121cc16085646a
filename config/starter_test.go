package config_test

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

// The tests of the starter configuration run on the registry 'docqa init'
// uses, the built-in rules and the revision checks of package checks: they
// are in package config_test, so that config itself need not import checks.

// TestStarterParses checks that the starter configuration is a valid
// configuration that changes nothing: the news profile and no rule set.
func TestStarterParses(t *testing.T) {
	reg := checks.Registry()
	cfg, err := config.Parse(config.FileName, config.Starter(reg, checks.Rules()), reg)
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

// TestStarterDeterministic checks that two registries give the same
// bytes.
func TestStarterDeterministic(t *testing.T) {
	a, b := config.Starter(checks.Registry(), checks.Rules()), config.Starter(checks.Registry(), checks.Rules())
	if !bytes.Equal(a, b) {
		t.Errorf("two runs differ:\n%s\n---\n%s", a, b)
	}
}

// TestStarterRevisionChecks checks the grouping of the rules: those named
// as revision checks follow the others, in registry order, under their
// heading; with none named there is no heading and registry order is kept.
func TestStarterRevisionChecks(t *testing.T) {
	reg := rules.NewRegistry(
		&rules.Rule{ID: "test/check", Severity: rules.Warning, Summary: "A revision check"},
		&rules.Rule{ID: "test/lint", Severity: rules.Error, Summary: "A lint rule"},
		&rules.Rule{ID: "test/other", Severity: rules.Info, Summary: "Another lint rule"},
	)
	check, _ := reg.Lookup("test/check")
	const heading = "# The revision checks of 'docqa diff' and 'docqa golden'."
	tests := []struct {
		name     string
		revision []*rules.Rule
		want     []string // the lines from "rules:" on
	}{
		{"none", nil, []string{
			"rules:",
			"#  test/check: warning  # A revision check",
			"#  test/lint: error  # A lint rule",
			"#  test/other: info  # Another lint rule",
			"",
		}},
		{"one", []*rules.Rule{check}, []string{
			"rules:",
			"#  test/lint: error  # A lint rule",
			"#  test/other: info  # Another lint rule",
			"",
			heading,
			"#  test/check: warning  # A revision check",
			"",
		}},
		{"not in the registry", []*rules.Rule{{ID: "test/absent"}}, []string{
			"rules:",
			"#  test/check: warning  # A revision check",
			"#  test/lint: error  # A lint rule",
			"#  test/other: info  # Another lint rule",
			"",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lines := strings.Split(string(config.Starter(reg, tc.revision)), "\n")
			i := slices.Index(lines, "rules:")
			if i < 0 {
				t.Fatalf("no rules: line in\n%s", strings.Join(lines, "\n"))
			}
			if got := lines[i:]; !slices.Equal(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestStarterListsEveryRule checks that every rule of the registry
// has its line, with its default severity and summary, and every option
// its commented-out entry.
func TestStarterListsEveryRule(t *testing.T) {
	reg := checks.Registry()
	lines := strings.Split(string(config.Starter(reg, checks.Rules())), "\n")
	for _, r := range reg.Rules() {
		if want := fmt.Sprintf("#  %s: %s  # %s", r.ID, starterSeverity(r), starterSummary(r)); !slices.Contains(lines, want) {
			t.Errorf("no line %q", want)
		}
		for _, opt := range r.Options {
			if !hasPrefixLine(lines, "#    "+opt.Name+": ") {
				t.Errorf("%s: no entry for option %s", r.ID, opt.Name)
			}
			if opt.Doc != "" && !strings.Contains(uncommentedText(lines), strings.Join(strings.Fields(opt.Doc), " ")) {
				t.Errorf("%s: option %s: its documentation %q is missing", r.ID, opt.Name, opt.Doc)
			}
		}
	}
	// The revision checks come after the lint rules.
	if i, j := indexOf(lines, "#  repetition/doubled-word: "), indexOf(lines, "#  checks/quote-changed: "); i < 0 || j < 0 || i > j {
		t.Errorf("lint rule at line %d, revision check at line %d: want the lint rules first", i+1, j+1)
	}
}

// TestStarterUncomment checks what the file tells its reader: that
// deleting the "#" of a rule's line sets its default severity, and deleting
// it from the lines of a rule's mapping sets its severity and every option.
// It runs on the built-in rules and on rules with every kind of option.
func TestStarterUncomment(t *testing.T) {
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
		lines := strings.Split(string(config.Starter(reg, checks.Rules())), "\n")
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

// TestStarterUncommentAll uncomments every example of the starter
// configuration at once, the mapping form of each rule with options and
// the line of each rule without: the result loads, keeps the built-in
// speech verbs of quotes/attribution (an empty list would drop them all),
// and lints the seed article exactly as the defaults do.
func TestStarterUncommentAll(t *testing.T) {
	reg := checks.Registry()
	lines := strings.Split(string(config.Starter(reg, checks.Rules())), "\n")
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
	article, err := os.ReadFile(filepath.Join("..", "testdata", "article.txt"))
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

// TestExampleValue checks the YAML value shown for an option: its default
// if it has one (plain or quoted as YAML needs), else the empty value of
// its kind or its first choice.
func TestExampleValue(t *testing.T) {
	tests := []struct {
		name string
		opt  rules.Option
		want string
	}{
		{"string default", rules.Option{Kind: rules.String, Default: "according to"}, "according to"},
		{"string default YAML reads otherwise", rules.Option{Kind: rules.String, Default: "no"}, `"no"`},
		{"string default with capitals", rules.Option{Kind: rules.String, Default: "US"}, `"US"`},
		{"string default with punctuation", rules.Option{Kind: rules.String, Default: "a-b"}, `"a-b"`},
		{"empty string default", rules.Option{Kind: rules.String, Default: ""}, `""`},
		{"list default", rules.Option{Kind: rules.StringList, Default: []string{"said", "on", "Says", "put it"}}, `[said, "on", "Says", put it]`},
		{"empty list default", rules.Option{Kind: rules.StringList, Default: []string{}}, "[]"},
		{"bool default", rules.Option{Kind: rules.Bool, Default: true}, "true"},
		{"int default", rules.Option{Kind: rules.Int, Default: 4}, "4"},
		{"string", rules.Option{Kind: rules.String}, `""`},
		{"string of choices", rules.Option{Kind: rules.String, Choices: []string{"strict", "lax"}}, `"strict"`},
		{"string of choices with empty", rules.Option{Kind: rules.String, Choices: []string{"US", "UK", ""}}, `""`},
		{"list", rules.Option{Kind: rules.StringList}, "[]"},
		{"sets", rules.Option{Kind: rules.StringSets}, "[]"},
		{"bool", rules.Option{Kind: rules.Bool}, "false"},
		{"int", rules.Option{Kind: rules.Int}, "0"},
	}
	for _, tc := range tests {
		if got := config.ExampleValue(tc.opt); got != tc.want {
			t.Errorf("%s: ExampleValue = %s, want %s", tc.name, got, tc.want)
		}
	}
}

// TestStarterWraps checks that the starter's comments and flow sequences
// keep to 80 characters, except for one word or item longer than a line.
func TestStarterWraps(t *testing.T) {
	long := strings.Repeat("x", 90)
	reg := rules.NewRegistry(&rules.Rule{ID: "test/wrap", Severity: rules.Warning, Summary: "Wrapping", Options: []rules.Option{
		{Name: "words", Kind: rules.StringList, Doc: strings.Repeat("a word of documentation ", 10) + long,
			Default: append(slices.Repeat([]string{"said"}, 30), long, "told")},
	}})
	text := string(config.Starter(reg, nil))
	for i, l := range strings.Split(text, "\n") {
		if n := len([]rune(l)); n > 80 && !strings.Contains(l, long) {
			t.Errorf("line %d has %d characters: %q", i+1, n, l)
		}
	}
	for _, want := range []string{
		"#    # " + long + "\n",
		"#      " + long + ",\n#      told]\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in\n%s", want, text)
		}
	}
	if _, err := config.Parse(config.FileName, []byte(text), reg); err != nil {
		t.Errorf("config.Parse: %v", err)
	}
}
