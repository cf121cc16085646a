// Package lsp is docqa's language server: it speaks the Language Server
// Protocol 3.17 over a stream (an editor starts "docqa lsp" and talks to
// it over standard input and output) and gives the editor docqa's
// findings as diagnostics while the writer types, their fixes as code
// actions, the rules' explanations on hover, and, where a golden copy of a
// document exists, the document's drift from it.
//
// Each document is checked through package pipeline, with the nearest
// .docqa.yaml, as "docqa lint" would check the file: the same findings for
// the same text.
package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/pipeline"
)

// DefaultDebounce is the pause after a change before a document is checked
// again, unless the client's initializationOptions set another.
const DefaultDebounce = 200 * time.Millisecond

// Options configure a Server.
type Options struct {
	// Settings are added to every configuration the server resolves
	// (--config, --enable, --disable). Their WorkDir is replaced by the
	// client's first workspace folder when it names one; a relative Config
	// stays relative to the WorkDir given.
	Settings pipeline.Settings
	// Debounce is the pause after a change before the document is checked;
	// 0 means DefaultDebounce, a negative value no pause.
	Debounce time.Duration
	// Log, if not nil, receives the server's log; otherwise the log goes
	// to the client as window/logMessage notifications. Never standard
	// output, which carries the protocol.
	Log io.Writer
	// Version is docqa's version, for serverInfo.
	Version string
}

// ErrExitWithoutShutdown is what Run returns when the client sent exit
// before shutdown, or went away (closed the stream) without either: the
// process should exit with status 1.
var ErrExitWithoutShutdown = errors.New("exit without shutdown")

// The server's lifecycle states.
const (
	stateNew = iota
	stateInitialized
	stateShutdown
)

// Server is a language server over one stream. Make one with NewServer and
// call Run once.
type Server struct {
	opts Options
	in   *bufio.Reader
	out  *writer

	// pubMu orders the diagnostics sent about a document or a
	// configuration: whether a check (a configuration's error) is still
	// the current one is decided, and its diagnostics are written, under
	// it. It is taken before mu and the workspace's.
	pubMu sync.Mutex

	mu        sync.Mutex
	closed    bool // Run has returned, or is returning: nothing more is checked
	state     int
	enc       document.Unit
	pull      bool // the client pulls diagnostics
	refresh   bool // it accepts workspace/diagnostic/refresh
	watch     bool // it registers file watchers dynamically
	debounce  time.Duration
	goldenDir string
	languages map[string]document.Format
	roots     []string // workspace folders, absolute
	docs      map[string]*openDoc
	ws        *workspace
	inflight  map[string]context.CancelFunc
	nextID    int64
	requests  sync.WaitGroup
}

// NewServer returns a server that reads the client's messages from in and
// writes its own to out.
func NewServer(in io.Reader, out io.Writer, opts Options) *Server {
	s := &Server{
		opts:      opts,
		in:        bufio.NewReaderSize(in, 64<<10),
		out:       &writer{w: out},
		enc:       document.UTF16,
		debounce:  opts.Debounce,
		goldenDir: "golden",
		docs:      map[string]*openDoc{},
		inflight:  map[string]context.CancelFunc{},
	}
	if s.debounce == 0 {
		s.debounce = DefaultDebounce
	}
	s.ws = newWorkspace(s, opts.Settings)
	return s
}

// Run serves the client until it sends exit, the stream ends or ctx is
// done. It returns nil after shutdown and exit, ErrExitWithoutShutdown
// after an exit or the end of the stream without shutdown, ctx's error
// when ctx is done, and an error wrapping ErrFraming when a message's
// header cannot be read (the stream is then out of step and cannot go
// on). Messages are handled in the order they arrive; requests that wait
// for a check run concurrently, each cancellable with $/cancelRequest.
func (s *Server) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	msgs := make(chan []byte)
	errc := make(chan error, 1)
	go func() {
		for {
			body, err := ReadMessage(s.in)
			if errors.Is(err, ErrTooLarge) {
				// A document too large to take (a request too, which
				// then gets no answer); the stream is in step.
				s.logf(msgError, "%v: a document that large is not checked", err)
				continue
			}
			if err != nil {
				errc <- err
				return
			}
			select {
			case msgs <- body:
			case <-ctx.Done():
				return
			}
		}
	}()
	defer s.stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case err := <-errc:
			if err == io.EOF || err == io.ErrUnexpectedEOF {
				s.logf(msgInfo, "the client closed the stream")
				if s.isShutdown() {
					return nil
				}
				return ErrExitWithoutShutdown
			}
			if errors.Is(err, ErrFraming) {
				// The stream is out of step: say so, and stop.
				s.replyError(json.RawMessage("null"), errorf(CodeParseError, "%v", err))
			}
			return fmt.Errorf("reading a message: %w", err)
		case body := <-msgs:
			if exit, err := s.handle(ctx, body); exit {
				return err
			}
		}
	}
}

