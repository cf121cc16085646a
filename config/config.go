// Package config reads docqa's configuration file, .docqa.yaml.
//
// A configuration file looks like this:
//
//	root: true                   # the project's top: the search for a file stops here
//	profile: news                # news (the default) or docs
//	rules:
//	  style/second-person: off   # off, on (its default severity), or error | warning | info
//	  quotes/attribution:
//	    severity: warning        # optional: off | on | error | warning | info
//	    verbs: [said, says, told]
//	  repetition/doubled-word:
//	    ignore_paths: ["archive/**", "*.txt"]  # any rule: not in these files
//	  house/kyiv: error          # house rules are configured like the others
//	include: [packs/news.yaml]   # rule files of custom: rules, relative to this file
//	sources:                     # the sources of quotations, for the sources/ rules
//	  "news/**": [reports/]      # document glob: files and folders, relative to this file
//	custom:                      # house rules: see package house
//	  - id: house/kyiv
//	    kind: substitution       # existence | substitution | consistency | pattern
//	    swap: {Kiev: Kyiv}
//	    message: "use %[2]s, not %[1]s"
//	    severity: error
//
// Unknown keys and bad values are errors, never silently ignored. Every
// error from Parse and Load is an *Error whose message is one line,
// "file:line: problem", the form editors and CI systems read.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/house"
	"github.com/docqa/docqa/internal/fserr"
	"github.com/docqa/docqa/rules"
)

// FileName is the name of the configuration file docqa looks for.
const FileName = ".docqa.yaml"

// The profiles a configuration file can name.
const (
	// ProfileNews suits news copy: every rule runs. It is the default.
	ProfileNews = "news"
	// ProfileDocs suits documentation: quotes/attribution and
	// style/second-person are off unless the file configures them.
	ProfileDocs = "docs"
)

// Config is a parsed configuration file.
type Config struct {
	// Path is the file the configuration was read from, or "" for the
	// defaults.
	Path string
	// Root marks the configuration of a project's top folder (root: true):
	// no configuration above it applies to its documents. The nearest
	// configuration file of a document is the only one that applies, so
	// Root documents the boundary; Find also stops at a repository's
	// root.
	Root bool
	// Profile is "news" (the default) or "docs". Parse has already applied
	// it to Rules: under "docs", quotes/attribution and style/second-person
	// are off unless the file has an entry for them under rules: (any
	// entry, a severity or a mapping of options, keeps the file's choice).
	Profile string
	// Rules is the rule selection and settings for the linter.
	Rules rules.Config
	// House are the house rules of custom: and of the rule files named by
	// include:, in the order they are defined. They are not in the
	// registry given to Parse: add them to it before making a linter.
	House []*rules.Rule
	// Documents are the options documents are read with: the template
	// delimiters of templates:, whose text in Markdown is not prose.
	Documents document.Options
	// Sources are the sources of the documents' quotations, by document
	// glob (sources:), for the sources/ rules of lint and verify.
	Sources []Sources
	// Languages maps more of an editor's language IDs to the format
	// docqa lsp checks their documents in (languages:, "mdx: markdown"):
	// document.Markdown or document.Plain.
	Languages map[string]document.Format

	// byProfile holds the rules whose settings in Rules the profile made,
	// not the file: SetProfile takes them back.
	byProfile map[string]bool
}

// Sources names the sources of the quotations of some documents.
type Sources struct {
	// Documents is a glob of the documents' paths, relative to the
	// configuration file's folder (see rules.MatchPath).
	Documents string
	// Paths are source files and folders, relative to the configuration
	// file's folder.
	Paths []string
}

// Error is a problem with a configuration file. Its message is one line:
// "file:line: problem", or "file: problem" when no line applies (the file
// cannot be read, or the YAML library gave no position).
type Error struct {
	// File is the name given to Parse or the path given to Load.
	File string
	// Line is the 1-based line of the offending node, or 0 if unknown.
	Line int
	// Msg says what is wrong.
	Msg string
	// Err is the underlying error, if any, e.g. the *fs.PathError of a file
	// that could not be read.
	Err error
}

// Error returns "file:line: problem".
func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// Unwrap returns the underlying error, if any.
func (e *Error) Unwrap() error { return e.Err }

// Find returns the path of the nearest .docqa.yaml in dir or a folder above
// it, or "" if there is none. The search stops at the root of the
// repository dir is in (the first folder up that holds .git), so that a
// file outside the project never configures it, and at the filesystem
// root. The path is absolute when dir is relative (which reads the working
// folder; give an absolute dir not to). Anything of that name counts, so
// that a folder called .docqa.yaml is reported by Load rather than
// skipped. A failure to look, other than the file not existing, is
// returned as an *Error naming the path it could not check.
func Find(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("%s: %w", dir, err)
	}
	for d := abs; ; {
		p := filepath.Join(d, FileName)
		_, err := os.Stat(p)
		switch {
		case err == nil:
			return p, nil
		case !errors.Is(err, fs.ErrNotExist):
			return "", fileError(p, err)
		}
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return "", nil // the repository's root
		}
		up := filepath.Dir(d)
		if up == d {
			return "", nil
		}
		d = up
	}
}

