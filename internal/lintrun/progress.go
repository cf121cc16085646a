package lintrun

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/docqa/docqa/internal/term"
)

// Progress draws a Progress line on a terminal during a long run: the
// files done of the total and the rate in MB/s, redrawn in place. It
// appears only once the run has lasted delay, and is erased before
// anything else is written to the terminal and at the end, so that it
// never mixes with the findings.
type Progress struct {
	w     io.Writer
	total int
	start time.Time
	delay time.Duration
	every time.Duration

	mu    sync.Mutex
	files int   // done
	bytes int64 // read, of the files done
	shown bool  // the line is on the screen
	stop  chan struct{}
	done  chan struct{}
	once  sync.Once // finish
}

// NewProgress returns the Progress line of a run over total files written
// to w, or nil (a no-op) when w is not a terminal or the run has a single
// file: a pipe, a file or a CI log gets no Progress line.
func NewProgress(w io.Writer, total int) *Progress {
	if total < 2 || !term.IsTerminal(w) {
		return nil
	}
	return StartProgress(w, total, time.Second, 200*time.Millisecond)
}

// StartProgress starts drawing after delay, every every.
func StartProgress(w io.Writer, total int, delay, every time.Duration) *Progress {
	p := &Progress{w: w, total: total, start: time.Now(), delay: delay, every: every,
		stop: make(chan struct{}), done: make(chan struct{})}
	go p.loop()
	return p
}

// loop draws the line every p.every once p.delay has passed.
func (p *Progress) loop() {
	defer close(p.done)
	timer := time.NewTimer(p.delay)
	defer timer.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-timer.C:
			p.mu.Lock()
			p.draw()
			p.mu.Unlock()
			timer.Reset(p.every)
		}
	}
}

// draw writes the line over the previous one. p.mu is held.
func (p *Progress) draw() {
	secs := time.Since(p.start).Seconds()
	fmt.Fprintf(p.w, "\r\x1b[Kdocqa: %d/%d files, %.1f MB/s", p.files, p.total, float64(p.bytes)/1e6/secs)
	p.shown = true
}

// clear erases the line if it is shown. p.mu is held.
func (p *Progress) clear() {
	if p.shown {
		io.WriteString(p.w, "\r\x1b[K")
		p.shown = false
	}
}

// fileDone counts a file of size bytes as done.
func (p *Progress) fileDone(size int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.files++
	p.bytes += int64(size)
	p.mu.Unlock()
}

// pause erases the line and holds it off the screen until the returned
// function is called: wrap every write to the terminal in it.
func (p *Progress) pause() (resume func()) {
	if p == nil {
		return func() {}
	}
	p.mu.Lock()
	p.clear()
	return p.mu.Unlock
}

// finish erases the line for good. It may be called more than once.
func (p *Progress) finish() {
	if p == nil {
		return
	}
	p.once.Do(func() {
		close(p.stop)
		<-p.done
		p.mu.Lock()
		p.clear()
		p.mu.Unlock()
	})
}
