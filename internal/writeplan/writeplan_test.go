package writeplan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/docqa/docqa/internal/testfs"
)

// TestWritePlanKinds: each output path is written the way its file needs:
// the standard streams by name, special files in place, regular files and
// new paths atomically.
func TestWritePlanKinds(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix paths")
	}
	dir := t.TempDir()
	t.Chdir(dir)
	testfs.Write(t, dir, map[string]string{"regular.json": "{}\n"})
	fifo(t, "pipe")
	for _, link := range [][2]string{{"regular.json", "to-regular"}, {"pipe", "to-pipe"}, {os.DevNull, "to-null"}} {
		if err := os.Symlink(link[0], link[1]); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	if err := os.Mkdir("folder", 0o777); err != nil {
		t.Fatal(err)
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		path  string
		kind  Kind
		lands string // for a file, relative to dir
	}{
		{"", ToStdout, ""},
		{"-", ToStdout, ""},
		{"/dev/stdout", ToStdout, ""},
		{"/dev/fd/1", ToStdout, ""},
		{"/proc/self/fd/1", ToStdout, ""},
		{"/dev/stderr", ToStderr, ""},
		{"/dev/fd/2", ToStderr, ""},
		{"/dev/fd/99", ToSpecial, ""}, // not open: writing fails, creating nothing
		{"/dev/null", ToSpecial, ""},
		{"pipe", ToSpecial, ""},
		{"to-pipe", ToSpecial, ""},
		{"to-null", ToSpecial, ""},
		{"regular.json", ToFile, "regular.json"},
		{"./to-regular", ToFile, "regular.json"},
		{"new.json", ToFile, "new.json"},
		{"new/folders/new.json", ToFile, "new/folders/new.json"},
		{"folder", ToFile, "folder"}, // writing it fails: "is a folder"
	} {
		d := New(context.Background(), io.Discard, io.Discard).Output("-o "+tt.path, tt.path)
		if d.kind != tt.kind {
			t.Errorf("%q: kind %d, want %d", tt.path, d.kind, tt.kind)
		}
		if tt.lands != "" && d.lands != filepath.Join(real, tt.lands) {
			t.Errorf("%q: lands at %s, want %s", tt.path, d.lands, filepath.Join(real, tt.lands))
		}
	}
}

// TestWritePlanFolders: an output is refused in an input folder when a
// walk of the folder would lint it: a .txt, .md or .markdown file, not in
// a hidden folder or node_modules, however the folder or the output is
// reached.
func TestWritePlanFolders(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	testfs.Write(t, dir, map[string]string{"docs/a.md": "A story.\n", "docs2/b.md": "A story.\n"})
	if err := os.Symlink("docs", "alias"); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	for _, tt := range []struct {
		folder, output string
		refused        bool
	}{
		{"docs", "docs/new.md", true},
		{"docs", "docs/new.MARKDOWN", true},
		{"docs", "docs/sub/new.txt", true},
		{"docs/", "./docs/new.md", true},
		{"alias", "docs/new.md", true},
		{"docs", "alias/new.md", true},
		{".", "docs/new.md", true},
		{"docs", "docs/report.json", false},
		{"docs", "docs/.cache/new.md", false},
		{"docs", "docs/sub/node_modules/new.md", false},
		{"docs", "docs2/new.md", false},
		{"docs", "new.md", false},
		{"docs/a.md", "docs/new.md", false}, // a file, not a folder
	} {
		plan := New(context.Background(), io.Discard, io.Discard)
		plan.IsDocument = func(name string) bool {
			ext := strings.ToLower(filepath.Ext(name))
			return ext == ".txt" || ext == ".md" || ext == ".markdown"
		}
		plan.SkipFolder = func(name string) bool { return strings.HasPrefix(name, ".") || name == "node_modules" }
		plan.ReadFolder(tt.folder, tt.folder)
		plan.Output("--format text:"+tt.output, tt.output)
		err := plan.Check()
		if refused := err != nil; refused != tt.refused {
			t.Errorf("folder %s, output %s: error %v, want refused %v", tt.folder, tt.output, err, tt.refused)
		}
		if err != nil && !strings.Contains(err.Error(), "--format text:"+tt.output+" would write a ") {
			t.Errorf("folder %s, output %s: error %v", tt.folder, tt.output, err)
		}
	}
}

