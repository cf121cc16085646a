package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

// TestVerifySeed checks the seed article against excerpts of its sources
// in their original wording, mixed with unrelated documents: exactly the
// reworded quotations are altered, each at its source's place; the
// quotations the excerpts hold word for word (ellipses and brackets
// accepted) are not reported; the README shows the output.
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
	first := out[:strings.Index(out, "\n")+1]
	if !bytes.Contains(readme, []byte(first)) {
		t.Errorf("README.md does not show the first line of docqa verify on the seed:\n%s", first)
	}
}