// Load reads and validates the configuration file at path against the rules
// of reg. Errors name the file and line: "path:line: problem"; a file that
// cannot be read gives "path: problem" (e.g. "no such file or directory"),
// wrapping the *fs.PathError.
func Load(path string, reg *rules.Registry) (*Config, error) {
	return LoadIn("", path, reg)
}

// LoadIn is Load for a file named name relative to the folder dir (or
// absolute): it reads the file and the rule files it includes from dir
// without reading the working folder, and names them relative to dir, as
// name is, in messages and in the house rules' sources. An empty dir is
// the working folder.
func LoadIn(dir, name string, reg *rules.Registry) (*Config, error) {
	p := &parser{name: name, dir: dir, reg: reg}
	data, err := os.ReadFile(p.path(name))
	if err != nil {
		return nil, fileError(name, err)
	}
	return p.parse(data)
}

// fileError describes a failure to use a file as "name: problem", without
// the operation Go's errors name ("open name: ...").
func fileError(name string, err error) error {
	return &Error{File: name, Msg: fserr.Cause(err).Error(), Err: err}
}

// Parse is Load for data already read; name is used in error messages. An
// empty file (or one of only comments) is a valid configuration with the
// defaults.
func Parse(name string, data []byte, reg *rules.Registry) (*Config, error) {
	return (&parser{name: name, reg: reg}).parse(data)
}

// parse parses the configuration file data.
func (p *parser) parse(data []byte) (*Config, error) {
	name, reg := p.name, p.reg
	p.lines = bytes.Count(data, []byte("\n"))
	if len(data) > 0 && data[len(data)-1] != '\n' {
		p.lines++
	}
	cfg := &Config{
		Path:    name,
		Profile: ProfileNews,
		Rules:   rules.Config{Rules: map[string]rules.Setting{}},
	}
	root, err := p.decode(data)
	if err != nil {
		return nil, err
	}
	if root != nil {
		if err := p.top(root, cfg); err != nil {
			return nil, err
		}
	}
	cfg.applyProfile(reg)
	p.houseForms(cfg)
	if err := p.settle(cfg); err != nil {
		return nil, err
	}
	return cfg, nil
}

// SetProfile replaces the profile of the configuration, the file's or the
// default, with profile ("news" or "docs"), as if the file named it, as
// docqa lint --profile does: the rules the file has an entry for under
// rules: keep the file's settings, the others get the new profile's
// defaults. reg is the registry the configuration was read against. c may
// be the zero Config, the defaults of a run without a config file.
//
// The profiles switch only rules without fixes, so the fixes of the
// configuration settle (see Parse) under any profile.
func (c *Config) SetProfile(profile string, reg *rules.Registry) error {
	if profile != ProfileNews && profile != ProfileDocs {
		return fmt.Errorf("unknown profile %q (want %s or %s)", profile, ProfileNews, ProfileDocs)
	}
	for id := range c.byProfile {
		delete(c.Rules.Rules, id)
	}
	c.byProfile = nil
	c.Profile = profile
	c.applyProfile(reg)
	return nil
}

// applyProfile turns off the rules of reg that c.Profile turns off by
// default and that Rules has no entry for, and records them in byProfile.
func (c *Config) applyProfile(reg *rules.Registry) {
	for _, id := range profileOff(c.Profile) {
		if _, ok := reg.Lookup(id); !ok {
			continue
		}
		if _, set := c.Rules.Rules[id]; set {
			continue
		}
		if c.Rules.Rules == nil {
			c.Rules.Rules = map[string]rules.Setting{}
		}
		if c.byProfile == nil {
			c.byProfile = map[string]bool{}
		}
		c.Rules.Rules[id] = rules.Setting{Off: true}
		c.byProfile[id] = true
	}
}

// profileOff returns the rules a profile turns off by default.
func profileOff(profile string) []string {
	if profile == ProfileDocs {
		return []string{"quotes/attribution", "style/second-person"}
	}
	return nil
}

// parser holds what the walk over one file's nodes needs.
type parser struct {
	name string
	// dir is the folder a relative name is relative to, "" for the
	// working folder (see LoadIn).
	dir   string
	reg   *rules.Registry
	lines int // the number of lines in the file

	// Read by top, for the checks after it: the house rules, and the
	// rules: mapping.
	house     *houseReader
	rulesNode *yaml.Node
	// prepared are the checks of the rules whose options were judged by
	// preparing the rule, by ID: settle lints with them rather than
	// prepare those rules again.
	prepared map[string]rules.Check
}

