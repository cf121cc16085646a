package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// MergeFormats returns the formats Merge reads and writes.
func MergeFormats() []string { return []string{"json", "sarif"} }

// MergeInput is one output to merge: what a shard of a run ("docqa lint
// --shard I/N") wrote.
type MergeInput struct {
	// Name names the input in error messages: its path, or "<stdin>".
	Name string
	// Data is the output, byte for byte.
	Data []byte
}

// DetectFormat returns the format of a docqa output judging by its
// content: "json" for docqa's JSON output (an object with "findings"), or
// "sarif" for a SARIF log (an object with "runs"). Anything else is an
// error.
func DetectFormat(data []byte) (string, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		var te *json.UnmarshalTypeError
		switch {
		case len(bytes.TrimSpace(data)) == 0:
			return "", errors.New("empty, not docqa's JSON or SARIF output")
		case errors.As(err, &te):
			return "", fmt.Errorf("a JSON %s, not docqa's JSON or SARIF output", te.Value)
		}
		return "", fmt.Errorf("not docqa's JSON or SARIF output: %w", err)
	}
	_, runs := top["runs"]
	_, findings := top["findings"]
	switch {
	case runs && !findings:
		return "sarif", nil
	case findings && !runs:
		return "json", nil
	}
	return "", errors.New(`neither docqa's JSON output ("findings", "summary") nor a SARIF log ("runs")`)
}

// Merge reads the outputs of the shards of one run, all in one format,
// "json" or "sarif" ("" detects it from the first input, see
// DetectFormat), and writes to w what the whole run would have written in
// that format, byte for byte: the findings of every input sorted by path
// as the run sorts its documents, each document's findings in the order
// its input gives them and as it wrote them, and
//
//   - for JSON, the summaries added up;
//   - for SARIF, one run whose rules are the union of the inputs' (sorted
//     by ID, as a run lists them) and whose results are the inputs'
//     results, their ruleIndex renumbered. The inputs must come from one
//     docqa version and agree on the rules they share; the merged log's
//     %SRCROOT% is the first input's.
//
// A document's findings must all be in one input: a path with findings in
// two inputs (the same shard given twice, say) is an error.
//
// Merge returns the merged summary, from which an exit status follows; for
// SARIF, which does not count documents, it counts only the findings (by
// level: note is Info). Errors name the input at fault, as "name:
// problem": an input that is not docqa's output in the format, a SARIF log
// of another tool or version, inputs that disagree.
func Merge(w io.Writer, format string, inputs []MergeInput) (Summary, error) {
	if len(inputs) == 0 {
		return Summary{}, errors.New("nothing to merge")
	}
	if format != "" && !slices.Contains(MergeFormats(), format) {
		return Summary{}, fmt.Errorf("cannot merge format %q (want %s)", format, strings.Join(MergeFormats(), " or "))
	}
	detected := format == ""
	for i, in := range inputs {
		f, err := DetectFormat(in.Data)
		if err != nil {
			return Summary{}, fmt.Errorf("%s: %w", in.Name, err)
		}
		switch {
		case i == 0 && detected:
			format = f
		case f != format && detected:
			return Summary{}, fmt.Errorf("%s: %s output, but %s is %s: merge outputs of one format",
				in.Name, formatName(f), inputs[0].Name, formatName(format))
		case f != format:
			return Summary{}, fmt.Errorf("%s: %s output, not %s", in.Name, formatName(f), formatName(format))
		}
	}
	if format == "json" {
		return mergeJSON(w, inputs)
	}
	return mergeSARIF(w, inputs)
}

// formatName names a format of Merge in a message.
func formatName(format string) string {
	if format == "sarif" {
		return "SARIF"
	}
	return "JSON"
}

// mergeItem is a finding of an input, as the input wrote it, with the
// path it is sorted by.
type mergeItem struct {
	path  string
	input int // index in the inputs
	raw   json.RawMessage
}

