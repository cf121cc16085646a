// Package writeplan plans the files a docqa command writes against those
// it reads, before it writes anything: no output may overwrite an input
// (however its path is spelt: "./x", a symbolic or hard link), the
// configuration, a baseline or a source of quotations, land where a folder
// walk would lint it or read it as a source, or write the file another
// output writes. The sources a document names are known only once it is
// read: a file is checked against them again when it is written. Each output is then written the
// way its kind of file needs: the standard streams by name, special files
// (devices, named pipes, /dev/fd/N) in place, regular files atomically;
// whole (Destination.Write) or as it is produced (Destination.Create).
package writeplan

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/docqa/docqa/internal/atomicfile"
	"github.com/docqa/docqa/internal/fserr"
)

// Kind is the kind of file an output goes to, which decides how it
// is written.
type Kind int

const (
	// ToFile is a regular file, or a path where there is no file yet. It
	// is replaced atomically (atomicfile.Write, or atomicfile.Create for a
	// Stream); through a symbolic link, the link's target is.
	ToFile Kind = iota
	// ToStdout is standard output: no path, "-", /dev/stdout or
	// /dev/fd/1. It is the command's own standard output.
	ToStdout
	// ToStderr is standard error: /dev/stderr or /dev/fd/2. It is the
	// command's own standard error.
	ToStderr
	// ToSpecial is a file that is not a regular file: a device such as
	// /dev/null, a named pipe, one of the process's descriptors
	// (/dev/fd/N, which a shell's process substitution >(cmd) passes), or
	// a symbolic link to one of these. It is opened and written in place:
	// replacing it with a regular file would break it, and its reader
	// would never see the output.
	ToSpecial
)

// Destination is one file a command writes.
type Destination struct {
	// flag is the flag and value that name the file, for messages:
	// "--format json:out.json", "--write-baseline bl.json", "-o all.json".
	flag string
	// path is the path as given; "" or "-" for standard output.
	path string
	kind Kind
	// at is where the path itself lies (a symbolic link's own place): its
	// folder's real path joined with its name. It tells whether a folder
	// walk would find it.
	at string
	// lands is the file a write replaces: the real path, through symbolic
	// links, or at for a path with no file yet.
	lands string
	// info describes the existing file lands names; nil if there is none.
	info fs.FileInfo

	plan *Plan
}

// planRead is a file a command reads, which no output may overwrite.
type planRead struct {
	what string // for messages: "the input a.md", "the --config file x.yaml"
	path string
	key  string // see FileKey
	info fs.FileInfo
	stat bool // info was looked up (it stays nil for a file that is gone)
}

// planFolder is a folder a command walks for documents: a file with a
// lint extension that appears in it is an input of the next run.
type planFolder struct {
	name string // as reported
	key  string // its real path, see FileKey
}

// Plan holds what one run of a command reads and writes. Before the
// command writes anything, check refuses an output that would overwrite a
// file the run reads, or that another output also writes; then each
// output is written by its Destination's write, in the way its kind of
// file needs.
type Plan struct {
	// IsDocument reports whether a folder walk lints a file of this name;
	// SkipFolder whether it leaves out a folder of this name. Nil: a walk
	// finds nothing.
	IsDocument, SkipFolder func(name string) bool
	// IsSource reports whether a walk of a folder of sources reads a file
	// of this name. Nil: none.
	IsSource func(name string) bool

	ctx            context.Context
	stdout, stderr io.Writer

	reads   []*planRead
	folders []planFolder
	dests   []*Destination

	// sources are the files and folders read as sources of quotations,
	// recorded before Check or as the run goes (ReadSource).
	mu      sync.Mutex
	sources []planSource
	sourced map[string]bool // their paths as recorded and their keys
}

// planSource is a file or folder read as a source of quotations.
type planSource struct {
	name   string // as reported
	key    string // see FileKey
	info   fs.FileInfo
	folder bool
}

// New returns an empty plan for a command whose standard output
// and error are stdout and stderr. Writes to special files end when ctx is
// done: opening a named pipe waits for a reader.
func New(ctx context.Context, stdout, stderr io.Writer) *Plan {
	if ctx == nil {
		ctx = context.Background()
	}
	return &Plan{ctx: ctx, stdout: stdout, stderr: stderr}
}

