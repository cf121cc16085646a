package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/docqa/docqa/checks"
	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/internal/linediff"
	"github.com/docqa/docqa/rules"
)

// mergeDocs returns documents, sorted by path as lint sorts its inputs, and
// their findings, of several rules and levels (one of a rule that no
// registry has). Their paths
// sort differently percent-encoded ("a b.txt" before "a!.txt", but
// "a%20b.txt" after), and their text has what JSON writes in more than one
// way: an invalid UTF-8 byte (written \ufffd), a real U+FFFD, U+2028, <>&.
func mergeDocs(t *testing.T) ([]*document.Document, [][]rules.Finding) {
	t.Helper()
	linter, err := rules.NewLinter(checks.Registry(), rules.Config{})
	if err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(filepath.Join("testdata", "abs story.txt")) // need not exist
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{
		"a b.txt":             "It was the the end.\n",
		"a!.txt":              "Officials in Kyiv said they will recieve it.\nLater, officials in Kiev agreed.\n",
		"<stdin>":             "Add a Comment\n",
		"100%/ü?#.md":         "# The the budget\n\nYou can see for yourself.\n",
		"dir/a:b.md":          "“We will stay,” she said, “in particular particular places.”\n",
		"dir/sub/z.md":        "Caf\xe9 \ufffd <b> & \u2028 the the caf\xe9.\n",
		"clean.txt":           "Nothing to report here.\n",
		"x:y.txt":             "The Uyghur and the Uighur and and more.\n",
		filepath.ToSlash(abs): "Your email address will not be published.\n",
	}
	names := slices.Sorted(maps.Keys(texts))
	var docs []*document.Document
	var fs [][]rules.Finding
	found := 0
	for _, name := range names {
		doc := document.Load(name, []byte(texts[name]))
		docs = append(docs, doc)
		f := linter.Lint(doc)
		if text := texts[name]; strings.Contains(text, "\ufffd") {
			// A rule of no registry, whose span holds a real U+FFFD.
			i := strings.Index(text, "\ufffd")
			f = append(f, rules.Finding{Path: name, Rule: "house/odd", Severity: rules.Info,
				Span: document.Span{Start: i, End: i + len("\ufffd <b> & \u2028")}, Message: "odd <b> & \u2028"})
			rules.SortFindings(f)
		}
		found += len(f)
		fs = append(fs, f)
	}
	if found < 10 {
		t.Fatalf("%d findings in the documents, want at least 10", found)
	}
	return docs, fs
}

// shardOutputs writes docs in format, one output per shard: shard[i] is
// the shard of docs[i], 0 to n-1.
func shardOutputs(t *testing.T, format string, opts Options, docs []*document.Document, fs [][]rules.Finding, shard []int, n int) []MergeInput {
	t.Helper()
	var inputs []MergeInput
	for s := range n {
		var sdocs []*document.Document
		var sfs [][]rules.Finding
		for i := range docs {
			if shard[i] == s {
				sdocs = append(sdocs, docs[i])
				sfs = append(sfs, fs[i])
			}
		}
		inputs = append(inputs, MergeInput{
			Name: fmt.Sprintf("shard-%d.%s", s+1, format),
			Data: []byte(runOpts(t, format, opts, sdocs, sfs)),
		})
	}
	return inputs
}

