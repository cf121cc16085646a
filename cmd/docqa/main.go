// Command docqa is a prose linter: it checks quotations, repetitions, web
// page residue and house style in plain text and Markdown documents.
//
// Usage:
//
//	docqa lint [PATH|-]...   lint files and folders
//	docqa rules [ID]         list the rules, or explain one
//	docqa version            print docqa's version
//
// Exit status: 0 nothing at or above the fail level, 1 findings, 2 a usage,
// config or I/O error.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	os.Exit(run())
}

// run runs docqa with the process's arguments and streams, cancelled by an
// interrupt, and returns the exit status.
func run() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return execute(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
}
