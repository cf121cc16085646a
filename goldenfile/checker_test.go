package goldenfile

import (
	"os"
	"path/filepath"
	"testing"
)

// TestCheckerUpdateChangedMeanwhile: Update does not write over a
// golden copy that changed between the comparison and the write: edited,
// replaced by another file with the same bytes, or created where there was
// none.
func TestCheckerUpdateChangedMeanwhile(t *testing.T) {
	for _, tt := range []struct {
		name   string
		golden string // "" for none
		change func(t *testing.T, golden string)
		want   string // the golden copy's text afterwards
	}{
		{"edited", "Old text.\n", func(t *testing.T, golden string) {
			if err := os.WriteFile(golden, []byte("Approved by someone else.\n"), 0o666); err != nil {
				t.Error(err)
			}
		}, "Approved by someone else.\n"},
		{"replaced", "Old text.\n", func(t *testing.T, golden string) {
			if err := os.WriteFile(golden+".new", []byte("Old text.\n"), 0o666); err != nil {
				t.Error(err)
			}
			if err := os.Rename(golden+".new", golden); err != nil {
				t.Error(err)
			}
		}, "Old text.\n"},
		{"created", "", func(t *testing.T, golden string) {
			if err := os.MkdirAll(filepath.Dir(golden), 0o777); err != nil {
				t.Error(err)
			}
			if err := os.WriteFile(golden, []byte("Approved by someone else.\n"), 0o666); err != nil {
				t.Error(err)
			}
		}, "Approved by someone else.\n"},
		{"unchanged", "Old text.\n", func(*testing.T, string) {}, "New text.\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			golden := filepath.Join(dir, "golden", "a.md")
			if tt.golden != "" {
				if err := os.MkdirAll(filepath.Dir(golden), 0o777); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(tt.golden), 0o666); err != nil {
					t.Fatal(err)
				}
			}
			k := &Checker{WorkDir: dir, Dir: filepath.Join(dir, "golden"), Update: true,
				BeforeWrite: func(golden string) { tt.change(t, golden) }}
			path, err := k.Path("a.md")
			if err != nil || path != golden {
				t.Fatalf("Path = %q, %v", path, err)
			}
			e := k.Check(nil, "a.md", []byte("New text.\n"), path)
			if tt.name == "unchanged" {
				if e.Status != Written || e.Err != nil {
					t.Errorf("status %s, error %v; want written", e.Status, e.Err)
				}
			} else {
				want := filepath.ToSlash(golden) + ": changed while docqa was running, not written"
				if e.Status != Unchecked || e.Err == nil || e.Err.Error() != want {
					t.Errorf("status %s, error %v; want error %q", e.Status, e.Err, want)
				}
			}
			if got, err := os.ReadFile(golden); err != nil || string(got) != tt.want {
				t.Errorf("golden copy %q, %v; want %q", got, err, tt.want)
			}
			if tmp, _ := filepath.Glob(filepath.Join(dir, "golden", ".*.tmp")); len(tmp) > 0 {
				t.Errorf("temporary files left: %v", tmp)
			}
		})
	}
}