// TestMerge: the outputs of the shards of a run, merged, are the whole
// run's output byte for byte, however the documents are split and in
// whatever order the shards are given.
func TestMerge(t *testing.T) {
	docs, fs := mergeDocs(t)
	var want Summary
	for _, f := range fs {
		want.Add(f)
	}
	n := len(docs)
	splits := map[string]struct {
		shards int
		of     func(i int) int
	}{
		"one shard":        {1, func(int) int { return 0 }},
		"three by turns":   {3, func(i int) int { return i % 3 }},
		"one each":         {n, func(i int) int { return i }},
		"one each, backed": {n, func(i int) int { return n - 1 - i }},
		"an empty shard":   {4, func(i int) int { return 1 + i%3 }},
		"halves":           {2, func(i int) int { return i * 2 / n }},
	}
	opts := map[string]Options{
		"registry":    {Registry: checks.Registry(), Version: "v1.2.3", SrcRoot: "/home/ci/docqa"},
		"no registry": {}, // SARIF lists only the rules found: the shards' lists differ
	}
	for splitName, split := range splits {
		shard := make([]int, n)
		for i := range shard {
			shard[i] = split.of(i)
		}
		for optsName, o := range opts {
			for _, format := range MergeFormats() {
				t.Run(fmt.Sprintf("%s/%s/%s", format, splitName, optsName), func(t *testing.T) {
					whole := runOpts(t, format, o, docs, fs)
					if !strings.Contains(whole, `\ufffd`) || !strings.Contains(whole, "\ufffd") {
						t.Fatal("the whole run's output lacks an escaped invalid byte or a real U+FFFD")
					}
					inputs := shardOutputs(t, format, o, docs, fs, shard, split.shards)
					backward := slices.Clone(inputs)
					slices.Reverse(backward)
					for _, order := range [][]MergeInput{inputs, backward} {
						for _, asked := range []string{"", format} {
							var out bytes.Buffer
							sum, err := Merge(&out, asked, order)
							if err != nil {
								t.Fatalf("Merge: %v", err)
							}
							if out.String() != whole {
								t.Fatalf("merged output differs from the whole run's:\n%s", linediff.First(whole, out.String()))
							}
							wantSum := want
							if format == "sarif" {
								wantSum.Files = 0 // SARIF does not count documents
							}
							if sum != wantSum {
								t.Errorf("summary %+v, want %+v", sum, wantSum)
							}
						}
					}
				})
			}
		}
	}
}

