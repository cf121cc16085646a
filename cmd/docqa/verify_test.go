package main

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/docqa/docqa/internal/testfs"
)

// TestVerifySeed checks the seed article against excerpts of its sources
// in their original wording, mixed with unrelated documents: exactly the
// reworded quotations are altered, each at its source's place; the
// quotations the excerpts hold word for word (ellipses and brackets
// accepted) are not reported; the README shows the output's first lines.
func TestVerifySeed(t *testing.T) {
	readme, code, out := readmeOutput(t, "verify", "testdata/article.txt", "--sources", "testdata/sources")
	if code != exitFindings {
		t.Fatalf("exit %d, want %d", code, exitFindings)
	}
	var altered []string
	re := regexp.MustCompile(`^testdata/article\.txt:(\d+:\d+): error: .* differs from its source (testdata/sources/[^ ]+:\d+:\d+): `)
	for _, line := range strings.Split(out, "\n") {
		if m := re.FindStringSubmatch(line); m != nil {
			altered = append(altered, m[1]+" "+m[2])
		}
	}
	want := []string{
		"3:106 testdata/sources/ohchr-2022-08-31.txt:9:5",  // “scale … could constitute”
		"5:175 testdata/sources/ohchr-2022-08-31.txt:3:96", // counter-terrorism for counter-"extremism"
		"7:27 testdata/sources/ohchr-2022-08-31.txt:7:1",   // accusations, unfavorable detention conditions
		"15:177 testdata/sources/china-mission-2022-08-31.txt:3:1",
		"33:1 testdata/sources/ohchr-2022-08-31.txt:11:1",   // crossed borders, separated families
		"37:49 testdata/sources/ohchr-2022-08-31.txt:13:90", // agencies, at large
	}
	if strings.Join(altered, "\n") != strings.Join(want, "\n") {
		t.Errorf("altered quotations:\n%s\nwant:\n%s\noutput:\n%s", strings.Join(altered, "\n"), strings.Join(want, "\n"), out)
	}
	if strings.Contains(out, "serious human rights violations") {
		t.Errorf("a verbatim quotation is reported:\n%s", out)
	}
	lines := strings.SplitAfter(out, "\n")
	if shown := strings.Join(lines[:2], ""); !bytes.Contains(readme, []byte(shown)) {
		t.Errorf("README.md does not show the first two lines of docqa verify on the seed:\n%s", shown)
	}
	notFound := strings.Count(out, "[sources/not-found]\n")
	if counts := fmt.Sprintf("and the %d quotations those\nexcerpts do not hold as not found (info): %d lines, exit 1.", notFound, len(altered)+notFound); !bytes.Contains(readme, []byte(counts)) {
		t.Errorf("README.md does not count the lines of docqa verify on the seed: %q", counts)
	}
}

// TestVerifyHostile runs docqa verify on what the issue calls hostile
// input that a testscript cannot hold: a source of 20 MB, read and indexed
// whole (a quotation of its last sentence found, reworded, at its line),
// and a quotation of 5,000 words found word for word; nothing on stderr.
func TestVerifyHostile(t *testing.T) {
	dir := t.TempDir()
	var big strings.Builder
	for i := 0; big.Len() < 20<<20; i++ {
		fmt.Fprintf(&big, "Entry %d of the harbour log: the ferries ran and the weather held.\n", i)
	}
	lines := strings.Count(big.String(), "\n")
	big.WriteString("The extent of arbitrary and discriminatory detention may constitute international crimes.\n")
	var long []string
	r := uint32(7)
	vocab := strings.Fields("officials said the report found detention torture families borders policy region government law credible allegations members groups crimes humanity")
	for range 5000 {
		r = r*1664525 + 1013904223
		long = append(long, vocab[r>>16%uint32(len(vocab))])
	}
	testfs.Write(t, dir, map[string]string{
		"sources/archive.txt": big.String(),
		"sources/speech.txt":  "Opening remarks. " + strings.Join(long, " ") + ". Thank you.",
		"article.txt":         "It said “the scale of arbitrary and discriminatory detention may constitute international crimes.”\n\nShe said “" + strings.Join(long, " ") + "” at length.\n",
		"empty.yaml":          "",
	})
	code, stdout, stderr := badinputRun(t, dir, "verify", "--config", "empty.yaml", "--enable", "sources/verbatim", "article.txt", "--sources", "sources")
	want := fmt.Sprintf("article.txt:1:9: error: quotation “the scale of arbitrary and discriminatory …” differs from its source sources/archive.txt:%d:1: the [-extent-]{+scale+} of arbitrary and discriminatory detention may constitute international crimes [sources/altered]\n", lines+1)
	if code != exitFindings || !strings.HasPrefix(stdout, want) || !strings.Contains(stdout, "article.txt:3:10: info: quotation “"+strings.Join(long[:6], " ")+" …” is word for word in sources/speech.txt:1:18 [sources/verbatim]") || stderr != "" {
		t.Errorf("exit %d\nstdout:\n%.600s\nwant first:\n%s\nstderr:\n%s", code, stdout, want, stderr)
	}
}
