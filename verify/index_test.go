package verify

import (
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestSortOffsets sorts offsets as slices.Sort does: short and long runs,
// equal bytes, the extremes.
func TestSortOffsets(t *testing.T) {
	r := uint32(1)
	next := func() uint32 { r = r*1664525 + 1013904223; return r }
	for _, n := range []int{0, 1, 63, 64, 1000, 20000} {
		for _, mask := range []uint32{0xFFFFFFFF, 0x00FF00FF, 0xFF000000, 0} {
			offs := make([]uint32, n)
			for i := range offs {
				offs[i] = next() & mask
			}
			if n > 1 {
				offs[0], offs[n-1] = 0xFFFFFFFF, 0
			}
			want := slices.Sorted(slices.Values(offs))
			var tmp []uint32
			for range 2 { // the scratch space reused
				got := slices.Clone(offs)
				tmp = sortOffsets(got, tmp)
				if !slices.Equal(got, want) {
					t.Fatalf("n %d, mask %#x: not sorted", n, mask)
				}
			}
		}
	}
}

// TestIndexLookup: a gram's places, in the order of the sources and of
// their texts, at most maxPostings of them, from tables built by several
// workers alike; none for a gram the sources lack.
func TestIndexLookup(t *testing.T) {
	srcs := []*Source{
		{Path: "a.txt", Text: []byte("The extent of it. " + strings.Repeat("one two three ", 200))},
		{Path: "b.txt", Text: []byte("An extent of it. " + strings.Repeat("one two three ", 200))},
	}
	gram := func(words ...string) uint64 {
		var hs []uint64
		for _, w := range words {
			hs = append(hs, tokens([]byte(w), 0, len(w))[0].h)
		}
		return mix(hs...)
	}
	for _, procs := range []int{1, 3} {
		prev := runtime.GOMAXPROCS(procs)
		x := NewIndex(srcs)
		runtime.GOMAXPROCS(prev)
		at := func(s int, text string) uint32 {
			return srcs[s].base + uint32(strings.Index(string(srcs[s].Text), text))
		}
		for _, tt := range []struct {
			table *gramTable
			gram  uint64
			want  []uint32
		}{
			{&x.tri, gram("extent", "of", "it"), []uint32{at(0, "extent"), at(1, "extent")}},
			{&x.bi, gram("the", "extent"), []uint32{at(0, "The")}},
			{&x.bi, gram("extent", "of"), []uint32{at(0, "extent"), at(1, "extent")}},
			{&x.tri, gram("two", "three", "an"), nil}, // across two sources: no gram
			{&x.tri, gram("extent", "of", "them"), nil},
		} {
			if got := tt.table.lookup(nil, tt.gram); !slices.Equal(got, tt.want) {
				t.Errorf("GOMAXPROCS %d: lookup %v, want %v", procs, got, tt.want)
			}
		}
		got := x.tri.lookup(nil, gram("one", "two", "three"))
		if len(got) != maxPostings || got[0] != at(0, "one") || !slices.IsSorted(got) {
			t.Errorf("GOMAXPROCS %d: %d places of a gram 400 times in the sources, from %d", procs, len(got), got[0])
		}
	}
}
