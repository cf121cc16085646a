package outputs

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/docqa/docqa/internal/testfs"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/internal/writeplan"
	"github.com/docqa/docqa/report"
	"github.com/docqa/docqa/rules"
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
		t.Fatalf("LintPrinter: %v", err)
	}
	if err := closeAll(); err != nil {
		t.Error(err)
	}
	if got, err := os.ReadFile(path); string(got) != "json\n" || err != nil {
		t.Errorf("a run that did not end wrote %q (%v)", got, err)
	}
}

// chunkPrinter is a report.Printer writing chunk to w for each document,
// between "begin" and "end" lines.
type chunkPrinter struct {
	w     io.Writer
	chunk []byte
	err   error // the first error a write returned
}

func (p *chunkPrinter) write(b []byte) error {
	_, err := p.w.Write(b)
	if p.err == nil {
		p.err = err
	}
	return err
}

func (p *chunkPrinter) Begin() error { return p.write([]byte("begin\n")) }
func (p *chunkPrinter) File(*document.Document, []rules.Finding) error {
	return p.write(p.chunk)
}
func (p *chunkPrinter) End(report.Summary) error { return p.write([]byte("end\n")) }

// chunkPrinters returns a function making chunkPrinters for lintPrinter,
// and the printers it made.
func chunkPrinters(chunk []byte) (func(string, io.Writer) (report.Printer, error), *[]*chunkPrinter) {
	var made []*chunkPrinter
	return func(_ string, w io.Writer) (report.Printer, error) {
		p := &chunkPrinter{w: w, chunk: chunk}
		made = append(made, p)
		return p, nil
	}, &made
}

// tempFiles returns the temporary files in dir, which must be none once
// the outputs are closed.
func tempFiles(t *testing.T, dir string) []string {
	t.Helper()
	tmp, err := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	if err != nil {
		t.Fatal(err)
	}
	return tmp
}

// TestFileOutputs: an output to a file is written to a temporary file
// beside it as the run goes, and replaces the file (a new file, renamed
// over it) only if the run reaches its end; a run that fails midway leaves
// an existing report as it was, and no temporary file or new folder. A
// file that cannot be written is an error naming it when the outputs are
// closed, and the others are written. The same holds for LintPrinter and
// for Open, Flush and Abort.
func TestFileOutputs(t *testing.T) {
	chunk := []byte(strings.Repeat("A finding of the report.\n", 10000)) // 250 kB
	const docs = 8
	full := "begin\n" + strings.Repeat(string(chunk), docs) + "end\n"
	for _, tt := range []struct {
		name    string
		files   map[string]string // before the run
		folders []string          // before the run
		specs   []string
		ends    bool
		want    map[string]string // after it: "" for no file
		wantErr string
	}{
		{
			name:  "run ends: the report replaced",
			files: map[string]string{"out.json": "old report\n"},
			specs: []string{"text", "json:out.json"},
			ends:  true,
			want:  map[string]string{"out.json": full},
		},
		{
			name:  "run ends: a new report in new folders",
			specs: []string{"json:reports/lint/out.json"},
			ends:  true,
			want:  map[string]string{"reports/lint/out.json": full},
		},
		{
			name:  "run fails midway: the report as it was",
			files: map[string]string{"out.json": "old report\n"},
			specs: []string{"text", "json:out.json", "sarif:out.sarif"},
			want:  map[string]string{"out.json": "old report\n", "out.sarif": ""},
		},
		{
			name:  "run fails midway: no new folder",
			specs: []string{"json:reports/lint/out.json", "sarif:reports/out.sarif"},
			want:  map[string]string{"reports": ""},
		},
		{
			name:    "a file that cannot be written: the others are",
			files:   map[string]string{"out.json": "old report\n"},
			folders: []string{"folder"},
			specs:   []string{"text", "sarif:folder", "json:out.json"},
			ends:    true,
			want:    map[string]string{"out.json": full},
			wantErr: "writing folder: is a folder, not a file",
		},
	} {
		for _, api := range []string{"LintPrinter", "Sink"} {
			t.Run(api+": "+tt.name, func(t *testing.T) {
				dir := t.TempDir()
				t.Chdir(dir)
				testfs.Write(t, dir, tt.files)
				for _, name := range tt.folders {
					if err := os.Mkdir(name, 0o777); err != nil {
						t.Fatal(err)
					}
				}
				before := map[string]os.FileInfo{}
				for name := range tt.files {
					before[name], _ = os.Stat(name)
				}
				outs, err := Parse(tt.specs)
				if err != nil {
					t.Fatal(err)
				}
				var stdout bytes.Buffer
				plan := writeplan.New(context.Background(), &stdout, io.Discard)
				Plan(plan, outs)
				if err := plan.Check(); err != nil {
					t.Fatal(err)
				}

				// midway checks that the files are as they were and that
				// the bytes written so far are on disk, in temporary
				// files.
				midway := func() {
					t.Helper()
					for name, text := range tt.files {
						if got := readFile(t, name); got != text {
							t.Errorf("%s changed before the run ended: %q", name, got)
						}
					}
					var onDisk int64
					for _, out := range outs {
						if out.Path == "" || slices.Contains(tt.folders, out.Path) {
							continue
						}
						tmp := tempFiles(t, filepath.Dir(out.Path))
						for _, name := range tmp {
							if fi, err := os.Stat(name); err == nil {
								onDisk += fi.Size()
							}
						}
						if len(tmp) == 0 {
							t.Errorf("no temporary file beside %s", out.Path)
						}
					}
					if onDisk == 0 {
						t.Error("nothing written to disk as the run goes")
					}
				}

				var closeErr error
				switch api {
				case "LintPrinter":
					newPrinter, made := chunkPrinters(chunk)
					p, closeAll, err := lintPrinter(outs, &stdout, newPrinter)
					if err != nil {
						t.Fatal(err)
					}
					if err := p.Begin(); err != nil {
						t.Fatal(err)
					}
					for range docs {
						if err := p.File(nil, nil); err != nil {
							t.Fatal(err)
						}
					}
					midway()
					if tt.ends {
						if err := p.End(report.Summary{}); err != nil {
							t.Fatal(err)
						}
					}
					closeErr = closeAll()
					if err := closeAll(); err != nil {
						t.Errorf("second close: %v", err)
					}
					for _, p := range *made {
						if p.err != nil {
							t.Errorf("a printer's write failed: %v", p.err)
						}
					}
				case "Sink":
					sinks := Open(outs, &stdout)
					for _, s := range sinks {
						p := &chunkPrinter{w: s.Writer(), chunk: chunk}
						p.Begin()
						for range docs {
							p.File(nil, nil)
						}
						if tt.ends {
							p.End(report.Summary{})
						}
						if p.err != nil {
							t.Errorf("a write failed: %v", p.err)
						}
					}
					midway()
					if tt.ends {
						closeErr = Flush(sinks)
					}
					Abort(sinks)
				}

				if (closeErr == nil) != (tt.wantErr == "") || closeErr != nil && closeErr.Error() != tt.wantErr {
					t.Errorf("error %v, want %q", closeErr, tt.wantErr)
				}
				for name, want := range tt.want {
					data, err := os.ReadFile(name)
					switch {
					case want == "" && !os.IsNotExist(err):
						t.Errorf("%s written (%v)", name, err)
					case want != "" && string(data) != want:
						t.Errorf("%s: %d bytes (%v), want %d", name, len(data), err, len(want))
					case want == full && before[name] != nil:
						if after, err := os.Stat(name); err != nil || os.SameFile(before[name], after) {
							t.Errorf("%s written in place, not replaced (%v)", name, err)
						}
					}
				}
				if slices.Contains(tt.specs, "text") && stdout.Len() == 0 {
					t.Error("nothing on standard output")
				}
				err = filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
					if err == nil && strings.HasSuffix(p, ".tmp") {
						t.Errorf("temporary file left: %s", p)
					}
					return err
				})
				if err != nil {
					t.Fatal(err)
				}
			})
		}
	}
}

