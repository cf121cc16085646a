package fix

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestUnified(t *testing.T) {
	tests := []struct {
		name, old, new, want string
	}{
		{name: "equal", old: "a\nb\n", new: "a\nb\n", want: ""},
		{
			name: "one line changed",
			old:  "a\nb\nc\n",
			new:  "a\nB\nc\n",
			want: "--- a/f.txt\n+++ b/f.txt\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n",
		},
		{
			name: "context is three lines",
			old:  "1\n2\n3\n4\n5\n6\n7\n8\n9\n",
			new:  "1\n2\n3\n4\nfive\n6\n7\n8\n9\n",
			want: "--- a/f.txt\n+++ b/f.txt\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n",
		},
		{
			name: "changes six lines apart share a hunk",
			old:  "1\n2\n3\n4\n5\n6\n7\n8\n9\n",
			new:  "one\n2\n3\n4\n5\n6\n7\neight\n9\n",
			want: "--- a/f.txt\n+++ b/f.txt\n@@ -1,9 +1,9 @@\n-1\n+one\n 2\n 3\n 4\n 5\n 6\n 7\n-8\n+eight\n 9\n",
		},
		{
			name: "changes seven lines apart make two hunks",
			old:  "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n",
			new:  "one\n2\n3\n4\n5\n6\n7\n8\nnine\n10\n",
			want: "--- a/f.txt\n+++ b/f.txt\n@@ -1,4 +1,4 @@\n-1\n+one\n 2\n 3\n 4\n@@ -6,5 +6,5 @@\n 6\n 7\n 8\n-9\n+nine\n 10\n",
		},
		{
			name: "lines deleted at the end, no final line break",
			old:  "a\n\nAdd a Comment\n\nYour email address will not be published.",
			new:  "a\n",
			want: "--- a/f.txt\n+++ b/f.txt\n@@ -1,5 +1,1 @@\n a\n-\n-Add a Comment\n-\n-Your email address will not be published.\n\\ No newline at end of file\n",
		},
		{
			name: "final line break added",
			old:  "a\nb",
			new:  "a\nb\n",
			want: "--- a/f.txt\n+++ b/f.txt\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n",
		},
		{
			name: "unchanged last line without a line break",
			old:  "a\nb\nc",
			new:  "A\nb\nc",
			want: "--- a/f.txt\n+++ b/f.txt\n@@ -1,3 +1,3 @@\n-a\n+A\n b\n c\n\\ No newline at end of file\n",
		},
		{
			name: "from empty",
			old:  "",
			new:  "a\n",
			want: "--- a/f.txt\n+++ b/f.txt\n@@ -0,0 +1,1 @@\n+a\n",
		},
		{
			name: "to empty",
			old:  "a\nb\n",
			new:  "",
			want: "--- a/f.txt\n+++ b/f.txt\n@@ -1,2 +0,0 @@\n-a\n-b\n",
		},
		{
			name: "insertion only",
			old:  "1\n2\n3\n4\n5\n",
			new:  "1\n2\n3\n3½\n4\n5\n",
			want: "--- a/f.txt\n+++ b/f.txt\n@@ -1,5 +1,6 @@\n 1\n 2\n 3\n+3½\n 4\n 5\n",
		},
		{
			name: "CRLF lines keep their CR",
			old:  "a\r\nb\r\n",
			new:  "a\r\nB\r\n",
			want: "--- a/f.txt\n+++ b/f.txt\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+B\r\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Unified("f.txt", []byte(tt.old), []byte(tt.new))
			if string(got) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			checkPatch(t, tt.old, tt.new, got)
		})
	}
}

// TestUnifiedRandom diffs random edits of a text of few distinct lines, so
// that lines repeat and the alignment has choices to make.
func TestUnifiedRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 2))
	words := []string{"a\n", "b\n", "\n", "the the\n", "c\r\n", "Ürümqi\n"}
	random := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(words[r.IntN(len(words))])
		}
		if r.IntN(3) == 0 {
			b.WriteString("end")
		}
		return b.String()
	}
	for i := range 300 {
		old := random(r.IntN(40))
		lines := strings.SplitAfter(old, "\n")
		for range r.IntN(4) + 1 {
			j := r.IntN(len(lines))
			switch r.IntN(3) {
			case 0:
				lines[j] = ""
			case 1:
				lines[j] = random(r.IntN(3))
			case 2:
				lines[j] += random(1)
			}
		}
		new := strings.Join(lines, "")
		d := Unified("f.txt", []byte(old), []byte(new))
		got, err := applyUnified(old, string(d))
		if err != nil || got != new {
			t.Fatalf("case %d: %v\nold %q\nnew %q\ngot %q\ndiff\n%s", i, err, old, new, got, d)
		}
		if i < 30 {
			checkPatch(t, old, new, d)
		}
	}
}

