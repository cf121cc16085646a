package main

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// shard is a share of the files of a run: the index-th of count (1-based),
// so that count CI jobs split an archive between them.
type shard struct {
	index, count int
}

// parseShard parses --shard "I/N"; "" is the whole run.
func parseShard(s string) (shard, error) {
	if s == "" {
		return shard{1, 1}, nil
	}
	i, n, ok := strings.Cut(s, "/")
	index, err1 := strconv.Atoi(i)
	count, err2 := strconv.Atoi(n)
	if !ok || err1 != nil || err2 != nil || count < 1 || index < 1 || index > count {
		return shard{}, fmt.Errorf("--shard %q: want I/N with 1 ≤ I ≤ N, e.g. 2/4", s)
	}
	return shard{index, count}, nil
}

// keep reports whether the shard lints the file reported as name. The
// choice hangs on the name alone (an FNV-1a hash of it), so it is stable
// across machines, runs and the other files present; standard input
// belongs to the first shard.
func (s shard) keep(in input) bool {
	if s.count == 1 {
		return true
	}
	if in.Stdin {
		return s.index == 1
	}
	h := fnv.New32a()
	h.Write([]byte(in.Name))
	return int(h.Sum32()%uint32(s.count)) == s.index-1
}

// filter returns the inputs the shard lints, in order.
func (s shard) filter(inputs []input) []input {
	if s.count == 1 {
		return inputs
	}
	kept := inputs[:0:0]
	for _, in := range inputs {
		if s.keep(in) {
			kept = append(kept, in)
		}
	}
	return kept
}
