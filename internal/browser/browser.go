// Package browser runs a headless Chromium for docqa's tests: it loads a
// local HTML file (a report docqa wrote) and returns the DOM as the page's
// own script left it (DumpDOM), or takes a screenshot of it (Screenshot),
// and checks that a screenshot shows a rendered page, not a blank one
// (CheckRendered); Render does the first two with one start.
//
// Each call starts Chromium once, with a fresh profile folder that is
// removed afterwards, and with the flags a machine without a network or a
// session bus needs: no sandbox (tests may run as root), no GPU, no
// background networking, component updates, sync or first-run pages. The
// package holds no state: a Chromium value is the path of a binary and its
// settings.
package browser

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// EnvVar names the environment variable that, when set, is the Chromium
// binary to use instead of one found on PATH.
const EnvVar = "DOCQA_CHROMIUM"

// ErrNotFound is returned by Find when no Chromium is on PATH and EnvVar is
// not set; a test may skip on it (errors.Is).
var ErrNotFound = errors.New("no Chromium found")

// names are the binaries Find looks for on PATH, in order.
func names() []string {
	return []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}
}

// DefaultTimeout bounds one run of Chromium when Chromium.Timeout is zero.
const DefaultTimeout = 60 * time.Second

// DefaultVirtualTime is the --virtual-time-budget given when
// Chromium.VirtualTime is zero: the page's inline scripts and timers run
// within it before the DOM is dumped or the screenshot taken.
const DefaultVirtualTime = 2 * time.Second

// Chromium is a Chromium (or Chrome) binary to run headless.
type Chromium struct {
	// Path is the binary.
	Path string
	// Timeout bounds one run, on top of the context's own deadline;
	// DefaultTimeout when zero.
	Timeout time.Duration
	// VirtualTime is the page's time budget (--virtual-time-budget);
	// DefaultVirtualTime when zero, none when negative.
	VirtualTime time.Duration
}

// Find returns the Chromium named by $DOCQA_CHROMIUM (a path, or a name
// looked up on PATH), or else the first of chromium, chromium-browser,
// google-chrome and google-chrome-stable found on PATH. Without either, the
// error is ErrNotFound; a $DOCQA_CHROMIUM that names no executable is
// another error, since the setting is then wrong rather than absent.
func Find() (*Chromium, error) {
	if p := os.Getenv(EnvVar); p != "" {
		path, err := exec.LookPath(p)
		if err != nil {
			return nil, fmt.Errorf("$%s=%s: %w", EnvVar, p, err)
		}
		return &Chromium{Path: path}, nil
	}
	for _, name := range names() {
		if path, err := exec.LookPath(name); err == nil {
			return &Chromium{Path: path}, nil
		}
	}
	return nil, fmt.Errorf("%w: none of %s on PATH, and $%s is not set", ErrNotFound, strings.Join(names(), ", "), EnvVar)
}

// DumpDOM loads the local HTML file, lets its scripts run, and returns the
// document as serialized by Chromium (--dump-dom): the DOM the page's
// script left, not the file's bytes.
func (c *Chromium) DumpDOM(ctx context.Context, file string) ([]byte, error) {
	u, err := fileURL(file)
	if err != nil {
		return nil, err
	}
	out, err := c.run(ctx, "--dump-dom "+file, "--dump-dom", u)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(out)) == 0 {
		return nil, fmt.Errorf("chromium --dump-dom %s: printed nothing", file)
	}
	return out, nil
}

// Screenshot loads the local HTML file in a window width by height pixels
// and writes a PNG of what it shows (the top of the page) to png.
func (c *Chromium) Screenshot(ctx context.Context, file, png string, width, height int) error {
	_, err := c.render(ctx, file, png, width, height, false)
	return err
}

// Render does what DumpDOM and Screenshot do with one start of Chromium:
// it loads the local HTML file in a window width by height pixels, writes
// a PNG of what it shows to png, and returns the DOM.
func (c *Chromium) Render(ctx context.Context, file, png string, width, height int) ([]byte, error) {
	return c.render(ctx, file, png, width, height, true)
}

