package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/docqa/docqa/document"
)

// Directive is the rule that keeps suppression directives honest. It checks
// no document itself (New is nil): a Suppressor reports its findings.
var Directive = &Rule{
	ID:       "docqa/directive",
	Severity: Warning,
	Summary:  "A suppression directive without a reason, naming an unknown rule, or suppressing nothing",
	Explanation: `In Markdown, an HTML comment
<!-- docqa-disable-next-line RULE[,RULE...] -- reason --> suppresses the findings
of those rules (IDs or categories) that start on the next line that is not
blank or only comments; <!-- docqa-disable RULE -- reason --> and
<!-- docqa-enable RULE --> suppress those in between, or to the end of the
document without an enable. This rule reports a directive that does not do
what it says: one without a reason (it suppresses nothing), one naming an
unknown rule or category, one that suppresses nothing (the problem it was
written for is gone: remove it), a docqa-enable without a docqa-disable
before it, and an unknown docqa- directive. Its own findings cannot be
suppressed by a directive; turn the rule off in the config instead. Plain
text has no comments: use the config's ignore_paths.`,
	Bad:  "<!-- docqa-disable-next-line repetition/doubled-word -->\nThe The played at nine.",
	Good: "<!-- docqa-disable-next-line repetition/doubled-word -- the band is called The The -->\nThe The played at nine.",
}

// Suppressor applies the suppression directives of Markdown documents to
// their findings and reports the directives that are wrong or idle as
// findings of Directive. It is safe for concurrent use.
type Suppressor struct {
	reg *Registry
	sev Severity        // of Directive's findings; 0: Directive is off
	ran map[string]bool // the rules the linter runs
}

// NewSuppressor prepares the suppression of findings of the rules of reg
// as cfg selects them. Directive findings are reported if reg holds
// Directive and cfg leaves it on, with its configured severity. A
// directive naming only rules that do not run is never reported as
// suppressing nothing: with --disable style, say, style's directives stay
// quiet.
func NewSuppressor(reg *Registry, cfg Config) (*Suppressor, error) {
	sevs, err := cfg.Severities(reg)
	if err != nil {
		return nil, err
	}
	s := &Suppressor{reg: reg, ran: make(map[string]bool, len(sevs))}
	for id, sev := range sevs {
		r, _ := reg.Lookup(id)
		switch {
		case id == Directive.ID:
			s.sev = sev
		case r.New != nil:
			s.ran[id] = true
		}
	}
	return s, nil
}

// The directive keywords.
const (
	keyDisableNextLine = "docqa-disable-next-line"
	keyDisable         = "docqa-disable"
	keyEnable          = "docqa-enable"
)

// directive is one docqa- comment of a document.
type directive struct {
	keyword string
	comment document.Span
	names   []directiveName
	applies bool // well formed, with a reason where one is needed
}

// namesRules reports whether one of the directive's names is a known rule
// or category.
func (d *directive) namesRules() bool {
	for _, n := range d.names {
		if len(n.rules) > 0 {
			return true
		}
	}
	return false
}

// directiveName is one rule ID or category a directive names.
type directiveName struct {
	name      string
	span      document.Span
	rules     []string // the IDs it stands for; none if unknown
	used      bool     // it suppressed a finding
	redundant bool     // its rules were all disabled already: reported as such
}

// scope is where a directive suppresses one rule: findings of rule that
// start in [start, end).
type scope struct {
	start, end int
	dir, name  int // indexes of the directive and of its name
}

// Suppress returns the findings of doc that its directives do not
// suppress, with the findings of Directive about those directives, sorted
// as SortFindings sorts. Findings of Directive cannot be suppressed.
//
// In a Markdown document, <!-- docqa-disable-next-line RULE[,RULE...] --
// reason --> suppresses the findings of those rules or categories that
// start on the next line that is not blank or only HTML comments;
// <!-- docqa-disable RULE -- reason --> suppresses those that start after
// it, up to a <!-- docqa-enable RULE --> or the end of the document. Names
// are separated by commas or spaces. A disable directive without a reason
// suppresses nothing. Comments inside code are not directives; plain text
// has none.
func (s *Suppressor) Suppress(doc *document.Document, findings []Finding) []Finding {
	var problems []Finding
	report := func(span document.Span, format string, args ...any) {
		if s.sev != 0 {
			problems = append(problems, Finding{
				Path: doc.Path, Rule: Directive.ID, Severity: s.sev, Span: span,
				Message: fmt.Sprintf(format, args...),
			})
		}
	}
	dirs := s.parse(doc, report)
	scopes := s.scopes(doc, dirs, report)

	out := make([]Finding, 0, len(findings))
	for _, f := range findings {
		suppressed := false
		if f.Rule != Directive.ID {
			for _, sc := range scopes[f.Rule] {
				if sc.start <= f.Span.Start && f.Span.Start < sc.end {
					suppressed = true
					dirs[sc.dir].names[sc.name].used = true
				}
			}
		}
		if !suppressed {
			out = append(out, f)
		}
	}

	for _, d := range dirs {
		if !d.applies || d.keyword == keyEnable {
			continue
		}
		var used, unused []directiveName
		for _, n := range d.names {
			switch {
			case n.used:
				used = append(used, n)
			case !n.redundant && s.anyRan(n.rules):
				unused = append(unused, n)
			}
		}
		if len(unused) == 0 {
			continue
		}
		if len(used) == 0 {
			report(d.comment, "this directive suppresses nothing; remove it?")
			continue
		}
		for _, n := range unused {
			report(n.span, "“%s” suppresses nothing here; remove it from the directive?", n.name)
		}
	}
	out = append(out, problems...)
	SortFindings(out)
	return out
}

