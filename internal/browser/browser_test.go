package browser

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// chromium returns the Chromium to test with: skipped without one, unless
// the environment variable CI is set (.ci/run installs Debian's chromium),
// and with -short.
func chromium(t *testing.T) *Chromium {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: starts Chromium")
	}
	c, err := Find()
	if errors.Is(err, ErrNotFound) && os.Getenv("CI") == "" {
		t.Skipf("%v (apt-get install chromium)", err)
	}
	if errors.Is(err, ErrNotFound) {
		t.Fatalf("%v; CI is set: the browser tests must run in CI (.ci/run installs chromium with apt-get)", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// testPage is a hand-made page like docqa's reports: an inline style and
// script allowed by a Content-Security-Policy, text with a highlighted
// passage, and a script that marks the page ready and adds an element.
const testPage = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>test page</title>
<style>
body { font: 16px/1.5 sans-serif; margin: 2em; background: #fff; color: #222 }
h1 { background: #1f3a5f; color: #fff; padding: .5em }
mark { background: #ffe066 }
</style>
</head>
<body>
<h1>A report</h1>
<p>It said “in particular <mark data-finding="f1">particular particular</mark> crimes”.</p>
<p>` + lorem + `</p>
<p>` + lorem + `</p>
<p>` + lorem + `</p>
<script>
document.documentElement.setAttribute("data-docqa-ready", "1");
var p = document.createElement("p");
p.id = "added";
p.textContent = "added by the script";
document.body.appendChild(p);
</script>
</body>
</html>
`

const lorem = `The High Commissioner’s report was published on Wednesday, minutes before
her term ended. It describes arbitrary detention, torture and ill-treatment,
forced medical treatment, restrictions on religion and surveillance, and it
asks the government to release everyone held in the facilities it calls
vocational education and training centres.`

func writePage(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o666); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDumpDOM(t *testing.T) {
	c := chromium(t)
	// A space and a # in the name: the file: URL is escaped.
	page := writePage(t, "a page #1.html", testPage)
	start := time.Now()
	dom, err := c.DumpDOM(t.Context(), page)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("--dump-dom in %v", time.Since(start).Round(time.Millisecond))
	for _, want := range []string{
		`<html lang="en" data-docqa-ready="1">`,
		`<p id="added">added by the script</p>`,
		`<mark data-finding="f1">particular particular</mark>`,
	} {
		if !strings.Contains(string(dom), want) {
			t.Errorf("the DOM lacks %s:\n%s", want, dom)
		}
	}
}

func TestScreenshot(t *testing.T) {
	c := chromium(t)
	page := writePage(t, "page.html", testPage)
	png := filepath.Join(t.TempDir(), "shot.png")
	start := time.Now()
	if err := c.Screenshot(t.Context(), page, png, 1280, 900); err != nil {
		t.Fatal(err)
	}
	t.Logf("--screenshot in %v", time.Since(start).Round(time.Millisecond))
	data, err := os.ReadFile(png)
	if err != nil {
		t.Fatal(err)
	}
	s, err := CheckRendered(data)
	if err != nil {
		t.Fatal(err)
	}
	if s.Width != 1280 || s.Height != 900 {
		t.Errorf("screenshot %v, want 1280x900", s)
	}
	t.Logf("screenshot: %v", s)

	// A blank page is taken, and found blank.
	blank := writePage(t, "blank.html", "<!DOCTYPE html><title>blank</title>")
	if err := c.Screenshot(t.Context(), blank, png, 800, 600); err != nil {
		t.Fatal(err)
	}
	data, err = os.ReadFile(png)
	if err != nil {
		t.Fatal(err)
	}
	if s, err := CheckRendered(data); err == nil || !strings.Contains(err.Error(), "blank") {
		t.Errorf("blank page: %v, %v; want it found blank", s, err)
	}
}

// TestRender: the DOM and the screenshot from one start of Chromium.
func TestRender(t *testing.T) {
	c := chromium(t)
	page := writePage(t, "page.html", testPage)
	png := filepath.Join(t.TempDir(), "shot.png")
	start := time.Now()
	dom, err := c.Render(t.Context(), page, png, 1024, 768)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("render in %v", time.Since(start).Round(time.Millisecond))
	if !strings.Contains(string(dom), `<p id="added">added by the script</p>`) {
		t.Errorf("the DOM lacks the script's paragraph:\n%s", dom)
	}
	data, err := os.ReadFile(png)
	if err != nil {
		t.Fatal(err)
	}
	if s, err := CheckRendered(data); err != nil || s.Width != 1024 || s.Height != 768 {
		t.Errorf("screenshot %v: %v", s, err)
	}
}

// TestErrors: a missing file is named; a Chromium that fails says how,
// with its standard error; one that hangs is stopped at the timeout.
func TestErrors(t *testing.T) {
	c := &Chromium{Path: "/bin/sh"}
	if _, err := c.DumpDOM(t.Context(), filepath.Join(t.TempDir(), "missing.html")); err == nil || !strings.Contains(err.Error(), "missing.html") {
		t.Errorf("missing file: %v", err)
	}
	if _, err := os.Stat("/bin/sh"); err != nil {
		t.Skip("no /bin/sh")
	}
	page := writePage(t, "page.html", testPage)
	// A fake Chromium: a shell script that prints on stderr and fails.
	dir := t.TempDir()
	fake := filepath.Join(dir, "chromium")
	script := "#!/bin/sh\n" +
		"echo '[1:1:0101/000000.000000:ERROR:dbus/bus.cc:405] Failed to connect to the bus' >&2\n" +
		"echo 'cannot open display' >&2\n" +
		"case \"$*\" in *--hang*) sleep 30;; esac\n" +
		"exit 3\n"
	if err := os.WriteFile(fake, []byte(script), 0o777); err != nil {
		t.Fatal(err)
	}
	c = &Chromium{Path: fake}
	_, err := c.DumpDOM(t.Context(), page)
	if err == nil {
		t.Fatal("no error from a Chromium that exits with 3")
	}
	msg := err.Error()
	if !strings.Contains(msg, "--dump-dom") || !strings.Contains(msg, "page.html") || !strings.Contains(msg, "exit status 3") || !strings.Contains(msg, "cannot open display") || strings.Contains(msg, "dbus") {
		t.Errorf("error %q: want the run, the file, the exit status and stderr's tail without the dbus noise", msg)
	}

	// A hang is stopped: the Timeout, and the caller's context.
	hang := &Chromium{Path: fake, Timeout: 200 * time.Millisecond}
	start := time.Now()
	_, err = hang.run(t.Context(), "--hang", "--hang")
	if err == nil || !strings.Contains(err.Error(), "stopped after") || time.Since(start) > 10*time.Second {
		t.Errorf("hang: %v after %v", err, time.Since(start))
	}
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	start = time.Now()
	_, err = c.run(ctx, "--hang", "--hang")
	if err == nil || !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 10*time.Second {
		t.Errorf("hang with a deadline: %v after %v", err, time.Since(start))
	}

	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv(EnvVar, "")
	found, err := Find()
	if err != nil || found.Path != fake {
		t.Errorf("Find with a chromium first on PATH: %+v, %v", found, err)
	}
	t.Setenv(EnvVar, filepath.Join(dir, "nonexistent"))
	if _, err := Find(); err == nil || errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), EnvVar) {
		t.Errorf("Find with a wrong $%s: %v; want an error naming it, not ErrNotFound", EnvVar, err)
	}
	t.Setenv(EnvVar, fake)
	if found, err := Find(); err != nil || found.Path != fake {
		t.Errorf("Find with $%s: %+v, %v", EnvVar, found, err)
	}
	t.Setenv(EnvVar, "")
	t.Setenv("PATH", t.TempDir())
	if _, err := Find(); !errors.Is(err, ErrNotFound) {
		t.Errorf("Find with an empty PATH: %v, want ErrNotFound", err)
	}
}
