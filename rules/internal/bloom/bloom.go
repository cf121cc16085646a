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

// Filter is a blocked Bloom filter: a word's K bit positions lie in one
// block of BlockBits bits (a 64-byte cache line), so that a look-up reads
// one line of memory, not K. Bits is a whole number of blocks, a power of
// two of them. The zero Filter holds nothing.
type Filter struct {
	Bits string
	K    int
}

// BlockBits is the size in bits of a filter's blocks.
const BlockBits = 512

// Hash is the filter's hash of a word: 64-bit FNV-1a. Its low bits pick
// the block; its mixed bits, nine at a time, the positions in the block.
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
	block := f.Bits[(h&uint64(len(f.Bits)/(BlockBits/8)-1))*(BlockBits/8):][:BlockBits/8]
	// positions, by hand: this is the hot path.
	g := (h>>32 | h<<32) * 0x9E3779B97F4A7C15
	for i, left := 0, 64; i < f.K; i++ {
		if left < 9 {
			g = (g ^ g>>29) * 0xBF58476D1CE4E5B9
			left = 64
		}
		p := g >> 55
		if block[p>>3]&(1<<(p&7)) == 0 {
			return false
		}
		g <<= 9
		left -= 9
	}
	return true
}

// positions yields the k bit positions in its block of the word whose
// Hash is h (Has computes them the same way, inline).
func positions(h uint64, k int) func(func(uint64) bool) {
	return func(yield func(uint64) bool) {
		g := (h>>32 | h<<32) * 0x9E3779B97F4A7C15
		for i, left := 0, 64; i < k; i++ {
			if left < 9 {
				g = (g ^ g>>29) * 0xBF58476D1CE4E5B9
				left = 64
			}
			if !yield(g >> 55) {
				return
			}
			g <<= 9
			left -= 9
		}
	}
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
	if n&(n-1) != 0 || n < BlockBits/8 {
		return Filter{}, fmt.Errorf("bloom: %d bytes of bits, not a power of two of blocks", n)
	}
	return Filter{K: int(data[0]), Bits: data[1:]}, nil
}

// Build returns a filter of words whose rate of false answers is about
// falseRate (between 0 and 1).
func Build(words []string, falseRate float64) Filter {
	n := max(len(words), 1)
	bits := uint64(BlockBits)
	want := uint64(math.Ceil(-float64(n) * math.Log(falseRate) / (math.Ln2 * math.Ln2)))
	for bits < want {
		bits *= 2
	}
	k := int(math.Round(float64(bits) / float64(n) * math.Ln2))
	k = min(max(k, 1), 32)
	b := make([]byte, bits/8)
	blocks := bits / BlockBits
	for _, w := range words {
		h := HashString(w)
		block := b[(h&(blocks-1))*(BlockBits/8):][:BlockBits/8]
		for p := range positions(h, k) {
			block[p>>3] |= 1 << (p & 7)
		}
	}
	return Filter{Bits: string(b), K: k}
}
