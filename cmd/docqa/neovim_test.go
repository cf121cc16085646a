package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNeovim runs docqa's language server under a real editor: a headless
// Neovim, with its built-in LSP client, starts "docqa lsp", opens the seed
// article, receives the diagnostics (the doubled word of line 3, after a
// right single quotation mark and an opening curly quote, lands on the
// doubled words), applies the quick fix through a code action and checks
// the buffer's text, then sees the diagnostic go. The script is
// testdata/nvim/quickfix.lua.
//
// It needs nvim and go on PATH: skipped without them, unless the
// environment variable CI is set (.ci/run installs Neovim), and with
// -short.
func TestNeovim(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: starts Neovim")
	}
	for _, tool := range []string{"nvim", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is not on PATH, and CI is set: the Neovim test must run in CI (.ci/run installs neovim with apt-get)", tool)
			}
			t.Skipf("%s is not on PATH (apt-get install neovim)", tool)
		}
	}
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "docqa")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	work := filepath.Join(tmp, "work")
	if err := os.Mkdir(work, 0o777); err != nil {
		t.Fatal(err)
	}
	seed, err := os.ReadFile(filepath.Join("..", "..", "testdata", "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	doc := filepath.Join(work, "article.txt")
	if err := os.WriteFile(doc, seed, 0o666); err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs(filepath.Join("testdata", "nvim", "quickfix.lua"))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(tmp, "result.json")
	cmd := exec.CommandContext(ctx, "nvim", "--headless", "--clean", "-n", "-c", "luafile "+script)
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "DOCQA="+bin, "DOC="+doc, "OUT="+out, "XDG_STATE_HOME="+tmp, "XDG_DATA_HOME="+tmp, "XDG_CONFIG_HOME="+tmp)
	if output, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nvim: %v\n%s", err, output)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("Neovim wrote no result: %v", err)
	}
	var res struct {
		OK             bool     `json:"ok"`
		Error          string   `json:"error"`
		Steps          []string `json:"steps"`
		Filetype       string   `json:"filetype"`
		OffsetEncoding string   `json:"offset_encoding"`
		Diagnostics    []struct {
			Code    string `json:"code"`
			Lnum    int    `json:"lnum"`
			Col     int    `json:"col"`
			Message string `json:"message"`
			Source  string `json:"source"`
		} `json:"diagnostics"`
		Doubled struct {
			Lnum, Col int
			Text      string
		} `json:"doubled"`
		Actions   []string `json:"actions"`
		LineAfter string   `json:"line_after"`
	}
	if err := json.Unmarshal(data, &res); err != nil {
		t.Fatalf("result %s: %v", data, err)
	}
	t.Logf("Neovim: filetype %s, encoding %s, steps %v, actions %q", res.Filetype, res.OffsetEncoding, res.Steps, res.Actions)
	if !res.OK {
		t.Fatalf("the script failed after %v: %s\n%s", res.Steps, res.Error, data)
	}
	// The planted problems of the seed, as docqa lint reports them (see
	// TestReadmeExample): six findings, all from docqa.
	if len(res.Diagnostics) != 6 {
		t.Errorf("%d diagnostics, want the seed's 6: %+v", len(res.Diagnostics), res.Diagnostics)
	}
	for _, d := range res.Diagnostics {
		if d.Source != "docqa" || d.Code == "" {
			t.Errorf("diagnostic %+v: want source docqa and a rule ID as its code", d)
		}
	}
	// Line 3 (lnum 2) holds “Bachelet’s” and an opening “ before the
	// doubled words: Neovim, converting the server's columns to bytes,
	// must land on them.
	if res.Doubled.Lnum != 2 || res.Doubled.Text != "particular particular" {
		t.Errorf("the doubled word's diagnostic covers %q on line %d, want \"particular particular\" on line 3", res.Doubled.Text, res.Doubled.Lnum+1)
	}
	if strings.Contains(res.LineAfter, "particular particular") || !strings.Contains(res.LineAfter, "in particular crimes against humanity") {
		t.Errorf("line 3 after the quick fix:\n%s", res.LineAfter)
	}
}

// TestEmacs runs docqa's language server under Emacs's eglot, in batch
// mode, on the seed article: the six findings arrive, each on the words it
// is about (line 3's doubled words after curly quotes among them). It is
// skipped where Emacs or eglot is missing (CI does not install them: the
// Neovim test is the one CI runs) and with -short.
func TestEmacs(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: starts Emacs")
	}
	if _, err := exec.LookPath("emacs"); err != nil {
		t.Skip("emacs is not on PATH (apt-get install emacs-nox elpa-eglot)")
	}
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	if err := exec.CommandContext(ctx, "emacs", "--batch", "--eval", "(progn (require 'package) (package-initialize) (require 'eglot))").Run(); err != nil {
		t.Skip("eglot is not installed (apt-get install elpa-eglot, or Emacs 29)")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "docqa")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	seed, err := os.ReadFile(filepath.Join("..", "..", "testdata", "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	doc := filepath.Join(tmp, "article.txt")
	if err := os.WriteFile(doc, seed, 0o666); err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs(filepath.Join("testdata", "emacs", "diagnostics.el"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, "emacs", "--batch", "-l", script)
	cmd.Dir = tmp
	cmd.Env = append(os.Environ(), "DOCQA="+bin, "DOC="+doc, "HOME="+tmp)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("emacs: %v\n%s", err, out)
	}
	got := strings.TrimSpace(string(out))
	for _, want := range []string{
		"3:257 particular particular | docqa [repetition/doubled-word]",
		"5:190 counter-terrorism and counter-terrorism | docqa [repetition/coordination]",
		"69:144 Uighurs | docqa [consistency/variants]",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("eglot's diagnostics lack %q:\n%s", want, got)
		}
	}
	if n := len(strings.Split(got, "\n")); n != 6 {
		t.Errorf("%d diagnostics, want the seed's 6:\n%s", n, got)
	}
}
