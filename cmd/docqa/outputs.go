package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/docqa/docqa/internal/atomicfile"
	"github.com/docqa/docqa/internal/fserr"
)

// outputKind is the kind of file an output goes to, which decides how it
// is written.
type outputKind int

const (
	// toFile is a regular file, or a path where there is no file yet. It
	// is replaced atomically (atomicfile.Write); through a symbolic
	// link, the link's target is.
	toFile outputKind = iota
	// toStdout is standard output: no path, "-", /dev/stdout or
	// /dev/fd/1. It is the command's own standard output.
	toStdout
	// toStderr is standard error: /dev/stderr or /dev/fd/2. It is the
	// command's own standard error.
	toStderr
	// toSpecial is a file that is not a regular file: a device such as
	// /dev/null, a named pipe, one of the process's descriptors
	// (/dev/fd/N, which a shell's process substitution >(cmd) passes), or
	// a symbolic link to one of these. It is opened and written in place:
	// replacing it with a regular file would break it, and its reader
	// would never see the output.
	toSpecial
)

// destination is one file a command writes.
type destination struct {
	// flag is the flag and value that name the file, for messages:
	// "--format json:out.json", "--write-baseline bl.json", "-o all.json".
	flag string
	// path is the path as given; "" or "-" for standard output.
	path string
	kind outputKind
	// at is where the path itself lies (a symbolic link's own place): its
	// folder's real path joined with its name. It tells whether a folder
	// walk would find it.
	at string
	// lands is the file a write replaces: the real path, through symbolic
	// links, or at for a path with no file yet.
	lands string
	// info describes the existing file lands names; nil if there is none.
	info fs.FileInfo

	plan *writePlan
}

// planRead is a file a command reads, which no output may overwrite.
type planRead struct {
	what string // for messages: "the input a.md", "the --config file x.yaml"
	path string
	key  string // see fileKey
	info fs.FileInfo
	stat bool // info was looked up (it stays nil for a file that is gone)
}

// planFolder is a folder a command walks for documents: a file with a
// lint extension that appears in it is an input of the next run.
type planFolder struct {
	name string // as reported
	key  string // its real path, see fileKey
}

// writePlan holds what one run of a command reads and writes. Before the
// command writes anything, check refuses an output that would overwrite a
// file the run reads, or that another output also writes; then each
// output is written by its destination's write, in the way its kind of
// file needs.
type writePlan struct {
	ctx            context.Context
	stdout, stderr io.Writer

	reads   []*planRead
	folders []planFolder
	dests   []*destination
}

// newWritePlan returns an empty plan for a command whose standard output
// and error are stdout and stderr. Writes to special files end when ctx is
// done: opening a named pipe waits for a reader.
func newWritePlan(ctx context.Context, stdout, stderr io.Writer) *writePlan {
	if ctx == nil {
		ctx = context.Background()
	}
	return &writePlan{ctx: ctx, stdout: stdout, stderr: stderr}
}

// readInputs records the documents of a run, as collectInputs found them.
func (p *writePlan) readInputs(inputs []input) {
	for _, in := range inputs {
		if !in.stdin {
			p.reads = append(p.reads, &planRead{what: "the input " + in.name, path: in.path, key: in.key})
		}
	}
}

// readFolders records the folders among args, the command line's paths,
// as folders walked for documents.
func (p *writePlan) readFolders(args []string) {
	for _, arg := range args {
		if arg == "-" || arg == "" {
			continue
		}
		if fi, err := os.Stat(arg); err == nil && fi.IsDir() {
			p.folders = append(p.folders, planFolder{name: displayName(arg), key: fileKey(arg)})
		}
	}
}

// readFile records a file the command reads, described by what ("the
// --config file x.yaml"). An empty path and "-" are no file.
func (p *writePlan) readFile(what, path string) {
	if path == "" || path == "-" {
		return
	}
	p.reads = append(p.reads, &planRead{what: what, path: path, key: fileKey(path)})
}

