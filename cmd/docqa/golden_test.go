package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docqa/docqa/internal/testflag"
	"github.com/rogpeppe/go-internal/diff"
)

// TestGolden lints every document under the repository's testdata folder
// (except the revision pairs in testdata/revisions) with the default rules
// and no config file, and compares the JSON output with
// golden/<path>.json. With -update it rewrites the golden files instead;
// review the diff before committing them.
func TestGolden(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("repository root not found: %v", err)
	}
	var docs []string
	err = filepath.WalkDir(filepath.Join(root, "testdata"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == "testdata/revisions" {
				return fs.SkipDir
			}
			return nil
		}
		if ext := filepath.Ext(p); ext == ".txt" || ext == ".md" {
			docs = append(docs, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) == 0 {
		t.Fatal("no documents in testdata")
	}

	// An empty config file: the defaults, whatever .docqa.yaml lies above.
	emptyConfig := filepath.Join(t.TempDir(), "empty.yaml")
	if err := os.WriteFile(emptyConfig, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	t.Chdir(root) // documents are reported by their path from the root

	for _, doc := range docs {
		t.Run(doc, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := execute(context.Background(),
				[]string{"lint", "--format", "json", "--config", emptyConfig, doc},
				strings.NewReader(""), &stdout, &stderr)
			if code != exitOK && code != exitFindings {
				t.Fatalf("docqa lint exited with %d:\n%s", code, stderr.String())
			}
			if stderr.Len() > 0 {
				t.Errorf("stderr:\n%s", stderr.String())
			}
			golden := filepath.Join(root, "golden", filepath.FromSlash(doc)+".json")
			if *testflag.Update {
				if err := writeFileAtomic(golden, stdout.Bytes()); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v\n(run 'go test ./cmd/docqa -run TestGolden -update' to create it, then review it)", err)
			}
			if !bytes.Equal(stdout.Bytes(), want) {
				t.Errorf("output differs from %s (run with -update to accept, then review the diff):\n%s",
					golden, diff.Diff(golden, want, "docqa lint", stdout.Bytes()))
			}
		})
	}
}

// writeFileAtomic replaces the file at path with data: readers see the old
// file or the new one, never a part-written one.
func writeFileAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644) // CreateTemp makes it 0600
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// TestReadmeExample keeps the README's first command true: the output it
// shows for the seed article is what docqa prints.
func TestReadmeExample(t *testing.T) {
	root := filepath.Join("..", "..")
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	emptyConfig := filepath.Join(t.TempDir(), "empty.yaml")
	if err := os.WriteFile(emptyConfig, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	var stdout, stderr bytes.Buffer
	code := execute(context.Background(), []string{"lint", "--config", emptyConfig, "testdata/article.txt"},
		strings.NewReader(""), &stdout, &stderr)
	if code != exitFindings {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitFindings, stderr.String())
	}
	if !bytes.Contains(readme, stdout.Bytes()) {
		t.Errorf("README.md does not show the seed article's output; it is now:\n%s", stdout.String())
	}
}