// mergeOrder sorts items by path, keeping the order of each path's items,
// which come from one input: a path with items in two inputs is an error
// naming the later one.
func mergeOrder(items []mergeItem, inputs []MergeInput) error {
	owner := map[string]int{}
	for _, it := range items {
		first, seen := owner[it.path]
		if !seen {
			owner[it.path] = it.input
			continue
		}
		if first != it.input {
			return fmt.Errorf("%s: findings for %s, which %s has too: a document must be in one shard only",
				inputs[it.input].Name, it.path, inputs[first].Name)
		}
	}
	slices.SortStableFunc(items, func(a, b mergeItem) int { return strings.Compare(a.path, b.path) })
	return nil
}

// decodeStrict decodes data, which must hold exactly one JSON value, into
// v, refusing fields v does not have.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("more than one JSON value: give each output as its own file")
	}
	return nil
}

// The findings, results and rules of the inputs are copied as they are
// written, not decoded and encoded again: decoding is not always undone by
// encoding (an invalid UTF-8 byte, which the printers write as \ufffd,
// decodes to U+FFFD, which encodes as itself), and the merged output is to
// be the whole run's byte for byte. Merge reads each input twice: into
// the printers' own types, which checks it strictly and gives the paths,
// rule IDs and levels, and into these types, which hold the raw JSON that
// is copied.

// jsonOutput is the whole of the JSON format's output.
type jsonOutput struct {
	Findings []jsonFinding `json:"findings"`
	Summary  *jsonSummary  `json:"summary"`
}

// rawJSONOutput is the JSON format's findings as written.
type rawJSONOutput struct {
	Findings []json.RawMessage `json:"findings"`
}

// mergeJSON merges outputs of the JSON format.
func mergeJSON(w io.Writer, inputs []MergeInput) (Summary, error) {
	var sum Summary
	var items []mergeItem
	for i, in := range inputs {
		var out jsonOutput
		if err := decodeStrict(in.Data, &out); err != nil {
			return Summary{}, fmt.Errorf("%s: not docqa's JSON output: %w", in.Name, err)
		}
		switch {
		case out.Findings == nil:
			return Summary{}, fmt.Errorf(`%s: not docqa's JSON output: no "findings" list`, in.Name)
		case out.Summary == nil:
			return Summary{}, fmt.Errorf(`%s: not docqa's JSON output: no "summary"`, in.Name)
		}
		var raw rawJSONOutput
		if err := json.Unmarshal(in.Data, &raw); err != nil {
			return Summary{}, fmt.Errorf("%s: %w", in.Name, err)
		}
		for j, f := range out.Findings {
			items = append(items, mergeItem{path: f.Path, input: i, raw: raw.Findings[j]})
		}
		sum.Files += out.Summary.Files
		sum.Error += out.Summary.Error
		sum.Warning += out.Summary.Warning
		sum.Info += out.Summary.Info
	}
	if err := mergeOrder(items, inputs); err != nil {
		return Summary{}, err
	}
	p := NewJSON(w)
	if err := p.Begin(); err != nil {
		return Summary{}, err
	}
	if err := p.writeRaw(items); err != nil {
		return Summary{}, err
	}
	if err := p.End(sum); err != nil {
		return Summary{}, err
	}
	return sum, nil
}

// writeRaw writes findings in their JSON form, as File writes those of a
// document.
func (p *JSON) writeRaw(items []mergeItem) error {
	var b bytes.Buffer
	return p.writeEach(len(items), func(out []byte, i int) ([]byte, error) {
		b.Reset()
		if err := p.encode(&b, items[i].raw, "    "); err != nil {
			return out, err
		}
		return append(out, b.Bytes()...), nil
	})
}

// sarifHeader is what Merge reads of a SARIF log before the rest, to tell a
// log of another tool or SARIF version from a malformed one of docqa.
type sarifHeader struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name string `json:"name"`
			} `json:"driver"`
		} `json:"tool"`
	} `json:"runs"`
}

// rawSARIFLog is the layout of sarifLog, the SARIF format's output, with
// the parts Merge copies kept as written.
type rawSARIFLog struct {
	Schema  string        `json:"$schema"`
	Version string        `json:"version"`
	Runs    []rawSARIFRun `json:"runs"`
}

type rawSARIFRun struct {
	Tool               rawSARIFTool      `json:"tool"`
	OriginalURIBaseIDs json.RawMessage   `json:"originalUriBaseIds"`
	ColumnKind         string            `json:"columnKind"`
	Results            []json.RawMessage `json:"results"`
}

