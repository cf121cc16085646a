// Command corpus writes a deterministic benchmark corpus for docqa: many
// distinct documents made by shuffling and recombining the paragraphs of
// the repository's testdata with a fixed seed (no two files are the same),
// in .txt and .md, and one large file.
//
//	go run ./bench/corpus -out /tmp/docqa-corpus -files 2000 -large 50
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	out := flag.String("out", "", "folder to write the corpus into (required)")
	files := flag.Int("files", 2000, "number of documents of each format")
	paras := flag.Int("paragraphs", 40, "paragraphs per document")
	largeMB := flag.Int("large", 50, "size of the large single file in MB (0: none)")
	src := flag.String("testdata", "testdata", "folder of source documents")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "corpus: -out is required")
		os.Exit(2)
	}
	if err := run(*out, *src, *files, *paras, *largeMB); err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(1)
	}
}

func run(out, src string, files, paras, largeMB int) error {
	pool, err := paragraphs(src)
	if err != nil {
		return err
	}
	if len(pool) == 0 {
		return fmt.Errorf("%s: no paragraphs found", src)
	}
	rng := rand.New(rand.NewPCG(1, 2)) // fixed seed: the same corpus every run
	for _, ext := range []string{"txt", "md"} {
		dir := filepath.Join(out, ext)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		for i := 0; i < files; i++ {
			var b strings.Builder
			if ext == "md" {
				fmt.Fprintf(&b, "# Story %d\n\n", i)
			}
			for p := 0; p < paras; p++ {
				para := pool[rng.IntN(len(pool))]
				if ext == "md" && p%7 == 3 {
					para = "Run `docqa lint` on *this* [story](https://example.org/" + fmt.Sprint(i) + "): " + para
				}
				b.WriteString(para)
				b.WriteString("\n\n")
			}
			fmt.Fprintf(&b, "Document %d ends here.\n", i) // every file distinct
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("doc%05d.%s", i, ext)), []byte(b.String()), 0o644); err != nil {
				return err
			}
		}
	}
	if largeMB > 0 {
		f, err := os.Create(filepath.Join(out, "large.txt"))
		if err != nil {
			return err
		}
		w := bufio.NewWriter(f)
		for n := 0; n < largeMB<<20; {
			k, _ := w.WriteString(pool[rng.IntN(len(pool))] + "\n\n")
			n += k
		}
		if err := w.Flush(); err != nil {
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	return nil
}

// paragraphs returns the non-empty paragraphs of the .txt and .md files
// under dir (revision pairs included), in a stable order.
func paragraphs(dir string) ([]string, error) {
	var pool []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if ext := filepath.Ext(p); ext != ".txt" && ext != ".md" {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, para := range strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n\n") {
			if para = strings.TrimSpace(para); para != "" && !strings.HasPrefix(para, "```") && !strings.HasPrefix(para, "---") {
				pool = append(pool, para)
			}
		}
		return nil
	})
	return pool, err
}