// FuzzUnified checks that the diff of any two texts turns the first into
// the second.
func FuzzUnified(f *testing.F) {
	f.Add("a\nb\nc\n", "a\nc\n")
	f.Add("a\n\nAdd a Comment\n\nYour email", "a\n")
	f.Add("", "x")
	f.Fuzz(func(t *testing.T, old, new string) {
		d := Unified("f", []byte(old), []byte(new))
		got, err := applyUnified(old, string(d))
		if err != nil || got != new {
			t.Fatalf("%v\nold %q\nnew %q\ngot %q\ndiff\n%s", err, old, new, got, d)
		}
	})
}

// applyUnified applies a diff written by Unified to old, checking its
// hunks' numbers and context on the way.
func applyUnified(old, diff string) (string, error) {
	if diff == "" {
		return old, nil
	}
	oldLines := strings.SplitAfter(old, "\n")
	if oldLines[len(oldLines)-1] == "" {
		oldLines = oldLines[:len(oldLines)-1]
	}
	body, ok := strings.CutPrefix(diff, "--- a/f\n+++ b/f\n")
	if !ok {
		body, ok = strings.CutPrefix(diff, "--- a/f.txt\n+++ b/f.txt\n")
	}
	if !ok {
		return "", fmt.Errorf("bad header")
	}
	var out []string
	next := 0 // next old line, 0-based
	lines := strings.SplitAfter(body, "\n")
	for i := 0; i < len(lines) && lines[i] != ""; {
		var oStart, on, ns, nn int
		if _, err := fmt.Sscanf(lines[i], "@@ -%d,%d +%d,%d @@\n", &oStart, &on, &ns, &nn); err != nil {
			return "", fmt.Errorf("bad hunk header %q", lines[i])
		}
		i++
		start := oStart - 1
		if on == 0 {
			start = oStart
		}
		if start < next {
			return "", fmt.Errorf("hunks overlap")
		}
		out = append(out, oldLines[next:start]...)
		next = start
		if want := len(out); ns-1 != want && !(nn == 0 && ns == want) {
			return "", fmt.Errorf("hunk %q: new start %d, want %d", strings.TrimSpace(lines[i-1]), ns, want+1)
		}
		gotOld, gotNew := 0, 0
		for i < len(lines) && lines[i] != "" && !strings.HasPrefix(lines[i], "@@") {
			l := lines[i]
			i++
			if i < len(lines) && lines[i] == "\\ No newline at end of file\n" {
				l = strings.TrimSuffix(l, "\n")
				i++
			}
			text := l[1:]
			switch l[0] {
			case ' ', '-':
				if next >= len(oldLines) || oldLines[next] != text {
					return "", fmt.Errorf("line %d: %q does not match %q", next+1, l, oldLines[min(next, len(oldLines)-1)])
				}
				next++
				gotOld++
				if l[0] == ' ' {
					out = append(out, text)
					gotNew++
				}
			case '+':
				out = append(out, text)
				gotNew++
			default:
				return "", fmt.Errorf("bad line %q", l)
			}
		}
		if gotOld != on || gotNew != nn {
			return "", fmt.Errorf("hunk counts -%d +%d, header says -%d +%d", gotOld, gotNew, on, nn)
		}
	}
	out = append(out, oldLines[next:]...)
	return strings.Join(out, ""), nil
}

// checkPatch applies diff to old with the patch command, where there is
// one, and expects new.
func checkPatch(t *testing.T, old, new string, diff []byte) {
	t.Helper()
	if len(diff) == 0 {
		return
	}
	patch, err := exec.LookPath("patch")
	if err != nil {
		return // the round trip through applyUnified still checks the diff
	}
	dir := t.TempDir()
	name := filepath.Join(dir, "f.txt")
	if err := os.WriteFile(name, []byte(old), 0o666); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(patch, "-p1", "--batch", "--silent", "--no-backup-if-mismatch")
	cmd.Dir = dir
	cmd.Stdin = bytes.NewReader(diff)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("patch -p1: %v\n%s\ndiff:\n%s", err, out, diff)
	}
	got, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != new {
		t.Errorf("patch -p1 gave %s, want %s", strconv.Quote(string(got)), strconv.Quote(new))
	}
}