// TestMergeErrors: inputs that do not merge are errors that name the
// input at fault.
func TestMergeErrors(t *testing.T) {
	docs, fs := mergeDocs(t)
	opts := Options{Registry: checks.Registry(), Version: "v1.2.3"}
	shard := make([]int, len(docs))
	for i := range shard {
		shard[i] = i % 2
	}
	js := shardOutputs(t, "json", opts, docs, fs, shard, 2)
	sarif := shardOutputs(t, "sarif", opts, docs, fs, shard, 2)
	json1, json2 := string(js[0].Data), string(js[1].Data)
	sarif1, sarif2 := string(sarif[0].Data), string(sarif[1].Data)
	newer := Options{Registry: checks.Registry(), Version: "v1.3.0"}
	sarif2Newer := string(shardOutputs(t, "sarif", newer, docs, fs, shard, 2)[1].Data)
	// Without a registry, shard 2 describes the rules it found by their
	// IDs alone: not the descriptions of shard 1, from the registry.
	sarif2Bare := string(shardOutputs(t, "sarif", Options{Version: "v1.2.3"}, docs, fs, shard, 2)[1].Data)

	// edit replaces the last old in s, in the results of a SARIF log.
	edit := func(s, old, new string) string {
		t.Helper()
		i := strings.LastIndex(s, old)
		if i < 0 {
			t.Fatalf("%q not in\n%s", old, s)
		}
		return s[:i] + new + s[i+len(old):]
	}
	twoRuns := func() string {
		var log map[string]any
		if err := json.Unmarshal([]byte(sarif1), &log); err != nil {
			t.Fatal(err)
		}
		runs := log["runs"].([]any)
		log["runs"] = append(runs, runs[0])
		b, err := json.Marshal(log)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	type in struct{ name, data string }
	tests := []struct {
		name   string
		format string
		inputs []in
		want   string // the error's start; "…" stands for any text
	}{
		{"nothing", "", nil, "nothing to merge"},
		{"unknown format", "xml", []in{{"a.json", json1}}, `cannot merge format "xml" (want json or sarif)`},
		{"empty", "", []in{{"a.json", json1}, {"b.json", "\n"}}, "b.json: empty, not docqa's JSON or SARIF output"},
		{"text", "", []in{{"a.txt", "a.txt:1:1: error: doubled word [repetition/doubled-word]\n"}}, "a.txt: not docqa's JSON or SARIF output: invalid character"},
		{"array", "", []in{{"a.json", "[]"}}, "a.json: a JSON array, not docqa's JSON or SARIF output"},
		{"other object", "", []in{{"a.json", `{"items": []}`}}, `a.json: neither docqa's JSON output ("findings", "summary") nor a SARIF log ("runs")`},
		{"mixed", "", []in{{"a.json", json1}, {"b.sarif", sarif2}}, "b.sarif: SARIF output, but a.json is JSON: merge outputs of one format"},
		{"mixed, format given", "sarif", []in{{"a.sarif", sarif1}, {"b.json", json2}}, "b.json: JSON output, not SARIF"},
		{"format given, first wrong", "json", []in{{"a.sarif", sarif1}, {"b.json", json2}}, "a.sarif: SARIF output, not JSON"},
		{"truncated", "", []in{{"a.json", json1}, {"b.json", json2[:len(json2)/2]}}, "b.json: not docqa's JSON or SARIF output: unexpected end of JSON input"},
		{"two values", "", []in{{"ab.json", json1 + json2}}, "ab.json: not docqa's JSON or SARIF output: invalid character '{' after top-level value"},
		{"unknown field", "", []in{{"a.json", edit(json1, `"summary": {`, `"summary": {"skipped": 1, `)}}, `a.json: not docqa's JSON output: json: unknown field "skipped"`},
		{"no summary", "", []in{{"a.json", `{"findings": []}`}}, `a.json: not docqa's JSON output: no "summary"`},
		{"no findings list", "", []in{{"a.json", `{"findings": null, "summary": {}}`}}, `a.json: not docqa's JSON output: no "findings" list`},
		{"wrong type", "", []in{{"a.json", `{"findings": [{"line": "3"}], "summary": {}}`}}, "a.json: not docqa's JSON output: json: cannot unmarshal string"},
		{"the same shard twice", "", []in{{"a.json", json1}, {"b.json", json2}, {"c.json", json1}}, "c.json: findings for "},
		{"the same SARIF twice", "", []in{{"a.sarif", sarif1}, {"again.sarif", sarif1}}, "again.sarif: findings for "},
		{"other tool", "", []in{{"a.sarif", sarif1}, {"b.sarif", edit(sarif2, `"name": "docqa"`, `"name": "ESLint"`)}}, `b.sarif: a SARIF log of "ESLint", not of docqa`},
		{"other SARIF version", "", []in{{"a.sarif", edit(sarif1, `"version": "2.1.0"`, `"version": "2.0.0"`)}}, `a.sarif: SARIF version "2.0.0", not docqa's 2.1.0`},
		{"two runs", "", []in{{"a.sarif", twoRuns()}}, "a.sarif: a SARIF log with 2 runs, not docqa's one"},
		{"invocations", "", []in{{"a.sarif", edit(sarif1, `"columnKind"`, `"invocations": [{"executionSuccessful": true}], "columnKind"`)}}, `a.sarif: not docqa's SARIF: json: unknown field "invocations"`},
		{"other schema", "", []in{{"a.sarif", edit(sarif1, sarifSchema, "https://example.com/sarif.json")}}, `a.sarif: $schema "https://example.com/sarif.json", not docqa's`},
		{"byte columns", "", []in{{"a.sarif", edit(sarif1, `"unicodeCodePoints"`, `"utf16CodeUnits"`)}}, `a.sarif: columnKind "utf16CodeUnits", not docqa's unicodeCodePoints`},
		{"other docqa version", "", []in{{"a.sarif", sarif1}, {"b.sarif", sarif2Newer}}, "b.sarif: docqa 1.3.0 (https://github.com/docqa/docqa), but a.sarif is docqa 1.2.3 (https://github.com/docqa/docqa): merge the outputs of one docqa version"},
		{"other rules", "", []in{{"a.sarif", sarif1}, {"b.sarif", sarif2Bare}}, "b.sarif: rule "},
		{"bad ruleIndex", "", []in{{"a.sarif", edit(sarif1, `"ruleIndex": `, `"ruleIndex": 9`)}}, "a.sarif: result …: ruleIndex 9"},
		{"bad level", "", []in{{"a.sarif", edit(sarif1, `"level": "error"`, `"level": "none"`)}}, `a.sarif: result …: level "none", not error, warning or note`},
		{"no location", "", []in{{"a.sarif", edit(sarif1, `"locations": [`, `"locations": [], "x": [`)}}, `a.sarif: not docqa's SARIF: json: unknown field "x"`},
		{"foreign URI", "", []in{{"a.sarif", strings.ReplaceAll(sarif1, `"uriBaseId": "%SRCROOT%"`, `"uriBaseId": "REPO"`)}}, `a.sarif: result …: artifact location relative to "REPO", not %SRCROOT%`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var inputs []MergeInput
			for _, in := range tt.inputs {
				inputs = append(inputs, MergeInput{Name: in.name, Data: []byte(in.data)})
			}
			var out bytes.Buffer
			_, err := Merge(&out, tt.format, inputs)
			if err == nil {
				t.Fatalf("no error; output:\n%s", out.String())
			}
			if !matchStart(err.Error(), tt.want) {
				t.Errorf("error\n got %v\nwant %s…", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error of more than one line: %q", err)
			}
		})
	}
}

// matchStart reports whether s starts with pattern, in which "…" stands
// for any text.
func matchStart(s, pattern string) bool {
	parts := strings.Split(pattern, "…")
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	for _, part := range parts[1:] {
		i := strings.Index(s, part)
		if i < 0 {
			return false
		}
		s = s[i+len(part):]
	}
	return true
}

// TestMergeLevels: the summary of merged SARIF logs counts the results by
// level, note as info.
func TestMergeLevels(t *testing.T) {
	doc, fs := sample("a.md")
	fs = append(fs, rules.Finding{Path: "a.md", Rule: "style/second-person", Severity: rules.Info,
		Span: document.Span{Start: 0, End: 5}, Message: "second person"})
	rules.SortFindings(fs)
	out := runOpts(t, "sarif", Options{}, []*document.Document{doc}, [][]rules.Finding{fs})
	sum, err := Merge(&bytes.Buffer{}, "", []MergeInput{{Name: "a.sarif", Data: []byte(out)}})
	if err != nil {
		t.Fatal(err)
	}
	if want := (Summary{Error: 2, Warning: 1, Info: 1}); sum != want {
		t.Errorf("summary %+v, want %+v", sum, want)
	}
}

// TestSARIFPath: sarifPath reads back the path that sarifArtifact wrote.
func TestSARIFPath(t *testing.T) {
	abs, err := filepath.Abs("a b/ü?#%.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{
		"a.md", "dir/sub/a.md", "my docs/a b.md", "100%/ü?#.md", "a:b/c:d.md", "<stdin>",
		"a+b=c&d;e@f$g,h'i(j)k*l!m~n.md", "%41.md", filepath.ToSlash(abs),
	} {
		got, err := sarifPath(sarifArtifact(p))
		if err != nil || got != p {
			t.Errorf("sarifPath(sarifArtifact(%q)) = %q, %v", p, got, err)
		}
	}
}

// TestMergedSARIFValidates runs Microsoft's SARIF validator over merged
// logs (see TestSARIFValidates): two shards whose rule lists differ, and
// shards of which one found nothing.
func TestMergedSARIFValidates(t *testing.T) {
	tool := sarifMultitool(t)
	docs, fs := mergeDocs(t)
	dir := t.TempDir()
	for name, o := range map[string]Options{
		"registry.sarif":    {Registry: checks.Registry(), Version: "v0.1.0", SrcRoot: "/home/ci/docqa"},
		"no-registry.sarif": {Version: "v0.1.0"},
	} {
		shard := make([]int, len(docs))
		for i := range shard {
			shard[i] = i % 2
		}
		inputs := shardOutputs(t, "sarif", o, docs, fs, shard, 2)
		inputs = append(inputs, shardOutputs(t, "sarif", o, docs[:1], [][]rules.Finding{nil}, []int{0}, 1)...)
		inputs[2].Name = "empty.sarif"
		var out bytes.Buffer
		if _, err := Merge(&out, "sarif", inputs); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		// A relative name: the npm wrapper passes its arguments through a
		// shell.
		cmd := exec.Command(tool, "validate", name)
		cmd.Dir = dir
		log, err := cmd.CombinedOutput()
		t.Logf("sarif-multitool validate %s:\n%s", name, log)
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatalf("running %s: %v", tool, err)
		}
		if err != nil {
			t.Errorf("%s: the validator exited with %v", name, err)
		}
		for _, line := range strings.Split(string(log), "\n") {
			if strings.Contains(line, ": error ") {
				t.Errorf("%s: %s", name, line)
			}
		}
		if !strings.Contains(string(log), "1 files scanned") {
			t.Errorf("%s: the validator did not scan the file", name)
		}
	}
}
