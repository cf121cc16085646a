package lsp

import "encoding/json"

// The types of the Language Server Protocol 3.17 that the server reads and
// writes: only the fields it uses. Field names and JSON tags follow the
// specification.

// Position is a place in a text document: a 0-based line and a 0-based
// character offset in the negotiated encoding's units.
type Position struct {
	Line      uint32 `json:"line"`
	Character uint32 `json:"character"`
}

// Range is a span of a text document; End is exclusive.
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// Location is a range in a document.
type Location struct {
	URI   string `json:"uri"`
	Range Range  `json:"range"`
}

// TextDocumentIdentifier names a document.
type TextDocumentIdentifier struct {
	URI string `json:"uri"`
}

// TextDocumentItem is an opened document.
type TextDocumentItem struct {
	URI        string `json:"uri"`
	LanguageID string `json:"languageId"`
	Version    int32  `json:"version"`
	Text       string `json:"text"`
}

// VersionedTextDocumentIdentifier names a version of a document.
type VersionedTextDocumentIdentifier struct {
	URI     string `json:"uri"`
	Version int32  `json:"version"`
}

// TextDocumentContentChangeEvent is one change: the replacement of Range
// by Text, or the whole text when Range is nil.
type TextDocumentContentChangeEvent struct {
	Range *Range `json:"range,omitempty"`
	Text  string `json:"text"`
}

// DidOpenTextDocumentParams are textDocument/didOpen's.
type DidOpenTextDocumentParams struct {
	TextDocument TextDocumentItem `json:"textDocument"`
}

// DidChangeTextDocumentParams are textDocument/didChange's.
type DidChangeTextDocumentParams struct {
	TextDocument   VersionedTextDocumentIdentifier  `json:"textDocument"`
	ContentChanges []TextDocumentContentChangeEvent `json:"contentChanges"`
}

// DidCloseTextDocumentParams are textDocument/didClose's and didSave's.
type DidCloseTextDocumentParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
}

// FileEvent is a change to a watched file.
type FileEvent struct {
	URI  string `json:"uri"`
	Type int    `json:"type"` // 1 created, 2 changed, 3 deleted
}

// DidChangeWatchedFilesParams are workspace/didChangeWatchedFiles'.
type DidChangeWatchedFilesParams struct {
	Changes []FileEvent `json:"changes"`
}

// WorkspaceFolder is a root folder of the editor's workspace.
type WorkspaceFolder struct {
	URI  string `json:"uri"`
	Name string `json:"name"`
}

// InitializeParams are what the server reads of initialize's parameters.
type InitializeParams struct {
	ProcessID             *int               `json:"processId"`
	RootURI               *string            `json:"rootUri"`
	RootPath              *string            `json:"rootPath"`
	WorkspaceFolders      []WorkspaceFolder  `json:"workspaceFolders"`
	Capabilities          ClientCapabilities `json:"capabilities"`
	InitializationOptions *InitOptions       `json:"initializationOptions"`
}

// InitOptions are docqa's own settings, sent as initializationOptions.
type InitOptions struct {
	// Debounce is the pause, in milliseconds, after a change before the
	// document is checked (default 200).
	Debounce *int `json:"debounce"`
	// GoldenDir is the folder of golden copies, relative to the workspace
	// folder (default "golden").
	GoldenDir *string `json:"goldenDir"`
	// Languages maps more language IDs to "markdown" or "text".
	Languages map[string]string `json:"languages"`
}

// ClientCapabilities are what the server reads of the client's
// capabilities.
type ClientCapabilities struct {
	General *struct {
		PositionEncodings []string `json:"positionEncodings"`
	} `json:"general"`
	TextDocument *struct {
		Diagnostic *struct {
			DynamicRegistration bool `json:"dynamicRegistration"`
		} `json:"diagnostic"`
		PublishDiagnostics *struct {
			RelatedInformation bool `json:"relatedInformation"`
		} `json:"publishDiagnostics"`
		CodeAction *struct {
			CodeActionLiteralSupport *json.RawMessage `json:"codeActionLiteralSupport"`
		} `json:"codeAction"`
	} `json:"textDocument"`
	Workspace *struct {
		DidChangeWatchedFiles *struct {
			DynamicRegistration bool `json:"dynamicRegistration"`
		} `json:"didChangeWatchedFiles"`
		Diagnostics *struct {
			RefreshSupport bool `json:"refreshSupport"`
		} `json:"diagnostics"`
	} `json:"workspace"`
	// OffsetEncoding is clangd's extension that came before
	// positionEncodings, which Neovim before 0.10 sends.
	OffsetEncoding []string `json:"offsetEncoding"`
}

// InitializeResult is initialize's answer.
type InitializeResult struct {
	Capabilities ServerCapabilities `json:"capabilities"`
	ServerInfo   ServerInfo         `json:"serverInfo"`
	// OffsetEncoding answers a client that asked with clangd's extension.
	OffsetEncoding string `json:"offsetEncoding,omitempty"`
}

// ServerInfo names the server.
type ServerInfo struct {
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
}

// ServerCapabilities are what the server offers.
type ServerCapabilities struct {
	PositionEncoding   string                  `json:"positionEncoding"`
	TextDocumentSync   TextDocumentSyncOptions `json:"textDocumentSync"`
	CodeActionProvider CodeActionOptions       `json:"codeActionProvider"`
	HoverProvider      bool                    `json:"hoverProvider"`
	DiagnosticProvider *DiagnosticOptions      `json:"diagnosticProvider,omitempty"`
	ExecuteCommand     *ExecuteCommandOptions  `json:"executeCommandProvider,omitempty"`
	Workspace          *WorkspaceServerOptions `json:"workspace,omitempty"`
}

