package config

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// testRegistry returns rules with options of every kind, independent of
// the built-in rules' options.
func testRegistry() *rules.Registry {
	noop := func(rules.Options) (rules.Check, error) { return func(*rules.Pass) {}, nil }
	return rules.NewRegistry(
		&rules.Rule{ID: "quotes/attribution", Severity: rules.Warning, New: noop, Options: []rules.Option{
			{Name: "verbs", Kind: rules.StringList},
			{Name: "extra_verbs", Kind: rules.StringList},
		}},
		&rules.Rule{ID: "style/second-person", Severity: rules.Info, New: noop},
		&rules.Rule{ID: "spelling/misspell", Severity: rules.Warning, New: noop, Options: []rules.Option{
			{Name: "locale", Kind: rules.String, Choices: []string{"US", "UK", ""}},
			{Name: "ignore", Kind: rules.StringList},
		}},
		&rules.Rule{ID: "consistency/variants", Severity: rules.Warning, New: noop, Options: []rules.Option{
			{Name: "across", Kind: rules.String, Choices: []string{"document", "documents"}},
			{Name: "sets", Kind: rules.StringSets},
		}},
		&rules.Rule{ID: "repetition/doubled-word", Severity: rules.Error, New: noop, Options: []rules.Option{
			{Name: "strict", Kind: rules.Bool},
			{Name: "note", Kind: rules.String},
		}},
	)
}

type settings = map[string]rules.Setting

func TestParse(t *testing.T) {
	docsOff := settings{
		"quotes/attribution":  {Off: true},
		"style/second-person": {Off: true},
	}
	tests := []struct {
		name    string
		yaml    string
		profile string
		want    settings
	}{
		{name: "empty file", yaml: "", profile: "news", want: settings{}},
		{name: "comments only", yaml: "# nothing yet\n\n", profile: "news", want: settings{}},
		{name: "document marker only", yaml: "---\n", profile: "news", want: settings{}},
		{name: "null top level", yaml: "~\n", profile: "news", want: settings{}},
		{name: "profile news", yaml: "profile: news\n", profile: "news", want: settings{}},
		{name: "empty rules", yaml: "rules:\n", profile: "news", want: settings{}},
		{
			name: "scalar severities",
			yaml: "rules:\n" +
				"  style/second-person: off\n" +
				"  quotes/attribution: error\n" +
				"  spelling/misspell: warning\n" +
				"  consistency/variants: info\n",
			profile: "news",
			want: settings{
				"style/second-person":  {Off: true},
				"quotes/attribution":   {Severity: rules.Error},
				"spelling/misspell":    {Severity: rules.Warning},
				"consistency/variants": {Severity: rules.Info},
			},
		},
		{
			// "on": the rule runs, at its default severity, even where the
			// profile turns it off.
			name: "on",
			yaml: "profile: docs\nrules:\n  style/second-person: on\n  quotes/attribution:\n    severity: on\n    verbs: [said]\n",
			want: settings{
				"style/second-person": {},
				"quotes/attribution":  {Options: rules.Options{"verbs": []string{"said"}}},
			},
			profile: "docs",
		},
		{
			name: "quoted severity",
			yaml: "rules:\n  style/second-person: \"off\"\n",
			want: settings{"style/second-person": {Off: true}}, profile: "news",
		},
		{
			name: "mapping with options of every kind",
			yaml: "rules:\n" +
				"  quotes/attribution:\n" +
				"    severity: warning\n" +
				"    verbs: [said, says, told, according to]\n" +
				"  spelling/misspell:\n" +
				"    locale: US\n" +
				"    ignore:\n" +
				"      - Uighur\n" +
				"      - \"2024\"\n" +
				"  consistency/variants:\n" +
				"    across: documents\n" +
				"    sets:\n" +
				"      - [Uyghur, Uighur]\n" +
				"      - [Kyiv, Kiev]\n" +
				"  repetition/doubled-word:\n" +
				"    strict: true\n" +
				"    note: ''\n",
			profile: "news",
			want: settings{
				"quotes/attribution": {Severity: rules.Warning, Options: rules.Options{
					"verbs": []string{"said", "says", "told", "according to"},
				}},
				"spelling/misspell": {Options: rules.Options{
					"locale": "US", "ignore": []string{"Uighur", "2024"},
				}},
				"consistency/variants": {Options: rules.Options{
					"across": "documents",
					"sets":   [][]string{{"Uyghur", "Uighur"}, {"Kyiv", "Kiev"}},
				}},
				"repetition/doubled-word": {Options: rules.Options{"strict": true, "note": ""}},
			},
		},
		{
			name: "ignore_paths",
			yaml: "rules:\n" +
				"  style/second-person:\n" +
				"    ignore_paths: [\"archive/**\", \"*.txt\"]\n" +
				"  spelling/misspell:\n" +
				"    severity: off\n" +
				"    ignore_paths:\n" +
				"    ignore: [Uighur]\n",
			profile: "news",
			want: settings{
				"style/second-person": {IgnorePaths: []string{"archive/**", "*.txt"}},
				"spelling/misspell": {Off: true, IgnorePaths: []string{}, Options: rules.Options{
					"ignore": []string{"Uighur"},
				}},
			},
		},
		{
			name:    "severity only",
			yaml:    "rules:\n  quotes/attribution: {severity: info}\n",
			profile: "news",
			want:    settings{"quotes/attribution": {Severity: rules.Info}},
		},
		{
			name:    "off under severity keeps the options",
			yaml:    "rules:\n  quotes/attribution:\n    severity: off\n    verbs: [said]\n",
			profile: "news",
			want: settings{"quotes/attribution": {Off: true, Options: rules.Options{
				"verbs": []string{"said"},
			}}},
		},
		{
			name:    "empty mapping",
			yaml:    "rules:\n  quotes/attribution: {}\n",
			profile: "news",
			want:    settings{"quotes/attribution": {}},
		},
		{
			name: "empty option values",
			yaml: "rules:\n" +
				"  spelling/misspell:\n" +
				"    locale:\n" +
				"    ignore:\n" +
				"  consistency/variants:\n" +
				"    sets: []\n",
			profile: "news",
			want: settings{
				"spelling/misspell":    {Options: rules.Options{"locale": "", "ignore": []string{}}},
				"consistency/variants": {Options: rules.Options{"sets": [][]string{}}},
			},
		},
		{
			name:    "false",
			yaml:    "rules:\n  repetition/doubled-word: {strict: false}\n",
			profile: "news",
			want:    settings{"repetition/doubled-word": {Options: rules.Options{"strict": false}}},
		},
		{
			name: "aliases",
			yaml: "rules:\n" +
				"  quotes/attribution:\n" +
				"    verbs: &verbs [said, told]\n" +
				"    extra_verbs: *verbs\n",
			profile: "news",
			want: settings{"quotes/attribution": {Options: rules.Options{
				"verbs": []string{"said", "told"}, "extra_verbs": []string{"said", "told"},
			}}},
		},
		{name: "profile docs", yaml: "profile: docs\n", profile: "docs", want: docsOff},
		{
			name:    "profile docs after rules",
			yaml:    "rules:\n  spelling/misspell: error\nprofile: docs\n",
			profile: "docs",
			want: settings{
				"quotes/attribution":  {Off: true},
				"style/second-person": {Off: true},
				"spelling/misspell":   {Severity: rules.Error},
			},
		},
		{
			name: "profile docs keeps what the file sets",
			yaml: "profile: docs\n" +
				"rules:\n" +
				"  style/second-person: warning\n" +
				"  quotes/attribution:\n" +
				"    verbs: [said]\n",
			profile: "docs",
			want: settings{
				"style/second-person": {Severity: rules.Warning},
				"quotes/attribution":  {Options: rules.Options{"verbs": []string{"said"}}},
			},
		},
		{
			name:    "explicit document start",
			yaml:    "---\nprofile: docs\n...\n",
			profile: "docs",
			want:    docsOff,
		},
		{
			name:    "CRLF line endings",
			yaml:    "rules:\r\n  style/second-person: off\r\n",
			profile: "news",
			want:    settings{"style/second-person": {Off: true}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg := testRegistry()
			cfg, err := Parse(".docqa.yaml", []byte(tt.yaml), reg)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if cfg.Path != ".docqa.yaml" {
				t.Errorf("Path = %q, want .docqa.yaml", cfg.Path)
			}
			if cfg.Profile != tt.profile {
				t.Errorf("Profile = %q, want %q", cfg.Profile, tt.profile)
			}
			if !reflect.DeepEqual(cfg.Rules.Rules, tt.want) {
				t.Errorf("Rules =\n%#v\nwant\n%#v", cfg.Rules.Rules, tt.want)
			}
			if cfg.Rules.Enable != nil || cfg.Rules.Disable != nil {
				t.Errorf("Enable, Disable = %v, %v, want none", cfg.Rules.Enable, cfg.Rules.Disable)
			}
			// What Parse accepts, the linter accepts.
			if _, err := rules.NewLinter(reg, cfg.Rules); err != nil {
				t.Errorf("NewLinter: %v", err)
			}
		})
	}
}

