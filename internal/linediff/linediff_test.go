package linediff

import "testing"

func TestFirst(t *testing.T) {
	for _, tc := range []struct{ want, got, out string }{
		{"a\nb\nc", "a\nx\nc", "line 2:\n got \"x\"\nwant \"b\""},
		{"a\nb", "a", "1 lines, want 2"},
		{"a", "a\nb", "2 lines, want 1"},
	} {
		if out := First(tc.want, tc.got); out != tc.out {
			t.Errorf("First(%q, %q) = %q, want %q", tc.want, tc.got, out, tc.out)
		}
	}
}