// stop cancels the requests in flight, stops the timers of the open
// documents, waits for the requests to answer and closes the output: a
// check still running writes nothing once Run has returned, and none
// starts.
func (s *Server) stop() {
	s.mu.Lock()
	s.closed = true
	for _, c := range s.inflight {
		c()
	}
	for _, d := range s.docs {
		d.stopTimer()
	}
	s.mu.Unlock()
	s.requests.Wait()
	s.out.close()
}

// isShutdown reports whether the client asked for shutdown.
func (s *Server) isShutdown() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state == stateShutdown
}

// handle handles one message. It reports exit after the exit
// notification, with the error Run returns.
func (s *Server) handle(ctx context.Context, body []byte) (exit bool, err error) {
	var m message
	merr := json.Unmarshal(body, &m)
	if merr == nil && !validID(m.ID) {
		merr = fmt.Errorf("an id is a number or a string, not %s", m.ID)
	}
	if merr != nil {
		if !json.Valid(body) {
			s.replyError(json.RawMessage("null"), errorf(CodeParseError, "the message is not JSON: %v", merr))
		} else {
			s.replyError(readableID(body), errorf(CodeInvalidRequest, "not a JSON-RPC message: %v", merr))
		}
		return false, nil
	}
	if m.Method == "" {
		if len(m.ID) == 0 {
			s.replyError(json.RawMessage("null"), errorf(CodeInvalidRequest, "a message with neither a method nor an id"))
		}
		return false, nil // a response to a request of the server's
	}
	if m.Method == "exit" {
		if s.isShutdown() {
			return true, nil
		}
		return true, ErrExitWithoutShutdown
	}
	if !m.isRequest() {
		s.notify(m.Method, m.Params)
		return false, nil
	}
	s.mu.Lock()
	state := s.state
	s.mu.Unlock()
	switch {
	case m.Method == "initialize":
		if state != stateNew {
			s.replyError(m.ID, errorf(CodeInvalidRequest, "initialize sent twice"))
			return false, nil
		}
		res, rerr := s.initialize(m.Params)
		s.reply(m.ID, res, rerr)
		return false, nil
	case state == stateNew:
		s.replyError(m.ID, errorf(CodeServerNotInitialized, "%s before initialize", m.Method))
		return false, nil
	case state == stateShutdown:
		s.replyError(m.ID, errorf(CodeInvalidRequest, "%s after shutdown", m.Method))
		return false, nil
	case m.Method == "shutdown":
		s.mu.Lock()
		s.state = stateShutdown
		s.mu.Unlock()
		s.reply(m.ID, nil, nil)
		return false, nil
	}
	h, ok := requestHandlers[m.Method]
	if !ok {
		s.replyError(m.ID, errorf(CodeMethodNotFound, "method not found: %s", m.Method))
		return false, nil
	}
	rctx, cancel := context.WithCancel(ctx)
	key := string(m.ID)
	s.mu.Lock()
	s.inflight[key] = cancel
	s.mu.Unlock()
	s.requests.Add(1)
	go func() {
		defer s.requests.Done()
		defer func() {
			s.mu.Lock()
			delete(s.inflight, key)
			s.mu.Unlock()
			cancel()
		}()
		res, rerr := s.call(rctx, h, m)
		if rctx.Err() != nil && rerr == nil {
			rerr = errorf(CodeRequestCancelled, "%s cancelled", m.Method)
		}
		s.reply(m.ID, res, rerr)
	}()
	return false, nil
}

// validID reports whether id, as sent, is absent or one JSON-RPC allows:
// a number, a string or null.
func validID(id json.RawMessage) bool {
	if len(id) == 0 || string(id) == "null" {
		return true
	}
	return id[0] == '"' || id[0] == '-' || id[0] >= '0' && id[0] <= '9'
}

