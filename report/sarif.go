package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// SARIF constants.
const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	// sarifSrcRoot is the base that relative artifact URIs are resolved
	// against: the folder docqa ran in.
	sarifSrcRoot = "%SRCROOT%"
	// sarifFingerprint names the partial fingerprint rules.Fingerprint
	// computes; the version changes if the computation does.
	sarifFingerprint = "docqaFingerprint/v1"
	// informationURI is where docqa lives.
	informationURI = "https://github.com/docqa/docqa"
)

// SARIF writes the findings as one SARIF 2.1.0 log, the format GitHub code
// scanning uploads, indented by two spaces:
//
//   - one run whose tool.driver is docqa, with its version (see
//     Options.Version; a Go module version's "v" is left out) and a
//     reportingDescriptor for every rule of the registry (and for any other
//     rule that found something), sorted by ID: id, name, shortDescription
//     (the rule's summary), fullDescription (its explanation), help (the
//     explanation with the rule's examples), helpUri (the rule's Link, a
//     house rule's style-guide entry) and defaultConfiguration.level
//     ("none" for a rule whose findings keep the severity of what they
//     report, checks/new-finding: an absent level would mean "warning");
//   - columnKind "unicodeCodePoints": lines and columns are 1-based and
//     columns count code points; a region's endColumn is exclusive;
//   - one result per finding, in the order given: ruleId, ruleIndex, level
//     (error, warning, or note for info), message, a physical location with
//     the region and its text as snippet, partialFingerprints
//     ("docqaFingerprint/v1", see rules.Fingerprint: it does not change
//     when lines above the finding do), and one fix per rules.Fix;
//   - relative paths become relative URIs with "/" separators, percent-
//     encoded (RFC 3986), against the base %SRCROOT%, which
//     originalUriBaseIds defines; absolute paths become file URIs.
//
// A run without findings has "results": []. The output is byte for byte
// the same for the same findings and options. SARIF keeps the results it
// is to write until End, as values that do not refer to the documents.
type SARIF struct {
	w       io.Writer
	opts    Options
	results []sarifResult
}

// NewSARIF returns a SARIF printer writing to w. opts.Registry documents
// the rules, opts.Version is the tool's version and opts.SrcRoot the
// folder that %SRCROOT% stands for.
func NewSARIF(w io.Writer, opts Options) *SARIF { return &SARIF{w: w, opts: opts} }

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                        `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds"`
	ColumnKind         string                           `json:"columnKind"`
	Results            []sarifResult                    `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Version        string      `json:"version"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string              `json:"id"`
	Name                 string              `json:"name"`
	ShortDescription     sarifMessage        `json:"shortDescription"`
	FullDescription      *sarifMessage       `json:"fullDescription,omitempty"`
	Help                 *sarifMessage       `json:"help,omitempty"`
	HelpURI              string              `json:"helpUri,omitempty"`
	DefaultConfiguration *sarifConfiguration `json:"defaultConfiguration,omitempty"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	RelatedLocations    []sarifRelated    `json:"relatedLocations,omitempty"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
}

