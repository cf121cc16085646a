package outputs

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/docqa/docqa/internal/writeplan"
	"github.com/docqa/docqa/report"
)

func TestParse(t *testing.T) {
	outs, err := Parse([]string{"text", "sarif:out/docqa.sarif", "json:-"})
	if err != nil || len(outs) != 3 || outs[1].Format != "sarif" || outs[1].Path != "out/docqa.sarif" || outs[2].Path != "-" {
		t.Fatalf("Parse = %+v, %v", outs, err)
	}
	for _, bad := range [][]string{{"xml"}, {"json:"}} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}

// TestSinks writes one output to standard output as it goes and one to a
// file at Flush.
func TestSinks(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	outs, err := Parse([]string{"text", "json:" + path})
	if err != nil {
		t.Fatal(err)
	}
	var stdout bytes.Buffer
	Plan(writeplan.New(context.Background(), &stdout, io.Discard), outs)
	sinks := Open(outs, &stdout)
	for _, s := range sinks {
		if _, err := io.WriteString(s.Writer(), s.Format+"\n"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(path); err == nil {
		t.Fatal("the file was written before Flush")
	}
	if err := Flush(sinks); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if stdout.String() != "text\n" || string(got) != "json\n" || err != nil {
		t.Errorf("stdout %q, file %q (%v)", stdout.String(), got, err)
	}
	p, closeAll, err := LintPrinter(outs, report.Options{}, &stdout)
	if err != nil || p == nil || closeAll == nil {
		t.Errorf("LintPrinter: %v", err)
	}
}
