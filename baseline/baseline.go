// Package baseline records a run's findings so that later runs report only
// new ones: a team adopts docqa on an archive and fails CI only on the
// problems it adds.
//
// A finding is recorded by its document's path, its rule and its
// fingerprint (rules.Fingerprint: the rule, the finding's text and the
// words around it in its paragraph, not its line), with a count for
// findings that share all three. Editing other paragraphs, or adding lines
// above a finding, keeps it matched; changing the words around it, or
// renaming or moving the file, makes it new.
//
// The file is JSON, one finding a line, sorted, so that it diffs well:
//
//	{
//	  "version": 1,
//	  "findings": [
//	    {"path":"a.md","rule":"repetition/doubled-word","fingerprint":"3f…","count":1}
//	  ]
//	}
package baseline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"sync"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/internal/atomicfile"
	"github.com/docqa/docqa/internal/fserr"
	"github.com/docqa/docqa/report"
	"github.com/docqa/docqa/rules"
)

// Version is the version of the file format that this package reads and
// writes.
const Version = 1

// Entry is one line of a baseline: Count findings of Rule in the document
// at Path with the same Fingerprint.
type Entry struct {
	Path        string `json:"path"`
	Rule        string `json:"rule"`
	Fingerprint string `json:"fingerprint"`
	Count       int    `json:"count"`
}

// key identifies the findings an Entry counts.
type key struct {
	path, rule, fingerprint string
}

// Baseline is a set of recorded findings. Add and Filter are safe for
// concurrent use; a Baseline must not be copied.
type Baseline struct {
	mu     sync.RWMutex
	counts map[key]int
}

// New returns an empty baseline.
func New() *Baseline { return &Baseline{counts: make(map[key]int)} }

// Add records findings of doc. Their Path is the one recorded.
func (b *Baseline) Add(doc *document.Document, findings []rules.Finding) {
	keys := make([]key, len(findings))
	for i, f := range findings {
		keys[i] = key{f.Path, f.Rule, rules.Fingerprint(doc, f)}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, k := range keys {
		b.counts[k]++
	}
}

// Filter returns the findings of doc that the baseline does not hold: of
// the findings that share a path, rule and fingerprint, the baseline's
// count of them are dropped, the first ones in the order given, and the
// others kept. findings is not changed.
func (b *Baseline) Filter(doc *document.Document, findings []rules.Finding) []rules.Finding {
	keys := make([]key, len(findings))
	for i, f := range findings {
		keys[i] = key{f.Path, f.Rule, rules.Fingerprint(doc, f)}
	}
	out := make([]rules.Finding, 0, len(findings))
	seen := make(map[key]int)
	b.mu.RLock()
	defer b.mu.RUnlock()
	for i, f := range findings {
		k := keys[i]
		if seen[k] < b.counts[k] {
			seen[k]++
			continue
		}
		out = append(out, f)
	}
	return out
}

// Entries returns the baseline's entries sorted by path, rule and
// fingerprint.
func (b *Baseline) Entries() []Entry {
	b.mu.RLock()
	out := make([]Entry, 0, len(b.counts))
	for k, n := range b.counts {
		out = append(out, Entry{Path: k.path, Rule: k.rule, Fingerprint: k.fingerprint, Count: n})
	}
	b.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool {
		a, c := out[i], out[j]
		switch {
		case a.Path != c.Path:
			return a.Path < c.Path
		case a.Rule != c.Rule:
			return a.Rule < c.Rule
		}
		return a.Fingerprint < c.Fingerprint
	})
	return out
}

// Len returns the number of findings recorded.
func (b *Baseline) Len() int {
	b.mu.RLock()
	defer b.mu.RUnlock()
	n := 0
	for _, c := range b.counts {
		n += c
	}
	return n
}

// Marshal returns the baseline as the file holds it: the same findings
// give the same bytes.
func (b *Baseline) Marshal() []byte {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "{\n  \"version\": %d,\n  \"findings\": [", Version)
	entries := b.Entries()
	for i, e := range entries {
		line, err := json.Marshal(e)
		if err != nil {
			panic(err) // strings and an int always marshal
		}
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n    ")
		buf.Write(line)
	}
	if len(entries) > 0 {
		buf.WriteString("\n  ")
	}
	buf.WriteString("]\n}\n")
	return buf.Bytes()
}

// Write writes the baseline to the file at path atomically (see
// atomicfile.Write). Errors name the file.
func (b *Baseline) Write(path string) error {
	return atomicfile.Write(path, b.Marshal())
}

// file is the JSON form of a baseline file.
type file struct {
	Version  *int    `json:"version"`
	Findings []Entry `json:"findings"`
}

// Parse reads a baseline file's contents. It rejects anything Marshal
// would not write: another version, unknown fields, an entry without a
// path, rule or fingerprint or with a count below 1, and two entries for
// the same findings.
func Parse(data []byte) (*Baseline, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f file
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("not a baseline file: %w", err)
	}
	if dec.More() {
		return nil, errors.New("not a baseline file: data after the JSON object")
	}
	switch {
	case f.Version == nil:
		return nil, errors.New("not a baseline file: no version")
	case *f.Version != Version:
		return nil, fmt.Errorf("baseline version %d is not supported (want %d)", *f.Version, Version)
	}
	b := New()
	for i, e := range f.Findings {
		if e.Path == "" || e.Rule == "" || e.Fingerprint == "" || e.Count < 1 {
			return nil, fmt.Errorf("findings[%d]: want a path, a rule, a fingerprint and a count of 1 or more", i)
		}
		k := key{e.Path, e.Rule, e.Fingerprint}
		if _, dup := b.counts[k]; dup {
			return nil, fmt.Errorf("findings[%d]: the same path, rule and fingerprint as an entry before it", i)
		}
		b.counts[k] = e.Count
	}
	return b, nil
}

// Load reads the baseline file at path. Errors are one line and name the
// file: "path: problem".
func Load(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fserr.Named(path, err)
	}
	b, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return b, nil
}

// Record returns a printer that records in b each document's findings on
// their way to p: what a run reports, after suppression and fixes, so that
// b can be written as the run's baseline when it ends.
func Record(p report.Printer, b *Baseline) report.Printer {
	return &recorder{Printer: p, base: b}
}

// recorder is a printer that records each document's findings in a
// baseline before printing them.
type recorder struct {
	report.Printer
	base *Baseline
}

// File records the findings of doc, then prints them.
func (r *recorder) File(doc *document.Document, findings []rules.Finding) error {
	r.base.Add(doc, findings)
	return r.Printer.File(doc, findings)
}