// path returns the path to read the file named name (relative to p.dir,
// or absolute).
func (p *parser) path(name string) string {
	if p.dir == "" || filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(p.dir, name)
}

// abs returns the absolute path of the file named name.
func (p *parser) abs(name string) (string, error) {
	return filepath.Abs(p.path(name))
}

// errorf returns an *Error at line.
func (p *parser) errorf(line int, format string, args ...any) error {
	return &Error{File: p.name, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// decode parses data as one YAML document and returns its top node, or nil
// for an empty document.
func (p *parser) decode(data []byte) (*yaml.Node, error) {
	if err := p.checkText(data); err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, p.yamlError(err)
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		return nil, p.errorf(next.Line, "more than one YAML document (want one)")
	case !errors.Is(err, io.EOF):
		return nil, p.yamlError(err)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	root := deref(doc.Content[0])
	if root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null" {
		return nil, nil // "---" alone, or "~"
	}
	return root, nil
}

// checkText reports text the YAML reader would reject, invalid UTF-8 or a
// control character, at its line: the library's own errors for these name
// no line. Input with a UTF-16 byte order mark is left to the library.
func (p *parser) checkText(data []byte) error {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return nil
	}
	line := 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return p.errorf(line, "invalid UTF-8")
		case r == '\n':
			line++
		case !yamlPrintable(r):
			return p.errorf(line, "control character %U is not allowed", r)
		}
		i += size
	}
	return nil
}

// yamlPrintable reports whether YAML allows r in a stream: the printable
// set of YAML 1.2, section 5.1.
func yamlPrintable(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r >= 0x20 && r <= 0x7E:
		return true
	case r == 0x85:
		return true
	case r >= 0xA0 && r <= 0xD7FF:
		return true
	case r >= 0xE000 && r <= 0xFFFD:
		return true
	case r >= 0x10000 && r <= 0x10FFFF:
		return true
	}
	return false
}

// yamlError turns an error of the YAML library, "yaml: line N: problem"
// or "yaml: problem", into an *Error at line N.
//
// The library (go.yaml.in/yaml/v3 v3.0.6, decode.go parser.fail) adds one
// to the 0-based line of a scanner error but not of a parser error, and
// omits a line 0 altogether: so a parser error's line is one more than it
// says, and a scanner or parser error with no line is on line 1. Errors
// from composing the document (an unknown anchor, say) have no position.
func (p *parser) yamlError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.ReplaceAll(msg, "\n", " ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, problem, ok := strings.Cut(rest, ": "); ok {
			if n, err := strconv.Atoi(num); err == nil && n > 0 {
				line, msg = n, problem
			}
		}
	}
	switch {
	case parserProblem(msg):
		line++
	case line == 0 && scannerProblem(msg):
		line = 1
	}
	if line > p.lines {
		line = p.lines // the end of the file: the library counts the last newline
	}
	return &Error{File: p.name, Line: line, Msg: msg, Err: err}
}

// parserProblem reports whether msg is the message of one of the YAML
// library's parser errors (parserc.go), whose line it reports 0-based.
func parserProblem(msg string) bool {
	switch msg {
	case "did not find expected <stream-start>",
		"did not find expected <document start>",
		"did not find expected node content",
		"did not find expected key",
		"did not find expected '-' indicator",
		"did not find expected ',' or ']'",
		"did not find expected ',' or '}'",
		"found undefined tag handle",
		"found duplicate %YAML directive",
		"found incompatible YAML document",
		"found duplicate %TAG directive":
		return true
	}
	return false
}

// scannerProblem reports whether msg is an error of the YAML library's
// scanner rather than of composing the document, which has no position.
func scannerProblem(msg string) bool {
	for _, prefix := range []string{
		"unknown anchor", "anchor ", "document contains excessive aliasing",
		"exceeded max depth", "attempted to go past the end of stream",
	} {
		if strings.HasPrefix(msg, prefix) {
			return false
		}
	}
	return true
}

