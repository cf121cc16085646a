package document

// role is what a straight double mark does in its paragraph.
type role uint8

const (
	// roleNone: no role chosen (not a mark straightRoles saw).
	roleNone role = iota
	// roleOpen opens a quotation.
	roleOpen
	// roleClose closes the open one.
	roleClose
	// roleReopen reopens the open quotation after the end of a sentence:
	// the multi-paragraph convention in text whose paragraph breaks were
	// lost ("We will appeal. "The ruling…," he added).
	roleReopen
	// roleInch is an inch mark (27" screen) or seconds (5' 10"): no
	// quotation.
	roleInch
	// roleStray pairs with nothing: a problem.
	roleStray
)

// The costs of the roles straightRoles weighs. A stray mark costs more
// than any amount of odd spacing in a paragraph of reasonable length, so
// the fewest stray marks always win; among pairings with as many, the one
// whose marks stand most like opening and closing marks does.
const (
	costFits   = 0   // an opening mark that stands like one, or a closing one
	costUnsure = 1   // a mark with nothing or everything to tell
	costMisfit = 60  // an opening mark standing like a closing one, or the reverse
	costReopen = 1   // added to a reopening's cost, so that a pair wins when it can
	costInch   = 1   // a mark after a digit taken for an inch mark
	costStray  = 100 // a mark that pairs with nothing
)

// straightRoles holds the roles of the straight double marks of one
// paragraph; its slices are reused from paragraph to paragraph.
type straightRoles struct {
	marks  []int  // offsets of the marks
	roles  []role // their roles
	choice [][2]step
	next   int // index of the next mark role looks at
}

// step is a mark's role on the cheapest path to a state, and the state
// before it.
type step struct {
	r    role
	from int8
}

// choose chooses the role of every straight double mark of the prose
// from start to end, in the paragraph that starts at lo.
// depth is 1 if a straight quotation is open at start (carried over from
// the paragraph before), and continued whether one still open at the end
// runs on into the next paragraph.
//
// Straight marks do not say whether they open or close. Spacing says it
// in clean copy, but text that went through a tokenizer or OCR has
// (who" was the first ") and said," We. So the marks are paired by
// alternation, the first opening, the next closing, when their number
// allows it, and spacing only chooses between pairings: the choice is the
// cheapest path through the marks (a shortest path over two states, open
// or not), where a stray mark is dear and a mark whose spacing fits its
// role is free.
func (sr *straightRoles) choose(d *Document, lo, start, end, depth int, continued bool) {
	sr.marks, sr.roles, sr.next = sr.marks[:0], sr.roles[:0], 0
	for i := start; i < end; {
		k := indexByteFrom(d.Prose[:end], i, '"')
		if k >= end {
			break
		}
		sr.marks = append(sr.marks, k)
		i = k + 1
	}
	marks := sr.marks
	if len(marks) == 0 {
		return
	}
	// cost[s] is the cheapest cost of the marks so far ending in state s
	// (0: no straight quotation open, 1: one open); choice[k][s] is the
	// role of mark k and the state before it on that cheapest path.
	const inf = 1 << 30
	cost := [2]int{inf, inf}
	cost[depth] = 0
	choice := sr.choice[:0]
	for range marks {
		choice = append(choice, [2]step{})
	}
	sr.choice = choice
	for k, i := range marks {
		before, after := d.neighbours(i, 1, lo, end)
		open, closing := openLike(before, after), closeLike(before, after)
		openCost, closeCost := costUnsure, costUnsure
		switch {
		case open && !closing:
			openCost, closeCost = costFits, costMisfit
		case closing && !open:
			openCost, closeCost = costMisfit, costFits
		}
		// An inch mark follows a number, perhaps after a space: 27" or
		// 5 ". Standing like a closing mark, it costs nothing.
		j := i
		if j > start && d.Prose[j-1] == ' ' {
			j--
		}
		afterDigit := isDigit(d.runeBefore(start, j))
		inchCost := costInch
		if isCloseContext(after) {
			inchCost = costFits
		}
		next := [2]int{inf, inf}
		try := func(from, to int, r role, c int) {
			if cost[from] >= inf {
				return
			}
			if c += cost[from]; c < next[to] {
				next[to] = c
				choice[k][to] = step{r, int8(from)}
			}
		}
		try(0, 1, roleOpen, openCost)
		try(1, 0, roleClose, closeCost)
		if open && d.afterSentenceEnd(i, start) && (k == 0 || !d.hasAttribution(marks[k-1], i)) {
			try(1, 1, roleReopen, openCost+costReopen)
		}
		if afterDigit {
			try(0, 0, roleInch, inchCost)
			try(1, 1, roleInch, inchCost)
		}
		try(0, 0, roleStray, costStray)
		try(1, 1, roleStray, costStray)
		cost = next
	}
	final := 0
	endOpen := cost[1]
	if !continued {
		endOpen += costStray // its opening mark is never closed
	}
	if endOpen < cost[0] {
		final = 1
	}
	for range marks {
		sr.roles = append(sr.roles, roleNone)
	}
	for k := len(marks) - 1; k >= 0; k-- {
		s := choice[k][final]
		sr.roles[k] = s.r
		final = int(s.from)
	}
}

// role returns the role chosen for the straight mark at offset i, which
// must come after the marks asked about before.
func (sr *straightRoles) role(i int) role {
	for sr.next < len(sr.marks) && sr.marks[sr.next] < i {
		sr.next++
	}
	if sr.next < len(sr.marks) && sr.marks[sr.next] == i {
		return sr.roles[sr.next]
	}
	return roleNone
}

// hasAttribution reports whether the text from a to b holds an attribution
// (see AttributionIn): a quotation open there lost its closing mark rather
// than a paragraph break.
// The word just before a counts, and the mark at a does not stand between
// it and the attribution: in `envelope," he continued`, that mark is the
// one taken for the quotation's opening.
func (d *Document) hasAttribution(a, b int) bool {
	from := a
	for from > 0 && !isSpaceByte(d.Prose[from-1]) && d.Prose[from-1] != Masked {
		from--
	}
	_, _, ok := d.attributionIn(Span{from, b}, a)
	return ok
}