// TestParseRuleOptionErrors checks that options a rule rejects, as the
// built-in consistency/variants does a bad set or preferred spelling, are
// errors at the line of the offending item.
func TestParseRuleOptionErrors(t *testing.T) {
	for _, tc := range []struct {
		name, yaml, want string
	}{
		{
			name: "a set of one",
			yaml: "rules:\n  consistency/variants:\n    sets:\n      - [Kyiv, Kiev]\n      - [Bar]\n",
			want: `.docqa.yaml:5: rules.consistency/variants.sets[1]: ["Bar"]: a set needs two or more spellings`,
		},
		{
			name: "an empty spelling",
			yaml: "rules:\n  consistency/variants:\n    sets:\n      - - Kyiv\n        - ''\n",
			want: `.docqa.yaml:5: rules.consistency/variants.sets[0][1]: "" is not a word`,
		},
		{
			name: "a spelling in two sets",
			yaml: "rules:\n  consistency/variants:\n    sets:\n      - [Kyiv, Kiev]\n      - [Kijev, kiev]\n",
			want: `.docqa.yaml:5: rules.consistency/variants.sets[1][1]: "kiev" is in sets[0] ["Kyiv" "Kiev"] too: a spelling belongs to one set`,
		},
		{
			name: "a preferred spelling of no set",
			yaml: "rules:\n  consistency/variants:\n    prefer:\n      - Uyghur\n      - Foo\n",
			want: `.docqa.yaml:5: rules.consistency/variants.prefer[1]: "Foo" is a spelling of none of the sets, built-in or configured`,
		},
		{
			name: "two preferred spellings of one set",
			yaml: "rules:\n  consistency/variants:\n    prefer: [Kyiv, Kiev]\n",
			want: `.docqa.yaml:3: rules.consistency/variants.prefer[1]: "Kyiv" and "Kiev" are spellings of one set: prefer one`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(".docqa.yaml", []byte(tc.yaml), rules.Builtin())
			if err == nil || err.Error() != tc.want {
				t.Errorf("error\n got %v\nwant %s", err, tc.want)
			}
			var ce *Error
			if !errors.As(err, &ce) {
				t.Errorf("error is %T, want *config.Error", err)
			}
		})
	}
}

