package lsp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestReadMessage(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // the bodies read, in order
		err      error    // the error after them
	}{
		{"one", "Content-Length: 2\r\n\r\n{}", []string{"{}"}, io.EOF},
		{"two, header case and type", "content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}Content-Length: 4\r\n\r\nnull", []string{"{}", "null"}, io.EOF},
		{"utf8 spelt the old way", "Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf8\r\n\r\n[]", []string{"[]"}, io.EOF},
		{"LF only", "Content-Length: 2\n\n{}", []string{"{}"}, io.EOF},
		{"no length", "Content-Type: x\r\n\r\n{}", nil, ErrFraming},
		{"bad length", "Content-Length: -3\r\n\r\n", nil, ErrFraming},
		{"huge length", "Content-Length: 99999999999\r\n\r\n", nil, ErrFraming},
		{"other charset", "Content-Length: 2\r\nContent-Type: text/plain; charset=latin1\r\n\r\n{}", nil, ErrFraming},
		{"not a header", "hello\r\n\r\n", nil, ErrFraming},
		{"cut in the body", "Content-Length: 10\r\n\r\n{}", nil, io.ErrUnexpectedEOF},
		{"cut in the header", "Content-Length: 10\r\n", nil, io.ErrUnexpectedEOF},
		{"empty", "", nil, io.EOF},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := bufio.NewReader(strings.NewReader(tt.in))
			var got []string
			var err error
			for {
				var b []byte
				if b, err = ReadMessage(r); err != nil {
					break
				}
				got = append(got, string(b))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || !errors.Is(err, tt.err) {
				t.Errorf("read %q then %v, want %q then %v", got, err, tt.want, tt.err)
			}
		})
	}
}

// FuzzReadMessage: any bytes are read as messages or refused with an
// error, never a panic; a body read is no longer than its header said, and
// what writer writes, ReadMessage reads back.
func FuzzReadMessage(f *testing.F) {
	f.Add([]byte("Content-Length: 2\r\n\r\n{}"))
	f.Add([]byte("Content-Length: 5\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\nnull\n"))
	f.Add([]byte("Content-Length: 1\r\n\r\n"))
	f.Add([]byte(":\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := bufio.NewReader(bytes.NewReader(data))
		for range 100 {
			body, err := ReadMessage(r)
			if err != nil {
				break
			}
			if len(body) > MaxMessageSize || len(body) > len(data) {
				t.Fatalf("a body of %d bytes from %d bytes of input", len(body), len(data))
			}
		}
		// Round trip: any JSON string as a message's content.
		var out bytes.Buffer
		w := &writer{w: &out}
		if err := w.write(string(data)); err != nil {
			t.Fatal(err)
		}
		body, err := ReadMessage(bufio.NewReader(&out))
		if err != nil {
			t.Fatalf("reading back what writer wrote: %v", err)
		}
		var s string
		if err := json.Unmarshal(body, &s); err != nil || utf8.Valid(data) && s != string(data) {
			t.Fatalf("round trip: %q, %v", s, err)
		}
	})
}

// zeros reads zero bytes forever.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// A message over MaxMessageSize (a document of 100 MB opened in the
// editor) is skipped whole, with an error wrapping ErrTooLarge, and the
// stream goes on in step: its length is known. A length no document can
// have is a broken header.
func TestReadMessageSkipsTooLarge(t *testing.T) {
	tests := []struct {
		name   string
		length int64
		first  error // ReadMessage's first error
		then   string
	}{
		{"just over", MaxMessageSize + 1, ErrTooLarge, "{}"},
		{"100 MB", 100 << 20, ErrTooLarge, "{}"},
		{"over 2 GiB", 1<<31 + 1, ErrFraming, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := io.MultiReader(
				strings.NewReader(fmt.Sprintf("Content-Length: %d\r\n\r\n", tt.length)),
				io.LimitReader(zeros{}, min(tt.length, 200<<20)),
				strings.NewReader("Content-Length: 2\r\n\r\n{}"),
			)
			r := bufio.NewReader(in)
			if _, err := ReadMessage(r); !errors.Is(err, tt.first) {
				t.Fatalf("first message: %v, want %v", err, tt.first)
			}
			if tt.then == "" {
				return
			}
			if body, err := ReadMessage(r); err != nil || string(body) != tt.then {
				t.Errorf("next message: %q, %v, want %q", body, err, tt.then)
			}
		})
	}
}
