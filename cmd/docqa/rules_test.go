package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/docqa/docqa/internal/testfs"

	"github.com/docqa/docqa/pipeline"
)

// TestRulesOutputEndsWithNewline checks that every output of "docqa
// rules", the table, a category's table and each rule's explanation (a
// house rule's too), ends with one newline: a shell prompt never follows
// the last line, and no blank line trails it.
func TestRulesOutputEndsWithNewline(t *testing.T) {
	dir := t.TempDir()
	testfs.Write(t, dir, map[string]string{".docqa.yaml": "custom:\n" +
		"  - {id: house/kyiv, kind: substitution, message: \"use %[2]s, not %[1]s\", swap: {Kiev: Kyiv}}\n" +
		"  - {id: house/nope, kind: existence, message: \"avoid %[1]s\", tokens: [utilise]}\n"})
	t.Chdir(dir)
	args := [][]string{{"rules"}, {"rules", "house/kyiv"}, {"rules", "house/nope"}, {"rules", "house"}}
	categories := map[string]bool{}
	for _, r := range pipeline.Registry().Rules() {
		args = append(args, []string{"rules", r.ID})
		if c := r.Category(); !categories[c] {
			categories[c] = true
			args = append(args, []string{"rules", c})
		}
	}
	for _, a := range args {
		var out, errOut bytes.Buffer
		if code := execute(context.Background(), a, strings.NewReader(""), &out, &errOut); code != 0 || errOut.Len() > 0 {
			t.Errorf("docqa %s: exit %d, stderr %q", strings.Join(a, " "), code, errOut.String())
			continue
		}
		if s := out.String(); !strings.HasSuffix(s, "\n") || strings.HasSuffix(s, "\n\n") {
			t.Errorf("docqa %s: output ends with %q, want one newline", strings.Join(a, " "), s[max(0, len(s)-20):])
		}
	}
}