// TextDocumentSyncOptions say how documents are synchronised.
type TextDocumentSyncOptions struct {
	OpenClose bool `json:"openClose"`
	Change    int  `json:"change"` // 2: incremental
	Save      bool `json:"save"`
}

// CodeActionOptions list the code action kinds the server returns.
type CodeActionOptions struct {
	CodeActionKinds []string `json:"codeActionKinds"`
}

// DiagnosticOptions offer pulled diagnostics.
type DiagnosticOptions struct {
	Identifier            string `json:"identifier"`
	InterFileDependencies bool   `json:"interFileDependencies"`
	WorkspaceDiagnostics  bool   `json:"workspaceDiagnostics"`
}

// ExecuteCommandOptions list the server's commands.
type ExecuteCommandOptions struct {
	Commands []string `json:"commands"`
}

// WorkspaceServerOptions say the server handles workspace folders.
type WorkspaceServerOptions struct {
	WorkspaceFolders struct {
		Supported bool `json:"supported"`
	} `json:"workspaceFolders"`
}

// Diagnostic is one finding as the editor shows it.
type Diagnostic struct {
	Range              Range                          `json:"range"`
	Severity           int                            `json:"severity"`
	Code               string                         `json:"code"`
	CodeDescription    *CodeDescription               `json:"codeDescription,omitempty"`
	Source             string                         `json:"source"`
	Message            string                         `json:"message"`
	RelatedInformation []DiagnosticRelatedInformation `json:"relatedInformation,omitempty"`
}

// The diagnostic severities.
const (
	SeverityError       = 1
	SeverityWarning     = 2
	SeverityInformation = 3
)

// CodeDescription links to a rule's documentation.
type CodeDescription struct {
	Href string `json:"href"`
}

// DiagnosticRelatedInformation is another place a diagnostic is about.
type DiagnosticRelatedInformation struct {
	Location Location `json:"location"`
	Message  string   `json:"message"`
}

// PublishDiagnosticsParams are textDocument/publishDiagnostics'.
type PublishDiagnosticsParams struct {
	URI         string       `json:"uri"`
	Version     *int32       `json:"version,omitempty"`
	Diagnostics []Diagnostic `json:"diagnostics"`
}

// DocumentDiagnosticParams are textDocument/diagnostic's.
type DocumentDiagnosticParams struct {
	TextDocument     TextDocumentIdentifier `json:"textDocument"`
	PreviousResultID string                 `json:"previousResultId"`
}

// DocumentDiagnosticReport is textDocument/diagnostic's answer: Kind
// "full" with Items, or "unchanged".
type DocumentDiagnosticReport struct {
	Kind     string       `json:"kind"`
	ResultID string       `json:"resultId,omitempty"`
	Items    []Diagnostic `json:"items,omitempty"`
}

// CodeActionParams are textDocument/codeAction's.
type CodeActionParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
	Range        Range                  `json:"range"`
	Context      struct {
		Diagnostics []Diagnostic `json:"diagnostics"`
		Only        []string     `json:"only"`
	} `json:"context"`
}

// CodeAction is a change the editor can make.
type CodeAction struct {
	Title       string         `json:"title"`
	Kind        string         `json:"kind"`
	Diagnostics []Diagnostic   `json:"diagnostics,omitempty"`
	IsPreferred bool           `json:"isPreferred,omitempty"`
	Edit        *WorkspaceEdit `json:"edit,omitempty"`
}

// The code action kinds the server returns.
const (
	KindQuickFix     = "quickfix"
	KindFixAll       = "source.fixAll.docqa"
	kindSourceFixAll = "source.fixAll"
	kindSource       = "source"
)

// WorkspaceEdit is a set of edits to documents.
type WorkspaceEdit struct {
	Changes map[string][]TextEdit `json:"changes"`
}

// TextEdit replaces a range by new text.
type TextEdit struct {
	Range   Range  `json:"range"`
	NewText string `json:"newText"`
}

// TextDocumentPositionParams name a place in a document (hover's).
type TextDocumentPositionParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
	Position     Position               `json:"position"`
}

// Hover is hover's answer.
type Hover struct {
	Contents MarkupContent `json:"contents"`
	Range    *Range        `json:"range,omitempty"`
}

// MarkupContent is Markdown or plain text for the editor to show.
type MarkupContent struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

// LogMessageParams are window/logMessage's.
type LogMessageParams struct {
	Type    int    `json:"type"` // 1 error, 2 warning, 3 info, 4 log
	Message string `json:"message"`
}

// CancelParams are $/cancelRequest's.
type CancelParams struct {
	ID json.RawMessage `json:"id"`
}

// RegistrationParams are client/registerCapability's.
type RegistrationParams struct {
	Registrations []Registration `json:"registrations"`
}

// Registration is one capability registered at run time.
type Registration struct {
	ID              string `json:"id"`
	Method          string `json:"method"`
	RegisterOptions any    `json:"registerOptions,omitempty"`
}

// FileSystemWatcher asks the client to watch files.
type FileSystemWatcher struct {
	GlobPattern string `json:"globPattern"`
}
