package inputs

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// Shard is a share of the files of a run: the index-th of count (1-based),
// so that count CI jobs split an archive between them.
type Shard struct {
	index, count int
}

// ParseShard parses --shard "I/N"; "" is the whole run.
func ParseShard(s string) (Shard, error) {
	if s == "" {
		return Shard{1, 1}, nil
	}
	i, n, ok := strings.Cut(s, "/")
	index, err1 := strconv.Atoi(i)
	count, err2 := strconv.Atoi(n)
	if !ok || err1 != nil || err2 != nil || count < 1 || index < 1 || index > count {
		return Shard{}, fmt.Errorf("--shard %q: want I/N with 1 ≤ I ≤ N, e.g. 2/4", s)
	}
	return Shard{index, count}, nil
}

// Keep reports whether the shard lints the file reported as name. The
// choice hangs on the name alone (an FNV-1a hash of it), so it is stable
// across machines, runs and the other files present; standard input
// belongs to the first shard.
func (s Shard) Keep(in Input) bool {
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

// Filter returns the inputs the shard lints, in order.
func (s Shard) Filter(ins []Input) []Input {
	if s.count == 1 {
		return ins
	}
	kept := ins[:0:0]
	for _, in := range ins {
		if s.Keep(in) {
			kept = append(kept, in)
		}
	}
	return kept
}
