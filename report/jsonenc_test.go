package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// encodingJSON is what encoding/json writes for v, as the JSON printer
// configures it.
func encodingJSON(t testing.TB, v any, prefix string) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// jsonStrings are strings that need every kind of escape.
func jsonStrings() []string {
	var all strings.Builder
	for c := 0; c < 256; c++ {
		all.WriteByte(byte(c))
	}
	return []string{"", "plain", `quote " and \ backslash`, "<a href='x'>&amp;</a>", "line\nbreak\r\ttab\b\f\x00\x1f\x7f",
		"Café — “so” ’90s", "bad \xe9 byte", "\xff\xfe", "sep\u2028par\u2029", "emoji 👍🏽", "\ufffd real", all.String(),
		strings.Repeat("long ", 1000)}
}

func TestAppendJSONMatchesEncoding(t *testing.T) {
	for _, s := range jsonStrings() {
		if got, want := string(appendJSONString(nil, s)), encodingJSON(t, s, ""); got != want {
			t.Errorf("%q:\n got %s\nwant %s", s, got, want)
		}
	}
	strs := jsonStrings()
	findings := []jsonFinding{
		{Path: "a.txt", Line: 1, Column: 2, EndLine: 3, EndColumn: 4, Rule: "r/x", Severity: "error", Message: "m", Text: ""},
		{Path: strs[3], Line: 10, Column: 20, EndLine: 10, EndColumn: 25, Rule: "r/y", Severity: "info", Message: strs[4], Text: strs[5],
			Fixes:   []jsonFix{{Line: 1, Column: 2, EndLine: 1, EndColumn: 3, Replacement: strs[6]}, {Replacement: "", Unsafe: true}},
			OldText: strs[7], NewText: strs[8]},
		{Path: "b.md", Rule: "r/z", Severity: "warning", Message: strs[9], Text: strs[11], NewText: "only new"},
		{Path: "c.md", Rule: "r/w", Severity: "warning", Message: "m",
			Fixes:   []jsonFix{{Line: 1, Column: 1, EndLine: 1, EndColumn: 5, Replacement: "Kyiv", Message: strs[5]}},
			Related: []jsonRelated{{Path: "c.md", Line: 2, Column: 3, EndLine: 2, EndColumn: 9, Message: strs[4]}, {Path: strs[3], Message: ""}}},
	}
	for _, prefix := range []string{"", "    "} {
		for i := range findings {
			if got, want := string(appendFindingJSON(nil, &findings[i], prefix)), encodingJSON(t, findings[i], prefix); got != want {
				t.Errorf("finding %d, prefix %q:\n got %s\nwant %s", i, prefix, got, want)
			}
		}
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range jsonStrings() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendJSONString(nil, s)), encodingJSON(t, s, ""); got != want {
			t.Errorf("%q:\n got %s\nwant %s", s, got, want)
		}
	})
}
