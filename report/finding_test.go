package report

import (
	"bytes"
	"encoding/json"
	"testing"
)

func encode(t *testing.T, v any) []byte {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func decode(t *testing.T, data []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
}

func TestJSONFindings(t *testing.T) {
	doc, fs := sample("a.txt")
	// The same objects as the JSON printer writes.
	var printed bytes.Buffer
	p := NewJSON(&printed)
	if err := p.Begin(); err != nil {
		t.Fatal(err)
	}
	if err := p.File(doc, fs); err != nil {
		t.Fatal(err)
	}
	if err := p.End(Summary{}); err != nil {
		t.Fatal(err)
	}
	var whole struct {
		Findings []any `json:"findings"`
	}
	decode(t, printed.Bytes(), &whole)
	var mine []any
	decode(t, encode(t, JSONFindings(doc, fs)), &mine)
	if got, want := string(encode(t, mine)), string(encode(t, whole.Findings)); got != want {
		t.Errorf("JSONFindings gives\n%s\nthe JSON printer\n%s", got, want)
	}
	if got := JSONFindings(doc, nil); got == nil || len(got) != 0 {
		t.Errorf("JSONFindings(nil) = %#v, want an empty list", got)
	}
}
