// Package bloom is a read-only Bloom filter over words whose bits are a
// string: generated once and embedded in the binary, it is static data that
// costs nothing to set up when the program starts and is paged in only as
// it is read.
//
// A filter answers "maybe in the set" for every word that was added and,
// with a small probability that its builder chose, for a word that was not;
// it never answers "not in the set" for a word that was added.
package bloom

import (
	"errors"
	"fmt"
	"math"
)

// Filter is a Bloom filter: K bit positions per word in Bits, whose length
// in bits is a power of two. The zero Filter holds nothing.
type Filter struct {
	Bits string
	K    int
}

// Hash is the filter's hash of a word: 64-bit FNV-1a. Its halves make the
// K positions by double hashing.
func Hash(w []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range w {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// HashString is Hash for a string.
func HashString(w string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(w); i++ {
		h ^= uint64(w[i])
		h *= 1099511628211
	}
	return h
}

// Has reports whether the word whose Hash is h may be in the set.
func (f *Filter) Has(h uint64) bool {
	if len(f.Bits) == 0 {
		return false
	}
	mask := uint64(len(f.Bits))*8 - 1
	h1, h2 := h, h>>32|1
	for i := 0; i < f.K; i++ {
		b := (h1 + uint64(i)*h2) & mask
		if f.Bits[b>>3]&(1<<(b&7)) == 0 {
			return false
		}
	}
	return true
}

// Encode returns the filter as bytes: K, then Bits.
func (f *Filter) Encode() []byte {
	return append([]byte{byte(f.K)}, f.Bits...)
}

// Decode is the inverse of Encode. The filter shares data's memory.
func Decode(data string) (Filter, error) {
	if len(data) < 2 {
		return Filter{}, errors.New("bloom: filter data too short")
	}
	n := len(data) - 1
	if n&(n-1) != 0 {
		return Filter{}, fmt.Errorf("bloom: %d bytes of bits, not a power of two", n)
	}
	return Filter{K: int(data[0]), Bits: data[1:]}, nil
}

// Build returns a filter of words whose rate of false answers is about
// falseRate (between 0 and 1).
func Build(words []string, falseRate float64) Filter {
	n := max(len(words), 1)
	bits := uint64(8)
	want := uint64(math.Ceil(-float64(n) * math.Log(falseRate) / (math.Ln2 * math.Ln2)))
	for bits < want {
		bits *= 2
	}
	k := int(math.Round(float64(bits) / float64(n) * math.Ln2))
	k = min(max(k, 1), 32)
	b := make([]byte, bits/8)
	mask := bits - 1
	for _, w := range words {
		h := HashString(w)
		h1, h2 := h, h>>32|1
		for i := 0; i < k; i++ {
			p := (h1 + uint64(i)*h2) & mask
			b[p>>3] |= 1 << (p & 7)
		}
	}
	return Filter{Bits: string(b), K: k}
}
