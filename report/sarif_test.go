package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docqa/docqa/checks"
	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// sarifDoc is the part of a SARIF log the tests read back.
type sarifDoc struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name           string `json:"name"`
				InformationURI string `json:"informationUri"`
				Version        string `json:"version"`
				Rules          []struct {
					ID               string `json:"id"`
					Name             string `json:"name"`
					ShortDescription struct {
						Text string `json:"text"`
					} `json:"shortDescription"`
					FullDescription *struct {
						Text string `json:"text"`
					} `json:"fullDescription"`
					Help *struct {
						Text string `json:"text"`
					} `json:"help"`
					HelpURI              string `json:"helpUri"`
					DefaultConfiguration *struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		OriginalURIBaseIDs map[string]struct {
			URI         string `json:"uri"`
			Description struct {
				Text string `json:"text"`
			} `json:"description"`
		} `json:"originalUriBaseIds"`
		ColumnKind string         `json:"columnKind"`
		Results    []sarifResultT `json:"results"`
	} `json:"runs"`
}

type sarifLocationT struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
}

type sarifRegionT struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
	Snippet     *struct {
		Text string `json:"text"`
	} `json:"snippet"`
}

type sarifResultT struct {
	RuleID    string `json:"ruleId"`
	RuleIndex *int   `json:"ruleIndex"`
	Level     string `json:"level"`
	Message   struct {
		Text string `json:"text"`
	} `json:"message"`
	Locations []struct {
		PhysicalLocation struct {
			ArtifactLocation sarifLocationT `json:"artifactLocation"`
			Region           sarifRegionT   `json:"region"`
		} `json:"physicalLocation"`
	} `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Fixes               []struct {
		Description struct {
			Text string `json:"text"`
		} `json:"description"`
		ArtifactChanges []struct {
			ArtifactLocation sarifLocationT `json:"artifactLocation"`
			Replacements     []struct {
				DeletedRegion   sarifRegionT `json:"deletedRegion"`
				InsertedContent struct {
					Text string `json:"text"`
				} `json:"insertedContent"`
			} `json:"replacements"`
		} `json:"artifactChanges"`
	} `json:"fixes"`
}

// runOpts is run with options.
func runOpts(t *testing.T, format string, opts Options, docs []*document.Document, fs [][]rules.Finding) string {
	t.Helper()
	var out bytes.Buffer
	p, err := New(format, &out, opts)
	if err != nil {
		t.Fatal(err)
	}
	var sum Summary
	if err := p.Begin(); err != nil {
		t.Fatal(err)
	}
	for i, d := range docs {
		if err := p.File(d, fs[i]); err != nil {
			t.Fatal(err)
		}
		sum.Add(fs[i])
	}
	if err := p.End(sum); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

func decodeSARIF(t *testing.T, out string) sarifDoc {
	t.Helper()
	var log sarifDoc
	dec := json.NewDecoder(strings.NewReader(out))
	if err := dec.Decode(&log); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if dec.More() {
		t.Fatalf("more than one JSON value in\n%s", out)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	return log
}

func TestSARIF(t *testing.T) {
	reg := rules.Builtin()
	doc, fs := sample("dir/a b#c.md")
	fs = append(fs, rules.Finding{
		Path: "dir/a b#c.md", Rule: "house/per-cent", Severity: rules.Info,
		Span: document.Span{Start: 0, End: 5}, Message: "write percent",
	})
	rules.SortFindings(fs)
	empty := document.Load("<stdin>", []byte("Fine.\n"))
	abs, absFs := sample(filepath.Join(t.TempDir(), "x.md"))
	colon, colonFs := sample("c:d.md")
	opts := Options{Registry: reg, Version: "v1.2.3", SrcRoot: "/work/a b"}
	out := runOpts(t, "sarif", opts,
		[]*document.Document{doc, empty, abs, colon},
		[][]rules.Finding{fs, nil, absFs[:1], colonFs[:1]})
	log := decodeSARIF(t, out)

	if log.Schema != "https://json.schemastore.org/sarif-2.1.0.json" || log.Version != "2.1.0" {
		t.Errorf("schema %q version %q", log.Schema, log.Version)
	}
	run := log.Runs[0]
	d := run.Tool.Driver
	if d.Name != "docqa" || d.Version != "1.2.3" || d.InformationURI == "" {
		t.Errorf("driver %q %q %q", d.Name, d.Version, d.InformationURI)
	}
	if run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind %q", run.ColumnKind)
	}
	if root := run.OriginalURIBaseIDs["%SRCROOT%"]; root.URI != "file:///work/a%20b/" || root.Description.Text == "" {
		t.Errorf("%%SRCROOT%% = %+v", root)
	}

	// Every rule of the registry, then the unknown one, sorted by ID.
	if len(d.Rules) != len(reg.Rules())+1 {
		t.Fatalf("%d rules, want %d", len(d.Rules), len(reg.Rules())+1)
	}
	for i, r := range d.Rules {
		if i > 0 && d.Rules[i-1].ID >= r.ID {
			t.Errorf("rules not sorted: %q before %q", d.Rules[i-1].ID, r.ID)
		}
		rule, ok := reg.Lookup(r.ID)
		if !ok {
			if r.ID != "house/per-cent" || r.Name != "HousePerCent" || r.ShortDescription.Text == "" {
				t.Errorf("rule %d = %+v", i, r)
			}
			continue
		}
		want := map[rules.Severity]string{rules.Error: "error", rules.Warning: "warning", rules.Info: "note"}[rule.Severity]
		if r.ShortDescription.Text != rule.Summary || r.FullDescription == nil || r.FullDescription.Text != rule.Explanation ||
			r.DefaultConfiguration == nil || r.DefaultConfiguration.Level != want {
			t.Errorf("rule %s = %+v", r.ID, r)
		}
		if r.Help == nil || !strings.HasPrefix(r.Help.Text, rule.Explanation) ||
			// JSON holds only UTF-8: an invalid byte in an example (docqa/encoding's) reads U+FFFD.
			!strings.Contains(r.Help.Text, "Reported:\n    "+strings.ToValidUTF8(strings.Split(rule.Bad, "\n")[0], "\uFFFD")) ||
			!strings.Contains(r.Help.Text, "Not reported:\n    "+strings.Split(rule.Good, "\n")[0]) {
			t.Errorf("rule %s help = %+v", r.ID, r.Help)
		}
	}
	if got := d.Rules[0]; got.ID != "boilerplate/web" || got.Name != "BoilerplateWeb" {
		t.Errorf("first rule %s %s", got.ID, got.Name)
	}

	res := run.Results
	if len(res) != len(fs)+2 {
		t.Fatalf("%d results, want %d", len(res), len(fs)+2)
	}
	for i, r := range res {
		if r.RuleIndex == nil || d.Rules[*r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %d: ruleIndex %v does not point at %s", i, r.RuleIndex, r.RuleID)
		}
	}
	for i, f := range fs {
		r := res[i]
		wantLevel := map[rules.Severity]string{rules.Error: "error", rules.Warning: "warning", rules.Info: "note"}[f.Severity]
		if r.RuleID != f.Rule || r.Level != wantLevel || r.Message.Text != f.Message {
			t.Errorf("result %d: %s %s %q, want %s %s %q", i, r.RuleID, r.Level, r.Message.Text, f.Rule, wantLevel, f.Message)
		}
		if got, want := r.PartialFingerprints["docqaFingerprint/v1"], rules.Fingerprint(doc, f); got != want || len(r.PartialFingerprints) != 1 {
			t.Errorf("result %d: fingerprints %v, want %s", i, r.PartialFingerprints, want)
		}
		if len(r.Locations) != 1 {
			t.Fatalf("result %d: %d locations", i, len(r.Locations))
		}
		loc := r.Locations[0].PhysicalLocation
		if loc.ArtifactLocation != (sarifLocationT{URI: "dir/a%20b%23c.md", URIBaseID: "%SRCROOT%"}) {
			t.Errorf("result %d: artifact %+v", i, loc.ArtifactLocation)
		}
		if loc.Region.Snippet == nil || loc.Region.Snippet.Text != doc.String(f.Span) {
			t.Errorf("result %d: snippet %+v, want %q", i, loc.Region.Snippet, doc.String(f.Span))
		}
		if len(r.Fixes) != len(f.Fixes) {
			t.Errorf("result %d: %d fixes, want %d", i, len(r.Fixes), len(f.Fixes))
		}
	}
	// The doubled "the" after "Café — ": code points, end exclusive, and
	// its fix deleting " the".
	byMessage := map[string]sarifResultT{}
	for _, r := range res[:len(fs)] {
		byMessage[r.Message.Text] = r
	}
	r := byMessage[`doubled word "the"`]
	reg1 := r.Locations[0].PhysicalLocation.Region
	if reg1.StartLine != 2 || reg1.StartColumn != 8 || reg1.EndLine != 2 || reg1.EndColumn != 15 {
		t.Errorf("region %+v, want 2:8-2:15", reg1)
	}
	fix := r.Fixes[0]
	if len(fix.ArtifactChanges) != 1 || len(fix.ArtifactChanges[0].Replacements) != 1 {
		t.Fatalf("fix %+v", fix)
	}
	ch := fix.ArtifactChanges[0]
	rep := ch.Replacements[0]
	if ch.ArtifactLocation.URI != "dir/a%20b%23c.md" || ch.ArtifactLocation.URIBaseID != "%SRCROOT%" ||
		rep.DeletedRegion.StartLine != 2 || rep.DeletedRegion.StartColumn != 11 || rep.DeletedRegion.EndLine != 2 ||
		rep.DeletedRegion.EndColumn != 15 || rep.InsertedContent.Text != "" || rep.DeletedRegion.Snippet != nil {
		t.Errorf("fix %+v", fix)
	}
	if fix.Description.Text != `Delete " the".` {
		t.Errorf("fix description %q", fix.Description.Text)
	}
	if got := byMessage["doubled word \"the\"\ninside a quotation"].Fixes[0].Description.Text; !strings.Contains(got, "quotation") {
		t.Errorf("unsafe fix description %q does not warn", got)
	}

	absLoc := res[len(fs)].Locations[0].PhysicalLocation.ArtifactLocation
	if want := "file://" + filepath.ToSlash(abs.Path); absLoc.URI != want || absLoc.URIBaseID != "" {
		t.Errorf("absolute path: %+v, want %s without a base", absLoc, want)
	}
	if got := res[len(fs)+1].Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "c%3Ad.md" {
		t.Errorf("colon in the first segment: %q", got)
	}
}

func TestSARIFEmpty(t *testing.T) {
	doc := document.Load("a.txt", []byte("Fine.\n"))
	out := runOpts(t, "sarif", Options{}, []*document.Document{doc}, [][]rules.Finding{nil})
	if !strings.Contains(out, `"results": []`) || !strings.Contains(out, `"rules": []`) {
		t.Errorf("empty run:\n%s", out)
	}
	log := decodeSARIF(t, out)
	if v := log.Runs[0].Tool.Driver.Version; v != "(devel)" {
		t.Errorf("version %q, want (devel)", v)
	}
	if root, ok := log.Runs[0].OriginalURIBaseIDs["%SRCROOT%"]; !ok || root.URI != "" {
		t.Errorf("%%SRCROOT%% without SrcRoot: %+v", root)
	}
}

// TestSARIFDeterministic checks that the same input gives the same bytes,
// and that a printer reused for a second run starts afresh.
// A rule's Link, a house rule's style-guide entry, is its helpUri; a rule
// without one has none.
func TestSARIFHelpURI(t *testing.T) {
	house := &rules.Rule{ID: "house/kyiv", Severity: rules.Warning, Summary: "Kyiv, not Kiev", Link: "https://style.example.com/kyiv"}
	reg := rules.NewRegistry(append(rules.Builtin().Rules(), house)...)
	doc, fs := sample("a.md")
	log := decodeSARIF(t, runOpts(t, "sarif", Options{Registry: reg}, []*document.Document{doc}, [][]rules.Finding{fs}))
	found := false
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		want := ""
		if r.ID == house.ID {
			want, found = house.Link, true
		}
		if r.HelpURI != want {
			t.Errorf("%s: helpUri %q, want %q", r.ID, r.HelpURI, want)
		}
	}
	if !found {
		t.Errorf("no descriptor for %s", house.ID)
	}
}

// TestSARIFByRule checks the descriptor of a rule without a severity of
// its own, checks/new-finding: its default level is "none", never the
// "warning" an absent level stands for in SARIF 2.1.0 (3.50.3), and each
// of its results carries its own level.
func TestSARIFByRule(t *testing.T) {
	reg := checks.Registry()
	doc, fs := sample("a.md")
	for i := range fs {
		fs[i].Rule = checks.NewFinding.ID
	}
	log := decodeSARIF(t, runOpts(t, "sarif", Options{Registry: reg}, []*document.Document{doc}, [][]rules.Finding{fs}))
	run := log.Runs[0]
	found := false
	for _, r := range run.Tool.Driver.Rules {
		if r.ID != checks.NewFinding.ID {
			continue
		}
		found = true
		if r.DefaultConfiguration == nil || r.DefaultConfiguration.Level != "none" {
			t.Errorf("%s: defaultConfiguration %+v, want level none", r.ID, r.DefaultConfiguration)
		}
	}
	if !found {
		t.Fatalf("no descriptor for %s", checks.NewFinding.ID)
	}
	levels := map[string]bool{}
	for _, res := range run.Results {
		levels[res.Level] = true
	}
	if len(run.Results) == 0 || levels["none"] || !levels["error"] {
		t.Errorf("results' levels %v, want each its finding's (error among them)", levels)
	}
}

// The log is written in pieces; the result is indented exactly as
// encoding it whole would be.
func TestSARIFIndentation(t *testing.T) {
	a, fa := sample("a.md")
	b, fb := sample("b.md")
	for _, fs := range [][][]rules.Finding{{fa, fb}, {nil, nil}, {fa[:1], nil}} {
		out := runOpts(t, "sarif", Options{Registry: checks.Registry()}, []*document.Document{a, b}, fs)
		var compact, indented bytes.Buffer
		if err := json.Compact(&compact, []byte(out)); err != nil {
			t.Fatal(err)
		}
		if err := json.Indent(&indented, compact.Bytes(), "", "  "); err != nil {
			t.Fatal(err)
		}
		if indented.String()+"\n" != out {
			t.Errorf("not indented as a whole:\n%s", out)
		}
	}
}

func TestSARIFDeterministic(t *testing.T) {
	a, fa := sample("a.md")
	b, fb := sample("b.md")
	opts := Options{Registry: checks.Registry(), Version: "(devel)"}
	docs, fs := []*document.Document{a, b}, [][]rules.Finding{fa, fb}
	first := runOpts(t, "sarif", opts, docs, fs)
	if again := runOpts(t, "sarif", opts, docs, fs); again != first {
		t.Errorf("second run differs:\n%s\nfirst:\n%s", again, first)
	}
	var out bytes.Buffer
	p := NewSARIF(&out, opts)
	for range 2 {
		out.Reset()
		p.Begin()
		p.File(a, fa)
		p.File(b, fb)
		p.End(Summary{})
		if out.String() != first {
			t.Errorf("reused printer writes\n%s", out.String())
		}
	}
}

func TestRelativeURI(t *testing.T) {
	for in, want := range map[string]string{
		"a.md":                 "a.md",
		"dir/sub/a.md":         "dir/sub/a.md",
		"my docs/a b.md":       "my%20docs/a%20b.md",
		"100%/ü?#.md":          "100%25/%C3%BC%3F%23.md",
		"a:b/c:d.md":           "a%3Ab/c:d.md",
		"<stdin>":              "%3Cstdin%3E",
		"../up.md":             "../up.md",
		"dir/[x]&(y)+z=1;,.md": "dir/%5Bx%5D&%28y%29+z=1;,.md",
	} {
		if got := relativeURI(in); got != want {
			t.Errorf("relativeURI(%q) = %q, want %q", in, got, want)
		}
	}
}

// sarifMultitool returns the SARIF validator: $DOCQA_SARIF_MULTITOOL, or
// the one .ci/run installs under .ci/node. Without it the test is skipped,
// except in CI (CI set), which must have it.
func sarifMultitool(t *testing.T) string {
	return nodeTool(t, "the SARIF validator", "DOCQA_SARIF_MULTITOOL", "sarif-multitool", "@microsoft/sarif-multitool@5.7.0")
}

// nodeTool returns the npm tool bin (what, for messages) of package pkg:
// the path in $env, or the one .ci/run installs under .ci/node. Without
// it the test is skipped, except in CI (CI set), which must have it.
func nodeTool(t *testing.T, what, env, bin, pkg string) string {
	t.Helper()
	if tool := os.Getenv(env); tool != "" {
		if _, err := os.Stat(tool); err != nil {
			t.Fatalf("%s: %v", env, err)
		}
		return tool
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
	tool := filepath.Join(dir, ".ci", "node", "node_modules", ".bin", bin)
	if _, err := os.Stat(tool); err == nil {
		return tool
	}
	install := "npm install --prefix .ci/node --no-audit --no-fund " + pkg
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is missing at %s: .ci/run installs it with %q (or set %s)", what, tool, install, env)
	}
	t.Skipf("%s is not installed: run %q in the repository, or set %s", what, install, env)
	return ""
}

// TestSARIFValidates runs Microsoft's SARIF validator (the npm package
// @microsoft/sarif-multitool) over the SARIF of the seed article and of a
// Markdown document with fixes: it must report no error.
func TestSARIFValidates(t *testing.T) {
	tool := sarifMultitool(t)
	reg := checks.Registry()
	linter, err := rules.NewLinter(reg, rules.Config{})
	if err != nil {
		t.Fatal(err)
	}
	seedText, err := os.ReadFile("../testdata/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	seed := document.Load("testdata/article.txt", seedText)
	seedFs := linter.Lint(seed)
	if len(seedFs) == 0 {
		t.Fatal("no findings in the seed article")
	}
	md := document.Load("docs/a story.md", []byte("# The the budget\n\n"+
		"Officials in Kyiv said they will recieve the the report on Monday.\n"+
		"Later, officials in Kiev said you can see for yourself.\n\n"+
		"“We will stay,” she said, “in particular particular places.”\n\n"+
		"Share this article\n"))
	mdFs := linter.Lint(md)
	fixes := 0
	for _, f := range mdFs {
		fixes += len(f.Fixes)
	}
	if fixes < 3 {
		t.Fatalf("the Markdown document has %d fixes, want at least 3: %+v", fixes, mdFs)
	}
	opts := Options{Registry: reg, Version: "v0.1.0", SrcRoot: "/home/ci/docqa"}
	dir := t.TempDir()
	files := map[string]string{
		"seed.sarif":     runOpts(t, "sarif", opts, []*document.Document{seed}, [][]rules.Finding{seedFs}),
		"markdown.sarif": runOpts(t, "sarif", opts, []*document.Document{md, seed}, [][]rules.Finding{mdFs, seedFs}),
		"empty.sarif":    runOpts(t, "sarif", Options{}, []*document.Document{seed}, [][]rules.Finding{nil}),
	}
	for name, out := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"seed.sarif", "markdown.sarif", "empty.sarif"} {
		// Relative names: the npm wrapper passes its arguments through a
		// shell.
		cmd := exec.Command(tool, "validate", name)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		t.Logf("sarif-multitool validate %s:\n%s", name, out)
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatalf("running %s: %v", tool, err)
		}
		if err != nil {
			t.Errorf("%s: the validator exited with %v", name, err)
		}
		for _, line := range strings.Split(string(out), "\n") {
			if strings.Contains(line, ": error ") {
				t.Errorf("%s: %s", name, line)
			}
		}
		if !strings.Contains(string(out), "1 files scanned") {
			t.Errorf("%s: the validator did not scan the file", name)
		}
	}
}