// deref follows an alias to the node it stands for.
func deref(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// isNull reports whether n is an empty or null value ("key:" or "~").
func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// isString reports whether n is a string scalar.
func isString(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str"
}

// pair is one key and value of a mapping.
type pair struct {
	key   string
	line  int // the key's
	value *yaml.Node
}

// each calls f with the entries of mapping n, in order, and stops at the
// first error; where names the mapping in errors ("in rules"). Keys must
// be strings, and appear once.
func (p *parser) each(n *yaml.Node, where string, f func(pair) error) error {
	first := make(map[string]int, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		line := n.Content[i].Line
		k := deref(n.Content[i])
		switch {
		case k.Kind != yaml.ScalarNode:
			return p.errorf(line, "want a string key %s", where)
		case k.ShortTag() == "!!merge":
			return p.errorf(line, "merge keys (<<) are not supported")
		}
		if prev, dup := first[k.Value]; dup {
			return p.errorf(line, "duplicate key %q %s (first at line %d)", k.Value, where, prev)
		}
		first[k.Value] = line
		if err := f(pair{key: k.Value, line: line, value: n.Content[i+1]}); err != nil {
			return err
		}
	}
	return nil
}

// topKeys are the keys of a configuration file's top level.
const topKeys = "root, profile, rules, custom, include, templates, sources, languages"

// top reads the top-level mapping into cfg. The house rules (custom and
// include) are read first, so that rules: may configure them.
func (p *parser) top(n *yaml.Node, cfg *Config) error {
	if n.Kind != yaml.MappingNode {
		return p.errorf(n.Line, "top level: want a mapping with keys %s", topKeys)
	}
	var rulesNode *yaml.Node
	h := &houseReader{seen: map[string]bool{}}
	if abs, err := p.abs(p.name); err == nil {
		h.seen[abs] = true
	}
	err := p.each(n, "at the top level", func(e pair) error {
		switch e.key {
		case "root":
			v := deref(e.value)
			if v.Kind != yaml.ScalarNode || (v.Value != "true" && v.Value != "false") {
				return p.errorf(e.line, "root: want true or false, not %q", v.Value)
			}
			cfg.Root = v.Value == "true"
		case "profile":
			v := deref(e.value)
			if !isString(v) || (v.Value != ProfileNews && v.Value != ProfileDocs) {
				return p.choiceError(e.value, "profile", []string{ProfileNews, ProfileDocs})
			}
			cfg.Profile = v.Value
		case "rules":
			rulesNode = e.value
		case "custom", "include":
			return h.read(p, e)
		case "templates":
			t, err := p.templates(e.value)
			cfg.Documents.Templates = t
			return err
		case "sources":
			src, err := p.sources(e.value)
			cfg.Sources = src
			return err
		case "languages":
			langs, err := p.languages(e.value)
			cfg.Languages = langs
			return err
		default:
			return p.errorf(e.line, "unknown key %q at the top level (want %s)", e.key, topKeys)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(h.defs) > 0 {
		// A house rule that rules: turns off keeps its fixes out of the
		// check that they settle.
		for i, d := range h.defs {
			h.defs[i].Off = p.turnedOff(rulesNode, d.ID)
		}
		house, err := h.compile()
		if err != nil {
			return err
		}
		cfg.House = house
		// rules: may configure the house rules too.
		p.reg = rules.NewRegistry(append(slices.Clone(p.reg.Rules()), house...)...)
		p.house = h
	}
	p.rulesNode = rulesNode
	if rulesNode != nil {
		return p.rules(rulesNode, cfg.Rules.Rules)
	}
	return nil
}

// turnedOff reports whether the rules: mapping n sets rule id to off, as
// "id: off" or "id: {severity: off}", before the mapping is read: the
// house rules are compiled first, so that rules: may configure them. A bad
// value is left for that reading to report.
func (p *parser) turnedOff(n *yaml.Node, id string) bool {
	if n == nil || deref(n).Kind != yaml.MappingNode {
		return false
	}
	n = deref(n)
	for i := 0; i+1 < len(n.Content); i += 2 {
		if deref(n.Content[i]).Value != id {
			continue
		}
		v := deref(n.Content[i+1])
		if v.Kind == yaml.MappingNode {
			for j := 0; j+1 < len(v.Content); j += 2 {
				if deref(v.Content[j]).Value == "severity" {
					v = deref(v.Content[j+1])
					break
				}
			}
		}
		return isString(v) && v.Value == "off"
	}
	return false
}

// choiceError reports a value that is not one of choices.
func (p *parser) choiceError(n *yaml.Node, where string, choices []string) error {
	msg := where + ": want one of " + strings.Join(quoteAll(choices), ", ")
	if v := deref(n); isString(v) {
		msg += ", not " + strconv.Quote(v.Value)
	}
	return p.errorf(n.Line, "%s", msg)
}

// severityChoices are the values of a rule's severity: off; on, its
// default severity (a rule the profile turns off runs); or a severity.
func severityChoices() []string { return []string{"off", "on", "error", "warning", "info"} }

// severity parses a severity value into s.
func (p *parser) severity(n *yaml.Node, where string, s *rules.Setting) error {
	v := deref(n)
	if isString(v) {
		switch v.Value {
		case "off":
			s.Off = true
			return nil
		case "on":
			return nil
		}
		if sev, err := rules.ParseSeverity(v.Value); err == nil {
			s.Severity = sev
			return nil
		}
	}
	return p.choiceError(n, where, severityChoices())
}

// rules reads the rules: mapping into out.
func (p *parser) rules(n *yaml.Node, out map[string]rules.Setting) error {
	n = deref(n)
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return p.errorf(n.Line, "rules: want a mapping of rule IDs to settings")
	}
	return p.each(n, "in rules", func(e pair) error {
		r, ok := p.reg.Lookup(e.key)
		if !ok {
			return p.errorf(e.line, "unknown rule %q", e.key)
		}
		s, err := p.rule(r, e.value)
		if err != nil {
			return err
		}
		out[r.ID] = s
		return nil
	})
}

// rule reads one rule's setting: a severity, or a mapping of a severity
// and options.
func (p *parser) rule(r *rules.Rule, n *yaml.Node) (rules.Setting, error) {
	var s rules.Setting
	where := "rules." + r.ID
	v := deref(n)
	if v.Kind == yaml.ScalarNode && !isNull(v) {
		return s, p.severity(n, where, &s)
	}
	if v.Kind != yaml.MappingNode {
		return s, p.errorf(n.Line, "%s: want %s or a mapping of settings", where, strings.Join(quoteAll(severityChoices()), ", "))
	}
	err := p.each(v, "in "+where, func(e pair) error {
		switch e.key {
		case "severity":
			return p.severity(e.value, where+".severity", &s)
		case "ignore_paths":
			paths, err := p.ignorePaths(e.value, where+".ignore_paths")
			s.IgnorePaths = paths
			return err
		}
		opt, ok := option(r, e.key)
		if !ok {
			valid := []string{"severity", "ignore_paths"}
			for _, o := range r.Options {
				valid = append(valid, o.Name)
			}
			return p.errorf(e.line, "unknown key %q in %s (want %s)", e.key, where, strings.Join(valid, ", "))
		}
		val, err := p.optionValue(opt, e.value, where+"."+opt.Name)
		if err != nil {
			return err
		}
		if s.Options == nil {
			s.Options = rules.Options{}
		}
		s.Options[opt.Name] = val
		return nil
	})
	if err != nil || len(s.Options) == 0 || r.New == nil {
		return s, err
	}
	// The rule itself judges its options (a set of one spelling, a
	// preferred spelling of no set): prepare it once to hear it now,
	// at the line of the offending value, rather than when linting.
	check, err := r.New(s.Options)
	if err != nil {
		return s, p.optionError(where, v, err)
	}
	if p.prepared == nil {
		p.prepared = map[string]rules.Check{}
	}
	p.prepared[r.ID] = check
	return s, nil
}

// optionError turns the error of a rule that rejects its options, the
// rule's mapping of settings n, into an *Error at the line of the
// offending option or item if the error is a *rules.OptionError, else at
// the mapping's.
func (p *parser) optionError(where string, n *yaml.Node, err error) error {
	var oe *rules.OptionError
	if !errors.As(err, &oe) {
		return p.errorf(n.Line, "%s: %v", where, err)
	}
	line := n.Line
	for i := 0; i+1 < len(n.Content); i += 2 {
		if deref(n.Content[i]).Value != oe.Option {
			continue
		}
		line = n.Content[i].Line
		v := deref(n.Content[i+1])
		for _, k := range oe.Index {
			if v.Kind != yaml.SequenceNode || k < 0 || k >= len(v.Content) {
				break
			}
			line = v.Content[k].Line
			v = deref(v.Content[k])
		}
	}
	return p.errorf(line, "%s.%s", where, oe)
}

// ignorePaths decodes a rule's ignore_paths: a list of path patterns (see
// rules.MatchPath), relative to the config file's folder. An empty value is
// an empty list.
func (p *parser) ignorePaths(n *yaml.Node, where string) ([]string, error) {
	if isNull(deref(n)) {
		return []string{}, nil
	}
	paths, err := p.stringList(n, where, rules.StringList)
	if err != nil {
		return nil, err
	}
	for i, item := range deref(n).Content {
		if err := rules.CheckPathPattern(paths[i]); err != nil {
			return nil, p.errorf(item.Line, "%s[%d]: %v", where, i, err)
		}
	}
	return paths, nil
}

// quoteAll returns ss, each quoted.
func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}

// option returns r's option called name.
func option(r *rules.Rule, name string) (rules.Option, bool) {
	for _, o := range r.Options {
		if o.Name == name {
			return o, true
		}
	}
	return rules.Option{}, false
}

// optionValue decodes n as a value of opt: a string, []string, [][]string
// or bool. An empty value ("key:" or "~") is the empty string or list.
func (p *parser) optionValue(opt rules.Option, n *yaml.Node, where string) (any, error) {
	v := deref(n)
	switch opt.Kind {
	case rules.String:
		var s string
		switch {
		case isString(v):
			s = v.Value
		case isNull(v):
		default:
			return nil, p.errorf(n.Line, "%s: want %s", where, opt.Kind)
		}
		if len(opt.Choices) > 0 && !slices.Contains(opt.Choices, s) {
			return nil, p.choiceError(n, where, opt.Choices)
		}
		return s, nil
	case rules.StringList:
		if isNull(v) {
			return []string{}, nil
		}
		return p.stringList(n, where, opt.Kind)
	case rules.StringSets:
		if isNull(v) {
			return [][]string{}, nil
		}
		if v.Kind != yaml.SequenceNode {
			return nil, p.errorf(n.Line, "%s: want %s", where, opt.Kind)
		}
		sets := make([][]string, 0, len(v.Content))
		for i, item := range v.Content {
			set, err := p.stringList(item, fmt.Sprintf("%s[%d]", where, i), rules.StringList)
			if err != nil {
				return nil, err
			}
			sets = append(sets, set)
		}
		return sets, nil
	case rules.Bool:
		var b bool
		if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!bool" || v.Decode(&b) != nil {
			return nil, p.errorf(n.Line, "%s: want %s", where, opt.Kind)
		}
		return b, nil
	case rules.Int:
		var i int
		if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!int" || v.Decode(&i) != nil || i < 0 {
			return nil, p.errorf(n.Line, "%s: want %s", where, opt.Kind)
		}
		return i, nil
	}
	return nil, p.errorf(n.Line, "%s: the rule declares an option of unknown kind %d", where, int(opt.Kind))
}

