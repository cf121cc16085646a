package report

import (
	"strings"
	"testing"

	"github.com/docqa/docqa/config"
	"github.com/docqa/docqa/rules"
)

// houseRule returns the house rule of a configuration file holding yaml,
// as 'docqa rules' lists it.
func houseRule(t *testing.T, yaml string) *rules.Rule {
	t.Helper()
	cfg, err := config.Parse(".docqa.yaml", []byte(yaml), rules.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.House) != 1 {
		t.Fatalf("%d house rules, want 1", len(cfg.House))
	}
	return cfg.House[0]
}

// TestWriteRuleTable checks the table of 'docqa rules': a heading, then a
// rule a line, columns aligned, an opt-in rule "off" and a rule without a
// severity of its own "by rule".
func TestWriteRuleTable(t *testing.T) {
	tests := []struct {
		name  string
		rules []*rules.Rule
		want  string
	}{
		{"none", nil, "ID  SEVERITY  SUMMARY\n"},
		{"aligned", []*rules.Rule{
			{ID: "repetition/doubled-word", Severity: rules.Error, Summary: "The same word twice in a row"},
			{ID: "style/x", Severity: rules.Info, Summary: "Short"},
		}, "" +
			"ID                       SEVERITY  SUMMARY\n" +
			"repetition/doubled-word  error     The same word twice in a row\n" +
			"style/x                  info      Short\n"},
		{"opt-in and by rule", []*rules.Rule{
			{ID: "style/opt-in", Severity: rules.Warning, Off: true, Summary: "Off unless named"},
			{ID: "checks/new-finding", Summary: "A finding the old text did not have"},
		}, "" +
			"ID                  SEVERITY  SUMMARY\n" +
			"style/opt-in        off       Off unless named\n" +
			"checks/new-finding  by rule   A finding the old text did not have\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			if err := WriteRuleTable(&b, tc.rules); err != nil {
				t.Fatal(err)
			}
			if got := b.String(); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestExplainRule checks the explanation of 'docqa rules ID': prose wrapped
// at 80 characters (a longer word on a line of its own), paragraphs kept
// apart, options with their kinds, choices, documentation and defaults as
// YAML, the examples indented as written, and a house rule's source.
func TestExplainRule(t *testing.T) {
	tests := []struct {
		name string
		rule *rules.Rule
		want string
	}{
		{"summary only", &rules.Rule{ID: "test/bare", Severity: rules.Info, Summary: "Nothing more"}, "" +
			"test/bare: Nothing more\n" +
			"\n" +
			"Default severity: info\n"},
		{"explanation wrapped at 80", &rules.Rule{
			ID: "test/long", Severity: rules.Error, Summary: "A long explanation",
			Explanation: "Reports a sentence that runs on and on, with clause after clause,\nuntil a reader has forgotten how it began and has to start again from the top.\n\n" +
				"A second paragraph stays apart. " + strings.Repeat("y", 85) + " is a word longer than a line.",
		}, "" +
			"test/long: A long explanation\n" +
			"\n" +
			"Default severity: error\n" +
			"\n" +
			"Reports a sentence that runs on and on, with clause after clause, until a reader\n" +
			"has forgotten how it began and has to start again from the top.\n" +
			"\n" +
			"A second paragraph stays apart.\n" +
			strings.Repeat("y", 85) + "\n" +
			"is a word longer than a line.\n"},
		{"options", &rules.Rule{
			ID: "test/options", Severity: rules.Warning, Off: true, Summary: "Options of every kind",
			Options: []rules.Option{
				{Name: "verbs", Kind: rules.StringList, Doc: "the speech verbs and phrases that attribute a quotation, replacing the built-in list",
					Default: []string{"said", "says", "according to", "on", "Told", "wrote", "argued", "warned", "insisted", "pointed out", "in a statement"}},
				{Name: "extra_verbs", Kind: rules.StringList, Doc: "speech verbs added to the list"},
				{Name: "mode", Kind: rules.String, Choices: []string{"strict", "lax"}, Default: "strict"},
				{Name: "min_words", Kind: rules.Int, Doc: "the fewest words", Default: 4},
				{Name: "loud", Kind: rules.Bool, Default: false},
			},
		}, "" +
			"test/options: Options of every kind\n" +
			"\n" +
			"Default severity: off\n" +
			"\n" +
			"Options:\n" +
			"  verbs (a list of strings)\n" +
			"      the speech verbs and phrases that attribute a quotation, replacing the\n" +
			"      built-in list\n" +
			"      Default: [said, says, according to, \"on\", \"Told\", wrote, argued, warned,\n" +
			"      insisted, pointed out, in a statement]\n" +
			"  extra_verbs (a list of strings)\n" +
			"      speech verbs added to the list\n" +
			"  mode (a string, one of strict, lax)\n" +
			"      Default: strict\n" +
			"  min_words (a whole number, 0 or more)\n" +
			"      the fewest words\n" +
			"      Default: 4\n" +
			"  loud (true or false)\n" +
			"      Default: false\n"},
		{"examples", &rules.Rule{
			ID: "repetition/doubled-word", Severity: rules.Error, Summary: "The same word twice in a row",
			Bad:  "The the end.\n\n  Indented, kept as it is.\n",
			Good: "The end.",
		}, "" +
			"repetition/doubled-word: The same word twice in a row\n" +
			"\n" +
			"Default severity: error\n" +
			"\n" +
			"Bad:\n" +
			"    The the end.\n" +
			"\n" +
			"      Indented, kept as it is.\n" +
			"\n" +
			"Good:\n" +
			"    The end.\n"},
		{"by rule", &rules.Rule{ID: "checks/new-finding", Summary: "A finding the old text did not have"}, "" +
			"checks/new-finding: A finding the old text did not have\n" +
			"\n" +
			"Default severity: by rule\n"},
		{"house rule", houseRule(t, "custom:\n"+
			"  - {id: house/nope, kind: existence, message: \"avoid %[1]s\", tokens: [utilise]}\n"), "" +
			"house/nope: avoid utilise\n" +
			"\n" +
			"Default severity: warning\n" +
			"\n" +
			"Reports these words and phrases: utilise. Matches in any case. Looks outside\n" +
			"quotations.\n" +
			"\n" +
			"A house rule defined in .docqa.yaml:2.\n" +
			"\n" +
			"Bad:\n" +
			"    utilise\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			if err := ExplainRule(&b, tc.rule); err != nil {
				t.Fatal(err)
			}
			if got := b.String(); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
			for i, l := range strings.Split(b.String(), "\n") {
				if n := len([]rune(l)); n > 80 && !strings.Contains(l, strings.Repeat("y", 81)) && !strings.HasPrefix(l, "    ") {
					t.Errorf("line %d has %d characters: %q", i+1, n, l)
				}
			}
		})
	}
}