// ReadKeyed records a file the command reads whose key (see FileKey) the
// caller knows already, described by what ("the input a.md").
func (p *Plan) ReadKeyed(what, path, key string) {
	p.reads = append(p.reads, &planRead{what: what, path: path, key: key})
}

// ReadFolder records a folder the command walks for documents, name as
// reported: a document an output would put there is an input of the next
// run. A path that is no folder is ignored.
func (p *Plan) ReadFolder(name, path string) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		p.folders = append(p.folders, planFolder{name: name, key: FileKey(path)})
	}
}

// readFile records a file the command reads, described by what ("the
// --config file x.yaml"). An empty path and "-" are no file.
func (p *Plan) ReadFile(what, path string) {
	if path == "" || path == "-" {
		return
	}
	p.reads = append(p.reads, &planRead{what: what, path: path, key: FileKey(path)})
}

// ReadSource records a file or folder the command reads as a source of
// quotations, name as reported: no output may overwrite a source, nor put a
// file a walk of a folder of sources reads (see IsSource) into one. A
// command may record one as the run goes, from any goroutine, as a
// document names its sources: a regular file is checked against them
// again when it is written (Destination.Write, Stream.Commit).
func (p *Plan) ReadSource(name, path string) {
	p.mu.Lock()
	seen := p.sourced[path] // every document of a folder names the same
	p.mu.Unlock()
	if seen {
		return
	}
	key := FileKey(path)
	fi, _ := os.Stat(path)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.sourced == nil {
		p.sourced = map[string]bool{}
	}
	known := p.sourced[key]
	p.sourced[path], p.sourced[key] = true, true
	if known {
		return
	}
	p.sources = append(p.sources, planSource{name: name, key: key, info: fi, folder: fi != nil && fi.IsDir()})
}

// output records a file the command writes, named by flag (the flag and
// its value, for messages), and returns its Destination. An empty path
// and "-" are standard output.
func (p *Plan) Output(flag, path string) *Destination {
	d := &Destination{flag: flag, path: path, kind: streamKind(path), plan: p}
	p.dests = append(p.dests, d)
	if d.kind == ToStdout || d.kind == ToStderr {
		return d
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	d.at = filepath.Join(realFolder(dir), base)
	d.lands = d.at
	if fi, err := os.Stat(path); err == nil {
		d.info = fi
		d.lands = FileKey(path)
		if !fi.Mode().IsRegular() && !fi.IsDir() {
			d.kind = ToSpecial
		}
	}
	if isDescriptor(path) {
		// One of the process's open files, whatever it is: a rename would
		// miss the descriptor the shell holds, and creating it is
		// meaningless.
		d.kind = ToSpecial
	}
	return d
}

// realFolder returns the absolute real path of the folder dir, which need
// not exist yet: the real path of the nearest folder above it that exists,
// joined with the rest.
func realFolder(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return filepath.Clean(dir)
	}
	var rest []string
	for p := abs; ; {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(append([]string{real}, rest...)...)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return abs
		}
		rest = append([]string{filepath.Base(p)}, rest...)
		p = parent
	}
}

// streamKind returns ToStdout or ToStderr for a path that names standard
// output or standard error, else ToFile.
func streamKind(path string) Kind {
	if path == "" || path == "-" {
		return ToStdout
	}
	switch filepath.ToSlash(filepath.Clean(path)) {
	case "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1":
		return ToStdout
	case "/dev/stderr", "/dev/fd/2", "/proc/self/fd/2":
		return ToStderr
	}
	return ToFile
}

// isDescriptor reports whether path names one of the process's open
// files: /dev/fd/N or /proc/self/fd/N.
func isDescriptor(path string) bool {
	p := filepath.ToSlash(filepath.Clean(path))
	return strings.HasPrefix(p, "/dev/fd/") || strings.HasPrefix(p, "/proc/self/fd/")
}

// check returns an error if an output would overwrite a file the command
// reads (the same file however it is named: through symbolic links, a
// hard link, "./x" for "x"), would put a document into a folder the
// command walks for documents, or writes a file another output writes
// too. Standard output, standard error and special files are written in
// place, never replaced: they may also be read, but not written twice.
func (p *Plan) Check() error {
	for i, d := range p.dests {
		for _, prev := range p.dests[:i] {
			if err := sameDestination(prev, d); err != nil {
				return err
			}
		}
		if d.kind != ToFile {
			continue
		}
		if r := p.readBy(d); r != nil {
			return fmt.Errorf("%s would overwrite %s", d.flag, r.what)
		}
		if f, ok := p.walkedBy(d); ok {
			return fmt.Errorf("%s would write a %s file into the input folder %s, where docqa lints it: write it elsewhere",
				d.flag, filepath.Ext(d.path), f.name)
		}
		if err := d.checkSources(); err != nil {
			return err
		}
	}
	return nil
}