// templates decodes the templates: list: pairs of an opening and a
// closing delimiter, ["<%", "%>"].
func (p *parser) templates(n *yaml.Node) ([]document.Delimiters, error) {
	v := deref(n)
	if isNull(v) {
		return nil, nil
	}
	if v.Kind != yaml.SequenceNode {
		return nil, p.errorf(n.Line, `templates: want a list of [open, close] delimiter pairs, such as ["<%%", "%%>"]`)
	}
	var out []document.Delimiters
	for i, item := range v.Content {
		where := fmt.Sprintf("templates[%d]", i)
		pair, err := p.stringList(item, where, rules.StringList)
		if err != nil {
			return nil, err
		}
		if len(pair) != 2 || strings.TrimSpace(pair[0]) == "" || strings.TrimSpace(pair[1]) == "" {
			return nil, p.errorf(item.Line, `%s: want two delimiters that are not blank, the opening and the closing one, such as ["<%%", "%%>"]`, where)
		}
		out = append(out, document.Delimiters{Open: pair[0], Close: pair[1]})
	}
	return out, nil
}

// sources decodes sources:, a mapping of document globs to the source
// files and folders their quotations come from:
//
//	sources:
//	  "xinjiang/**": [reports/ohchr-2022.txt, statements/]
func (p *parser) sources(n *yaml.Node) ([]Sources, error) {
	v := deref(n)
	if isNull(v) {
		return nil, nil
	}
	if v.Kind != yaml.MappingNode {
		return nil, p.errorf(n.Line, `sources: want a mapping of document globs to lists of sources, such as "news/**": [reports/]`)
	}
	var out []Sources
	err := p.each(v, "in sources", func(e pair) error {
		if _, err := path.Match(e.key, ""); err != nil {
			return p.errorf(e.line, "sources: %q is no glob: %v", e.key, err)
		}
		var paths []string
		if w := deref(e.value); isString(w) {
			paths = []string{w.Value}
		} else {
			var err error
			if paths, err = p.stringList(e.value, "sources["+strconv.Quote(e.key)+"]", rules.StringList); err != nil {
				return err
			}
		}
		out = append(out, Sources{Documents: e.key, Paths: paths})
		return nil
	})
	return out, err
}