type rawSARIFTool struct {
	Driver rawSARIFDriver `json:"driver"`
}

type rawSARIFDriver struct {
	Name           string            `json:"name"`
	InformationURI string            `json:"informationUri"`
	Version        string            `json:"version"`
	Rules          []json.RawMessage `json:"rules"`
}

// readSARIF decodes a SARIF log that docqa wrote, into the SARIF printer's
// types and as written.
func readSARIF(data []byte) (*sarifRun, *rawSARIFRun, error) {
	var h sarifHeader
	if err := json.Unmarshal(data, &h); err != nil {
		return nil, nil, fmt.Errorf("not a SARIF log: %w", err)
	}
	switch {
	case h.Version != sarifVersion:
		return nil, nil, fmt.Errorf("SARIF version %q, not docqa's %s", h.Version, sarifVersion)
	case len(h.Runs) != 1:
		return nil, nil, fmt.Errorf("a SARIF log with %d runs, not docqa's one", len(h.Runs))
	case h.Runs[0].Tool.Driver.Name != "docqa":
		return nil, nil, fmt.Errorf("a SARIF log of %q, not of docqa", h.Runs[0].Tool.Driver.Name)
	}
	var log sarifLog
	if err := decodeStrict(data, &log); err != nil {
		return nil, nil, fmt.Errorf("not docqa's SARIF: %w", err)
	}
	run := &log.Runs[0]
	switch {
	case log.Schema != sarifSchema:
		return nil, nil, fmt.Errorf("$schema %q, not docqa's %s", log.Schema, sarifSchema)
	case run.ColumnKind != "unicodeCodePoints":
		return nil, nil, fmt.Errorf("columnKind %q, not docqa's unicodeCodePoints", run.ColumnKind)
	case run.Tool.Driver.Rules == nil:
		return nil, nil, errors.New(`not docqa's SARIF: no "rules" list`)
	case run.Results == nil:
		return nil, nil, errors.New(`not docqa's SARIF: no "results" list`)
	case run.OriginalURIBaseIDs == nil:
		return nil, nil, errors.New(`not docqa's SARIF: no "originalUriBaseIds"`)
	}
	var raw rawSARIFLog
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, nil, err
	}
	return run, &raw.Runs[0], nil
}

