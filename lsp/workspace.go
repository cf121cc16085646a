package lsp

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/docqa/docqa/internal/files"

	"github.com/docqa/docqa/config"
	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/goldenfile"
	"github.com/docqa/docqa/internal/inputs"
	"github.com/docqa/docqa/pipeline"
	"github.com/docqa/docqa/rules"
)

// workspace holds what the server knows of the files on disk: the
// configurations (one pipeline.Resolver, made anew when one changes), the
// configuration files that failed to load, and for the configurations
// whose rules look across documents, the census of the workspace folder.
type workspace struct {
	s        *Server
	settings pipeline.Settings

	mu       sync.Mutex
	res      *pipeline.Resolver
	broken   map[string]string // configuration file (absolute) → its error, as last published
	censuses map[*pipeline.Pipeline]*census
}

// census is the counts of the documents of the workspace folder that one
// pipeline checks, with each document's own, so that an edited document's
// counts replace those it had.
type census struct {
	once    sync.Once
	c       rules.Census
	mu      sync.Mutex
	tallies map[string]rules.Tally // absolute path → counts
}

// newWorkspace returns a workspace whose configurations get settings.
func newWorkspace(s *Server, settings pipeline.Settings) *workspace {
	if settings.WorkDir == "" {
		settings.WorkDir, _ = os.Getwd()
	}
	w := &workspace{s: s, settings: settings, broken: map[string]string{}}
	w.reset()
	return w
}

// setWorkDir makes dir the folder relative paths are resolved against.
// The configuration file the settings name stays the one they named: a
// command's --config is relative to the folder it was started in.
func (w *workspace) setWorkDir(dir string) {
	w.mu.Lock()
	if c := w.settings.Config; c != "" && !filepath.IsAbs(c) {
		w.settings.Config = filepath.Join(w.settings.WorkDir, c)
	}
	w.settings.WorkDir = dir
	w.mu.Unlock()
	w.reset()
}

// dir returns the workspace's folder.
func (w *workspace) dir() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.settings.WorkDir
}

// reset forgets every configuration and census: they are read again on
// next use.
func (w *workspace) reset() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.resetLocked()
}

// resetLocked is reset with w.mu held.
func (w *workspace) resetLocked() {
	w.res = pipeline.NewResolver(w.settings)
	w.censuses = map[*pipeline.Pipeline]*census{}
}

// checkContext is what checking one document needs.
type checkContext struct {
	pipe   *pipeline.Pipeline
	root   string // the workspace folder, for golden copies
	golden string // the golden folder
}

// pipelineFor returns the pipeline of the document at path. A
// configuration that fails to load is published as a diagnostic on its
// file, and the document is checked with the defaults meanwhile.
func (w *workspace) pipelineFor(path string) *pipeline.Pipeline {
	w.mu.Lock()
	res := w.res
	w.mu.Unlock()
	p, err := res.For(path)
	if err == nil {
		return p
	}
	w.configFailed(res, err)
	settings := res.Settings()
	settings.Config = ""
	p, err = pipeline.New(nil, settings)
	if err != nil {
		// The command's own --enable or --disable is wrong: nothing
		// checks. Said once per document check, in the log.
		w.s.logf(msgError, "%v", err)
		return nil
	}
	return p
}

// configFailed publishes the error of a configuration that resolver res
// read as a diagnostic on the file, at the line it names, and logs it.
// An error of a resolver that a reload has replaced since is stale: the
// file may be fixed by now. The decision and the diagnostic are made under
// the server's pubMu, as reload's are, so that they are sent in order.
func (w *workspace) configFailed(res *pipeline.Resolver, err error) {
	w.s.pubMu.Lock()
	defer w.s.pubMu.Unlock()
	var ce *config.Error
	file := ""
	if errors.As(err, &ce) && ce.File != "" {
		file = ce.File
		if !filepath.IsAbs(file) {
			file = filepath.Join(w.dir(), file)
		}
	}
	w.mu.Lock()
	stale, same := w.res != res, false
	if !stale && file != "" {
		same = w.broken[file] == err.Error()
		w.broken[file] = err.Error()
	}
	w.mu.Unlock()
	if stale {
		return
	}
	w.s.logf(msgError, "%v (checking with the defaults until it is fixed)", err)
	if file == "" || same {
		return
	}
	line := uint32(0)
	if ce.Line > 0 {
		line = uint32(ce.Line - 1)
	}
	msg := ce.Msg
	if ce.Err != nil && msg == "" {
		msg = ce.Err.Error()
	}
	w.s.send("textDocument/publishDiagnostics", PublishDiagnosticsParams{URI: pathURI(file), Diagnostics: []Diagnostic{{
		Range:    Range{Start: Position{Line: line}, End: Position{Line: line + 1}},
		Severity: SeverityError,
		Code:     "docqa/config",
		Source:   "docqa",
		Message:  msg + " (docqa checks documents with its defaults until this is fixed)",
	}}})
}