// TestLargeOutputMemory: a 50 MB output to a file goes to disk as it is
// written, and the heap does not grow by its size.
func TestLargeOutputMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 50 MB")
	}
	const size = 50 << 20
	const bound = 8 << 20
	chunk := bytes.Repeat([]byte("A finding of the report, one of very many.\n"), 64<<10/44)
	docs := size / len(chunk)
	heap := func() (inuse, total uint64) {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapInuse, m.TotalAlloc
	}
	for _, api := range []string{"LintPrinter", "Sink"} {
		t.Run(api, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "out.json")
			outs, err := Parse([]string{"json:" + path})
			if err != nil {
				t.Fatal(err)
			}
			Plan(writeplan.New(context.Background(), io.Discard, io.Discard), outs)

			inuse0, total0 := heap()
			var p report.Printer
			var closeAll func() error
			var sinks []*Sink
			switch api {
			case "LintPrinter":
				newPrinter, _ := chunkPrinters(chunk)
				p, closeAll, err = lintPrinter(outs, io.Discard, newPrinter)
				if err != nil {
					t.Fatal(err)
				}
			case "Sink":
				sinks = Open(outs, io.Discard)
				p = &chunkPrinter{w: sinks[0].Writer(), chunk: chunk}
				closeAll = func() error { return Flush(sinks) }
			}
			if err := p.Begin(); err != nil {
				t.Fatal(err)
			}
			for range docs {
				if err := p.File(nil, nil); err != nil {
					t.Fatal(err)
				}
			}
			if err := p.End(report.Summary{}); err != nil {
				t.Fatal(err)
			}
			inuse1, total1 := heap()
			if grew := int64(inuse1) - int64(inuse0); grew > bound {
				t.Errorf("the heap grew by %d MB for a %d MB output", grew>>20, size>>20)
			}
			if alloc := total1 - total0; alloc > bound {
				t.Errorf("%d MB allocated for a %d MB output", alloc>>20, size>>20)
			}
			if err := closeAll(); err != nil {
				t.Fatal(err)
			}
			if fi, err := os.Stat(path); err != nil || fi.Size() != int64(docs*len(chunk)+len("begin\nend\n")) {
				t.Errorf("%s: %v (%v), want %d bytes", path, fi, err, docs*len(chunk)+len("begin\nend\n"))
			}
		})
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