// languages decodes languages:, a mapping of language IDs to "markdown" or
// "text".
func (p *parser) languages(n *yaml.Node) (map[string]document.Format, error) {
	v := deref(n)
	if isNull(v) {
		return nil, nil
	}
	if v.Kind != yaml.MappingNode {
		return nil, p.errorf(n.Line, `languages: want a mapping of editor language IDs to markdown or text, such as "mdx: markdown"`)
	}
	out := map[string]document.Format{}
	err := p.each(v, "in languages", func(e pair) error {
		w := deref(e.value)
		switch {
		case isString(w) && w.Value == "markdown":
			out[e.key] = document.Markdown
		case isString(w) && w.Value == "text":
			out[e.key] = document.Plain
		default:
			return p.choiceError(e.value, "languages["+strconv.Quote(e.key)+"]", []string{"markdown", "text"})
		}
		return nil
	})
	return out, err
}

// stringList decodes n as a list of strings; kind names what is wanted in
// the error for a value that is not a list.
func (p *parser) stringList(n *yaml.Node, where string, kind rules.OptionKind) ([]string, error) {
	v := deref(n)
	if v.Kind != yaml.SequenceNode {
		return nil, p.errorf(n.Line, "%s: want %s", where, kind)
	}
	out := make([]string, 0, len(v.Content))
	for i, item := range v.Content {
		if !isString(deref(item)) {
			return nil, p.errorf(item.Line, "%s[%d]: want %s", where, i, rules.String)
		}
		out = append(out, deref(item).Value)
	}
	return out, nil
}