type sarifRelated struct {
	ID               int                   `json:"id"`
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	Message          sarifMessage          `json:"message"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           sarifRegion           `json:"region"`
}

type sarifArtifactLocation struct {
	URI         string        `json:"uri,omitempty"`
	URIBaseID   string        `json:"uriBaseId,omitempty"`
	Description *sarifMessage `json:"description,omitempty"`
}

type sarifRegion struct {
	StartLine   int           `json:"startLine"`
	StartColumn int           `json:"startColumn"`
	EndLine     int           `json:"endLine"`
	EndColumn   int           `json:"endColumn"`
	Snippet     *sarifMessage `json:"snippet,omitempty"`
}

type sarifFix struct {
	Description     sarifMessage          `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Replacements     []sarifReplacement    `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion  `json:"deletedRegion"`
	InsertedContent sarifMessage `json:"insertedContent"`
}

// Begin implements Printer: it forgets the results of an earlier run.
func (p *SARIF) Begin() error {
	p.results = p.results[:0]
	return nil
}

// File implements Printer: it converts the document's findings to results,
// to write at End.
func (p *SARIF) File(doc *document.Document, findings []rules.Finding) error {
	cur := doc.Cursor()
	region := func(span document.Span) sarifRegion {
		start, end := cur.Position(span.Start), cur.Position(span.End)
		return sarifRegion{StartLine: start.Line, StartColumn: start.Column, EndLine: end.Line, EndColumn: end.Column}
	}
	for i := range findings {
		f := &findings[i]
		loc := sarifArtifact(path(doc, f))
		r := region(f.Span)
		r.Snippet = &sarifMessage{Text: doc.String(f.Span)}
		res := sarifResult{
			RuleID:  f.Rule,
			Level:   sarifLevel(f.Severity),
			Message: sarifMessage{Text: f.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
				ArtifactLocation: loc, Region: r,
			}}},
			PartialFingerprints: map[string]string{sarifFingerprint: rules.Fingerprint(doc, *f)},
		}
		for i, rel := range f.Related {
			in, ok := relatedDoc(doc, rel)
			if !ok {
				continue // another document, whose positions are not known here
			}
			relLoc, relRegion := loc, sarifRegion{}
			if in == doc {
				relRegion = region(rel.Span)
			} else {
				relLoc = sarifArtifact(in.Path)
				s, e := in.Position(rel.Span.Start), in.Position(rel.Span.End)
				relRegion = sarifRegion{StartLine: s.Line, StartColumn: s.Column, EndLine: e.Line, EndColumn: e.Column}
			}
			res.RelatedLocations = append(res.RelatedLocations, sarifRelated{
				ID:               i + 1,
				PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: relLoc, Region: relRegion},
				Message:          sarifMessage{Text: rel.Message},
			})
		}
		for _, fix := range f.Fixes {
			res.Fixes = append(res.Fixes, sarifFix{
				Description: sarifMessage{Text: fix.Describe(doc.String(fix.Span))},
				ArtifactChanges: []sarifArtifactChange{{
					ArtifactLocation: loc,
					Replacements: []sarifReplacement{{
						DeletedRegion:   region(fix.Span),
						InsertedContent: sarifMessage{Text: fix.Replacement},
					}},
				}},
			})
		}
		p.results = append(p.results, res)
	}
	return nil
}

// End implements Printer: it writes the log.
func (p *SARIF) End(Summary) error {
	ruleList := p.descriptors()
	index := make(map[string]int, len(ruleList))
	for i, r := range ruleList {
		index[r.ID] = i
	}
	results := make([]sarifResult, len(p.results)) // never nil: "results": []
	for i, res := range p.results {
		res.RuleIndex = index[res.RuleID]
		results[i] = res
	}
	root := sarifArtifactLocation{Description: &sarifMessage{Text: "The folder docqa ran in: the paths of the results are relative to it."}}
	if p.opts.SrcRoot != "" {
		root.URI = fileURI(p.opts.SrcRoot)
		if !strings.HasSuffix(root.URI, "/") {
			root.URI += "/"
		}
	}
	log := sarifLog{
		Schema:  sarifSchema,
		Version: sarifVersion,
		Runs: []sarifRun{{
			Tool: sarifTool{Driver: sarifDriver{
				Name: "docqa", InformationURI: informationURI, Version: sarifToolVersion(p.opts.Version), Rules: ruleList,
			}},
			OriginalURIBaseIDs: map[string]sarifArtifactLocation{sarifSrcRoot: root},
			ColumnKind:         "unicodeCodePoints",
			Results:            results,
		}},
	}
	// The log is encoded without its results, which are then written into
	// its empty list one by one, indented as encoding the whole log would
	// indent them: neither the whole log nor a copy of it is held at once.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(log); err != nil {
		return fmt.Errorf("encoding SARIF: %w", err)
	}
	frame := bytes.Clone(buf.Bytes())
	const empty = `"results": []`
	at := bytes.LastIndex(frame, []byte(empty)) // the results are the run's last member
	if len(results) == 0 || at < 0 {
		_, err := p.w.Write(frame)
		return err
	}
	const prefix = "        " // the depth of a result: log, runs, run, results
	out := append([]byte(nil), frame[:at+len(empty)-1]...)
	for i := range results {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, "\n"+prefix...)
		buf.Reset()
		enc.SetIndent(prefix, "  ")
		if err := enc.Encode(&results[i]); err != nil {
			return fmt.Errorf("encoding SARIF: %w", err)
		}
		out = append(out, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
		if len(out) >= jsonChunk {
			if _, err := p.w.Write(out); err != nil {
				return err
			}
			out = out[:0]
		}
	}
	out = append(out, "\n      ]"...)
	out = append(out, frame[at+len(empty):]...)
	_, err := p.w.Write(out)
	return err
}

// descriptors returns the reporting descriptors of the registry's rules and of
// any other rule a result names, sorted by ID. The list is never nil.
func (p *SARIF) descriptors() []sarifRule {
	out := []sarifRule{}
	seen := map[string]bool{}
	if p.opts.Registry != nil {
		for _, r := range p.opts.Registry.Rules() {
			out = append(out, sarifRuleOf(r))
			seen[r.ID] = true
		}
	}
	for _, res := range p.results {
		if !seen[res.RuleID] {
			seen[res.RuleID] = true
			out = append(out, sarifRule{ID: res.RuleID, Name: pascal(res.RuleID),
				ShortDescription: sarifMessage{Text: res.RuleID}})
		}
	}
	slices.SortFunc(out, func(a, b sarifRule) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// sarifRuleOf describes a rule as a SARIF reportingDescriptor.
func sarifRuleOf(r *rules.Rule) sarifRule {
	sr := sarifRule{
		ID:                   r.ID,
		Name:                 pascal(r.ID),
		ShortDescription:     sarifMessage{Text: r.Summary},
		DefaultConfiguration: &sarifConfiguration{Level: sarifLevel(r.Severity)},
	}
	if r.Severity == 0 {
		// A rule without a severity of its own (checks/new-finding: each
		// finding keeps its lint rule's). SARIF 2.1.0 reads an absent
		// level as "warning" (3.50.3), which would be untrue; "none"
		// claims no severity, and every result has its own level, so no
		// consumer falls back on this one.
		sr.DefaultConfiguration.Level = "none"
	}
	if sr.ShortDescription.Text == "" {
		sr.ShortDescription.Text = r.ID
	}
	if r.Explanation != "" {
		sr.FullDescription = &sarifMessage{Text: r.Explanation}
	}
	if help := ruleHelp(r); help != "" {
		sr.Help = &sarifMessage{Text: help}
	}
	sr.HelpURI = r.Link
	return sr
}

// ruleHelp returns a rule's explanation followed by its examples.
func ruleHelp(r *rules.Rule) string {
	parts := []string{}
	if r.Explanation != "" {
		parts = append(parts, r.Explanation)
	}
	if r.Bad != "" {
		parts = append(parts, "Reported:\n"+indent(r.Bad))
	}
	if r.Good != "" {
		parts = append(parts, "Not reported:\n"+indent(r.Good))
	}
	return strings.Join(parts, "\n\n")
}

// indent prefixes every line of s with four spaces.
func indent(s string) string {
	return "    " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n    ")
}

// pascal turns a rule ID into the Pascal-case identifier SARIF recommends
// for a rule's name: "repetition/doubled-word" becomes
// "RepetitionDoubledWord".
func pascal(id string) string {
	var b strings.Builder
	upper := true
	for _, r := range id {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			upper = true
			continue
		}
		if upper {
			r = unicode.ToUpper(r)
			upper = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// sarifToolVersion returns docqa's version as SARIF's tool.driver.version:
// "(devel)" when unknown, and without the "v" of a Go module version
// ("v1.2.3" is "1.2.3"), as consumers compare versions that start with a
// number.
func sarifToolVersion(v string) string {
	switch {
	case v == "":
		return "(devel)"
	case len(v) > 1 && v[0] == 'v' && '0' <= v[1] && v[1] <= '9':
		return v[1:]
	}
	return v
}

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(sev rules.Severity) string {
	if sev == rules.Info {
		return "note"
	}
	return level(sev)
}

// sarifArtifact returns the artifact location of a path with "/"
// separators: a relative URI against %SRCROOT%, or a file URI for an
// absolute path.
func sarifArtifact(p string) sarifArtifactLocation {
	if filepath.IsAbs(filepath.FromSlash(p)) {
		return sarifArtifactLocation{URI: fileURI(p)}
	}
	return sarifArtifactLocation{URI: relativeURI(p), URIBaseID: sarifSrcRoot}
}

// relativeURI percent-encodes a relative path with "/" separators as a
// relative-path reference (RFC 3986): a colon in its first segment, which
// would read as a scheme, is encoded too.
func relativeURI(p string) string {
	u := (&url.URL{Path: p}).EscapedPath()
	first, rest, found := strings.Cut(u, "/")
	first = strings.ReplaceAll(first, ":", "%3A")
	if found {
		return first + "/" + rest
	}
	return first
}

// fileURI returns the file URI of an absolute path.
func fileURI(p string) string {
	p = filepath.ToSlash(p)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive: file:///C:/...
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}
