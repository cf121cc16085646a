package rules

import (
	"os"
	"testing"

	"github.com/docqa/docqa/rules/internal/bloom"
	"github.com/docqa/docqa/rules/internal/scowl"
)

// TestTypoFiltersGenerated keeps typo_known.bloom, typo_common.bloom and
// typo_top.bloom equal to what rules/internal/gentypo builds from SCOWL's lists; it is
// skipped where the Debian package scowl is not installed. After an
// upgrade of the lists, "go generate ./rules" rewrites the filters.
func TestTypoFiltersGenerated(t *testing.T) {
	if _, err := os.Stat(scowl.Dir); err != nil {
		t.Skipf("SCOWL's lists are not installed (%v): apt-get install scowl", err)
	}
	known, common, top, err := scowl.Lists(scowl.Dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		name, data string
		words      []string
		rate       float64
	}{
		{"typo_known.bloom", typoKnownData, known, scowl.KnownRate},
		{"typo_common.bloom", typoCommonData, common, scowl.CommonRate},
		{"typo_top.bloom", typoTopData, top, scowl.TopRate},
	} {
		b := bloom.Build(f.words, f.rate)
		if string(b.Encode()) != f.data {
			t.Errorf("%s is stale: run go generate ./rules", f.name)
		}
	}
}
