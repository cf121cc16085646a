package main

import "fmt"

// Exit statuses.
const (
	// exitOK: no finding at or above the fail level.
	exitOK = 0
	// exitFindings: findings at or above the fail level.
	exitFindings = 1
	// exitFailure: a usage, config or I/O error.
	exitFailure = 2
)

// exitError ends a command with an exit status and, unless msg is empty, a
// one-line message that execute prints on stderr as "docqa: msg".
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string {
	if e.msg == "" {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.msg
}

// failure returns an exitError with status exitFailure and a formatted
// message.
func failure(format string, args ...any) *exitError {
	return &exitError{code: exitFailure, msg: fmt.Sprintf(format, args...)}
}