// TestWriteInPlaceInterrupted: opening a named pipe that no one reads
// waits; an interrupt ends the wait.
func TestWriteInPlaceInterrupted(t *testing.T) {
	t.Chdir(t.TempDir())
	fifo(t, "pipe")
	t.Cleanup(func() {
		// Let the abandoned open end: a reader that goes away at once.
		if r, err := os.OpenFile("pipe", os.O_RDONLY|syscall.O_NONBLOCK, 0); err == nil {
			time.Sleep(10 * time.Millisecond)
			r.Close()
		}
	})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	done := make(chan error, 1)
	go func() { done <- writeInPlace(ctx, "pipe", []byte("data\n")) }()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error %v, want context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the interrupt did not end the write")
	}
}

// fifo makes a named pipe at path, or skips the test where it cannot.
func fifo(t *testing.T, path string) {
	t.Helper()
	mkfifo, err := exec.LookPath("mkfifo")
	if err != nil {
		t.Skip("no mkfifo")
	}
	if out, err := exec.Command(mkfifo, path).CombinedOutput(); err != nil {
		t.Skipf("mkfifo: %v: %s", err, out)
	}
}

// TestStream: a Stream to a regular file writes a temporary file beside
// it as it goes and replaces the file at Commit; one to standard output,
// standard error or a special file is held and written whole at Commit, as
// Write writes it. Abort, or Abort after Commit, leaves each as Commit left
// it or as it was, and no temporary file.
func TestStream(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix paths")
	}
	for _, tt := range []struct {
		path   string
		commit bool
	}{
		{"out.json", true},
		{"out.json", false},
		{"new/out.json", true},
		{"new/out.json", false},
		{"-", true},
		{"-", false},
		{"/dev/stderr", true},
		{"/dev/stderr", false},
		{os.DevNull, true},
	} {
		t.Run(fmt.Sprintf("%s commit %v", tt.path, tt.commit), func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir)
			testfs.Write(t, dir, map[string]string{"out.json": "old\n"})
			var stdout, stderr bytes.Buffer
			p := New(context.Background(), &stdout, &stderr)
			d := p.Output("--format json:"+tt.path, tt.path)
			if err := p.Check(); err != nil {
				t.Fatal(err)
			}
			s, err := d.Create()
			if err != nil {
				t.Fatal(err)
			}
			defer s.Abort()
			if _, err := io.WriteString(s, "new\n"); err != nil {
				t.Fatal(err)
			}
			written := func() string {
				switch d.Kind() {
				case ToStdout:
					return stdout.String()
				case ToStderr:
					return stderr.String()
				case ToSpecial:
					return "new\n" // what a device does with it is its own
				}
				data, err := os.ReadFile(tt.path)
				if err != nil {
					return ""
				}
				return string(data)
			}
			was := map[string]string{"out.json": "old\n"}[tt.path]
			if d.Kind() != ToSpecial && written() != was {
				t.Errorf("written before Commit: %q", written())
			}
			if tt.commit {
				if err := s.Commit(); err != nil {
					t.Fatal(err)
				}
				was = "new\n"
			}
			s.Abort()
			if got := written(); got != was {
				t.Errorf("%s holds %q, want %q", tt.path, got, was)
			}
			if tmp, _ := filepath.Glob(filepath.Join(filepath.Dir(tt.path), ".*.tmp")); len(tmp) > 0 {
				t.Errorf("temporary files left: %v", tmp)
			}
			if _, err := os.Stat("new"); err == nil && !tt.commit {
				t.Error("a folder made for nothing")
			}
		})
	}
}

// TestStreamCreateError: a regular file that cannot be written is
// Create's error, with the message Write gives.
func TestStreamCreateError(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.Mkdir("folder", 0o777); err != nil {
		t.Fatal(err)
	}
	p := New(context.Background(), io.Discard, io.Discard)
	d := p.Output("--format json:folder", "folder")
	s, err := d.Create()
	if want := "writing folder: is a folder, not a file"; s != nil || err == nil || err.Error() != want {
		t.Errorf("Create = %v, %v; want %q", s, err, want)
	}
	if werr := d.Write([]byte("new\n")); werr == nil || err == nil || werr.Error() != err.Error() {
		t.Errorf("Write = %v, Create %v: want the same error", werr, err)
	}
}