// houseRule is where a house rule's definition is, for its errors.
type houseRule struct {
	file  string         // the file that defines it
	label string         // "custom[i]" in that file
	start int            // the line of its list item
	keys  map[string]int // by key, the key's line
	items map[string][]int
}

// houseReader gathers the house rules of a configuration file: its
// custom: section and the rule files of its include:, recursively.
type houseReader struct {
	defs  []house.Def
	where []houseRule
	seen  map[string]bool // absolute paths of the files read
}

// read reads a custom: or include: entry of the file p reads.
func (h *houseReader) read(p *parser, e pair) error {
	if e.key == "include" {
		return h.include(p, e.value)
	}
	v := deref(e.value)
	if isNull(v) {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		return p.errorf(e.value.Line, "custom: want a list of house rules")
	}
	for i, item := range v.Content {
		if err := h.def(p, i, item); err != nil {
			return err
		}
	}
	return nil
}

// include reads the rule files of an include: entry: a path or a list of
// paths, relative to the folder of the file that names them. A rule file
// holds custom: and include: only.
func (h *houseReader) include(p *parser, n *yaml.Node) error {
	v := deref(n)
	var items []*yaml.Node
	switch {
	case isNull(v):
		return nil
	case isString(v):
		items = []*yaml.Node{n}
	case v.Kind == yaml.SequenceNode:
		items = v.Content
	default:
		return p.errorf(n.Line, "include: want a path or a list of paths")
	}
	for i, item := range items {
		iv := deref(item)
		if !isString(iv) || iv.Value == "" {
			return p.errorf(item.Line, "include[%d]: want a path", i)
		}
		path := filepath.FromSlash(iv.Value)
		if !filepath.IsAbs(path) {
			path = filepath.Join(filepath.Dir(p.name), path)
		}
		abs, err := p.abs(path)
		if err != nil {
			return p.errorf(item.Line, "include[%d]: %v", i, err)
		}
		if h.seen[abs] {
			return p.errorf(item.Line, "include[%d]: %s is already included", i, path)
		}
		h.seen[abs] = true
		data, err := os.ReadFile(p.path(path))
		if err != nil {
			return &Error{File: p.name, Line: item.Line, Msg: fmt.Sprintf("include[%d]: %s", i, fserr.Named(path, err)), Err: err}
		}
		sub := &parser{name: path, dir: p.dir, reg: p.reg, lines: bytes.Count(data, []byte("\n"))}
		if len(data) > 0 && data[len(data)-1] != '\n' {
			sub.lines++
		}
		root, err := sub.decode(data)
		if err != nil || root == nil {
			return err
		}
		if root.Kind != yaml.MappingNode {
			return sub.errorf(root.Line, "top level: want a mapping with keys custom, include")
		}
		err = sub.each(root, "at the top level", func(e pair) error {
			if e.key != "custom" && e.key != "include" {
				return sub.errorf(e.line, "unknown key %q at the top level of a rule file (want custom, include)", e.key)
			}
			return h.read(sub, e)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// houseKeys are the keys of a house rule.
const houseKeys = "id, kind, message, description, severity, scope, link, ignorecase, tokens, swap, sets, prefer, across, pattern"

// def reads the i-th house rule of the custom: list of the file p reads.
func (h *houseReader) def(p *parser, i int, n *yaml.Node) error {
	w := houseRule{file: p.name, label: fmt.Sprintf("custom[%d]", i), start: n.Line, keys: map[string]int{}, items: map[string][]int{}}
	v := deref(n)
	if v.Kind != yaml.MappingNode {
		return p.errorf(n.Line, "%s: want a mapping with keys id, kind, message and those of its kind", w.label)
	}
	d := house.Def{Source: fmt.Sprintf("%s:%d", p.name, n.Line)}
	where := func(key string) string { return w.label + "." + key }
	str := func(e pair, dst *string) error {
		if !isString(deref(e.value)) {
			return p.errorf(e.value.Line, "%s: want a string", where(e.key))
		}
		*dst = deref(e.value).Value
		return nil
	}
	list := func(e pair) ([]string, error) {
		l, err := p.stringList(e.value, where(e.key), rules.StringList)
		if err == nil {
			for _, item := range deref(e.value).Content {
				w.items[e.key] = append(w.items[e.key], item.Line)
			}
		}
		return l, err
	}
	err := p.each(v, "in "+w.label, func(e pair) error {
		w.keys[e.key] = e.line
		switch e.key {
		case "id":
			if err := str(e, &d.ID); err != nil {
				return err
			}
			w.label = d.ID
			return nil
		case "kind":
			return str(e, &d.Kind)
		case "message":
			return str(e, &d.Message)
		case "description":
			return str(e, &d.Description)
		case "scope":
			return str(e, &d.Scope)
		case "link":
			return str(e, &d.Link)
		case "across":
			return str(e, &d.Across)
		case "pattern":
			return str(e, &d.Pattern)
		case "severity":
			sv := deref(e.value)
			if isString(sv) {
				if sev, err := rules.ParseSeverity(sv.Value); err == nil {
					d.Severity = sev
					return nil
				}
			}
			return p.choiceError(e.value, where("severity"), []string{"error", "warning", "info"})
		case "ignorecase":
			b, err := p.optionValue(rules.Option{Name: "ignorecase", Kind: rules.Bool}, e.value, where("ignorecase"))
			if err != nil {
				return err
			}
			d.CaseSensitive = !b.(bool)
			return nil
		case "tokens":
			l, err := list(e)
			d.Tokens = l
			return err
		case "prefer":
			if isString(deref(e.value)) {
				d.Prefer = []string{deref(e.value).Value}
				w.items[e.key] = []int{e.value.Line}
				return nil
			}
			l, err := list(e)
			d.Prefer = l
			return err
		case "sets":
			sv := deref(e.value)
			if sv.Kind != yaml.SequenceNode {
				return p.errorf(e.value.Line, "%s: want %s", where("sets"), rules.StringSets)
			}
			for j, item := range sv.Content {
				set, err := p.stringList(item, fmt.Sprintf("%s[%d]", where("sets"), j), rules.StringList)
				if err != nil {
					return err
				}
				d.Sets = append(d.Sets, set)
				w.items[e.key] = append(w.items[e.key], item.Line)
			}
			return nil
		case "swap":
			sv := deref(e.value)
			if sv.Kind != yaml.MappingNode {
				return p.errorf(e.value.Line, "%s: want a mapping of the form to report to its replacement, e.g. {Kiev: Kyiv}", where("swap"))
			}
			return p.each(sv, "in "+where("swap"), func(s pair) error {
				if !isString(deref(s.value)) {
					return p.errorf(s.value.Line, "%s.%s: want the replacement, a string", where("swap"), s.key)
				}
				d.Swap = append(d.Swap, house.Pair{From: s.key, To: deref(s.value).Value})
				w.items[e.key] = append(w.items[e.key], s.line)
				return nil
			})
		}
		return p.errorf(e.line, "unknown key %q in %s (want %s)", e.key, w.label, houseKeys)
	})
	if err != nil {
		return err
	}
	h.defs = append(h.defs, d)
	h.where = append(h.where, w)
	return nil
}

// compile compiles the house rules, turning a problem into an *Error at
// the line of the offending definition, key or item.
func (h *houseReader) compile() ([]*rules.Rule, error) {
	rs, err := house.Compile(h.defs)
	var de *house.DefError
	if errors.As(err, &de) {
		w := h.where[de.Index]
		// Another item the problem involves is named by its line, with its
		// rule's ID if it is another rule's, and its file if another file's.
		other := func(r house.DefRef) string {
			o := h.where[r.Index]
			switch line := o.line(r.Field, r.Item); {
			case o.file != w.file:
				return fmt.Sprintf("%s, %s:%d", o.label, o.file, line)
			case r.Index != de.Index:
				return fmt.Sprintf("%s, line %d", o.label, line)
			default:
				return fmt.Sprintf("line %d", line)
			}
		}
		return nil, &Error{File: w.file, Line: w.line(de.Field, de.Item), Msg: w.label + ": " + de.Text(other)}
	}
	return rs, err
}

// line returns the line of a house rule's field, or of the item-th item of
// a list field, or else of the rule.
func (w houseRule) line(field string, item int) int {
	if items := w.items[field]; item >= 0 && item < len(items) {
		return items[item]
	}
	if l, ok := w.keys[field]; ok {
		return l
	}
	return w.start
}