// TestParseSettleBuiltin checks that a fix output the built-in rules
// rewrite is refused: a house replacement, or a preferred spelling of
// consistency/variants, that another rule the configuration turns on
// rewrites (and back, a cycle, or further, a chain).
func TestParseSettleBuiltin(t *testing.T) {
	for _, tc := range []struct {
		name, yaml, want string
	}{
		{
			name: "a replacement the preferred spelling undoes",
			yaml: "rules:\n  consistency/variants:\n    prefer: [Kiev]\ncustom:\n  - id: house/kyiv\n    kind: substitution\n    message: m\n    swap:\n      Kiev: Kyiv\n",
			want: ".docqa.yaml:9: house/kyiv: swap[0]: the replacement of “Kiev” → “Kyiv” is rewritten by consistency/variants as “Kiev”, and back: fixes would never settle",
		},
		{
			name: "a replacement misspell undoes",
			yaml: "rules:\n  spelling/misspell:\n    locale: US\ncustom:\n  - id: house/colour\n    kind: substitution\n    message: m\n    swap: {color: colour}\n",
			want: ".docqa.yaml:8: house/colour: swap[0]: the replacement of “color” → “colour” is rewritten by spelling/misspell as “color”, and back: fixes would never settle",
		},
		{
			name: "a preferred spelling misspell undoes",
			yaml: "rules:\n  spelling/misspell:\n    locale: US\n  consistency/variants:\n    prefer:\n      - Uyghur\n      - colour\n",
			want: ".docqa.yaml:7: rules.consistency/variants.prefer[1]: the preferred “colour” is rewritten by spelling/misspell as “color”, and back: fixes would never settle",
		},
		{
			name: "a preferred spelling a house rule rewrites",
			yaml: "rules:\n  consistency/variants:\n    prefer: [web site]\ncustom:\n  - id: house/page\n    kind: substitution\n    message: m\n    swap: {site: page}\n",
			want: ".docqa.yaml:3: rules.consistency/variants.prefer[0]: the preferred “web site” is rewritten by house/page as “web page”: a fix would need a second fix",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(".docqa.yaml", []byte(tc.yaml), rules.Builtin())
			if err == nil || err.Error() != tc.want {
				t.Errorf("error\n got %v\nwant %s", err, tc.want)
			}
		})
	}
	// What settles: the built-in Kyiv/Kiev set without a preferred
	// spelling; a house rule turned off; the example packs.
	for _, yaml := range []string{
		"custom:\n  - {id: house/kyiv, kind: substitution, message: m, swap: {Kiev: Kyiv}}\n",
		"rules:\n  house/kyiv: off\n  consistency/variants:\n    prefer: [Kiev]\ncustom:\n  - {id: house/kyiv, kind: substitution, message: m, swap: {Kiev: Kyiv}}\n",
		"rules:\n  spelling/misspell:\n    locale: UK\n  consistency/variants:\n    prefer: [colour]\n",
	} {
		if _, err := Parse(".docqa.yaml", []byte(yaml), rules.Builtin()); err != nil {
			t.Errorf("%s: %v", yaml, err)
		}
	}
	for _, name := range []string{"news.yaml", "docs.yaml"} {
		if _, err := Load(filepath.Join("..", "examples", name), rules.Builtin()); err != nil {
			t.Errorf("%v", err)
		}
	}
}

