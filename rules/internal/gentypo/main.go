// Command gentypo writes the word lists of the spelling/typo rule as Bloom
// filters (see package bloom) that the rule embeds:
//
//   - typo_known.bloom: every spelling SCOWL lists, up to its largest size
//     (95), in any English, variant, name, abbreviation or contraction
//     list, in lower case and also without accents ("materiel" for
//     "matériel"): a word in it is not reported;
//   - typo_common.bloom: the common words, SCOWL's word lists up to size
//     50 of the main Englishes, in small letters only: the corrections a
//     typo is one edit away from;
//   - typo_top.bloom: the most common of them, up to size 20: of several
//     corrections, the one that is among these when no other is.
//
// SCOWL (Spell Checker Oriented Word Lists, Kevin Atkinson) comes with the
// Debian package scowl, in /usr/share/dict/scowl. Run "go generate ./rules"
// with it installed to regenerate the filters; the test that compares them
// with the lists is skipped where SCOWL is absent.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/docqa/docqa/rules/internal/bloom"
	"github.com/docqa/docqa/rules/internal/scowl"
)

func main() {
	dir := flag.String("scowl", scowl.Dir, "SCOWL's final lists")
	out := flag.String("o", ".", "folder to write the filters to")
	flag.Parse()
	known, common, top, err := scowl.Lists(*dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gentypo:", err)
		os.Exit(1)
	}
	for _, f := range []struct {
		name  string
		words []string
		rate  float64
	}{
		{"typo_known.bloom", known, scowl.KnownRate},
		{"typo_common.bloom", common, scowl.CommonRate},
		{"typo_top.bloom", top, scowl.TopRate},
	} {
		b := bloom.Build(f.words, f.rate)
		if err := os.WriteFile(filepath.Join(*out, f.name), b.Encode(), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gentypo:", err)
			os.Exit(1)
		}
	}
}