// mergeSARIF merges SARIF logs.
func mergeSARIF(w io.Writer, inputs []MergeInput) (Summary, error) {
	var merged *rawSARIFRun
	var sum Summary
	var items []mergeItem
	type ruleOf struct {
		raw   []byte // compacted
		input int
	}
	ruleByID := map[string]ruleOf{}
	for i, in := range inputs {
		run, raw, err := readSARIF(in.Data)
		if err != nil {
			return Summary{}, fmt.Errorf("%s: %w", in.Name, err)
		}
		driver := run.Tool.Driver
		if i == 0 {
			merged = raw
		} else if d := merged.Tool.Driver; driver.Version != d.Version || driver.InformationURI != d.InformationURI {
			return Summary{}, fmt.Errorf("%s: docqa %s (%s), but %s is docqa %s (%s): merge the outputs of one docqa version",
				in.Name, driver.Version, driver.InformationURI, inputs[0].Name, d.Version, d.InformationURI)
		}
		for j, r := range driver.Rules {
			var compact bytes.Buffer
			if err := json.Compact(&compact, raw.Tool.Driver.Rules[j]); err != nil {
				return Summary{}, fmt.Errorf("%s: %w", in.Name, err)
			}
			prev, seen := ruleByID[r.ID]
			switch {
			case !seen:
				ruleByID[r.ID] = ruleOf{compact.Bytes(), i}
			case prev.input == i:
				return Summary{}, fmt.Errorf("%s: rule %s listed twice", in.Name, r.ID)
			case !bytes.Equal(prev.raw, compact.Bytes()):
				return Summary{}, fmt.Errorf("%s: rule %s differs from %s's: merge the outputs of one docqa version and configuration",
					in.Name, r.ID, inputs[prev.input].Name)
			}
		}
		for j, res := range run.Results {
			path, err := sarifResultPath(res, driver.Rules)
			if err != nil {
				return Summary{}, fmt.Errorf("%s: result %d: %w", in.Name, j+1, err)
			}
			switch res.Level {
			case "error":
				sum.Error++
			case "warning":
				sum.Warning++
			case "note":
				sum.Info++
			default:
				return Summary{}, fmt.Errorf("%s: result %d: level %q, not error, warning or note", in.Name, j+1, res.Level)
			}
			items = append(items, mergeItem{path: path, input: i, raw: raw.Results[j]})
		}
	}
	if err := mergeOrder(items, inputs); err != nil {
		return Summary{}, err
	}

	ids := slices.Sorted(maps.Keys(ruleByID))
	index := make(map[string]int, len(ids))
	merged.Tool.Driver.Rules = make([]json.RawMessage, len(ids))
	for i, id := range ids {
		index[id] = i
		merged.Tool.Driver.Rules[i] = ruleByID[id].raw
	}
	merged.Results = make([]json.RawMessage, len(items)) // never nil: "results": []
	for i, it := range items {
		res, err := setRuleIndex(it.raw, index)
		if err != nil {
			return Summary{}, fmt.Errorf("%s: %w", inputs[it.input].Name, err)
		}
		merged.Results[i] = res
	}
	log := rawSARIFLog{Schema: sarifSchema, Version: sarifVersion, Runs: []rawSARIFRun{*merged}}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(log); err != nil {
		return Summary{}, fmt.Errorf("encoding SARIF: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return Summary{}, err
	}
	return sum, nil
}

// setRuleIndex returns a result, a JSON object as written, with the value
// of its "ruleIndex" replaced by the index of its rule, and the rest as it
// is.
func setRuleIndex(raw json.RawMessage, index map[string]int) (json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, errors.New("a result that is not a JSON object")
	}
	var id string
	start, end := -1, -1 // of the value of "ruleIndex"
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return nil, err
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		switch key {
		case "ruleId":
			if err := json.Unmarshal(v, &id); err != nil {
				return nil, err
			}
		case "ruleIndex":
			end = int(dec.InputOffset())
			start = end - len(v)
		}
	}
	i, ok := index[id]
	if start < 0 || !ok {
		return nil, errors.New("a result without a known ruleId and a ruleIndex")
	}
	return slices.Concat(raw[:start], []byte(strconv.Itoa(i)), raw[end:]), nil
}

// sarifResultPath checks that a result of docqa's is whole, its ruleIndex
// pointing into rules at its rule, and returns the path of the document it
// lies in.
func sarifResultPath(res sarifResult, rules []sarifRule) (string, error) {
	if res.RuleIndex < 0 || res.RuleIndex >= len(rules) || rules[res.RuleIndex].ID != res.RuleID {
		return "", fmt.Errorf("ruleIndex %d is not the index of rule %q", res.RuleIndex, res.RuleID)
	}
	if len(res.Locations) != 1 {
		return "", fmt.Errorf("%d locations, not docqa's one", len(res.Locations))
	}
	return sarifPath(res.Locations[0].PhysicalLocation.ArtifactLocation)
}

// sarifPath returns the path, with "/" separators, that an artifact
// location written by sarifArtifact stands for.
func sarifPath(loc sarifArtifactLocation) (string, error) {
	switch loc.URIBaseID {
	case sarifSrcRoot:
		p, err := url.PathUnescape(loc.URI)
		if err != nil {
			return "", fmt.Errorf("artifact URI %q: %w", loc.URI, err)
		}
		return p, nil
	case "":
		u, err := url.Parse(loc.URI)
		if err != nil || u.Scheme != "file" || u.Path == "" {
			return "", fmt.Errorf("artifact URI %q is neither relative to %s nor a file URI", loc.URI, sarifSrcRoot)
		}
		p := u.Path
		if strings.HasPrefix(p, "/") && filepath.VolumeName(filepath.FromSlash(p[1:])) != "" {
			p = p[1:] // a Windows drive: file:///C:/...
		}
		return p, nil
	}
	return "", fmt.Errorf("artifact location relative to %q, not %s", loc.URIBaseID, sarifSrcRoot)
}
