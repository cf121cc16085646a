package fix

import "sort"

// change replaces the bytes [start, end) of a text with n bytes.
type change struct {
	start, end, n int
}

// stage is one pass of changes over a text: in order, none overlapping
// another (they may touch), with the sum of their growths up to and
// including each.
type stage struct {
	changes []change
	growth  []int // growth[i]: bytes the changes [0, i] add (negative: remove)
}

func newStage(changes []change) stage {
	s := stage{changes: changes, growth: make([]int, len(changes))}
	sum := 0
	for i, c := range changes {
		sum += c.n - (c.end - c.start)
		s.growth[i] = sum
	}
	return s
}

// grownBefore returns the growth of the changes before the i-th.
func (s *stage) grownBefore(i int) int {
	if i == 0 {
		return 0
	}
	return s.growth[i-1]
}

// forward returns where offset off of the text before the stage is in the
// text after it. exact is false if off lies strictly inside a change's
// range, or is where a change inserts: then off has no one place after the
// stage, and forward returns where the change's replacement starts.
func (s *stage) forward(off int) (to int, exact bool) {
	// The first change that does not lie wholly before off.
	i := sort.Search(len(s.changes), func(i int) bool {
		c := s.changes[i]
		return c.end > off || (c.end == off && c.start == off)
	})
	if i < len(s.changes) {
		if c := s.changes[i]; c.start < off || c.start == off && c.end == off {
			return c.start + s.grownBefore(i), false
		}
	}
	return off + s.grownBefore(i), true
}

// back returns where offset off of the text after the stage was in the
// text before it; an offset inside a change's replacement goes back to the
// start of the change.
func (s *stage) back(off int) int {
	// The first change whose replacement does not end at or before off.
	i := sort.Search(len(s.changes), func(i int) bool {
		c := s.changes[i]
		return c.start+s.grownBefore(i)+c.n > off
	})
	if i < len(s.changes) {
		if c := s.changes[i]; c.start+s.grownBefore(i) < off {
			return c.start
		}
	}
	return off - s.grownBefore(i)
}

// offsetMap follows the offsets of a text through the stages of changes
// that fixed it: Apply's edits, then the blank lines it tidied away.
type offsetMap struct {
	stages []stage
	lines  []change // the whole lines the first stage deletes, touching ones merged
}

// newOffsetMap returns the map of stages of changes, the first of which
// deletes the whole lines of lines (a subset of its changes, in order).
func newOffsetMap(lines []change, stages ...[]change) offsetMap {
	var m offsetMap
	for _, cs := range stages {
		m.stages = append(m.stages, newStage(cs))
	}
	for _, c := range lines {
		if last := len(m.lines) - 1; last >= 0 && m.lines[last].end == c.start {
			m.lines[last].end = c.end
			continue
		}
		m.lines = append(m.lines, c)
	}
	return m
}

// forward returns where offset off of the text before the changes is in
// the text after them; exact is false if it has no one place there (see
// stage.forward).
func (m *offsetMap) forward(off int) (to int, exact bool) {
	exact = true
	for i := range m.stages {
		var ok bool
		off, ok = m.stages[i].forward(off)
		exact = exact && ok
	}
	return off, exact
}

// back returns where offset off of the text after the changes was in the
// text before them.
func (m *offsetMap) back(off int) int {
	for i := len(m.stages) - 1; i >= 0; i-- {
		off = m.stages[i].back(off)
	}
	return off
}

// deleted reports whether the first stage deletes all of the bytes
// [start, end) of the text before it, or, for an empty range, the byte at
// start, with whole lines.
func (m *offsetMap) deleted(start, end int) bool {
	i := sort.Search(len(m.lines), func(i int) bool { return m.lines[i].end > start })
	if i == len(m.lines) {
		return false
	}
	r := m.lines[i]
	return r.start <= start && end <= r.end
}