// reload forgets the configurations and reads again those of the open
// documents at paths: one still broken has its error published at once,
// whether or not the client pulls the documents' diagnostics, and one
// that failed before and loads now loses its diagnostic.
func (w *workspace) reload(paths []string) {
	w.mu.Lock()
	broken := w.broken
	w.broken = map[string]string{}
	w.resetLocked()
	res := w.res
	w.mu.Unlock()
	for _, p := range paths {
		if _, err := res.For(p); err != nil {
			w.configFailed(res, err)
		}
	}
	w.s.pubMu.Lock()
	defer w.s.pubMu.Unlock()
	w.mu.Lock()
	var fixed []string
	for file := range broken {
		if _, still := w.broken[file]; !still {
			fixed = append(fixed, file)
		}
	}
	w.mu.Unlock()
	for _, file := range fixed {
		w.s.send("textDocument/publishDiagnostics", PublishDiagnosticsParams{URI: pathURI(file), Diagnostics: []Diagnostic{}})
	}
}

// censusFor returns p's census of the workspace folder, counted on first
// use from the files on disk, or nil if no rule of p looks across
// documents.
func (w *workspace) censusFor(p *pipeline.Pipeline) *census {
	if !p.Linter().Across() {
		return nil
	}
	w.mu.Lock()
	c := w.censuses[p]
	if c == nil {
		c = &census{tallies: map[string]rules.Tally{}}
		w.censuses[p] = c
	}
	res, dir := w.res, w.settings.WorkDir
	w.mu.Unlock()
	c.once.Do(func() { w.count(c, p, res, dir) })
	return c
}

// count adds to c the documents below dir that p checks.
func (w *workspace) count(c *census, p *pipeline.Pipeline, res *pipeline.Resolver, dir string) {
	var notes strings.Builder
	ins, _ := inputs.Collect([]string{dir}, "", &notes)
	for _, in := range ins {
		if q, err := res.For(in.Path); err != nil || q != p {
			continue
		}
		data, err := os.ReadFile(in.Path)
		if err != nil {
			continue
		}
		if _, err := inputs.Refuse(in, data, document.MaxSize, "counted", true); err != nil {
			continue
		}
		abs, _ := filepath.Abs(in.Path)
		c.replace(abs, p.Tally(p.Load(in.Path, data)))
	}
	if notes.Len() > 0 {
		w.s.logf(msgInfo, "counting the workspace's spellings: %s", strings.TrimSpace(notes.String()))
	}
}

// remove takes the document at path out of the counts, and reports
// whether it was in them.
func (c *census) remove(path string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	old, ok := c.tallies[path]
	if ok {
		c.c.Remove(old)
		delete(c.tallies, path)
	}
	return ok
}

// replace makes t the counts of the document at path, and reports
// whether they changed.
func (c *census) replace(path string, t rules.Tally) (changed bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	old, ok := c.tallies[path]
	if ok && old.Equal(t) {
		return false
	}
	if ok {
		c.c.Remove(old)
	}
	c.tallies[path] = t
	c.c.Add(t)
	return true
}

// golden returns the golden copy of the document at path, or nil if it has
// none.
func (w *workspace) golden(path string, cc *checkContext) (name string, data []byte) {
	if cc.root == "" {
		return "", nil
	}
	g, err := goldenfile.Path(cc.root, cc.golden, path)
	if err != nil {
		return "", nil
	}
	if !filepath.IsAbs(g) {
		g = filepath.Join(cc.root, g)
	}
	data, err = os.ReadFile(g)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			w.s.logf(msgError, "reading the golden copy: %v", err)
		}
		return "", nil
	}
	return g, data
}

// rootOf returns the workspace folder holding path, "" if none does.
func (s *Server) rootOf(path string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	best := ""
	for _, r := range s.roots {
		if rel, err := filepath.Rel(r, path); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && len(r) > len(best) {
			best = r
		}
	}
	return best
}

