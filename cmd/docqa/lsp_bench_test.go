package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/docqa/docqa/lsp"
)

// BenchmarkLSPIdleMemory reports the resident memory of a "docqa lsp"
// process (metric idle-RSS-MB) once it has initialized, opened the seed
// article and published its diagnostics: what an editor keeps running.
// Linux only (it reads /proc).
func BenchmarkLSPIdleMemory(b *testing.B) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		b.Skip("no /proc")
	}
	tmp := b.TempDir()
	bin := filepath.Join(tmp, "docqa")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	seed, err := os.ReadFile(filepath.Join("..", "..", "testdata", "article.txt"))
	if err != nil {
		b.Fatal(err)
	}
	doc := filepath.Join(tmp, "article.txt")
	if err := os.WriteFile(doc, seed, 0o666); err != nil {
		b.Fatal(err)
	}
	var rss float64
	for range b.N {
		rss = max(rss, idleRSS(b, bin, tmp, doc, string(seed)))
	}
	b.ReportMetric(rss, "idle-RSS-MB")
}

// idleRSS starts the server, opens doc, waits for its diagnostics and a
// moment more, and returns the process's resident memory in MB.
func idleRSS(b *testing.B, bin, dir, doc, text string) float64 {
	cmd := exec.Command(bin, "lsp", "--debounce", "0")
	cmd.Dir = dir
	in, _ := cmd.StdinPipe()
	outp, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer cmd.Wait()
	defer in.Close()
	send := func(v any) {
		body, _ := json.Marshal(v)
		fmt.Fprintf(in, "Content-Length: %d\r\n\r\n%s", len(body), body)
	}
	uri := "file://" + filepath.ToSlash(doc)
	send(map[string]any{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": map[string]any{"rootUri": "file://" + filepath.ToSlash(dir), "capabilities": map[string]any{}}})
	send(map[string]any{"jsonrpc": "2.0", "method": "initialized", "params": map[string]any{}})
	send(map[string]any{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "text", "version": 1, "text": text}}})
	r := bufio.NewReader(outp)
	for {
		body, err := lsp.ReadMessage(r)
		if err != nil {
			b.Fatalf("reading from docqa lsp: %v", err)
		}
		if strings.Contains(string(body), "publishDiagnostics") {
			break
		}
	}
	time.Sleep(200 * time.Millisecond) // let the check's garbage go
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", cmd.Process.Pid))
	if err != nil {
		b.Fatal(err)
	}
	send(map[string]any{"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
	send(map[string]any{"jsonrpc": "2.0", "method": "exit"})
	go io.Copy(io.Discard, r)
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			return float64(kb) / 1024
		}
	}
	b.Fatal("no VmRSS")
	return 0
}
