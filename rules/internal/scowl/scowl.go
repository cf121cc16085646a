// Package scowl reads the word lists of SCOWL (Spell Checker Oriented Word
// Lists, Kevin Atkinson), as the Debian package scowl installs them in
// /usr/share/dict/scowl, for the spelling/typo rule's generated filters.
package scowl

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Dir is where the Debian package scowl puts SCOWL's final lists.
const Dir = "/usr/share/dict/scowl"

// The sizes of the lists read, and the false rates of the filters built
// from them.
const (
	// KnownSize is the largest size of the known words: all of SCOWL.
	KnownSize = 95
	// CommonSize is the largest size of the common words.
	CommonSize = 50
	// TopSize is the largest size of the most common words.
	TopSize = 20
	// A false answer of the known filter hides a typo; one of the common
	// filter would propose a correction that is no word, so it is rarer.
	KnownRate  = 5e-3
	CommonRate = 1e-7
	TopRate    = 1e-7
)

// commonLists are the SCOWL list names whose words may be corrections.
var commonLists = map[string]bool{
	"english-words": true, "american-words": true, "british-words": true,
	"canadian-words": true, "australian-words": true, "british_z-words": true,
}

// Lists reads SCOWL's lists in dir and returns the known, the common and
// the most common words, sorted.
func Lists(dir string) (known, common, top []string, err error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.[0-9]*"))
	if err != nil {
		return nil, nil, nil, err
	}
	if len(names) == 0 {
		return nil, nil, nil, fmt.Errorf("no SCOWL lists in %s (install the Debian package scowl)", dir)
	}
	k, c, t := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, name := range names {
		base := filepath.Base(name)
		list, sz, _ := strings.Cut(base, ".")
		size, err := strconv.Atoi(sz)
		if err != nil || size > KnownSize {
			continue
		}
		isCommon := commonLists[list] && size <= CommonSize
		f, err := os.Open(name)
		if err != nil {
			return nil, nil, nil, err
		}
		s := bufio.NewScanner(f)
		for s.Scan() {
			w := strings.TrimSpace(s.Text())
			if w == "" {
				continue
			}
			lw := strings.ToLower(w)
			k[lw] = true
			k[stripAccents(lw)] = true
			if isCommon && lowerASCII(w) {
				c[w] = true
				if size <= TopSize {
					t[w] = true
				}
			}
		}
		f.Close()
		if err := s.Err(); err != nil {
			return nil, nil, nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	return sorted(k), sorted(c), sorted(t), nil
}

// accents maps the accented small letters of SCOWL's words to plain ones.
var accents = strings.NewReplacer(
	"à", "a", "á", "a", "â", "a", "ä", "a", "ã", "a", "å", "a",
	"ç", "c", "è", "e", "é", "e", "ê", "e", "ë", "e",
	"ì", "i", "í", "i", "î", "i", "ï", "i", "ñ", "n",
	"ò", "o", "ó", "o", "ô", "o", "ö", "o", "õ", "o", "ø", "o",
	"ù", "u", "ú", "u", "û", "u", "ü", "u", "ý", "y", "ÿ", "y",
	"æ", "ae", "œ", "oe",
)

// stripAccents returns w without the accents of its letters.
func stripAccents(w string) string { return accents.Replace(w) }

func lowerASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

func sorted(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for w := range m {
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}
