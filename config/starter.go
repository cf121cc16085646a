package config

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/docqa/docqa/internal/wrap"

	"github.com/docqa/docqa/rules"
)

// starterWidth is the width the starter configuration's comments are
// wrapped to.
const starterWidth = 80

// Starter returns a commented starter configuration for the rules of reg,
// as 'docqa init' writes it: the profile, then every rule in registry
// order, the rules of reg that are among revisionChecks (the revision
// checks of 'docqa diff' and 'docqa golden', matched by ID) after the
// others under a heading of their own.
//
// Every rule gets a commented-out line setting its default severity; a
// rule with options also gets a commented-out mapping of its severity and
// options, each option with its documentation and an ExampleValue. The
// result is the same for the same registry, parses with Parse as the
// defaults, and still parses when a rule's line, or all of its mapping's
// lines, lose their leading "#".
func Starter(reg *rules.Registry, revisionChecks []*rules.Rule) []byte {
	var b bytes.Buffer
	b.WriteString(`# docqa configuration, written by 'docqa init'.
#
# Each document is checked with its nearest .docqa.yaml: the one in its
# folder, else in the folders above, up to the repository's root ('docqa
# lint --config FILE' names one for every document). Unknown keys, unknown
# rules and bad values are errors, never silently ignored.

# The profile sets the defaults: news (every rule runs) or docs
# (quotes/attribution and style/second-person are off unless set below).
profile: news

# Each rule is "off", "on" (its default severity) or a severity (error,
# warning, info), or a mapping of "severity:" and the rule's options. Below
# is every rule with its default severity; a rule left commented out keeps
# its default. To change one, delete the "#" at the start of its line. A
# rule with options is shown a second time as a mapping: to set options,
# uncomment that form instead (a rule may appear only once). The option
# values shown are the defaults: uncommented as they are, they change
# nothing. 'docqa rules ID' explains a rule.
rules:
`)
	isCheck := make(map[string]bool)
	for _, r := range revisionChecks {
		isCheck[r.ID] = true
	}
	var lint, revision []*rules.Rule
	for _, r := range reg.Rules() {
		if isCheck[r.ID] {
			revision = append(revision, r)
		} else {
			lint = append(lint, r)
		}
	}
	for _, r := range lint {
		writeStarterRule(&b, r)
	}
	if len(revision) > 0 {
		b.WriteString("\n# The revision checks of 'docqa diff' and 'docqa golden'.\n")
		for _, r := range revision {
			writeStarterRule(&b, r)
		}
	}
	return b.Bytes()
}

// writeStarterRule writes one rule's commented-out entries under rules:.
// A rule without a severity of its own (checks/new-finding: each finding
// keeps its lint rule's) is "on", its summary marked rules.ByRule.
func writeStarterRule(b *bytes.Buffer, r *rules.Rule) {
	sev, summary := r.DefaultSeverity(), oneLine(r.Summary)
	switch {
	case r.Off:
		sev, summary = r.Severity.String(), "off unless turned on: "+summary
	case r.Severity == 0:
		sev, summary = "on", rules.ByRule+": "+summary
	}
	fmt.Fprintf(b, "#  %s: %s  # %s\n", r.ID, sev, summary)
	if len(r.Options) == 0 {
		return
	}
	fmt.Fprintf(b, "#  %s:\n", r.ID)
	fmt.Fprintf(b, "#    severity: %s\n", sev)
	for _, opt := range r.Options {
		doc := opt.Name + ": " + opt.Kind.String()
		if len(opt.Choices) > 0 {
			doc += ", one of " + strings.Join(quoteAll(opt.Choices), ", ")
		}
		if opt.Doc != "" {
			doc += "; " + opt.Doc
		}
		wrap.Write(b, doc, "#    # ", starterWidth)
		writeFlow(b, opt.Name+": "+ExampleValue(opt), "#    ", "#      ", starterWidth)
	}
}

// ExampleValue returns a YAML value of opt's kind that a configuration
// accepts and that leaves the rule as it is: the option's default if it
// declares one, else an empty string or list, false, 0, or the first of
// the option's choices when the empty string is not one of them. A string
// is plain when YAML reads it as nothing but a string (lower-case words),
// else double-quoted; a list is a flow sequence ("[said, says, according
// to]").
func ExampleValue(opt rules.Option) string {
	switch v := opt.Default.(type) {
	case string:
		return yamlString(v)
	case []string:
		items := make([]string, len(v))
		for i, s := range v {
			items[i] = yamlString(s)
		}
		return "[" + strings.Join(items, ", ") + "]"
	case bool:
		return strconv.FormatBool(v)
	case int:
		return strconv.Itoa(v)
	}
	switch opt.Kind {
	case rules.StringList, rules.StringSets:
		return "[]"
	case rules.Bool:
		return "false"
	case rules.Int:
		return "0"
	}
	if len(opt.Choices) > 0 && !slices.Contains(opt.Choices, "") {
		return strconv.Quote(opt.Choices[0])
	}
	return `""`
}

// writeFlow writes line after indent, wrapped to lines of at most width
// characters after the commas of a flow sequence (a longer item gets a
// line of its own), the lines after the first indented by more.
func writeFlow(b *bytes.Buffer, line, indent, more string, width int) {
	b.WriteString(indent)
	n := utf8.RuneCountInString(indent)
	for i, item := range strings.Split(line, ", ") {
		w := utf8.RuneCountInString(item)
		switch {
		case i == 0:
		case n+2+w > width:
			b.WriteString(",\n" + more)
			n = utf8.RuneCountInString(more)
		default:
			b.WriteString(", ")
			n += 2
		}
		b.WriteString(item)
		n += w
	}
	b.WriteString("\n")
}

// yamlString returns s as a YAML string: plain if it is lower-case words
// that YAML reads as nothing but a string, else double-quoted.
func yamlString(s string) string {
	plain := s != "" && !slices.Contains([]string{"y", "n", "yes", "no", "on", "off", "true", "false", "null"}, s)
	for _, w := range strings.Split(s, " ") {
		plain = plain && w != "" && strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") == ""
	}
	if plain {
		return s
	}
	return strconv.Quote(s)
}

// oneLine returns s with its runs of white space, line breaks included,
// made single spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
