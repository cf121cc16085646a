// Package wordtable is a read-only hash table from words to strings whose
// contents are Go source: generated once, it is static data in the binary
// and costs nothing to set up when the program starts.
package wordtable

import (
	"fmt"
	"strings"
)

// Table maps keys to values. Slots is an open-addressing index of size a
// power of two: slot i holds 1 + the index of a key whose hash probes
// there, or 0.
type Table struct {
	Keys, Values []string
	Slots        []uint32
	// MinLen and MaxLen are the shortest and longest keys' lengths in
	// bytes: a word of another length need not be looked up.
	MinLen, MaxLen int
}

// Hash is the table's hash function: 32-bit FNV-1a.
func Hash(key []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range key {
		h ^= uint32(c)
		h *= 16777619
	}
	return h
}

// Lookup returns the value of key.
func (t *Table) Lookup(key []byte) (string, bool) {
	if len(t.Slots) == 0 {
		return "", false
	}
	mask := uint32(len(t.Slots) - 1)
	for i := Hash(key) & mask; ; i = (i + 1) & mask {
		s := t.Slots[i]
		if s == 0 {
			return "", false
		}
		if t.Keys[s-1] == string(key) {
			return t.Values[s-1], true
		}
	}
}

// Len returns the number of keys.
func (t *Table) Len() int { return len(t.Keys) }

// Build returns the table of keys and values (keys distinct).
func Build(keys, values []string) *Table {
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
		i := Hash([]byte(key)) & mask
		for t.Slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.Slots[i] = uint32(k + 1)
	}
	return t
}

// Source returns Go source declaring the table of keys and values as a
// package-level variable named name.
func Source(name string, keys, values []string) string {
	t := Build(keys, values)
	var b strings.Builder
	fmt.Fprintf(&b, "var %s = wordtable.Table{\n\tKeys: []string{", name)
	for i, k := range keys {
		if i%8 == 0 {
			b.WriteString("\n\t\t")
		}
		fmt.Fprintf(&b, "%q, ", k)
	}
	b.WriteString("\n\t},\n\tValues: []string{")
	for i, v := range values {
		if i%8 == 0 {
			b.WriteString("\n\t\t")
		}
		fmt.Fprintf(&b, "%q, ", v)
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