// TestWritePlanSources: no output overwrites a source of quotations, or
// puts a file read as a source into a folder of them, whether the source
// is recorded before Check or as the run goes (a document's front matter
// names it): then the file is refused when it is written, left as it was,
// with no temporary file.
func TestWritePlanSources(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix paths")
	}
	for _, tt := range []struct {
		output string
		want   string // the error, "" for none
	}{
		{"press.txt", "would overwrite the source press.txt"},
		{"./press.txt", "would overwrite the source press.txt"},
		{"link.json", "would overwrite the source press.txt"},
		{"hard.json", "would overwrite the source press.txt"},
		{"site/page.html", "would overwrite the source site/page.html"},
		{"site/new.html", "would write a .html file into the source folder site, where docqa reads it as a source: write it elsewhere"},
		{"site/sub/new.vtt", "would write a .vtt file into the source folder site, where docqa reads it as a source: write it elsewhere"},
		{"site/report.json", ""},
		{"site/.cache/new.html", ""},
		{"report.json", ""},
		{"new.txt", ""},
	} {
		for _, late := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s late %v", tt.output, late), func(t *testing.T) {
				dir := t.TempDir()
				t.Chdir(dir)
				testfs.Write(t, dir, map[string]string{"press.txt": "old\n", "site/page.html": "old\n", "report.json": "old\n"})
				if err := os.Symlink("press.txt", "link.json"); err != nil {
					t.Skipf("no symbolic links here: %v", err)
				}
				if err := os.Link("press.txt", "hard.json"); err != nil {
					t.Skipf("no hard links here: %v", err)
				}
				plan := New(context.Background(), io.Discard, io.Discard)
				plan.SkipFolder = func(name string) bool { return strings.HasPrefix(name, ".") }
				plan.IsSource = func(name string) bool {
					ext := filepath.Ext(name)
					return ext == ".txt" || ext == ".html" || ext == ".vtt"
				}
				record := func() {
					// As the run's workers do.
					done := make(chan bool)
					for _, src := range []string{"press.txt", "site", "press.txt"} {
						go func() { plan.ReadSource(src, filepath.Join(dir, src)); done <- true }()
					}
					for range 3 {
						<-done
					}
				}
				if !late {
					record()
				}
				d := plan.Output("--format text:"+tt.output, tt.output)
				err := plan.Check()
				var s *Stream
				if err == nil {
					if s, err = d.Create(); err != nil {
						t.Fatal(err)
					}
					defer s.Abort()
					io.WriteString(s, "new\n")
					if late {
						record()
					}
					err = s.Commit()
				}
				want := ""
				if tt.want != "" {
					want = "--format text:" + tt.output + " " + tt.want
				}
				if got := fmt.Sprint(err); (err != nil || want != "") && got != want {
					t.Errorf("error %v, want %q", err, want)
				}
				if late && err == nil {
					if werr := d.Write([]byte("new\n")); werr != nil {
						t.Errorf("Write: %v", werr)
					}
				} else if late {
					if werr := d.Write([]byte("new\n")); fmt.Sprint(werr) != want {
						t.Errorf("Write: %v, want %q", werr, want)
					}
				}
				for _, name := range []string{"press.txt", "site/page.html"} {
					if data, _ := os.ReadFile(name); string(data) != "old\n" {
						t.Errorf("%s holds %q", name, data)
					}
				}
				for _, d := range []string{".", "site"} {
					if tmp, _ := filepath.Glob(filepath.Join(d, ".*.tmp")); len(tmp) > 0 {
						t.Errorf("temporary files left: %v", tmp)
					}
				}
				for _, name := range []string{"site/new.html", "site/sub/new.vtt"} {
					if want != "" && name == tt.output {
						if _, err := os.Stat(name); err == nil {
							t.Errorf("%s written", name)
						}
					}
				}
			})
		}
	}
}
