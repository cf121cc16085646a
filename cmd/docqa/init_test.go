package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docqa/docqa/checks"
	"github.com/docqa/docqa/config"
	"github.com/docqa/docqa/pipeline"
)

// TestInit checks the wiring of "docqa init": it prints or writes the
// starter configuration of the built-in rules and revision checks
// (config.Starter), leaves an existing file alone unless --force is given,
// and exits 2 when it refuses. The starter's content is tested in package
// config.
func TestInit(t *testing.T) {
	starter := string(config.Starter(pipeline.Registry(), checks.Rules()))
	const mine = "profile: docs\n"
	tests := []struct {
		name     string
		args     []string
		existing bool   // a .docqa.yaml is there before the run
		code     int    // the exit code
		stdout   string // the standard output
		stderr   string // the standard error
		file     string // the .docqa.yaml after the run
	}{
		{"write", []string{"init"}, false, 0, "wrote .docqa.yaml\n", "", starter},
		{"stdout", []string{"init", "--stdout"}, false, 0, starter, "", ""},
		{"stdout leaves the file", []string{"init", "--stdout"}, true, 0, starter, "", mine},
		{"existing", []string{"init"}, true, 2, "", "docqa: .docqa.yaml: already exists (use --force to overwrite)\n", mine},
		{"force", []string{"init", "--force"}, true, 0, "wrote .docqa.yaml\n", "", starter},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, config.FileName)
			if tc.existing {
				if err := os.WriteFile(path, []byte(mine), 0o666); err != nil {
					t.Fatal(err)
				}
			}
			t.Chdir(dir)
			var out, errOut bytes.Buffer
			code := execute(context.Background(), tc.args, strings.NewReader(""), &out, &errOut)
			if code != tc.code || out.String() != tc.stdout || errOut.String() != tc.stderr {
				t.Errorf("docqa %s: exit %d, stdout %q, stderr %q; want exit %d, stdout %q, stderr %q",
					strings.Join(tc.args, " "), code, abbrev(out.String()), errOut.String(), tc.code, abbrev(tc.stdout), tc.stderr)
			}
			data, err := os.ReadFile(path)
			if tc.file == "" {
				if err == nil {
					t.Errorf("%s written", config.FileName)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(data) != tc.file {
				t.Errorf("%s holds %q, want %q", config.FileName, abbrev(string(data)), abbrev(tc.file))
			}
		})
	}
}

// abbrev returns s, or its start if it is long, for a test's message.
func abbrev(s string) string {
	if len(s) > 60 {
		return s[:60] + "..."
	}
	return s
}
