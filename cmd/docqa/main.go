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
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"syscall"
)

func main() {
	os.Exit(profiled(run))
}

// profiled runs f, writing a CPU profile of it to the file that
// DOCQA_CPUPROFILE names, if set, and a heap profile at its end to the file
// DOCQA_MEMPROFILE names (see the README's performance section). A profile that cannot be
// written is reported and the run goes on.
func profiled(f func() int) int {
	if path := os.Getenv("DOCQA_CPUPROFILE"); path != "" {
		if out, err := os.Create(path); err != nil {
			warn(os.Stderr, "DOCQA_CPUPROFILE: %v", err)
		} else if err := pprof.StartCPUProfile(out); err != nil {
			warn(os.Stderr, "DOCQA_CPUPROFILE: %v", err)
		} else {
			defer out.Close()
			defer pprof.StopCPUProfile()
		}
	}
	code := f()
	if path := os.Getenv("DOCQA_MEMPROFILE"); path != "" {
		runtime.GC() // the profile holds what the last collection saw
		out, err := os.Create(path)
		if err == nil {
			err = pprof.Lookup("allocs").WriteTo(out, 0)
			if cerr := out.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			warn(os.Stderr, "DOCQA_MEMPROFILE: %v", err)
		}
	}
	return code
}

// run runs docqa with the process's arguments and streams, cancelled by an
// interrupt, and returns the exit status.
func run() int {
	if os.Getenv("GOGC") == "" {
		// Linting allocates a document model per file that dies with it: at
		// the default 100 the collector runs after every few small files.
		// 400 makes a run over many small files 20–25% faster for about
		// 10 MB more; a large file's peak is its live model either way.
		debug.SetGCPercent(400)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return execute(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
}
