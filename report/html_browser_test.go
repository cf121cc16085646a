package report

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/internal/browser"
	"github.com/docqa/docqa/rules"
)

// navHarness presses the page's keys as a reader would and writes, after
// each, the id of the focused element, marked current with its marks, to
// <html data-nav>: k from no finding, j (wrapping around), j on a filter's
// checkbox just unchecked, k.
const navHarness = `(function () {
  var log = [];
  function press(key, target) {
    (target || document.body).dispatchEvent(new KeyboardEvent("keydown", { key: key, bubbles: true, cancelable: true }));
    var el = document.activeElement;
    var marks = el && el.id ? document.querySelectorAll("mark.current[data-finding~='" + el.id + "']").length : 0;
    log.push(key + ":" + (el && el.classList.contains("current") ? el.id : "none") + (marks > 0 ? "+mark" : ""));
  }
  press("k");
  press("j");
  var box = document.getElementById("show-r1");
  box.checked = false;
  box.focus();
  press("j", box);
  press("k", box);
  document.documentElement.setAttribute("data-nav", log.join(" "));
})();`

// TestHTMLKeyboardInBrowser loads a lint page in headless Chromium and
// moves from finding to finding with the keys: k from none goes to the
// last finding, j wraps around to the first, findings the filters hide
// are skipped, and the keys work while a filter's checkbox has the focus.
func TestHTMLKeyboardInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: starts Chromium")
	}
	chromium, err := browser.Find()
	if errors.Is(err, browser.ErrNotFound) && os.Getenv("CI") == "" {
		t.Skipf("%v (apt-get install chromium)", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	d := document.Load("a.txt", []byte("One.\nTwo.\nThree.\nFour.\n"))
	var fs []rules.Finding
	for i, rule := range []string{"r/a", "r/b", "r/b", "r/a"} {
		s := d.Line(i + 1).Start
		fs = append(fs, rules.Finding{Path: d.Path, Rule: rule, Severity: rules.Warning, Span: document.Span{Start: s, End: s + 3}, Message: "m"})
	}
	page := lintHTML(t, Options{}, []*document.Document{d}, [][]rules.Finding{fs})
	// The harness runs after the page's script, allowed by its hash.
	csp := regexp.MustCompile(`script-src '[^']*'`)
	page = csp.ReplaceAllStringFunc(page, func(s string) string { return s + " '" + cspHash(navHarness) + "'" })
	page = strings.Replace(page, "</body>", "<script>"+navHarness+"</script>\n</body>", 1)
	file := filepath.Join(t.TempDir(), "nav.html")
	if err := os.WriteFile(file, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	dom, err := chromium.DumpDOM(context.Background(), file)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`data-nav="([^"]*)"`).FindSubmatch(dom)
	if m == nil {
		t.Fatalf("the harness did not run:\n%.2000s", dom)
	}
	if got, want := string(m[1]), "k:f4+mark j:f1+mark j:f4+mark k:f1+mark"; got != want {
		t.Errorf("keys went to %q, want %q", got, want)
	}
}