// checkSources returns an error if d, a regular file or none yet, would
// overwrite a source recorded (see ReadSource), or put a file that a walk
// of a folder of sources reads into one.
func (d *Destination) checkSources() error {
	p := d.plan
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, s := range p.sources {
		if !s.folder {
			if s.key == d.lands || s.info != nil && d.info != nil && os.SameFile(s.info, d.info) {
				return fmt.Errorf("%s would overwrite the source %s", d.flag, s.name)
			}
			continue
		}
		rel, ok := p.below(s.key, d.at)
		if !ok || p.IsSource == nil || !p.IsSource(d.at) {
			continue
		}
		if d.info != nil {
			return fmt.Errorf("%s would overwrite the source %s", d.flag, filepath.Join(s.name, rel))
		}
		return fmt.Errorf("%s would write a %s file into the source folder %s, where docqa reads it as a source: write it elsewhere",
			d.flag, filepath.Ext(d.path), s.name)
	}
	return nil
}

// sameDestination returns the error for d if prev, an earlier output,
// writes the same file or stream.
func sameDestination(prev, d *Destination) error {
	switch {
	case prev.kind == ToStdout && d.kind == ToStdout:
		hint := ""
		if strings.HasPrefix(prev.flag, "--format ") && strings.HasPrefix(d.flag, "--format ") {
			hint = " (FORMAT:PATH)"
		}
		return fmt.Errorf("%s and %s both write to standard output: give all but one a file%s", prev.flag, d.flag, hint)
	case prev.kind == ToStderr && d.kind == ToStderr:
		return fmt.Errorf("%s and %s both write to standard error", prev.flag, d.flag)
	case prev.kind == ToStdout || d.kind == ToStdout || prev.kind == ToStderr || d.kind == ToStderr:
		return nil
	}
	if prev.lands == d.lands || (prev.info != nil && d.info != nil && os.SameFile(prev.info, d.info)) {
		return fmt.Errorf("%s and %s both write %s", prev.flag, d.flag, d.path)
	}
	return nil
}

// readBy returns the file read that d, a regular file or none yet, would
// overwrite, or nil.
func (p *Plan) readBy(d *Destination) *planRead {
	for _, r := range p.reads {
		if r.key == d.lands {
			return r
		}
	}
	if d.info == nil || !mayHaveOtherNames(d.info) {
		return nil // no file, or none with another name, is a file read
	}
	// A hard link is the same file under another name: compare the files
	// themselves. Only an output that exists already, with several links,
	// costs a look-up of each file read.
	for _, r := range p.reads {
		if !r.stat {
			r.info, _ = os.Stat(r.path)
			r.stat = true
		}
		if r.info != nil && os.SameFile(r.info, d.info) {
			return r
		}
	}
	return nil
}

// walkedBy returns the input folder that a walk for documents would find
// d in, a file with a lint extension (see walkFolder: not in a hidden
// folder or node_modules below the folder), and whether there is one.
func (p *Plan) walkedBy(d *Destination) (planFolder, bool) {
	if p.IsDocument == nil || !p.IsDocument(d.at) {
		return planFolder{}, false
	}
	for _, f := range p.folders {
		if _, ok := p.below(f.key, d.at); ok {
			return f, true
		}
	}
	return planFolder{}, false
}

// below returns the path of at relative to the folder dir, both real
// paths, and whether a walk of dir finds it: it lies below dir, in no
// folder the walk leaves out (SkipFolder).
func (p *Plan) below(dir, at string) (string, bool) {
	rel, err := filepath.Rel(dir, at)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	parts := strings.Split(rel, string(filepath.Separator))
	for _, dir := range parts[:len(parts)-1] {
		if p.SkipFolder != nil && p.SkipFolder(dir) {
			return "", false
		}
	}
	return rel, true
}