func TestParseDocsProfileSkipsMissingRules(t *testing.T) {
	noop := func(rules.Options) (rules.Check, error) { return func(*rules.Pass) {}, nil }
	reg := rules.NewRegistry(&rules.Rule{ID: "quotes/attribution", New: noop})
	cfg, err := Parse("x.yaml", []byte("profile: docs\n"), reg)
	if err != nil {
		t.Fatal(err)
	}
	want := settings{"quotes/attribution": {Off: true}}
	if !reflect.DeepEqual(cfg.Rules.Rules, want) {
		t.Errorf("Rules = %#v, want %#v", cfg.Rules.Rules, want)
	}
	if _, err := rules.NewLinter(reg, cfg.Rules); err != nil {
		t.Errorf("NewLinter: %v", err)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want string
	}{
		// The top level.
		{
			name: "unknown top-level key",
			yaml: "profile: news\nrule:\n  quotes/attribution: off\n",
			want: `.docqa.yaml:2: unknown key "rule" at the top level (want root, profile, rules, custom, include, templates, sources, languages)`,
		},
		{
			name: "languages not a mapping",
			yaml: "languages: [mdx]\n",
			want: `.docqa.yaml:1: languages: want a mapping of editor language IDs to markdown or text, such as "mdx: markdown"`,
		},
		{
			name: "languages unknown format",
			yaml: "languages:\n  mdx: markdown\n  rst: html\n",
			want: `.docqa.yaml:3: languages["rst"]: want one of "markdown", "text", not "html"`,
		},
		{
			name: "templates not a list",
			yaml: "templates: \"<% %>\"\n",
			want: `.docqa.yaml:1: templates: want a list of [open, close] delimiter pairs, such as ["<%", "%>"]`,
		},
		{
			name: "templates pair of one",
			yaml: "templates:\n  - [\"<%\", \"%>\"]\n  - [\"[[\"]\n",
			want: `.docqa.yaml:3: templates[1]: want two delimiters that are not blank, the opening and the closing one, such as ["<%", "%>"]`,
		},
		{
			name: "templates blank delimiter",
			yaml: "templates:\n  - [\"<%\", \" \"]\n",
			want: `.docqa.yaml:2: templates[0]: want two delimiters that are not blank, the opening and the closing one, such as ["<%", "%>"]`,
		},
		// House rules.
		{
			name: "custom rule without a kind",
			yaml: "profile: news\ncustom:\n  - id: house/kyiv\n    message: m\n",
			want: ".docqa.yaml:3: house/kyiv: kind: missing (want existence, substitution, consistency, pattern)",
		},
		{
			name: "custom rule of unknown kind",
			yaml: "custom:\n  - id: house/kyiv\n    message: m\n    kind: swap\n",
			want: `.docqa.yaml:4: house/kyiv: kind: unknown kind "swap" (want existence, substitution, consistency, pattern)`,
		},
		{
			name: "custom rule without an ID",
			yaml: "custom:\n  - kind: existence\n    tokens: [x]\n    message: m\n",
			want: ".docqa.yaml:2: custom[0]: id: missing",
		},
		{
			name: "custom rule ID not under house/",
			yaml: "custom:\n  - kind: existence\n    id: style/x\n    tokens: [x]\n    message: m\n",
			want: `.docqa.yaml:3: style/x: id: "style/x" is not under house/ (house rules are named house/NAME)`,
		},
		{
			name: "custom rule without its kind's field",
			yaml: "custom:\n  - id: house/x\n    kind: existence\n    message: m\n",
			want: ".docqa.yaml:2: house/x: tokens: missing: a existence rule needs tokens",
		},
		{
			name: "custom rule without a message",
			yaml: "custom:\n  - id: house/x\n    kind: existence\n    tokens: [x]\n",
			want: ".docqa.yaml:2: house/x: message: missing",
		},
		{
			name: "custom rule with a bad regexp",
			yaml: "custom:\n  - id: house/x\n    kind: pattern\n    message: m\n    pattern: 'a(b'\n",
			want: ".docqa.yaml:5: house/x: pattern: missing closing ): `a(b`",
		},
		{
			name: "custom rule with a phrase of no word",
			yaml: "custom:\n  - id: house/x\n    kind: existence\n    message: m\n    tokens:\n      - fine\n      - '--'\n",
			want: `.docqa.yaml:7: house/x: tokens[1]: "--" holds no word`,
		},
		{
			name: "duplicate custom rule",
			yaml: "custom:\n  - {id: house/x, kind: existence, tokens: [x], message: m}\n  - {id: house/x, kind: existence, tokens: [y], message: m}\n",
			want: `.docqa.yaml:3: house/x: id: duplicate rule ID "house/x" (first defined at .docqa.yaml:2)`,
		},
		{
			name: "custom rule with an unknown key",
			yaml: "custom:\n  - id: house/x\n    kind: existence\n    words: [x]\n",
			want: `.docqa.yaml:4: unknown key "words" in house/x (want id, kind, message, description, severity, scope, link, ignorecase, tokens, swap, sets, prefer, across, pattern)`,
		},
		{
			name: "substitution cycle",
			yaml: "custom:\n  - id: house/kyiv\n    kind: substitution\n    message: m\n    swap:\n      Kiev: Kyiv\n      Kyiv: Kiev\n",
			want: ".docqa.yaml:7: house/kyiv: swap[1]: “Kyiv” → “Kiev” undoes “Kiev” → “Kyiv” (line 6): fixes would never settle",
		},
		{
			name: "substitution cycle across rules, case aside",
			yaml: "custom:\n  - id: house/kyiv\n    kind: substitution\n    message: m\n    swap: {Kiev: Kyiv}\n  - id: house/kiev\n    kind: substitution\n    message: m\n    swap: {KYIV: kiev}\n",
			want: ".docqa.yaml:9: house/kiev: swap[0]: “KYIV” → “kiev” undoes “Kiev” → “Kyiv” (house/kyiv, line 5): fixes would never settle",
		},
		{
			name: "substitution chain",
			yaml: "custom:\n  - id: house/kyiv\n    kind: substitution\n    message: m\n    swap: {Kiev: Kyiv city}\n  - id: house/town\n    kind: substitution\n    message: m\n    swap: {city: town}\n",
			want: ".docqa.yaml:9: house/town: swap[0]: “city” → “town” rewrites the replacement of “Kiev” → “Kyiv city” (house/kyiv, line 5): a fix would need a second fix: make it “Kiev” → “Kyiv town”",
		},
		{
			name: "preferred form undone",
			yaml: "custom:\n  - id: house/kyiv\n    kind: substitution\n    message: m\n    swap: {Kiev: Kyiv}\n  - id: house/names\n    kind: consistency\n    message: m\n    sets: [[Kyiv, Kiev]]\n    prefer:\n      - Kiev\n",
			want: ".docqa.yaml:11: house/names: prefer[0]: “Kyiv” → “Kiev” undoes “Kiev” → “Kyiv” (house/kyiv, line 5): fixes would never settle",
		},
		{
			name: "replacement reported",
			yaml: "custom:\n  - id: house/kyiv\n    kind: substitution\n    message: m\n    swap: {Kiev: Kyiv}\n  - id: house/x\n    kind: existence\n    message: m\n    tokens:\n      - Kyiv\n",
			want: ".docqa.yaml:10: house/x: tokens[0]: “Kyiv” reports the replacement of “Kiev” → “Kyiv” (house/kyiv, line 5): --fix would write a finding",
		},
		{
			name: "custom rule with a bad severity",
			yaml: "custom:\n  - id: house/x\n    severity: high\n",
			want: `.docqa.yaml:3: house/x.severity: want one of "error", "warning", "info", not "high"`,
		},
		{
			name: "custom rule with a bad scope",
			yaml: "custom:\n  - {id: house/x, kind: existence, tokens: [x], message: m, scope: body}\n",
			want: `.docqa.yaml:2: house/x: scope: unknown scope "body" (want prose, quotes, all)`,
		},
		{
			name: "custom is not a list",
			yaml: "custom: {id: house/x}\n",
			want: ".docqa.yaml:1: custom: want a list of house rules",
		},
		{
			name: "rules names an unknown house rule",
			yaml: "rules:\n  house/nosuch: off\ncustom:\n  - {id: house/x, kind: existence, tokens: [x], message: m}\n",
			want: `.docqa.yaml:2: unknown rule "house/nosuch"`,
		},
		{
			name: "missing rule file",
			yaml: "include: [nosuch/pack.yaml]\n",
			want: ".docqa.yaml:1: include[0]: nosuch/pack.yaml: no such file or directory",
		},
		{
			name: "top level is a list",
			yaml: "\n- profile: news\n",
			want: ".docqa.yaml:2: top level: want a mapping with keys root, profile, rules, custom, include, templates, sources, languages",
		},
		{
			name: "top level is a string",
			yaml: "news\n",
			want: ".docqa.yaml:1: top level: want a mapping with keys root, profile, rules, custom, include, templates, sources, languages",
		},
		{
			name: "duplicate top-level key",
			yaml: "profile: news\nrules: {}\nprofile: docs\n",
			want: `.docqa.yaml:3: duplicate key "profile" at the top level (first at line 1)`,
		},
		{
			name: "more than one document",
			yaml: "profile: news\n---\nprofile: docs\n",
			want: ".docqa.yaml:2: more than one YAML document (want one)",
		},
		{
			name: "merge key",
			yaml: "base: &b {profile: news}\n<<: *b\n",
			want: `.docqa.yaml:1: unknown key "base" at the top level (want root, profile, rules, custom, include, templates, sources, languages)`,
		},
		{
			name: "merge key in rules",
			yaml: "rules:\n  <<: {style/second-person: off}\n",
			want: ".docqa.yaml:2: merge keys (<<) are not supported",
		},
		{
			name: "non-string key",
			yaml: "rules:\n  ? [a, b]\n  : off\n",
			want: ".docqa.yaml:2: want a string key in rules",
		},

		// profile
		{
			name: "bad profile",
			yaml: "profile: blog\n",
			want: `.docqa.yaml:1: profile: want one of "news", "docs", not "blog"`,
		},
		{
			name: "profile not a string",
			yaml: "profile:\n  - news\n",
			want: `.docqa.yaml:2: profile: want one of "news", "docs"`,
		},
		{
			name: "empty profile",
			yaml: "profile:\n",
			want: `.docqa.yaml:1: profile: want one of "news", "docs"`,
		},

		// rules
		{
			name: "rules not a mapping",
			yaml: "rules:\n  - quotes/attribution\n",
			want: ".docqa.yaml:2: rules: want a mapping of rule IDs to settings",
		},
		{
			name: "unknown rule",
			yaml: "rules:\n  style/second-person: off\n  quotes/atribution: off\n",
			want: `.docqa.yaml:3: unknown rule "quotes/atribution"`,
		},
		{
			name: "category is not a rule",
			yaml: "rules:\n  quotes: off\n",
			want: `.docqa.yaml:2: unknown rule "quotes"`,
		},
		{
			name: "duplicate rule",
			yaml: "rules:\n  style/second-person: off\n  spelling/misspell: info\n  style/second-person: error\n",
			want: `.docqa.yaml:4: duplicate key "style/second-person" in rules (first at line 2)`,
		},
		{
			name: "bad severity",
			yaml: "rules:\n  style/second-person: critical\n",
			want: `.docqa.yaml:2: rules.style/second-person: want one of "off", "on", "error", "warning", "info", not "critical"`,
		},
		{
			name: "severity is a boolean",
			yaml: "rules:\n  style/second-person: false\n",
			want: `.docqa.yaml:2: rules.style/second-person: want one of "off", "on", "error", "warning", "info"`,
		},
		{
			name: "severity in capitals",
			yaml: "rules:\n  style/second-person: Error\n",
			want: `.docqa.yaml:2: rules.style/second-person: want one of "off", "on", "error", "warning", "info", not "Error"`,
		},
		{
			name: "bad severity in a mapping",
			yaml: "rules:\n  quotes/attribution:\n    verbs: [said]\n    severity: fatal\n",
			want: `.docqa.yaml:4: rules.quotes/attribution.severity: want one of "off", "on", "error", "warning", "info", not "fatal"`,
		},
		{
			name: "severity is a list",
			yaml: "rules:\n  quotes/attribution:\n    severity: [error]\n",
			want: `.docqa.yaml:3: rules.quotes/attribution.severity: want one of "off", "on", "error", "warning", "info"`,
		},
		{
			name: "rule setting is a list",
			yaml: "rules:\n  quotes/attribution:\n    - said\n",
			want: `.docqa.yaml:3: rules.quotes/attribution: want "off", "on", "error", "warning", "info" or a mapping of settings`,
		},
		{
			name: "rule setting is empty",
			yaml: "rules:\n  quotes/attribution:\n  style/second-person: off\n",
			want: `.docqa.yaml:2: rules.quotes/attribution: want "off", "on", "error", "warning", "info" or a mapping of settings`,
		},

		// Options.
		{
			name: "unknown option",
			yaml: "rules:\n  quotes/attribution:\n    verbs: [said]\n    sevrity: error\n",
			want: `.docqa.yaml:4: unknown key "sevrity" in rules.quotes/attribution (want severity, ignore_paths, verbs, extra_verbs)`,
		},
		{
			name: "option of a rule without options",
			yaml: "rules:\n  style/second-person:\n    words: [you]\n",
			want: `.docqa.yaml:3: unknown key "words" in rules.style/second-person (want severity, ignore_paths)`,
		},
		{
			name: "ignore_paths not a list",
			yaml: "rules:\n  style/second-person:\n    ignore_paths: archive\n",
			want: ".docqa.yaml:3: rules.style/second-person.ignore_paths: want a list of strings",
		},
		{
			name: "ignore_paths item not a string",
			yaml: "rules:\n  style/second-person:\n    ignore_paths:\n      - a\n      - [b]\n",
			want: ".docqa.yaml:5: rules.style/second-person.ignore_paths[1]: want a string",
		},
		{
			name: "malformed ignore_paths pattern",
			yaml: "rules:\n  style/second-person:\n    ignore_paths:\n      - \"*.txt\"\n      - \"archive/[2019\"\n",
			want: `.docqa.yaml:5: rules.style/second-person.ignore_paths[1]: malformed path pattern "archive/[2019"`,
		},
		{
			name: "empty ignore_paths pattern",
			yaml: "rules:\n  style/second-person:\n    ignore_paths: [\"\"]\n",
			want: `.docqa.yaml:3: rules.style/second-person.ignore_paths[0]: empty path pattern ""`,
		},
		{
			name: "duplicate option",
			yaml: "rules:\n  quotes/attribution:\n    verbs: [said]\n    verbs: [told]\n",
			want: `.docqa.yaml:4: duplicate key "verbs" in rules.quotes/attribution (first at line 3)`,
		},
		{
			name: "list where a string is wanted",
			yaml: "rules:\n  spelling/misspell:\n    locale: [US]\n",
			want: ".docqa.yaml:3: rules.spelling/misspell.locale: want a string",
		},
		{
			name: "number where a string is wanted",
			yaml: "rules:\n  repetition/doubled-word:\n    note: 12\n",
			want: ".docqa.yaml:3: rules.repetition/doubled-word.note: want a string",
		},
		{
			name: "string where a list is wanted",
			yaml: "rules:\n  quotes/attribution:\n    verbs: said\n",
			want: ".docqa.yaml:3: rules.quotes/attribution.verbs: want a list of strings",
		},
		{
			name: "mapping where a list is wanted",
			yaml: "rules:\n  quotes/attribution:\n    verbs:\n      said: yes\n",
			want: ".docqa.yaml:4: rules.quotes/attribution.verbs: want a list of strings",
		},
		{
			name: "number in a list of strings",
			yaml: "rules:\n  spelling/misspell:\n    ignore:\n      - Uighur\n      - 42\n",
			want: ".docqa.yaml:5: rules.spelling/misspell.ignore[1]: want a string",
		},
		{
			name: "list in a list of strings",
			yaml: "rules:\n  quotes/attribution:\n    verbs: [said, [told]]\n",
			want: ".docqa.yaml:3: rules.quotes/attribution.verbs[1]: want a string",
		},
		{
			name: "list of non-lists where sets are wanted",
			yaml: "rules:\n  consistency/variants:\n    sets: [Uyghur, Uighur]\n",
			want: ".docqa.yaml:3: rules.consistency/variants.sets[0]: want a list of strings",
		},
		{
			name: "string where sets are wanted",
			yaml: "rules:\n  consistency/variants:\n    sets: Uyghur\n",
			want: ".docqa.yaml:3: rules.consistency/variants.sets: want a list of lists of strings",
		},
		{
			name: "non-string in a set",
			yaml: "rules:\n  consistency/variants:\n    sets:\n      - [Uyghur, Uighur]\n      - [Kyiv, {Kiev: 1}]\n",
			want: ".docqa.yaml:5: rules.consistency/variants.sets[1][1]: want a string",
		},
		{
			name: "string where a boolean is wanted",
			yaml: "rules:\n  repetition/doubled-word:\n    strict: yes\n",
			want: ".docqa.yaml:3: rules.repetition/doubled-word.strict: want true or false",
		},
		{
			name: "empty boolean",
			yaml: "rules:\n  repetition/doubled-word:\n    strict:\n",
			want: ".docqa.yaml:3: rules.repetition/doubled-word.strict: want true or false",
		},
		{
			name: "bad choice",
			yaml: "rules:\n  spelling/misspell:\n    locale: USA\n",
			want: `.docqa.yaml:3: rules.spelling/misspell.locale: want one of "US", "UK", "", not "USA"`,
		},
		{
			name: "empty value not among the choices",
			yaml: "rules:\n  consistency/variants:\n    across:\n",
			want: `.docqa.yaml:3: rules.consistency/variants.across: want one of "document", "documents"`,
		},

		// YAML syntax and encoding.
		{
			name: "tab indentation",
			yaml: "rules:\n\tquotes/attribution: off\n",
			want: ".docqa.yaml:2: found character that cannot start any token",
		},
		{
			name: "tab indentation on line 1",
			yaml: "\trules: {}\n",
			want: ".docqa.yaml:1: found character that cannot start any token",
		},
		{
			name: "unclosed bracket",
			yaml: "profile: news\nrules:\n  quotes/attribution:\n    verbs: [said, told\n  style/second-person: off\n",
			want: ".docqa.yaml:4: did not find expected ',' or ']'",
		},
		{
			name: "unclosed brace",
			yaml: "rules: {style/second-person: off\n",
			want: ".docqa.yaml:1: did not find expected ',' or '}'",
		},
		{
			name: "unclosed quote",
			yaml: "profile: news\nrules:\n  quotes/attribution:\n    verbs: ['said, told]\n",
			want: ".docqa.yaml:4: found unexpected end of stream",
		},
		{
			name: "bad indentation",
			yaml: "rules:\n  style/second-person: off\n quotes/attribution: off\n",
			want: ".docqa.yaml:3: did not find expected key",
		},
		{
			name: "list after mapping",
			yaml: "- profile\nrules: {}\n",
			want: ".docqa.yaml:2: did not find expected '-' indicator",
		},
		{
			name: "mapping value on line 1",
			yaml: "profile: news: docs\n",
			want: ".docqa.yaml:1: mapping values are not allowed in this context",
		},
		{
			name: "unknown anchor",
			yaml: "rules:\n  style/second-person: *sev\n",
			want: ".docqa.yaml: unknown anchor 'sev' referenced",
		},
		{
			name: "invalid UTF-8",
			yaml: "profile: news\nrules:\n  # caf\xe9\n",
			want: ".docqa.yaml:3: invalid UTF-8",
		},
		{
			name: "control character",
			yaml: "profile: news\x07\n",
			want: ".docqa.yaml:1: control character U+0007 is not allowed",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Parse(".docqa.yaml", []byte(tt.yaml), testRegistry())
			if err == nil {
				t.Fatalf("Parse succeeded with %+v, want error %q", cfg, tt.want)
			}
			if cfg != nil {
				t.Errorf("Parse returned a config with its error: %+v", cfg)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("error\n got %s\nwant %s", got, tt.want)
			}
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error is %T, want *config.Error", err)
			}
			if ce.File != ".docqa.yaml" {
				t.Errorf("File = %q", ce.File)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error has more than one line: %q", err)
			}
		})
	}
}