// render takes a screenshot of file, and with dump returns its DOM too.
func (c *Chromium) render(ctx context.Context, file, png string, width, height int, dump bool) ([]byte, error) {
	if width <= 0 || height <= 0 {
		return nil, fmt.Errorf("screenshot of %s: window %dx%d", file, width, height)
	}
	u, err := fileURL(file)
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(png)
	if err != nil {
		return nil, err
	}
	// Chromium leaves an older file in place if it fails to write.
	if err := os.Remove(abs); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	what := fmt.Sprintf("--screenshot %s of %s", png, file)
	args := []string{"--screenshot=" + abs, fmt.Sprintf("--window-size=%d,%d", width, height), "--hide-scrollbars"}
	if dump {
		what = "--dump-dom " + what
		args = append(args, "--dump-dom")
	}
	out, err := c.run(ctx, what, append(args, u)...)
	if err != nil {
		return nil, err
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("chromium %s: wrote no file: %w", what, err)
	}
	if fi.Size() == 0 {
		return nil, fmt.Errorf("chromium %s: wrote an empty file", what)
	}
	if dump && len(bytes.TrimSpace(out)) == 0 {
		return nil, fmt.Errorf("chromium %s: printed no DOM", what)
	}
	return out, nil
}

// fileURL returns the file: URL of a local file, which must exist.
func fileURL(file string) (string, error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(abs); err != nil {
		return "", fmt.Errorf("loading in Chromium: %w", err)
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String(), nil
}

// run starts Chromium headless with a fresh profile and args after the
// common flags, waits for it, and returns what it printed on standard
// output. what describes the run in errors.
func (c *Chromium) run(ctx context.Context, what string, args ...string) ([]byte, error) {
	timeout := c.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	profile, err := os.MkdirTemp("", "docqa-chromium-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(profile)
	flags := []string{
		"--headless",
		"--no-sandbox",
		"--disable-gpu",
		"--disable-quic",
		"--no-first-run",
		"--no-default-browser-check",
		"--disable-background-networking",
		"--disable-component-update",
		"--disable-sync",
		"--disable-extensions",
		"--user-data-dir=" + profile,
	}
	if vt := c.VirtualTime; vt >= 0 {
		if vt == 0 {
			vt = DefaultVirtualTime
		}
		flags = append(flags, fmt.Sprintf("--virtual-time-budget=%d", vt.Milliseconds()))
	}
	cmd := exec.CommandContext(ctx, c.Path, append(flags, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Dir = profile
	// A helper process that outlives Chromium and keeps its output open
	// must not hold Wait up.
	cmd.WaitDelay = 5 * time.Second
	ownProcessGroup(cmd)
	err = cmd.Run()
	if ctx.Err() != nil {
		return nil, fmt.Errorf("chromium %s: stopped after %v: %w%s", what, timeout, ctx.Err(), tail(stderr.Bytes()))
	}
	if err != nil {
		return nil, fmt.Errorf("chromium %s: %w%s", what, err, tail(stderr.Bytes()))
	}
	return stdout.Bytes(), nil
}

// tailLines is how many lines of Chromium's standard error an error shows.
const tailLines = 15

// tail returns the last lines of Chromium's standard error, each indented
// on a line of its own after a newline, for an error message. Lines about
// the missing session bus (dbus), which Chromium prints at every start on
// a machine without one, are left out.
func tail(stderr []byte) string {
	var keep []string
	for _, line := range strings.Split(strings.TrimSpace(string(stderr)), "\n") {
		if line == "" || strings.Contains(line, ":ERROR:dbus/") {
			continue
		}
		keep = append(keep, "\t"+line)
	}
	if len(keep) == 0 {
		return " (nothing on stderr)"
	}
	if len(keep) > tailLines {
		keep = keep[len(keep)-tailLines:]
	}
	return "\nchromium's stderr:\n" + strings.Join(keep, "\n")
}