// Write writes data to the Destination: standard output or error, in
// place for a special file, else atomically, unless it would overwrite a
// source recorded since Check (see ReadSource). Errors name the file.
func (d *Destination) Write(data []byte) error {
	switch d.kind {
	case ToStdout:
		if _, err := d.plan.stdout.Write(data); err != nil {
			return fmt.Errorf("writing standard output: %w", err)
		}
		return nil
	case ToStderr:
		if _, err := d.plan.stderr.Write(data); err != nil {
			return fmt.Errorf("writing standard error: %w", err)
		}
		return nil
	case ToSpecial:
		return writeInPlace(d.plan.ctx, d.path, data)
	}
	if err := d.checkSources(); err != nil {
		return err
	}
	return atomicfile.Write(d.path, data)
}

// writeInPlace writes data into the existing file at path, a device, a
// named pipe or a descriptor, without creating, truncating or replacing
// it; a regular file behind a descriptor (/dev/fd/N of a shell's
// redirection) is appended to. Opening a named pipe waits for a reader, so
// the write happens where ctx can abandon it: an interrupt still ends the
// run.
func writeInPlace(ctx context.Context, path string, data []byte) error {
	done := make(chan error, 1)
	go func() {
		flag := os.O_WRONLY
		if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
			flag |= os.O_APPEND
		}
		f, err := os.OpenFile(path, flag, 0)
		if err != nil {
			done <- err
			return
		}
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("writing %s: %w", path, fserr.Cause(err))
		}
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Stream is an output being written, as its bytes come, to its
// destination, which it replaces only when Commit is called: a failed or
// interrupted run calls Abort and leaves the file as it was. A regular
// file's bytes go to a temporary file beside it (atomicfile.Create), so
// that they need not be held in memory; those of the standard streams and
// of special files are held and written whole by Commit, as Write writes
// them, since these are written in place and a reader would see a failed
// run's part. A Stream is for one goroutine.
type Stream struct {
	d    *Destination
	file *atomicfile.File // a regular file's; nil for the others
	buf  bytes.Buffer     // the others' bytes
	done bool
}

// Create starts writing the destination as a Stream. For a regular file
// it creates the temporary file (and the folders above the file) at once:
// an error, naming the file, says that the path cannot be written, before
// anything is. The plan's Check must have passed.
func (d *Destination) Create() (*Stream, error) {
	s := &Stream{d: d}
	if d.kind == ToFile {
		f, err := atomicfile.Create(d.path)
		if err != nil {
			return nil, err
		}
		s.file = f
	}
	return s, nil
}

// Write implements io.Writer. A regular file's bytes are written to its
// temporary file; an error names the file, and after one, Commit fails.
func (s *Stream) Write(p []byte) (int, error) {
	if s.file != nil {
		return s.file.Write(p)
	}
	if s.done {
		return 0, fmt.Errorf("%s: already committed or aborted", s.d.flag)
	}
	return s.buf.Write(p)
}

// Commit writes the destination with what was written to the stream: it
// replaces a regular file atomically, syncing the temporary file and its
// folder (see atomicfile.File.Commit), unless it would overwrite a source
// recorded since Check (see ReadSource), and writes the others whole, as
// Write does. On failure a regular file is as it was and no temporary file
// is left; errors name the file.
func (s *Stream) Commit() error {
	if s.file != nil {
		if err := s.d.checkSources(); err != nil {
			s.file.Abort()
			return err
		}
		return s.file.Commit()
	}
	if s.done {
		return fmt.Errorf("%s: already committed or aborted", s.d.flag)
	}
	s.done = true
	data := s.buf.Bytes()
	s.buf = bytes.Buffer{}
	return s.d.Write(data)
}

// Abort gives up the stream, leaving the destination as it was: a regular
// file's temporary file is removed. After Commit it does nothing, so that
// a caller can defer it.
func (s *Stream) Abort() {
	if s.file != nil {
		s.file.Abort()
		return
	}
	s.done = true
	s.buf = bytes.Buffer{}
}

// FileKey identifies a file across the spellings of its path ("a.md",
// "./a.md", "/abs/a.md", "link/a.md" through a symbolic link): its real
// absolute path.
func FileKey(path string) string {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return filepath.Clean(path)
}

// Kind returns the kind of file the destination is.
func (d *Destination) Kind() Kind { return d.kind }

// Path returns the destination's path as given; "" or "-" for standard
// output.
func (d *Destination) Path() string { return d.path }
