// Package document is docqa's model of one prose document: its text, the
// parts of it that are prose, and the paragraphs, sentences, words and
// quotations found there, each located by byte offsets into the original
// file.
//
// Offsets stay byte offsets from loading to reporting; Position converts one
// to a 1-based line and a 1-based column counted in Unicode code points, and
// PositionIn to a column counted in bytes or UTF-16 code units (see Unit),
// in this one place. A UTF-8 byte order mark and CRLF line endings change no
// reported position.
package document

import (
	"bytes"
	"math"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Format is the markup a document is written in.
type Format int

// The formats docqa reads.
const (
	Plain    Format = iota // plain text: every byte is prose
	Markdown               // CommonMark: code, HTML, link targets and front matter are not prose
)

// String returns the format's name.
func (f Format) String() string {
	if f == Markdown {
		return "markdown"
	}
	return "text"
}

// FormatFor returns the format a file name implies: Markdown for .md and
// .markdown, plain text for anything else.
func FormatFor(name string) Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown":
		return Markdown
	}
	return Plain
}

// Masked is the byte that stands, in Document.Prose, for every byte that is
// not prose (code, HTML, URLs, front matter, a byte order mark). Words never
// contain it and never pair across it.
const Masked = 0

// MaxSize is the length in bytes of the longest text Load models: 2 GiB
// less one byte, the most an int32 offset reaches, which keeps a Word to
// 12 bytes. Load keeps a longer text as the Text of a document that holds
// nothing else (see TooLarge); callers that read files refuse them first.
const MaxSize = math.MaxInt32

// Span is a half-open byte range [Start, End) of a document's text.
type Span struct {
	Start, End int
}

// Len returns the number of bytes in the span.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether offset off lies inside the span.
func (s Span) Contains(off int) bool { return s.Start <= off && off < s.End }

// Document is one loaded document. Its fields are read-only once Load has
// returned; a Document is safe for concurrent use by many rules.
type Document struct {
	// Path is the name the document is reported under.
	Path string
	// Format is the markup the document was parsed as.
	Format Format
	// Text is the document's bytes exactly as read.
	Text []byte
	// Prose has the same length as Text. It holds Text's bytes where they
	// are prose, Masked where they are not, and a space for markup that
	// reads as nothing (emphasis marks, link brackets). Line breaks are kept.
	// When every byte is prose, as in most plain text, or the text is too
	// large to model (see TooLarge), Prose is Text itself, not a copy.
	Prose []byte
	// Paragraphs are the document's prose blocks, in order.
	Paragraphs []Paragraph
	// Sentences are the sentences of all paragraphs, in order.
	Sentences []Span
	// Words are the words of all paragraphs, in order.
	Words []Word
	// Quotes are the quotations, ordered by their opening mark.
	Quotes []Quote
	// QuoteProblems are the marks that pair with nothing, in order.
	QuoteProblems []QuoteProblem
	// Comments are the HTML comments of a Markdown document, each from its
	// "<!--" to its "-->", in order: those of HTML blocks and inline HTML,
	// not those inside code, which are not HTML. Plain text has none.
	Comments []Span

	lines    []int // byte offset of the start of each line
	bom      int   // length of a leading byte order mark: 0 or 3
	outer    []int // indexes into Quotes of quotations not inside another, by Open
	invalid  int   // offset of the first invalid UTF-8 byte, or -1
	binary   bool
	nulIndex int
	tooLarge bool   // longer than MaxSize: not modelled
	encoding string // UTF-16 or UTF-32 (see UnreadEncoding): not modelled

	// labels are the texts of Markdown links that are their own reference
	// labels, in order: Editable keeps fixes out of them.
	labels []Span
}

// Paragraph is a block of prose: a paragraph, a heading or a list item.
type Paragraph struct {
	Span
	// Heading reports whether the block is a heading (Markdown) rather than
	// running text.
	Heading bool
	// Words and Sentences index the paragraph's words and sentences in the
	// document's slices: Words[FirstWord:EndWord] are this paragraph's.
	FirstWord, EndWord         int
	FirstSentence, EndSentence int
}

// Word is a run of letters and digits, with the apostrophes, hyphens and
// number punctuation that join them ("report’s", "counter-terrorism",
// "1,000"), and the full stops, underscores and @ between two of them that
// make one token as written ("main.exe", "gophercon.in", "v1.2.3", "U.S",
// "snake_case", an e-mail address); a handle or hashtag keeps its sign
// ("@docqa", "#news").
//
// A document has about one word for every six or seven bytes of text, so a
// Word is kept to 12 bytes; Span returns its offsets as the Span the rest
// of docqa works with.
type Word struct {
	// Start and End are the word's half-open byte range [Start, End) of
	// the document's text, int32 because a document holds at most MaxSize
	// bytes.
	Start, End int32
	// Paragraph is the index of the paragraph the word belongs to.
	Paragraph int32
}

// Span returns the word's byte range as a Span.
func (w Word) Span() Span { return Span{int(w.Start), int(w.End)} }

// Len returns the number of bytes in the word.
func (w Word) Len() int { return int(w.End - w.Start) }

// Load builds the document model of text read from path. The format follows
// from the file name (see FormatFor). Load never fails: a document of any
// bytes, valid UTF-8 or not, yields a model; Binary and InvalidUTF8 report
// what the caller may want to refuse. The document keeps text as its Text,
// and its Prose may share it: the caller must not change text afterwards.
//
// A text longer than MaxSize bytes is not modelled: its document has Text,
// Prose (Text itself) and lines, so that positions convert, but no
// paragraphs, sentences, words, quotations or comments, and TooLarge
// reports it.
func Load(path string, text []byte) *Document {
	return LoadFormat(path, text, FormatFor(path))
}