// write creates the file path with data, and its folders.
func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFind(t *testing.T) {
	tests := []struct {
		name  string
		files []string // config files to create, relative to the root
		dir   string   // where to start, relative to the root
		want  string   // relative to the root
	}{
		{name: "same folder", files: []string{"a/.docqa.yaml"}, dir: "a", want: "a/.docqa.yaml"},
		{name: "walks up", files: []string{".docqa.yaml"}, dir: "a/b/c", want: ".docqa.yaml"},
		{name: "nearest wins", files: []string{".docqa.yaml", "a/.docqa.yaml"}, dir: "a/b", want: "a/.docqa.yaml"},
		{name: "not below", files: []string{"a/b/.docqa.yaml", ".docqa.yaml"}, dir: "a", want: ".docqa.yaml"},
		{name: "a folder of that name counts", files: []string{"a/.docqa.yaml/x"}, dir: "a", want: "a/.docqa.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			for _, f := range tt.files {
				write(t, filepath.Join(root, f), "profile: news\n")
			}
			dir := filepath.Join(root, tt.dir)
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			got, err := Find(dir)
			if err != nil {
				t.Fatalf("Find: %v", err)
			}
			if want := filepath.Join(root, tt.want); got != want {
				t.Errorf("Find = %q, want %q", got, want)
			}
		})
	}
}

