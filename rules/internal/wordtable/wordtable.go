// Package wordtable is a read-only hash table from words to strings whose
// contents are Go source: generated once, it is static data in the binary
// and costs nothing to set up when the program starts.
package wordtable

import (
	"fmt"
	"strings"
)

// Table maps keys to values, at most MaxKeys of them. Slots is an
// open-addressing index of size a power of two: slot i holds 0, or the
// top 16 bits of the hash of a key that probes there (its tag) above
// 1 + the key's index. A look-up compares tags first and reads a key
// only when they agree: a word that is not in the table is turned away,
// almost always, without touching Keys.
type Table struct {
	Keys []string
	// Values holds the value of each key, or is nil for a table whose
	// values are Ints.
	Values []string
	// Ints holds integer values, for a table whose values are numbers.
	Ints  []uint32
	Slots []uint32
	// MinLen and MaxLen are the shortest and longest keys' lengths in
	// bytes: a word of another length need not be looked up.
	MinLen, MaxLen int
}

// The constants of the table's hash function, 32-bit FNV-1a, for a caller
// that hashes a key byte by byte as it builds it: start from HashOffset
// and, for each byte c, set h = (h ^ uint32(c)) * HashPrime.
const (
	HashOffset = 2166136261
	HashPrime  = 16777619
)

// Hash is the table's hash function: 32-bit FNV-1a.
func Hash(key []byte) uint32 {
	h := uint32(HashOffset)
	for _, c := range key {
		h ^= uint32(c)
		h *= HashPrime
	}
	return h
}

// Lookup returns the value of key.
func (t *Table) Lookup(key []byte) (string, bool) {
	return t.LookupHashed(key, Hash(key))
}

// LookupHashed returns the value of key, whose Hash is h.
func (t *Table) LookupHashed(key []byte, h uint32) (string, bool) {
	if i := t.index(key, h); i >= 0 {
		return t.Values[i], true
	}
	return "", false
}

// LookupInt returns the integer value of key.
func (t *Table) LookupInt(key []byte) (uint32, bool) {
	return t.LookupIntHashed(key, Hash(key))
}

// LookupIntHashed returns the integer value of key, whose Hash is h.
func (t *Table) LookupIntHashed(key []byte, h uint32) (uint32, bool) {
	if i := t.index(key, h); i >= 0 {
		return t.Ints[i], true
	}
	return 0, false
}

// index returns the index of key, whose hash is h, in Keys, or -1.
func (t *Table) index(key []byte, h uint32) int {
	if len(t.Slots) == 0 {
		return -1
	}
	mask := uint32(len(t.Slots) - 1)
	tag := h >> 16
	for i := h & mask; ; i = (i + 1) & mask {
		s := t.Slots[i]
		if s == 0 {
			return -1
		}
		if s>>16 == tag && t.Keys[s&0xFFFF-1] == string(key) {
			return int(s&0xFFFF - 1)
		}
	}
}

// MaxKeys is the most keys a Table holds: an index fits in 16 bits.
const MaxKeys = 1<<16 - 1

// Len returns the number of keys.
func (t *Table) Len() int { return len(t.Keys) }

// Build returns the table of keys and values (keys distinct). It panics
// if there are more than MaxKeys keys.
func Build(keys, values []string) *Table {
	if len(keys) > MaxKeys {
		panic(fmt.Sprintf("wordtable: %d keys, more than %d", len(keys), MaxKeys))
	}
	size := 1
	for size < 2*len(keys) {
		size *= 2
	}
	t := &Table{Keys: keys, Values: values, Slots: make([]uint32, size), MinLen: 1 << 30}
	for _, k := range keys {
		t.MinLen, t.MaxLen = min(t.MinLen, len(k)), max(t.MaxLen, len(k))
	}
	mask := uint32(size - 1)
	for k, key := range keys {
		h := Hash([]byte(key))
		i := h & mask
		for t.Slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.Slots[i] = h>>16<<16 | uint32(k+1)
	}
	return t
}

// Source returns Go source declaring the table of keys and values as a
// package-level variable named name.
func Source(name string, keys, values []string) string {
	return source(name, Build(keys, values), "wordtable.")
}

// SourceInts is Source for integer values; qualifier is what the table's
// type is qualified with where the source is used ("wordtable.").
func SourceInts(name string, keys []string, ints []uint32, qualifier string) string {
	t := Build(keys, nil)
	t.Ints = ints
	return source(name, t, qualifier)
}

func source(name string, t *Table, qualifier string) string {
	keys, values := t.Keys, t.Values
	var b strings.Builder
	fmt.Fprintf(&b, "var %s = %sTable{\n\tKeys: []string{", name, qualifier)
	for i, k := range keys {
		if i%8 == 0 {
			b.WriteString("\n\t\t")
		}
		fmt.Fprintf(&b, "%q, ", k)
	}
	if values != nil {
		b.WriteString("\n\t},\n\tValues: []string{")
		for i, v := range values {
			if i%8 == 0 {
				b.WriteString("\n\t\t")
			}
			fmt.Fprintf(&b, "%q, ", v)
		}
	}
	if t.Ints != nil {
		b.WriteString("\n\t},\n\tInts: []uint32{")
		for i, v := range t.Ints {
			if i%16 == 0 {
				b.WriteString("\n\t\t")
			}
			fmt.Fprintf(&b, "%d, ", v)
		}
	}
	b.WriteString("\n\t},\n\tSlots: []uint32{")
	for i, s := range t.Slots {
		if i%16 == 0 {
			b.WriteString("\n\t\t")
		}
		fmt.Fprintf(&b, "%d, ", s)
	}
	fmt.Fprintf(&b, "\n\t},\n\tMinLen: %d,\n\tMaxLen: %d,\n}\n", t.MinLen, t.MaxLen)
	return b.String()
}