// output records a file the command writes, named by flag (the flag and
// its value, for messages), and returns its destination. An empty path
// and "-" are standard output.
func (p *writePlan) output(flag, path string) *destination {
	d := &destination{flag: flag, path: path, kind: streamKind(path), plan: p}
	p.dests = append(p.dests, d)
	if d.kind == toStdout || d.kind == toStderr {
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
		d.lands = fileKey(path)
		if !fi.Mode().IsRegular() && !fi.IsDir() {
			d.kind = toSpecial
		}
	}
	if isDescriptor(path) {
		// One of the process's open files, whatever it is: a rename would
		// miss the descriptor the shell holds, and creating it is
		// meaningless.
		d.kind = toSpecial
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

// streamKind returns toStdout or toStderr for a path that names standard
// output or standard error, else toFile.
func streamKind(path string) outputKind {
	if path == "" || path == "-" {
		return toStdout
	}
	switch filepath.ToSlash(filepath.Clean(path)) {
	case "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1":
		return toStdout
	case "/dev/stderr", "/dev/fd/2", "/proc/self/fd/2":
		return toStderr
	}
	return toFile
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
func (p *writePlan) check() error {
	for i, d := range p.dests {
		for _, prev := range p.dests[:i] {
			if err := sameDestination(prev, d); err != nil {
				return err
			}
		}
		if d.kind != toFile {
			continue
		}
		if r := p.readBy(d); r != nil {
			return fmt.Errorf("%s would overwrite %s", d.flag, r.what)
		}
		if f, ok := p.walkedBy(d); ok {
			return fmt.Errorf("%s would write a %s file into the input folder %s, where docqa lints it: write it elsewhere",
				d.flag, filepath.Ext(d.path), f.name)
		}
	}
	return nil
}

// sameDestination returns the error for d if prev, an earlier output,
// writes the same file or stream.
func sameDestination(prev, d *destination) error {
	switch {
	case prev.kind == toStdout && d.kind == toStdout:
		hint := ""
		if strings.HasPrefix(prev.flag, "--format ") && strings.HasPrefix(d.flag, "--format ") {
			hint = " (FORMAT:PATH)"
		}
		return fmt.Errorf("%s and %s both write to standard output: give all but one a file%s", prev.flag, d.flag, hint)
	case prev.kind == toStderr && d.kind == toStderr:
		return fmt.Errorf("%s and %s both write to standard error", prev.flag, d.flag)
	case prev.kind == toStdout || d.kind == toStdout || prev.kind == toStderr || d.kind == toStderr:
		return nil
	}
	if prev.lands == d.lands || (prev.info != nil && d.info != nil && os.SameFile(prev.info, d.info)) {
		return fmt.Errorf("%s and %s both write %s", prev.flag, d.flag, d.path)
	}
	return nil
}

// readBy returns the file read that d, a regular file or none yet, would
// overwrite, or nil.
func (p *writePlan) readBy(d *destination) *planRead {
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
func (p *writePlan) walkedBy(d *destination) (planFolder, bool) {
	if !hasLintExtension(d.at) {
		return planFolder{}, false
	}
	for _, f := range p.folders {
		rel, err := filepath.Rel(f.key, d.at)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		skipped := false
		parts := strings.Split(rel, string(filepath.Separator))
		for _, dir := range parts[:len(parts)-1] {
			skipped = skipped || skipFolder(dir)
		}
		if !skipped {
			return f, true
		}
	}
	return planFolder{}, false
}

// write writes data to the destination: standard output or error, in
// place for a special file, else atomically. Errors name the file.
func (d *destination) write(data []byte) error {
	switch d.kind {
	case toStdout:
		if _, err := d.plan.stdout.Write(data); err != nil {
			return fmt.Errorf("writing standard output: %w", err)
		}
		return nil
	case toStderr:
		if _, err := d.plan.stderr.Write(data); err != nil {
			return fmt.Errorf("writing standard error: %w", err)
		}
		return nil
	case toSpecial:
		return writeInPlace(d.plan.ctx, d.path, data)
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