// readableID returns the id of a message that is JSON but not a valid
// message, if it has a valid one, else null: the id an error answers.
func readableID(body []byte) json.RawMessage {
	var m struct {
		ID json.RawMessage `json:"id"`
	}
	if json.Unmarshal(body, &m) != nil || len(m.ID) == 0 || !validID(m.ID) {
		return json.RawMessage("null")
	}
	return m.ID
}

// requestHandler answers a request.
type requestHandler func(s *Server, ctx context.Context, params json.RawMessage) (any, *ResponseError)

// requestHandlers are the requests the server answers after initialize.
var requestHandlers = map[string]requestHandler{
	"textDocument/diagnostic": (*Server).diagnostic,
	"textDocument/codeAction": (*Server).codeAction,
	"textDocument/hover":      (*Server).hover,
}

// call runs a handler, turning a panic into an internal error: a bug in
// one request must not take the editor's server down.
func (s *Server) call(ctx context.Context, h requestHandler, m message) (res any, rerr *ResponseError) {
	defer func() {
		if p := recover(); p != nil {
			s.logf(msgError, "%s: internal error: %v", m.Method, p)
			res, rerr = nil, errorf(CodeInternalError, "%s: internal error: %v", m.Method, p)
		}
	}()
	return h(s, ctx, m.Params)
}

// notify handles a notification. Unknown ones are ignored, as the
// protocol asks.
func (s *Server) notify(method string, params json.RawMessage) {
	defer func() {
		if p := recover(); p != nil {
			s.logf(msgError, "%s: internal error: %v", method, p)
		}
	}()
	if method == "$/cancelRequest" {
		var p CancelParams
		if json.Unmarshal(params, &p) == nil {
			s.mu.Lock()
			if c := s.inflight[string(p.ID)]; c != nil {
				c()
			}
			s.mu.Unlock()
		}
		return
	}
	s.mu.Lock()
	state := s.state
	s.mu.Unlock()
	if state != stateInitialized {
		return // before initialize or after shutdown: dropped
	}
	var err error
	switch method {
	case "initialized":
		s.registerWatchers()
	case "textDocument/didOpen":
		var p DidOpenTextDocumentParams
		if err = json.Unmarshal(params, &p); err == nil {
			s.didOpen(p)
		}
	case "textDocument/didChange":
		var p DidChangeTextDocumentParams
		if err = json.Unmarshal(params, &p); err == nil {
			err = s.didChange(p)
		}
	case "textDocument/didClose":
		var p DidCloseTextDocumentParams
		if err = json.Unmarshal(params, &p); err == nil {
			s.didClose(p.TextDocument.URI)
		}
	case "textDocument/didSave":
		var p DidCloseTextDocumentParams
		if err = json.Unmarshal(params, &p); err == nil {
			s.filesChanged([]string{p.TextDocument.URI})
		}
	case "workspace/didChangeWatchedFiles":
		var p DidChangeWatchedFilesParams
		if err = json.Unmarshal(params, &p); err == nil {
			uris := make([]string, len(p.Changes))
			for i, c := range p.Changes {
				uris[i] = c.URI
			}
			s.filesChanged(uris)
		}
	}
	if err != nil {
		s.logf(msgError, "%s: %v", method, err)
	}
}

