package lsp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/textproto"
	"strconv"
	"strings"
	"sync"
)

// MaxMessageSize is the largest message ReadMessage accepts: a 5 MB
// document sent whole, escaped as JSON, with room to spare. A larger one
// is skipped.
const MaxMessageSize = 64 << 20

// maxLength is the largest Content-Length that ReadMessage skips; a
// larger one, more than any document can take, is a broken header.
const maxLength = 1 << 31

// ErrFraming is wrapped by the errors ReadMessage returns for a message
// whose header is malformed: the stream cannot be read further.
var ErrFraming = errors.New("malformed message header")

// ErrTooLarge is wrapped by the error ReadMessage returns for a message
// over MaxMessageSize: its content is skipped, and the next message can be
// read.
var ErrTooLarge = errors.New("message over the size limit")

// ReadMessage reads one message of the base protocol from r: header fields
// ending with an empty line, of which Content-Length is required and
// Content-Type, if present, must name UTF-8 (or the "utf8" that early
// clients sent), then that many bytes of content. It returns io.EOF when r
// ends before a message starts, io.ErrUnexpectedEOF when it ends inside
// one, and an error wrapping ErrTooLarge, having read past it, for a
// message over MaxMessageSize.
func ReadMessage(r *bufio.Reader) ([]byte, error) {
	length := -1
	for n := 0; ; n++ {
		line, err := r.ReadString('\n')
		if err != nil {
			if err == io.EOF && n == 0 && line == "" {
				return nil, io.EOF
			}
			if err == io.EOF {
				return nil, io.ErrUnexpectedEOF
			}
			return nil, err
		}
		if len(line) > 1024 || n > 32 {
			return nil, fmt.Errorf("%w: header too long", ErrFraming)
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("%w: %q is not a header field", ErrFraming, line)
		}
		value = strings.TrimSpace(value)
		switch textproto.CanonicalMIMEHeaderKey(strings.TrimSpace(name)) {
		case "Content-Length":
			v, err := strconv.Atoi(value)
			if err != nil || v < 0 {
				return nil, fmt.Errorf("%w: Content-Length %q is not a length", ErrFraming, value)
			}
			if v > maxLength {
				return nil, fmt.Errorf("%w: Content-Length %d is more than any document", ErrFraming, v)
			}
			length = v
		case "Content-Type":
			if _, params, ok := strings.Cut(value, "charset="); ok {
				cs := strings.ToLower(strings.Trim(strings.TrimSpace(params), `"`))
				if cs != "utf-8" && cs != "utf8" {
					return nil, fmt.Errorf("%w: charset %q (only utf-8 is spoken)", ErrFraming, cs)
				}
			}
		}
	}
	if length < 0 {
		return nil, fmt.Errorf("%w: no Content-Length", ErrFraming)
	}
	if length > MaxMessageSize {
		if _, err := io.CopyN(io.Discard, r, int64(length)); err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, err
		}
		return nil, fmt.Errorf("%w: a message of %d bytes, over the limit of %d, skipped", ErrTooLarge, length, MaxMessageSize)
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(r, body); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	return body, nil
}

// writer writes messages to a stream, one at a time.
type writer struct {
	mu  sync.Mutex
	w   io.Writer
	err error // the first write error; later writes do nothing
}

// errClosed is what writing to a closed writer returns.
var errClosed = errors.New("the server has stopped")

// write encodes v as JSON and writes it as one message.
func (w *writer) write(v any) error {
	body, err := encode(v)
	if err != nil {
		return err
	}
	return w.writeBody(body)
}

// encode encodes a message's content.
func encode(v any) ([]byte, error) {
	body, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encoding a message: %w", err)
	}
	return body, nil
}

// close makes every later write do nothing and return errClosed.
func (w *writer) close() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err == nil {
		w.err = errClosed
	}
}

// writeBody writes an encoded message's content as one message.
func (w *writer) writeBody(body []byte) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", len(body))
	b.Write(body)
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err == nil {
		_, w.err = w.w.Write(b.Bytes())
	}
	return w.err
}

// message is any JSON-RPC 2.0 message: a request (ID and Method), a
// notification (Method only) or a response (ID and Result or Error).
type message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *ResponseError  `json:"error,omitempty"`
}

// isRequest reports whether m asks for a response.
func (m *message) isRequest() bool { return m.Method != "" && len(m.ID) > 0 }

// response is what the server sends back to a request. Result is always
// present on success (null included), as JSON-RPC requires.
type response struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Result  any             `json:"result"`
}

// errorResponse is a response that failed.
type errorResponse struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Error   *ResponseError  `json:"error"`
}

// outgoing is a request or notification the server sends.
type outgoing struct {
	JSONRPC string `json:"jsonrpc"`
	ID      *int64 `json:"id,omitempty"`
	Method  string `json:"method"`
	Params  any    `json:"params,omitempty"`
}

// ResponseError is a JSON-RPC error.
type ResponseError struct {
	Code    int64  `json:"code"`
	Message string `json:"message"`
}

// Error returns the error's message and code.
func (e *ResponseError) Error() string { return fmt.Sprintf("%s (code %d)", e.Message, e.Code) }

// The error codes of JSON-RPC and LSP that the server answers with.
const (
	CodeParseError           = -32700
	CodeInvalidRequest       = -32600
	CodeMethodNotFound       = -32601
	CodeInvalidParams        = -32602
	CodeInternalError        = -32603
	CodeServerNotInitialized = -32002
	CodeRequestCancelled     = -32800
)

// errorf returns a ResponseError with a formatted message.
func errorf(code int64, format string, args ...any) *ResponseError {
	return &ResponseError{Code: code, Message: fmt.Sprintf(format, args...)}
}