// anyRan reports whether the linter runs one of the rules ids.
func (s *Suppressor) anyRan(ids []string) bool {
	for _, id := range ids {
		if s.ran[id] {
			return true
		}
	}
	return false
}

// parse reads the directives among doc's comments, reporting malformed
// ones.
func (s *Suppressor) parse(doc *document.Document, report func(document.Span, string, ...any)) []directive {
	var dirs []directive
	for _, c := range doc.Comments {
		// The comment's inside, between "<!--" and "-->".
		start, end := c.Start+len("<!--"), c.End-len("-->")
		if end < start {
			continue
		}
		text := string(doc.Text[start:end])
		lead := len(text) - len(strings.TrimLeft(text, " \t\r\n"))
		if !strings.HasPrefix(text[lead:], "docqa-") {
			continue
		}
		kwEnd := len(text)
		if i := strings.IndexFunc(text[lead:], isDirectiveSpace); i >= 0 {
			kwEnd = lead + i
		}
		d := directive{keyword: text[lead:kwEnd], comment: c}
		switch d.keyword {
		case keyDisableNextLine, keyDisable, keyEnable:
		default:
			report(document.Span{Start: start + lead, End: start + kwEnd},
				"unknown directive “%s” (want %s, %s or %s)", d.keyword, keyDisableNextLine, keyDisable, keyEnable)
			continue
		}
		rest, reason, _ := strings.Cut(text[kwEnd:], "--")
		d.applies = true
		var written []string
		for _, tok := range tokens(rest, start+kwEnd) {
			n := directiveName{name: tok.text, span: tok.span}
			written = append(written, tok.text)
			rs, err := s.reg.Select(tok.text)
			if err != nil {
				report(tok.span, "unknown rule or category “%s”", tok.text)
				d.names = append(d.names, n)
				continue
			}
			for _, r := range rs {
				if r.ID != Directive.ID {
					n.rules = append(n.rules, r.ID)
				}
			}
			if len(n.rules) == 0 {
				report(tok.span, "%s findings cannot be suppressed by a directive; turn the rule off in the config instead", Directive.ID)
			}
			d.names = append(d.names, n)
		}
		usage := strings.Join(written, ",")
		if usage == "" {
			usage = "RULE"
		}
		switch {
		case len(written) == 0:
			d.applies = false
			if d.keyword == keyEnable {
				report(c, "directive names no rule: <!-- %s RULE -->", d.keyword)
			} else {
				report(c, "directive names no rule: <!-- %s RULE -- why -->", d.keyword)
			}
		case d.keyword != keyEnable && strings.TrimSpace(reason) == "":
			d.applies = false
			report(c, "directive needs a reason: <!-- %s %s -- why -->", d.keyword, usage)
		}
		dirs = append(dirs, d)
	}
	return dirs
}

// token is one name in a directive.
type token struct {
	text string
	span document.Span
}

// tokens splits s, which starts at offset base, at commas and white space.
func tokens(s string, base int) []token {
	var out []token
	for i := 0; i < len(s); {
		if s[i] == ',' || isDirectiveSpace(rune(s[i])) {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] != ',' && !isDirectiveSpace(rune(s[j])) {
			j++
		}
		out = append(out, token{text: s[i:j], span: document.Span{Start: base + i, End: base + j}})
		i = j
	}
	return out
}

func isDirectiveSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

// scopes works out where each directive that applies suppresses which
// rules, by rule ID, reporting enables without a disable and disables of
// what is already disabled.
func (s *Suppressor) scopes(doc *document.Document, dirs []directive, report func(document.Span, string, ...any)) map[string][]scope {
	out := make(map[string][]scope)
	type region struct{ start, dir, name int }
	open := make(map[string]region) // by rule ID
	var content []int               // contentLines, once needed
	for di := range dirs {
		d := &dirs[di]
		if !d.applies {
			continue
		}
		switch d.keyword {
		case keyDisableNextLine:
			if content == nil {
				content = contentLines(doc)
			}
			line := content[doc.LineOf(d.comment.End-1)+1]
			if line == 0 {
				continue // suppresses nothing: reported as such
			}
			span := doc.LineSpanWithBreak(doc.Line(line).Start)
			for ni, n := range d.names {
				for _, id := range n.rules {
					out[id] = append(out[id], scope{start: span.Start, end: span.End, dir: di, name: ni})
				}
			}
		case keyDisable:
			for ni := range d.names {
				n := &d.names[ni]
				var prev region
				fresh := false
				for _, id := range n.rules {
					if r, ok := open[id]; ok {
						prev = r
						continue
					}
					open[id] = region{start: d.comment.End, dir: di, name: ni}
					fresh = true
				}
				if !fresh && len(n.rules) > 0 {
					n.redundant = true
					report(n.span, "“%s” is already disabled (line %d)", n.name, doc.LineOf(dirs[prev.dir].comment.Start))
				}
			}
		case keyEnable:
			matched := false
			for _, n := range d.names {
				for _, id := range n.rules {
					if r, ok := open[id]; ok {
						out[id] = append(out[id], scope{start: r.start, end: d.comment.Start, dir: r.dir, name: r.name})
						delete(open, id)
						matched = true
					}
				}
			}
			if !matched && d.namesRules() {
				report(d.comment, "%s without a matching %s", keyEnable, keyDisable)
			}
		}
	}
	for id, r := range open { // never enabled: to the end
		out[id] = append(out[id], scope{start: r.start, end: len(doc.Text), dir: r.dir, name: r.name})
	}
	return out
}