// initialize answers initialize: it reads the client's capabilities and
// settings and says what the server offers.
func (s *Server) initialize(params json.RawMessage) (any, *ResponseError) {
	var p InitializeParams
	if err := json.Unmarshal(params, &p); err != nil {
		return nil, errorf(CodeInvalidParams, "initialize: %v", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	res := InitializeResult{ServerInfo: ServerInfo{Name: "docqa", Version: s.opts.Version}}
	caps := p.Capabilities
	var offered []string
	if caps.General != nil {
		offered = caps.General.PositionEncodings
	}
	name, unit := negotiate(offered)
	if offered == nil && caps.OffsetEncoding != nil {
		name, unit = negotiate(caps.OffsetEncoding)
		res.OffsetEncoding = name
	}
	s.enc = unit
	if td := caps.TextDocument; td != nil && td.Diagnostic != nil {
		s.pull = true
	}
	if w := caps.Workspace; w != nil {
		s.refresh = w.Diagnostics != nil && w.Diagnostics.RefreshSupport
		s.watch = w.DidChangeWatchedFiles != nil && w.DidChangeWatchedFiles.DynamicRegistration
	}
	for _, f := range p.WorkspaceFolders {
		if dir, ok := uriPath(f.URI); ok {
			s.roots = append(s.roots, dir)
		}
	}
	if len(s.roots) == 0 && p.RootURI != nil {
		if dir, ok := uriPath(*p.RootURI); ok {
			s.roots = append(s.roots, dir)
		}
	}
	if len(s.roots) == 0 && p.RootPath != nil && *p.RootPath != "" {
		s.roots = append(s.roots, *p.RootPath)
	}
	if o := p.InitializationOptions; o != nil {
		if o.Debounce != nil {
			s.debounce = time.Duration(*o.Debounce) * time.Millisecond
			if s.debounce <= 0 {
				s.debounce = -1
			}
		}
		if o.GoldenDir != nil && *o.GoldenDir != "" {
			s.goldenDir = *o.GoldenDir
		}
		for id, kind := range o.Languages {
			switch strings.ToLower(kind) {
			case "markdown":
				s.addLanguage(id, document.Markdown)
			case "text", "plaintext":
				s.addLanguage(id, document.Plain)
			default:
				return nil, errorf(CodeInvalidParams, "initializationOptions.languages: %q maps to %q (want markdown or text)", id, kind)
			}
		}
	}
	if len(s.roots) > 0 {
		s.ws.setWorkDir(s.roots[0])
	}
	res.Capabilities = ServerCapabilities{
		PositionEncoding: name,
		TextDocumentSync: TextDocumentSyncOptions{OpenClose: true, Change: 2, Save: true},
		CodeActionProvider: CodeActionOptions{CodeActionKinds: []string{
			KindQuickFix, KindFixAll,
		}},
		HoverProvider: true,
	}
	if s.pull {
		res.Capabilities.DiagnosticProvider = &DiagnosticOptions{Identifier: "docqa", InterFileDependencies: true}
	}
	s.state = stateInitialized
	return res, nil
}

// addLanguage maps a language ID to a format.
func (s *Server) addLanguage(id string, f document.Format) {
	if s.languages == nil {
		s.languages = map[string]document.Format{}
	}
	s.languages[id] = f
}

// negotiate picks the first position encoding of the client's list that
// the server speaks, or UTF-16, the protocol's default.
func negotiate(offered []string) (string, document.Unit) {
	for _, e := range offered {
		switch strings.ToLower(e) {
		case "utf-8":
			return "utf-8", document.Bytes
		case "utf-16":
			return "utf-16", document.UTF16
		case "utf-32":
			return "utf-32", document.CodePoints
		}
	}
	return "utf-16", document.UTF16
}

// reply answers a request with a result or an error.
func (s *Server) reply(id json.RawMessage, result any, rerr *ResponseError) {
	if rerr != nil {
		s.replyError(id, rerr)
		return
	}
	if err := s.out.write(response{JSONRPC: "2.0", ID: id, Result: result}); err != nil {
		s.logf(msgError, "writing a response: %v", err)
	}
}

// replyError answers a request with an error.
func (s *Server) replyError(id json.RawMessage, rerr *ResponseError) {
	if err := s.out.write(errorResponse{JSONRPC: "2.0", ID: id, Error: rerr}); err != nil {
		s.logf(msgError, "writing a response: %v", err)
	}
}

// send sends a notification to the client.
func (s *Server) send(method string, params any) {
	if err := s.out.write(outgoing{JSONRPC: "2.0", Method: method, Params: params}); err != nil && method != "window/logMessage" {
		s.logf(msgError, "writing %s: %v", method, err)
	}
}

// request sends a request to the client, whose answer the server does not
// wait for.
func (s *Server) request(method string, params any) {
	s.mu.Lock()
	s.nextID++
	id := s.nextID
	s.mu.Unlock()
	if err := s.out.write(outgoing{JSONRPC: "2.0", ID: &id, Method: method, Params: params}); err != nil {
		s.logf(msgError, "writing %s: %v", method, err)
	}
}

// The types of window/logMessage.
const (
	msgError = 1
	msgInfo  = 3
)

// logf logs a line: to Options.Log if set, else to the client.
func (s *Server) logf(typ int, format string, args ...any) {
	line := fmt.Sprintf(format, args...)
	if s.opts.Log != nil {
		level := "info"
		if typ == msgError {
			level = "error"
		}
		fmt.Fprintf(s.opts.Log, "%s docqa lsp: %s: %s\n", time.Now().Format(time.RFC3339), level, line)
		return
	}
	s.send("window/logMessage", LogMessageParams{Type: typ, Message: "docqa: " + line})
}