// LoadFormat is Load with an explicit format.
func LoadFormat(path string, text []byte, format Format) *Document {
	return loadFormat(path, text, format, MaxSize, nil)
}

// Options change how documents are read, as a project's configuration
// says: the zero Options, or a nil *Options, reads as Load does.
type Options struct {
	// Templates are the delimiters of template tags whose text in
	// Markdown is not prose, besides the built-in ones ({{ }}, {% %},
	// {# #}): ERB's <% %>, a site's own [[ ]].
	Templates []Delimiters
}

// Delimiters open and close a template tag.
type Delimiters struct {
	Open, Close string
}

// Load is document.Load with the options.
func (o *Options) Load(path string, text []byte) *Document {
	return o.LoadFormat(path, text, FormatFor(path))
}

// LoadFormat is document.LoadFormat with the options.
func (o *Options) LoadFormat(path string, text []byte, format Format) *Document {
	return loadFormat(path, text, format, MaxSize, o)
}

// loadFormat is LoadFormat for texts of at most maxSize bytes, read with
// opts (nil for none); tests pass a smaller limit than MaxSize.
func loadFormat(path string, text []byte, format Format, maxSize int, opts *Options) *Document {
	d := &Document{Path: path, Format: format, Text: text, invalid: -1, nulIndex: -1}
	if bytes.HasPrefix(text, []byte("\uFEFF")) {
		d.bom = 3
	}
	d.indexLines()
	if len(text) > maxSize {
		d.tooLarge = true
		d.Prose = text
		return d
	}
	if enc := UnreadEncoding(text); enc != "" {
		// Not modelled: as UTF-8 its words would be split by NULs.
		d.encoding = enc
		d.Prose = text
		return d
	}
	if i := bytes.IndexByte(text, 0); i >= 0 {
		d.binary = true
		d.nulIndex = i
	}
	if !utf8.Valid(text) {
		d.invalid = firstInvalid(text)
	}
	if format == Markdown {
		d.markdownProse()
		var extra []Delimiters
		if opts != nil {
			extra = opts.Templates
		}
		d.maskTemplates(extra)
		maskURLs(d.Prose, 0)
	} else {
		d.plainProse()
	}
	opening := d.segment()
	d.pairQuotes(opening)
	return d
}

// TooLarge reports whether the text is longer than MaxSize bytes, too long
// for Load to model: the document has no paragraphs, sentences, words,
// quotations or comments, and Binary and InvalidUTF8 report false.
func (d *Document) TooLarge() bool { return d.tooLarge }

// Binary reports whether the text holds a NUL byte, the mark of a file that
// is not text.
func (d *Document) Binary() bool { return d.binary }

// Encoding returns the name of the encoding of a text in UTF-16 or UTF-32
// (see UnreadEncoding), which Load does not model: the document has no
// paragraphs, sentences, words, quotations or comments, and Binary and
// InvalidUTF8 report false. It returns "" for any other text.
func (d *Document) Encoding() string { return d.encoding }

// InvalidUTF8 returns the offset of the first byte that is not valid UTF-8,
// and false if the text is valid.
func (d *Document) InvalidUTF8() (int, bool) { return d.invalid, d.invalid >= 0 }

// Slice returns the text of a span.
func (d *Document) Slice(s Span) []byte { return d.Text[s.Start:s.End] }

// String returns the text of a span as a string.
func (d *Document) String(s Span) string { return string(d.Text[s.Start:s.End]) }

// LineCount returns the number of lines in the document.
func (d *Document) LineCount() int { return len(d.lines) }

// Line returns the span of line n (1-based) without its line break.
func (d *Document) Line(n int) Span {
	if n < 1 || n > len(d.lines) {
		return Span{len(d.Text), len(d.Text)}
	}
	start := d.lines[n-1]
	if n == 1 {
		start = d.bom
	}
	end := len(d.Text)
	if n < len(d.lines) {
		end = d.lines[n]
	}
	for end > start && (d.Text[end-1] == '\n' || d.Text[end-1] == '\r') {
		end--
	}
	return Span{start, end}
}

// LineSpanWithBreak returns the span of the line holding offset off,
// including its line break: deleting it deletes the whole line.
func (d *Document) LineSpanWithBreak(off int) Span {
	p := d.Position(off)
	start := d.lines[p.Line-1]
	if p.Line == 1 {
		start = d.bom
	}
	end := len(d.Text)
	if p.Line < len(d.lines) {
		end = d.lines[p.Line]
	}
	return Span{start, end}
}

// indexLines records where each line starts. A line ends at LF, CRLF or a
// lone CR.
func (d *Document) indexLines() {
	t := d.Text
	n := bytes.Count(t, []byte("\n"))
	cr := bytes.Count(t, []byte("\r"))
	d.lines = make([]int, 1, 1+n+cr)
	if cr == 0 {
		// Only LF endings: let IndexByte find them.
		for i := 0; ; {
			j := bytes.IndexByte(t[i:], '\n')
			if j < 0 {
				return
			}
			i += j + 1
			d.lines = append(d.lines, i)
		}
	}
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '\n':
			d.lines = append(d.lines, i+1)
		case '\r':
			if i+1 < len(t) && t[i+1] == '\n' {
				i++
			}
			d.lines = append(d.lines, i+1)
		}
	}
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}
