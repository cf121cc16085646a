package wordtable

import (
	"fmt"
	"testing"
)

func TestBuildLookup(t *testing.T) {
	var keys, vals []string
	for i := 0; i < 1000; i++ {
		keys = append(keys, fmt.Sprintf("word%d", i))
		vals = append(vals, fmt.Sprintf("value%d", i))
	}
	tab := Build(keys, vals)
	for i, k := range keys {
		if v, ok := tab.Lookup([]byte(k)); !ok || v != vals[i] {
			t.Fatalf("Lookup(%q) = %q, %v", k, v, ok)
		}
	}
	for _, k := range []string{"", "word", "word1000", "Word1"} {
		if v, ok := tab.Lookup([]byte(k)); ok {
			t.Errorf("Lookup(%q) = %q, want none", k, v)
		}
	}
	if tab.MinLen != 5 || tab.MaxLen != 7 || tab.Len() != 1000 {
		t.Errorf("MinLen, MaxLen, Len = %d, %d, %d", tab.MinLen, tab.MaxLen, tab.Len())
	}
	var empty Table
	if _, ok := empty.Lookup([]byte("x")); ok {
		t.Errorf("empty table found a key")
	}
}

func TestLookupAllocatesNothing(t *testing.T) {
	tab := Build([]string{"recieve"}, []string{"receive"})
	key := []byte("recieve")
	if n := testing.AllocsPerRun(100, func() { tab.Lookup(key) }); n != 0 {
		t.Errorf("Lookup allocates %v times", n)
	}
}

func TestBuildTooManyKeys(t *testing.T) {
	keys := make([]string, MaxKeys+1)
	for i := range keys {
		keys[i] = fmt.Sprint(i)
	}
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	Build(keys, nil)
}
