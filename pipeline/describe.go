package pipeline

import (
	"fmt"
	"io"
	"strings"

	"github.com/docqa/docqa/config"
)

// Describe writes, for the document named doc, what lint --show-config
// prints: the configuration file that applies (file, as it is to be
// shown, "" for the defaults; forced for one --config names), the
// profile, each rule the pipeline runs with its severity and the options
// and ignore_paths its configuration sets, and the processors its findings
// pass through.
func (p *Pipeline) Describe(w io.Writer, doc, file string, forced bool) error {
	var b strings.Builder
	switch {
	case file == "":
		fmt.Fprintf(&b, "%s: no %s applies: the defaults\n", doc, config.FileName)
	case forced:
		fmt.Fprintf(&b, "%s: %s (--config)\n", doc, file)
	default:
		fmt.Fprintf(&b, "%s: %s\n", doc, file)
	}
	profile := p.Config.Profile
	if profile == "" {
		profile = config.ProfileNews
	}
	fmt.Fprintf(&b, "profile: %s\n", profile)
	sevs, err := p.Rules.Severities(p.Registry)
	if err != nil {
		return err
	}
	b.WriteString("rules:\n")
	for _, r := range p.Registry.Rules() {
		sev, on := sevs[r.ID]
		if !on {
			continue
		}
		if sev == 0 {
			fmt.Fprintf(&b, "  %s: each finding's own severity", r.ID)
		} else {
			fmt.Fprintf(&b, "  %s: %s", r.ID, sev)
		}
		opts := p.Rules.Rules[r.ID].Options
		for _, opt := range r.Options { // those the rule documents, in its order
			if v, set := opts[opt.Name]; set {
				fmt.Fprintf(&b, " %s=%v", opt.Name, v)
			}
		}
		if paths := p.Rules.Rules[r.ID].IgnorePaths; len(paths) > 0 {
			fmt.Fprintf(&b, " ignore_paths=%v", paths)
		}
		b.WriteString("\n")
	}
	var names []string
	for _, pr := range p.processors {
		names = append(names, pr.Name())
	}
	fmt.Fprintf(&b, "findings pass through: %s\n", strings.Join(names, ", "))
	_, err = io.WriteString(w, b.String())
	return err
}