// filesChanged reacts to files changed on disk or saved: a configuration
// (or a file it may include) reloads every configuration; a golden copy
// or a document counted by a census checks the open documents again.
func (s *Server) filesChanged(uris []string) {
	reload, recheck := false, false
	for _, uri := range uris {
		p, ok := uriPath(uri)
		if !ok {
			continue
		}
		// A source of quotations changed on disk: its sets are read again.
		s.ws.mu.Lock()
		res := s.ws.res
		s.ws.mu.Unlock()
		if res != nil && res.ForgetSources(p) {
			recheck = true
		}
		switch ext := strings.ToLower(filepath.Ext(p)); {
		case filepath.Base(p) == config.FileName || ext == ".yaml" || ext == ".yml":
			reload = true
		case ext == ".md" || ext == ".markdown" || ext == ".txt":
			if s.recount(p) {
				recheck = true
			}
			s.mu.Lock()
			golden := s.goldenDir
			s.mu.Unlock()
			if strings.Contains(filepath.ToSlash(p), "/"+strings.Trim(filepath.ToSlash(golden), "/")+"/") {
				recheck = true
			}
		}
	}
	if reload {
		s.ws.reload(s.openPaths())
	}
	if reload || recheck {
		s.recheckAll()
	}
}

// openPaths returns the paths of the open documents.
func (s *Server) openPaths() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	paths := make([]string, 0, len(s.docs))
	for _, d := range s.docs {
		paths = append(paths, d.path)
	}
	return paths
}

// recount brings the censuses up to date with the document at path as it
// is on disk, saved, changed, created or deleted: counted by the census of
// its configuration if the walk of the workspace folder would find it,
// taken out of every other. A document open in the editor is counted as
// the editor has it, by its checks: it is left alone. recount reports
// whether a census changed.
func (s *Server) recount(path string) bool {
	path = filepath.Clean(path)
	s.mu.Lock()
	for _, d := range s.docs {
		if d.path == path {
			s.mu.Unlock()
			return false
		}
	}
	s.mu.Unlock()
	w := s.ws
	w.mu.Lock()
	res, dir := w.res, w.settings.WorkDir
	censuses := make(map[*pipeline.Pipeline]*census, len(w.censuses))
	for p, c := range w.censuses {
		censuses[p] = c
	}
	w.mu.Unlock()
	if len(censuses) == 0 {
		return false
	}
	var data []byte
	var q *pipeline.Pipeline
	if walked(dir, path) {
		if b, err := os.ReadFile(path); err == nil {
			in := inputs.Input{File: files.File{Name: filepath.ToSlash(path), Path: path}}
			if _, err := inputs.Refuse(in, b, document.MaxSize, "counted", true); err == nil {
				data = b
				q, _ = res.For(path)
			}
		}
	}
	changed := false
	for p, c := range censuses {
		if p == q {
			changed = c.replace(path, p.Tally(p.Load(path, data))) || changed
		} else {
			changed = c.remove(path) || changed
		}
	}
	return changed
}

// walked reports whether the walk of folder dir that counts a census finds
// the file at path: a document below dir, in no folder it leaves out.
func walked(dir, path string) bool {
	return inputs.IsDocument(path) && inFolder(dir, path)
}

// inFolder reports whether path lies below dir, in no folder that the
// walk of dir leaves out (hidden ones, node_modules): whether an open
// document at path is one of the folder's, counted by its census as the
// editor has it, whatever its name (an unsaved buffer's among them).
func inFolder(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	if err != nil || !filepath.IsLocal(rel) {
		return false
	}
	for _, name := range strings.Split(filepath.Dir(rel), string(filepath.Separator)) {
		if inputs.SkipFolder(name) {
			return false
		}
	}
	return true
}

// registerWatchers asks a client that can to tell the server when
// configurations, documents, golden copies and sources of quotations
// change on disk.
func (s *Server) registerWatchers() {
	s.mu.Lock()
	watch := s.watch
	s.mu.Unlock()
	if !watch {
		return
	}
	s.request("client/registerCapability", RegistrationParams{Registrations: []Registration{{
		ID:     "docqa-files",
		Method: "workspace/didChangeWatchedFiles",
		RegisterOptions: map[string]any{"watchers": []FileSystemWatcher{
			{GlobPattern: "**/" + config.FileName},
			{GlobPattern: "**/*.{yaml,yml}"},
			{GlobPattern: "**/*.{md,markdown,txt}"},
			{GlobPattern: "**/*.{html,htm,xhtml,srt,vtt}"}, // sources of quotations
		}},
	}}})
}
