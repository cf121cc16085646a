package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docqa/docqa/checks"
	"github.com/docqa/docqa/goldenfile"
	"github.com/docqa/docqa/rules"
)

// goldenEntries returns the outcomes of a golden run over four documents:
// a passing one, a drifted one (a quotation's words changed), a missing
// one and one that could not be checked.
func goldenEntries(t *testing.T) []*goldenfile.Entry {
	t.Helper()
	c, err := checks.NewComparer(checks.Registry(), rules.Config{})
	if err != nil {
		t.Fatal(err)
	}
	r := goldenfile.Compare(c, "docs/quote.md", []byte("“We will stay in the scale of it,” she said.\n"),
		"golden/docs/quote.md", []byte("“We will stay in the extent of it,” she said.\n"))
	if r.Status != goldenfile.Drift || r.Changes == nil || len(r.Changes.Findings) == 0 {
		t.Fatalf("no drift with findings: %+v", r)
	}
	return []*goldenfile.Entry{
		{Name: "docs/a.md", Golden: "golden/docs/a.md", Status: goldenfile.Pass},
		{Name: "docs/quote.md", Golden: "golden/docs/quote.md", Status: goldenfile.Drift, Changes: r.Changes},
		{Name: "docs/new.md", Golden: "golden/docs/new.md", Status: goldenfile.Missing},
		{Name: "docs/bad.md", Golden: "golden/docs/bad.md", Status: goldenfile.Unchecked, Err: errors.New("docs/bad.md: binary file, not checked")},
	}
}

// runGolden prints entries in format and returns the output.
func runGolden(t *testing.T, format string, entries []*goldenfile.Entry) string {
	t.Helper()
	var out bytes.Buffer
	opts := GoldenOptions{Options: Options{Registry: checks.Registry(), Version: "v0.1.0", SrcRoot: "/home/ci/docqa"},
		Approve: func(name string) string { return "docqa golden --update " + name }}
	p, err := NewGolden(format, &out, opts)
	if err != nil {
		t.Fatal(err)
	}
	var sum goldenfile.Summary
	if err := p.Begin(); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		sum.Add(e.Status)
		if err := p.Entry(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.End(sum); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// TestGoldenFormats prints a golden run in every format and reads each
// back: text lines, JSON and XML that parse, the drifted document's
// revision finding in each.
func TestGoldenFormats(t *testing.T) {
	entries := goldenEntries(t)
	text := runGolden(t, "text", entries)
	for _, want := range []string{
		"PASS docs/a.md\n",
		"FAIL docs/quote.md: differs from golden/docs/quote.md\n",
		"[-extent-]{+scale+}",
		"[checks/quote-changed]\n",
		"FAIL docs/new.md: no golden copy at golden/docs/new.md (run 'docqa golden --update docs/new.md' to approve it)\n",
		"4 documents: 1 passed, 1 drifted, 1 missing, 1 error\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "bad.md") {
		t.Errorf("text reports the unchecked document (it goes to stderr):\n%s", text)
	}

	var js struct {
		Documents []struct {
			Path, Status, Diff string
			Findings           []map[string]any
		}
		Summary goldenfile.Summary
	}
	if err := json.Unmarshal([]byte(runGolden(t, "json", entries)), &js); err != nil {
		t.Fatal(err)
	}
	if len(js.Documents) != 4 || js.Documents[1].Status != "drift" || len(js.Documents[1].Findings) == 0 ||
		js.Documents[3].Status != "error" || js.Summary.Errors != 1 || js.Summary.Drifted != 1 {
		t.Errorf("json: %+v", js)
	}

	var junit struct {
		Suites []struct {
			Cases []struct {
				Name    string `xml:"name,attr"`
				Failure *struct {
					Type string `xml:"type,attr"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal([]byte(runGolden(t, "junit", entries)), &junit); err != nil {
		t.Fatal(err)
	}
	if len(junit.Suites) != 1 || len(junit.Suites[0].Cases) != 4 || junit.Suites[0].Cases[1].Failure == nil ||
		junit.Suites[0].Cases[1].Failure.Type != "drift" || junit.Suites[0].Cases[2].Failure.Type != "missing" {
		t.Errorf("junit: %+v", junit)
	}

	var cs struct {
		Files []struct {
			Name   string `xml:"name,attr"`
			Errors []struct {
				Source string `xml:"source,attr"`
			} `xml:"error"`
		} `xml:"file"`
	}
	if err := xml.Unmarshal([]byte(runGolden(t, "checkstyle", entries)), &cs); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range cs.Files {
		for _, e := range f.Errors {
			found = found || (f.Name == "docs/quote.md" && strings.Contains(e.Source, "quote-changed"))
		}
	}
	if !found {
		t.Errorf("checkstyle lacks the drifted document's finding: %+v", cs)
	}
	if gh := runGolden(t, "github", entries); !strings.Contains(gh, "file=docs/quote.md") {
		t.Errorf("github:\n%s", gh)
	}
	if rd := runGolden(t, "rdjsonl", entries); !strings.Contains(rd, `"path":"docs/quote.md"`) {
		t.Errorf("rdjsonl:\n%s", rd)
	}
}

// TestGoldenSARIFValidates runs Microsoft's SARIF validator over a golden
// run's SARIF.
func TestGoldenSARIFValidates(t *testing.T) {
	tool := sarifMultitool(t)
	dir := t.TempDir()
	out := runGolden(t, "sarif", goldenEntries(t))
	if !strings.Contains(out, "checks/quote-changed") {
		t.Fatalf("the SARIF lacks the drifted document's finding:\n%s", out)
	}
	if err := os.WriteFile(filepath.Join(dir, "golden.sarif"), []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(tool, "validate", "golden.sarif")
	cmd.Dir = dir
	res, err := cmd.CombinedOutput()
	t.Logf("sarif-multitool validate golden.sarif:\n%s", res)
	if err != nil {
		t.Errorf("the validator exited with %v", err)
	}
	for _, line := range strings.Split(string(res), "\n") {
		if strings.Contains(line, ": error ") {
			t.Error(line)
		}
	}
	if !strings.Contains(string(res), "1 files scanned") {
		t.Error("the validator did not scan the file")
	}
}