func TestFindRelative(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, FileName), "")
	if err := os.MkdirAll(filepath.Join(root, "a", "b"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join(root, "a"))
	got, err := Find("b")
	if err != nil {
		t.Fatal(err)
	}
	want, err := filepath.EvalSymlinks(filepath.Join(root, FileName))
	if err != nil {
		t.Fatal(err)
	}
	if g, err := filepath.EvalSymlinks(got); err != nil || g != want {
		t.Errorf("Find = %q, want %q", got, want)
	}
}

func TestFindNone(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	got, err := Find(dir)
	if err != nil {
		t.Fatalf("Find: %v", err)
	}
	if got != "" && !strings.HasPrefix(got, root) {
		t.Skipf("a config file above the temporary folder: %s", got)
	}
	if got != "" {
		t.Errorf("Find = %q, want \"\"", got)
	}
}

func TestFindError(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "article.md")
	write(t, file, "text\n")
	got, err := Find(file)
	if err == nil {
		t.Fatalf("Find(a file) = %q, want an error", got)
	}
	if !errors.Is(err, syscall.ENOTDIR) {
		t.Errorf("error %v does not wrap ENOTDIR", err)
	}
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		t.Errorf("error %v does not wrap an *fs.PathError", err)
	}
	if want := filepath.Join(file, FileName) + ": not a directory"; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
}