// contentLines returns, for each line n of doc (1-based), the first line
// at or after n that holds something besides white space and HTML
// comments, or 0 if there is none; index 0 is unused.
func contentLines(doc *document.Document) []int {
	next := make([]int, doc.LineCount()+2)
	comments := doc.Comments
	has := make([]bool, doc.LineCount()+1)
	for n := 1; n <= doc.LineCount(); n++ {
		sp := doc.Line(n)
		for i := sp.Start; i < sp.End; i++ {
			for len(comments) > 0 && comments[0].End <= i {
				comments = comments[1:]
			}
			if len(comments) > 0 && comments[0].Start <= i {
				i = min(comments[0].End, sp.End) - 1 // skip the comment
				continue
			}
			if c := doc.Text[i]; c != ' ' && c != '\t' {
				has[n] = true
				break
			}
		}
	}
	for n := doc.LineCount(); n >= 1; n-- {
		next[n] = next[n+1]
		if has[n] {
			next[n] = n
		}
	}
	return next
}

// IgnoresPath reports whether one of the setting's IgnorePaths matches
// name, a slash-separated path relative to the folder the patterns are
// relative to (see MatchPath).
func (s Setting) IgnoresPath(name string) bool {
	for _, p := range s.IgnorePaths {
		if MatchPath(p, name) {
			return true
		}
	}
	return false
}

// MatchPath reports whether the path pattern matches name, a relative,
// slash-separated path. A pattern is a slash-separated glob as in
// .gitignore: each segment is matched with path.Match (*, ?, [...]), a
// segment "**" matches any number of folders, a pattern without a slash
// (other than a final one) matches at any depth ("*.txt"), one with a
// slash is relative to the base folder ("archive/2019/*.md"; a leading
// "/" or "./" changes nothing), and a pattern that matches a folder
// matches everything in it ("archive", "archive/"). A name outside the
// base folder ("../a.txt") is matched only by a pattern that leaves it
// with ".." segments of its own ("../shared/*.txt"): no wildcard matches
// "..". A malformed pattern (see CheckPathPattern) matches nothing.
func MatchPath(pattern, name string) bool {
	pat, ok := patternSegments(pattern)
	name = path.Clean(name)
	if !ok || path.IsAbs(name) {
		return false
	}
	segs := strings.Split(name, "/")
	for i := 1; i <= len(segs); i++ { // the file, or a folder above it
		if matchSegments(pat, segs[:i]) {
			return true
		}
	}
	return false
}

// CheckPathPattern returns an error if pattern is not a valid path
// pattern for MatchPath: empty, or with a malformed segment ("[a").
func CheckPathPattern(pattern string) error {
	pat, ok := patternSegments(pattern)
	if !ok {
		return fmt.Errorf("empty path pattern %q", pattern)
	}
	for _, seg := range pat {
		if _, err := path.Match(seg, ""); err != nil {
			return fmt.Errorf("malformed path pattern %q", pattern)
		}
	}
	return nil
}

// patternSegments splits a path pattern into its segments, with "**"
// before a pattern that matches at any depth. ok is false for an empty
// pattern.
func patternSegments(pattern string) (segs []string, ok bool) {
	p := strings.TrimSuffix(pattern, "/")
	for strings.HasPrefix(p, "./") {
		p = p[2:]
	}
	anchored := strings.HasPrefix(p, "/") || strings.Contains(p, "/")
	p = strings.TrimLeft(p, "/")
	if p == "" || p == "." {
		return nil, false
	}
	segs = strings.Split(p, "/")
	if !anchored {
		segs = append([]string{"**"}, segs...)
	}
	return segs, true
}

// matchSegments matches path segments against pattern segments.
func matchSegments(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(name); i++ {
				if matchSegments(pat[1:], name[i:]) {
					return true
				}
				if i < len(name) && name[i] == ".." {
					return false // "**" stays inside the base folder
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if name[0] == ".." || pat[0] == ".." {
			if name[0] != pat[0] {
				return false
			}
		} else if ok, err := path.Match(pat[0], name[0]); err != nil || !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}
