package bloom

import (
	"fmt"
	"testing"
)

func TestFilter(t *testing.T) {
	var words []string
	for i := 0; i < 10000; i++ {
		words = append(words, fmt.Sprintf("word%d", i))
	}
	f := Build(words, 1e-3)
	g, err := Decode(string(f.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range words {
		if !g.Has(Hash([]byte(w))) || !g.Has(HashString(w)) {
			t.Fatalf("%q added but not found", w)
		}
	}
	falses := 0
	for i := 0; i < 100000; i++ {
		if g.Has(HashString(fmt.Sprintf("other%d", i))) {
			falses++
		}
	}
	if falses > 300 { // 1e-3 wanted, 3e-3 tolerated
		t.Errorf("%d false answers in 100000", falses)
	}
	var zero Filter
	if zero.Has(HashString("word1")) {
		t.Error("the zero filter holds a word")
	}
	if _, err := Decode("x"); err == nil {
		t.Error("Decode of one byte: no error")
	}
	if _, err := Decode("x123"); err == nil { // less than a block
		t.Error("Decode of 3 bytes of bits: no error")
	}
}