func TestLoad(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, FileName)
	write(t, path, "profile: docs\nrules:\n  spelling/misspell: {locale: UK}\n")
	cfg, err := Load(path, testRegistry())
	if err != nil {
		t.Fatal(err)
	}
	want := &Config{Path: path, Profile: "docs", Rules: rules.Config{Rules: settings{
		"quotes/attribution":  {Off: true},
		"style/second-person": {Off: true},
		"spelling/misspell":   {Options: rules.Options{"locale": "UK"}},
	}}, byProfile: map[string]bool{"quotes/attribution": true, "style/second-person": true}}
	if !reflect.DeepEqual(cfg, want) {
		t.Errorf("Load =\n%#v\nwant\n%#v", cfg, want)
	}
}

func TestLoadErrors(t *testing.T) {
	root := t.TempDir()
	bad := filepath.Join(root, "bad.yaml")
	write(t, bad, "rules:\n  quotes/attribution: loud\n")
	missing := filepath.Join(root, "missing.yaml")
	tests := []struct {
		name     string
		path     string
		want     string
		notExist bool
	}{
		{name: "missing file", path: missing, want: missing + ": no such file or directory", notExist: true},
		{name: "a folder", path: root, want: root + ": is a directory"},
		{
			name: "invalid file",
			path: bad,
			want: bad + `:2: rules.quotes/attribution: want one of "off", "on", "error", "warning", "info", not "loud"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.path, testRegistry())
			if err == nil {
				t.Fatal("Load succeeded, want an error")
			}
			if err.Error() != tt.want {
				t.Errorf("error\n got %s\nwant %s", err, tt.want)
			}
			if got := errors.Is(err, fs.ErrNotExist); got != tt.notExist {
				t.Errorf("errors.Is(err, fs.ErrNotExist) = %v, want %v", got, tt.notExist)
			}
		})
	}
}

func TestParseHouse(t *testing.T) {
	yaml := `profile: docs
rules:
  house/kyiv: error
  house/simply: off
custom:
  - id: house/kyiv
    kind: substitution
    swap: {Kiev: Kyiv, Kiew: Kyiv}
    message: "use %[2]s, not %[1]s"
    link: https://example.com/style#kyiv
  - id: house/simply
    kind: existence
    tokens: [simply, just]
    ignorecase: false
    message: cut "%[1]s"
    scope: all
    severity: info
  - id: house/uyghur
    kind: consistency
    sets: [[Uyghur, Uighur]]
    prefer: Uyghur
    message: "%[2]s"
  - id: house/percent-sign
    kind: pattern
    pattern: '\d%'
    description: Percent signs in running text
    message: write percent
`
	reg := testRegistry()
	cfg, err := Parse(".docqa.yaml", []byte(yaml), reg)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range cfg.House {
		ids = append(ids, r.ID+" "+r.Severity.String()+" "+r.Summary)
	}
	want := []string{
		"house/kyiv warning use Kyiv, not Kiev",
		`house/simply info cut "simply"`,
		"house/uyghur warning Uyghur",
		"house/percent-sign warning Percent signs in running text",
	}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("house rules:\n got %q\nwant %q", ids, want)
	}
	if s := cfg.Rules.Rules["house/kyiv"]; s.Severity != rules.Error {
		t.Errorf("house/kyiv setting = %+v", s)
	}
	if s := cfg.Rules.Rules["house/simply"]; !s.Off {
		t.Errorf("house/simply setting = %+v", s)
	}
	if _, ok := reg.Lookup("house/kyiv"); ok {
		t.Errorf("Parse added the house rules to the registry it was given")
	}
	if !strings.Contains(cfg.House[0].Explanation, "https://example.com/style#kyiv") || !strings.Contains(cfg.House[0].Explanation, ".docqa.yaml:6") {
		t.Errorf("explanation lacks the link or the source: %q", cfg.House[0].Explanation)
	}
	for _, r := range cfg.House {
		reg.Add(r)
	}
	if _, err := rules.NewLinter(reg, cfg.Rules); err != nil {
		t.Errorf("NewLinter: %v", err)
	}
}

func TestInclude(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(".docqa.yaml", "include: [packs/news.yaml]\ncustom:\n  - {id: house/own, kind: existence, tokens: [x], message: m}\n")
	write("packs/news.yaml", "# a pack\ninclude: more.yaml\ncustom:\n  - {id: house/news, kind: existence, tokens: [y], message: m}\n")
	write("packs/more.yaml", "custom:\n  - {id: house/more, kind: existence, tokens: [z], message: m}\n")
	cfg, err := Load(filepath.Join(dir, ".docqa.yaml"), testRegistry())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range cfg.House {
		ids = append(ids, r.ID)
	}
	if want := []string{"house/more", "house/news", "house/own"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("house rules = %q, want %q", ids, want)
	}

	// An error in a rule file names that file and line.
	write("packs/more.yaml", "custom:\n  - id: house/more\n    kind: pattern\n    message: m\n    pattern: '['\n")
	_, err = Load(filepath.Join(dir, ".docqa.yaml"), testRegistry())
	want := filepath.Join(dir, "packs", "more.yaml") + ":5: house/more: pattern: missing closing ]: `[`"
	if err == nil || err.Error() != want {
		t.Errorf("error\n got %v\nwant %s", err, want)
	}
	// A rule file holds only house rules.
	write("packs/more.yaml", "profile: docs\n")
	_, err = Load(filepath.Join(dir, ".docqa.yaml"), testRegistry())
	want = filepath.Join(dir, "packs", "more.yaml") + `:1: unknown key "profile" at the top level of a rule file (want custom, include)`
	if err == nil || err.Error() != want {
		t.Errorf("error\n got %v\nwant %s", err, want)
	}
	// Fixes that do not settle, across files: the error is at the later
	// item, and names the file of the other.
	write("packs/more.yaml", "custom:\n  - id: house/more\n    kind: substitution\n    message: m\n    swap:\n      Kiev: Kyiv\n")
	write(".docqa.yaml", "include: [packs/news.yaml]\ncustom:\n  - {id: house/own, kind: substitution, swap: {Kyiv: Kiev}, message: m}\n")
	_, err = Load(filepath.Join(dir, ".docqa.yaml"), testRegistry())
	want = filepath.Join(dir, ".docqa.yaml") + ":3: house/own: swap[0]: “Kyiv” → “Kiev” undoes “Kiev” → “Kyiv” (house/more, " + filepath.Join(dir, "packs", "more.yaml") + ":6): fixes would never settle"
	if err == nil || err.Error() != want {
		t.Errorf("error\n got %v\nwant %s", err, want)
	}
	// A rule turned off does not run: its fixes are not held against the
	// others', so a pack's rule that conflicts with one's own can be
	// turned off rather than edited.
	for _, off := range []string{"house/more: off", "house/more:\n    severity: off", "house/own: off"} {
		write(".docqa.yaml", "include: [packs/news.yaml]\nrules:\n  "+off+"\ncustom:\n  - {id: house/own, kind: substitution, swap: {Kyiv: Kiev}, message: m}\n")
		if _, err := Load(filepath.Join(dir, ".docqa.yaml"), testRegistry()); err != nil {
			t.Errorf("%s: %v", off, err)
		}
	}
	// A cycle.
	write("packs/more.yaml", "include: news.yaml\n")
	_, err = Load(filepath.Join(dir, ".docqa.yaml"), testRegistry())
	want = filepath.Join(dir, "packs", "more.yaml") + ":1: include[0]: " + filepath.Join(dir, "packs", "news.yaml") + " is already included"
	if err == nil || err.Error() != want {
		t.Errorf("error\n got %v\nwant %s", err, want)
	}
}

// TestReadmeHouseRules keeps the README's house rule examples valid: its
// custom: blocks, put together, parse.
func TestReadmeHouseRules(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n## House rules\n")
	if !ok {
		t.Fatal("README.md has no House rules section")
	}
	section, _, _ = strings.Cut(section, "\n### Rule files")
	var yaml strings.Builder
	blocks := 0
	for _, part := range strings.Split(section, "```yaml\n")[1:] {
		block, _, _ := strings.Cut(part, "```")
		if strings.HasPrefix(block, "custom:") || strings.HasPrefix(block, "  - id:") {
			yaml.WriteString(block)
			blocks++
		}
	}
	if blocks != 4 {
		t.Fatalf("found %d examples of house rules in README.md, want 4 (one of each kind)", blocks)
	}
	cfg, err := Parse("README.md", []byte(yaml.String()), testRegistry())
	if err != nil {
		t.Fatalf("%v\n%s", err, yaml.String())
	}
	if len(cfg.House) != 4 {
		t.Errorf("%d house rules, want 4", len(cfg.House))
	}
}

func TestParseTemplates(t *testing.T) {
	cfg, err := Parse(".docqa.yaml", []byte("templates:\n  - [\"<%\", \"%>\"]\n  - [\"[[\", \"]]\"]\n"), rules.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	want := []document.Delimiters{{Open: "<%", Close: "%>"}, {Open: "[[", Close: "]]"}}
	if !reflect.DeepEqual(cfg.Documents.Templates, want) {
		t.Errorf("templates %+v, want %+v", cfg.Documents.Templates, want)
	}
}

// TestSetProfile checks that a profile given on the command line replaces
// the file's: the rules the file configures keep its settings, the others
// take the new profile's defaults, both ways and from no file at all.
func TestSetProfile(t *testing.T) {
	docsOff := settings{"quotes/attribution": {Off: true}, "style/second-person": {Off: true}}
	tests := []struct {
		name, yaml, profile string
		want                settings
	}{
		{"news file, docs flag", "profile: news\n", ProfileDocs, docsOff},
		{"docs file, news flag", "profile: docs\n", ProfileNews, settings{}},
		{"docs file, docs flag", "profile: docs\n", ProfileDocs, docsOff},
		{"no profile, docs flag", "rules:\n  repetition/doubled-word: error\n", ProfileDocs,
			settings{"quotes/attribution": {Off: true}, "style/second-person": {Off: true}, "repetition/doubled-word": {Severity: rules.Error}}},
		{"the file's entries win over docs", "rules:\n  style/second-person: on\n", ProfileDocs,
			settings{"quotes/attribution": {Off: true}, "style/second-person": {}}},
		{"the file's entries win over news", "profile: docs\nrules:\n  style/second-person: off\n", ProfileNews,
			settings{"style/second-person": {Off: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg := testRegistry()
			cfg, err := Parse("x.yaml", []byte(tt.yaml), reg)
			if err != nil {
				t.Fatal(err)
			}
			if err := cfg.SetProfile(tt.profile, reg); err != nil {
				t.Fatal(err)
			}
			if cfg.Profile != tt.profile {
				t.Errorf("Profile = %q, want %q", cfg.Profile, tt.profile)
			}
			if !reflect.DeepEqual(cfg.Rules.Rules, tt.want) {
				t.Errorf("Rules = %#v, want %#v", cfg.Rules.Rules, tt.want)
			}
		})
	}

	// The zero Config is a run without a config file.
	var cfg Config
	if err := cfg.SetProfile(ProfileDocs, testRegistry()); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cfg.Rules.Rules, docsOff) {
		t.Errorf("zero Config under docs: Rules = %#v, want %#v", cfg.Rules.Rules, docsOff)
	}
	if err := cfg.SetProfile(ProfileNews, testRegistry()); err != nil {
		t.Fatal(err)
	}
	if len(cfg.Rules.Rules) != 0 {
		t.Errorf("back to news: Rules = %#v, want none", cfg.Rules.Rules)
	}

	if err := cfg.SetProfile("fiction", testRegistry()); err == nil || !strings.Contains(err.Error(), `unknown profile "fiction" (want news or docs)`) {
		t.Errorf("SetProfile(fiction) = %v, want an unknown profile error", err)
	}
}

func TestLanguages(t *testing.T) {
	cfg, err := Parse(".docqa.yaml", []byte("languages:\n  mdx: markdown\n  asciidoc: text\n"), rules.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]document.Format{"mdx": document.Markdown, "asciidoc": document.Plain}
	if !maps.Equal(cfg.Languages, want) {
		t.Errorf("Languages = %v, want %v", cfg.Languages, want)
	}
}
