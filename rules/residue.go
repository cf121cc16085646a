package rules

import (
	"bytes"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/docqa/docqa/document"
)

// Web page residue by shape.
//
// The phrase list of boilerplate/web names whole lines. Page chrome comes in
// more forms than a list can hold ("Follow @NASA on X", "12 Comments",
// "© 2024 Example Media. All rights reserved.", "Home › News › Science"),
// so a short line that stands alone is also read as a run of chrome units:
// calls to action, legal lines, comment widgets, navigation, advertising
// labels and a video player's fallback text, with separators (bars,
// bullets, arrows, punctuation) between them and nothing else. That is the
// test jusText, trafilatura and Mozilla Readability make of a short block
// with little running text: it is not part of the article's grammar. A
// line with a single word of the article's own ("Follow the money.",
// "Read more about Cryogenic Fluid Management.") is prose.
//
// Some units are weak: a word such as "Email", "Next" or "Sign in", or a
// copyright notice without "All rights reserved" (a photo credit reads the
// same), is chrome only on a line with a strong unit, so "Share | Email" is
// residue and "Sign in" or "© 2023 John Smith" alone is not.

// maxChromeLine is the longest line, in bytes, read as chrome: furniture is
// short, and the cap keeps the match to the short lines of a text.
const maxChromeLine = 240

// chromeSep is one separator between or around chrome units. Masked bytes
// (Markdown markup, link targets) count as separators too.
const chromeSep = `[\s\x00\x{a0}\x{202f}|/·•–—\-…>»›→←<«‹↑*:;,.!?()\[\]]`

// Units of page chrome. Each is matched case-insensitively with runs of
// separators allowed between its words ("Share | Tweet" is two units;
// "Terms of Use" one). The network and name slots keep to a few words.
const (
	chromeNet  = `(?:facebook|twitter|x|linkedin|whatsapp|instagram|youtube|pinterest|reddit|telegram|tiktok|threads|bluesky|mastodon|flipboard|email|e-mail|rss)`
	chromeNets = chromeNet + `(?:(?:,|\s+and|\s+or|,\s+and)\s+` + chromeNet + `)*`
	// chromeItem is what a widget offers: the article itself, a newsletter.
	chromeItem  = `(?:article|story|post|page|video|photo|gallery|link|newsletter|podcast)`
	chromeFeeds = `(?:newsletters?|channel|podcast|feed|mailing\s+list|updates|alerts|emails?)`
	// chromeName is a short name (a site, a newsletter, an account).
	chromeName = `(?:[\p{L}\p{N}][\p{L}\p{N}.'’&_-]*\s+){0,3}`
	// chromeHeadline is the headline of a linked story after "Read more:":
	// it opens with a capital, a digit or a quotation mark.
	chromeHeadline = `(?-i:[\p{Lu}\p{N}“"‘']).{0,160}`
	// chromeLegal is the name of one of a site's legal pages.
	chromeLegal = `(?:privacy\s+(?:policy|notice|statement|settings)|terms\s+(?:of\s+(?:use|service)|(?:and|&)\s+conditions)|` +
		`cookie\s+(?:policy|settings|preferences|notice|consent)|your\s+privacy\s+choices|accessibility|contact\s+us|about\s+us|site\s*map)`
)

// chromeStrong are units that make a line chrome on their own.
var chromeStrong = []string{
	// Calls to action.
	`share(?:\s+(?:this|the)(?:\s+` + chromeItem + `)?)?(?:\s+(?:on|via|to|with)\s+` + chromeNets + `)?`,
	`share\s+` + chromeItem + `(?:\s+(?:on|via)\s+` + chromeNets + `)?`,
	`follow\s+us(?:\s+(?:on|at)\s+` + chromeNets + `)?`,
	`(?:like|find|join)\s+us\s+(?:on|at)\s+` + chromeNets,
	`follow\s+@\w+(?:\s+(?:on|at)\s+` + chromeNets + `)?`,
	`follow\s+` + chromeName + `on\s+` + chromeNets,
	`subscribe(?:\s+(?:now|today|here|for\s+free))?(?:\s+(?:to|for)\s+(?:our|the|my)\s+` + chromeName + chromeFeeds + `)?`,
	`subscribe\s+(?:on|to)\s+` + chromeNets,
	`(?:sign\s+up|signup|register|subscribe)(?:\s+(?:now|today|here|for\s+free))?\s+(?:to|for)\s+(?:our|the|my)\s+` + chromeName + chromeFeeds,
	`(?:get|receive)\s+(?:our|the)\s+` + chromeName + `newsletters?(?:\s+in\s+your\s+inbox)?`,
	`newsletter\s+sign\s*-?\s*up`,
	`(?:click|tap)\s+here(?:\s+to\s+(?:read\s+more|continue(?:\s+reading)?|subscribe|comment|share|sign\s+up|download\s+the\s+app))?`,
	`read\s+more(?:\s+(?:here|below))?`,
	`(?:continue|keep)\s+reading(?:\s+(?:the\s+)?(?:main\s+)?(?:article|story))?`,
	`read\s+(?:the\s+)?(?:full|whole|rest\s+of\s+the)\s+(?:article|story|post)`,
	`(?:read\s+more|read\s+next|read\s+also|also\s+read|related|more|recommended|related\s+(?:article|story|coverage|content|link)|don(?:'|’)t\s+miss)\s*[:|–—-]\s*` + chromeHeadline,
	`(?:download|get)\s+(?:the|our)\s+` + chromeName + `app`,
	`(?:download\s+on|available\s+on)\s+the\s+app\s+store`,
	`get\s+it\s+on\s+google\s+play`,
	// Legal lines.
	`all\s+rights\s+reserved`,
	`this\s+material\s+may\s+not\s+be\s+published,?\s+broadcast,?\s+rewritten,?\s+or\s+redistributed`,
	// The names of a site's legal pages are chrome two together (alone,
	// "Privacy settings" may head a section of an article).
	chromeLegal + chromeSep + `+` + chromeLegal,
	`(?:manage|accept(?:\s+all)?|reject(?:\s+all)?)\s+cookies`,
	`do\s+not\s+sell(?:\s+or\s+share)?\s+my\s+personal\s+information`,
	`ad\s*choices`,
	// Comment widgets.
	`\d+\s+(?:comments?|responses?|replies)`,
	`no\s+comments\s+yet`,
	`comments\s+are\s+(?:closed|disabled)`,
	`comments\s+\(\d+\)`,
	`(?:leave|add|post|write)\s+a\s+(?:comment|reply|response)`,
	`(?:post|submit)\s+comment`,
	`cancel\s+reply`,
	`join\s+the\s+(?:conversation|discussion)`,
	`be\s+the\s+first\s+to\s+comment`,
	`(?:show|view|hide|load\s+more|view\s+all|see\s+all)\s+comments`,
	`(?:you\s+must\s+be\s+)?(?:log(?:ged)?|sign(?:ed)?)\s+in\s+to\s+(?:post\s+a\s+)?(?:comment|reply)`,
	`your\s+email\s+address\s+will\s+not\s+be\s+published`,
	`required\s+fields\s+are\s+marked`,
	// Navigation.
	`skip\s+to\s+(?:the\s+)?(?:main\s+)?(?:content|navigation|search|footer|menu)`,
	`(?:back|return|go|scroll)\s+to\s+(?:the\s+)?top(?:\s+of\s+(?:the\s+)?page)?`,
	`(?:related|more|similar|recommended|popular|trending)\s+(?:articles|stories|posts|content|coverage|reading|videos|links)`,
	`most\s+(?:read|viewed|shared|commented|emailed)`,
	`(?:next|previous|prev|newer|older)\s+(?:article|story|post|entry|page)s?`,
	`(?:previous|prev|older)` + chromeSep + `+(?:next|newer)`,
	`(?:you\s+(?:may|might)\s+also\s+like|recommended\s+for\s+you|don(?:'|’)t\s+miss)`,
	`home(?:\s*[›»>]\s*[\p{L}\p{N}][\p{L}\p{N} &'’-]{0,30}){1,5}`,
	// Advertising labels.
	`advertisements?|advertiser\s+content|ad\s+feedback|report\s+(?:this\s+)?ad`,
	`sponsored(?:\s+(?:content|post|links?|stories|story))?|paid\s+(?:content|post|partnership)|partner\s+content|promoted\s+content`,
	`(?:story|article|content)\s+continues\s+below(?:\s+(?:this\s+)?advertisement)?`,
	`scroll\s+to\s+continue(?:\s+with\s+content)?`,
	// A media player's fallback text.
	`(?:to\s+view\s+this\s+(?:video|content|page),?\s+)?please\s+enable\s+javascript(?:[\s,.].{0,100})?`,
	`your\s+browser\s+does\s+not\s+support\s+(?:the\s+)?(?:video|audio)(?:\s+(?:tag|element))?`,
}

// chromeWeak are units that are chrome only beside a strong one.
var chromeWeak = []string{
	chromeNet, `tweet|print|share|comments?|reply|ad|ads|promoted|sponsored`,
	`next|previous|prev|newer|older|home|more|top`,
	`sign\s+in|sign\s+up|log\s+in|login|log\s+out|register`,
	`contact\s+us|about\s+us|site\s*map|accessibility|careers|help|advertising|no\s+comments|most\s+popular`,
	chromeLegal,
	`(?:©|\(c\)|copyright)\s*©?\s*\d{4}(?:\s*[-–]\s*\d{4})?(?:\s+` + chromeName + `[\p{L}\p{N}.]*)?`,
	`©\s*` + chromeName + `[\p{L}\p{N}.]*`,
}

// chromeUnitsRE matches a line made of chrome units and separators, weak
// or strong: a quick test, as each unit appears once in it.
var chromeUnitsRE = sync.OnceValue(func() *regexp.Regexp {
	unit := `(?:` + strings.Join(chromeStrong, `|`) + `|` + strings.Join(chromeWeak, `|`) + `)`
	return regexp.MustCompile(`(?is)^` + chromeSep + `*` + unit + `(?:` + chromeSep + `+` + unit + `)*` + chromeSep + `*$`)
})

// chromeLineRE matches a line made of chrome units and separators with at
// least one strong unit. A unit must end at a word boundary, which the
// separator after it (or the end of the line) makes sure of.
var chromeLineRE = sync.OnceValue(func() *regexp.Regexp {
	strong := `(?:` + strings.Join(chromeStrong, `|`) + `)`
	all := `(?:` + strings.Join(append(append([]string(nil), chromeStrong...), chromeWeak...), `|`) + `)`
	sep := chromeSep + `+`
	return regexp.MustCompile(`(?is)^` + chromeSep + `*(?:` + all + sep + `)*` + strong +
		`(?:` + sep + all + `)*` + chromeSep + `*$`)
})

// matchChrome reports whether text is a line of chrome units with a strong
// one among them.
func matchChrome(text []byte) bool {
	return chromeUnitsRE().Match(text) && chromeLineRE().Match(text)
}

// chromeOpenings returns, for each word a line of chrome may open with
// (folded), the words that may come second: "|" stands for a separator
// other than a space, or the end of the line; "*" for any word. It is a
// cheap test before the expressions, and must let through every line they
// match. The map is read-only once built.
var chromeOpenings = sync.OnceValue(func() map[string]map[string]bool {
	const items = "article story post page video photo gallery link newsletter podcast " +
		"articles stories posts pages content coverage reading videos links entry entries"
	table := map[string]string{
		"share":  "| this the on via to with " + items,
		"follow": "*", "like": "us", "find": "us", "join": "us the",
		"subscribe": "| now today here for to on", "signup": "| now today here for to",
		"register": "| now today here for to", "sign": "up in", "log": "in out", "login": "|",
		"get": "our the it", "receive": "our the", "newsletter": "sign signup",
		"click": "here", "tap": "here", "read": "more the full next also",
		"continue": "reading", "keep": "reading", "also": "read",
		"related": "| " + items, "more": "| " + items, "recommended": "| for " + items,
		"similar": items, "popular": items, "trending": items,
		"download": "on the our", "available": "on", "all": "rights", "this": "material",
		"privacy": "policy notice statement settings", "terms": "of and",
		"cookie": "policy settings preferences notice consent",
		"manage": "cookies", "accept": "all cookies", "reject": "all cookies",
		"do": "not", "your": "privacy email browser", "ad": "| choices feedback", "adchoices": "|",
		"no": "comments", "comments": "| are", "comment": "|", "reply": "|",
		"leave": "a", "add": "a", "post": "a comment", "write": "a", "submit": "comment",
		"cancel": "reply", "be": "the", "you": "may might must", "logged": "in",
		"show": "comments", "view": "comments all", "hide": "comments", "load": "more", "see": "all",
		"skip": "to", "back": "to", "return": "to", "go": "to", "scroll": "to",
		"most": "read popular viewed shared commented emailed",
		"next": "| " + items, "previous": "| " + items, "prev": "| " + items,
		"newer": "| " + items, "older": "| " + items, "don": "*", "home": "|",
		"advertisement": "|", "advertisements": "|", "advertising": "|", "advertiser": "content",
		"report": "this ad", "sponsored": "| " + items, "paid": "content post partnership",
		"partner": "content", "story": "continues", "article": "continues", "content": "continues", "promoted": "| content", "to": "view", "please": "enable",
		"contact": "us", "about": "us", "sitemap": "|", "site": "map", "accessibility": "|",
		"careers": "|", "help": "|", "top": "|", "copyright": "*", "tweet": "|", "print": "|",
	}
	for _, net := range strings.Split(strings.Trim(chromeNet, "(?:)"), "|") {
		table[net] = "| and or"
	}
	openings := make(map[string]map[string]bool, len(table))
	for head, next := range table {
		set := make(map[string]bool)
		for _, w := range strings.Fields(next) {
			set[w] = true
		}
		openings[head] = set
	}
	return openings
})

// isChromeLine reports whether text, a trimmed line of prose, consists of
// page chrome and nothing else. Cheap tests on the line's first word, its
// length and its quotation marks keep the expression to the few lines that
// could be chrome.
func isChromeLine(text []byte) bool {
	if len(text) == 0 || len(text) > maxChromeLine {
		return false
	}
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRune(text[i:])
		if r == '©' {
			return matchChrome(text)
		}
		if unicode.IsDigit(r) {
			// Only a count of comments opens with a number ("12 Comments").
			return commentCount(text[i:]) && matchChrome(text)
		}
		if document.IsWordRune(r) {
			break
		}
		i += n
	}
	// The first two words must be an opening of chrome.
	var buf [16]byte
	head, j := foldWord(text, i, &buf)
	if len(head) == 0 {
		return false
	}
	next, ok := chromeOpenings()[string(head)]
	if !ok {
		return false
	}
	if !next["*"] {
		k := j
		sep := false
		for k < len(text) {
			r, n := utf8.DecodeRune(text[k:])
			if document.IsWordRune(r) {
				break
			}
			if !unicode.IsSpace(r) && r != '\u00a0' {
				sep = true
			}
			k += n
		}
		if k == len(text) || sep {
			if !next["|"] {
				return false
			}
		} else {
			var buf2 [16]byte
			if w, _ := foldWord(text, k, &buf2); !next[string(w)] {
				return false
			}
		}
	}
	// Chrome quotes no one, and a long line is chrome only as a legal
	// notice, a player's message or a link with a headline after a colon
	// or dash.
	if bytes.ContainsAny(text, "“”‘\"") {
		return false
	}
	if countWords(text) > 12 && bytes.IndexByte(text, ':') < 0 && !bytes.ContainsAny(text, "–—|-") && !longChromeOpening(text[i:]) {
		return false
	}
	return matchChrome(text)
}

// foldWord folds the ASCII word of letters and hyphens at offset i of b to
// lower case in buf and returns it, with the offset after it; it returns
// "" for a word longer than buf or with other letters.
func foldWord(b []byte, i int, buf *[16]byte) ([]byte, int) {
	n := 0
	j := i
	for ; j < len(b); j++ {
		c := b[j]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if !(c >= 'a' && c <= 'z' || c == '-') {
			break
		}
		if n == len(buf) {
			return nil, j
		}
		buf[n] = c
		n++
	}
	if j < len(b) {
		// An apostrophe ends the folded part ("don" of "don’t").
		if r, _ := utf8.DecodeRune(b[j:]); document.IsWordRune(r) && r != '\'' && r != '’' {
			return nil, j
		}
	}
	return buf[:n], j
}

// longChromeOpening reports whether b opens as one of the long units of
// chrome: a wire service's copyright notice, a player's fallback message,
// a comment form's notice.
func longChromeOpening(b []byte) bool {
	for _, p := range [...]string{"copyright", "this material", "to view this", "please enable", "you must", "your browser", "your email"} {
		if len(b) >= len(p) && strings.EqualFold(string(b[:len(p)]), p) {
			return true
		}
	}
	return false
}

// commentCount reports whether b opens with a number and the word
// "comment", "response" or "reply" in some form.
func commentCount(b []byte) bool {
	i := 0
	for i < len(b) && (b[i] >= '0' && b[i] <= '9' || b[i] == ',' || b[i] == '.') {
		i++
	}
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	for _, w := range [...]string{"comment", "response", "repl"} {
		if len(b)-i >= len(w) && strings.EqualFold(string(b[i:i+len(w)]), w) {
			return true
		}
	}
	return false
}

// countWords returns the number of runs of letters and digits in b.
func countWords(b []byte) int {
	words, in := 0, false
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		w := document.IsWordRune(r)
		if w && !in {
			words++
		}
		in = w
		i += n
	}
	return words
}

// residueLine reports whether line n of doc is web page residue: a line of
// prose that is nothing but phrases of m or has the shape of page chrome,
// and that stands alone rather than being a wrapped piece of a sentence. It
// returns the span of the line's text. For a phrase line it decides as
// phraseMatcher.boilerplateLine does.
func residueLine(m *phraseMatcher, doc *document.Document, n int) (document.Span, bool) {
	line := doc.Line(n)
	text, off := trimmedLineProse(doc, line)
	if len(text) == 0 {
		return document.Span{}, false
	}
	pi := doc.ParagraphAt(off)
	if pi < 0 {
		return document.Span{}, false
	}
	phrases := m.whole(text)
	if !phrases {
		// A Markdown heading or list item is the document's own structure
		// ("## Related links" over a section about related links, "-
		// [Next steps]" in a table of contents): only the phrase list
		// judges it.
		if doc.Paragraphs[pi].Heading || markdownBlockLine(doc, line, off) || !isChromeLine(text) {
			return document.Span{}, false
		}
	}
	if p := doc.Paragraphs[pi]; p.Start < line.Start || p.End > line.End {
		// One line of a longer paragraph: it must read as a line of its
		// own. A phrase line opens with a capital; a chrome line may open
		// with a digit or a sign ("12 Comments", "© 2024 …") but not with a
		// small letter, and the line before it ends a sentence or is
		// chrome itself.
		if phrases && !firstLetterIs(text, unicode.IsUpper) || firstLetterIs(text, unicode.IsLower) {
			return document.Span{}, false
		}
		if !phrases && p.Start < line.Start {
			prev := doc.Line(n - 1)
			if t, _ := trimmedLineProse(doc, prev); len(t) > 0 && !endsSentence(t) && !isChromeLine(t) {
				return document.Span{}, false
			}
		}
		if next := doc.Line(n + 1); next.Start < p.End {
			if t, _ := trimmedLineProse(doc, next); firstLetterIs(t, unicode.IsLower) {
				return document.Span{}, false
			}
		}
	}
	return document.Span{Start: off, End: off + len(text)}, true
}

// endsSentence reports whether b ends with a sentence's closing punctuation,
// a closing quotation mark or bracket aside.
func endsSentence(b []byte) bool {
	for len(b) > 0 {
		r, n := utf8.DecodeLastRune(b)
		switch r {
		case '.', '!', '?', '…':
			return true
		case '"', '\'', '”', '’', ')', ']':
			b = b[:len(b)-n]
			continue
		}
		return false
	}
	return false
}

// markdownBlockLine reports whether the text of line, starting at off, is
// preceded by masked Markdown block markup: a heading's #, a list item's
// bullet or number, a block quotation's >.
func markdownBlockLine(doc *document.Document, line document.Span, off int) bool {
	for i := line.Start; i < off; i++ {
		if c := doc.Text[i]; doc.Prose[i] == document.Masked &&
			(c == '#' || c == '-' || c == '*' || c == '+' || c == '>' || c >= '0' && c <= '9') {
			return true
		}
	}
	return false
}

// playerTailRE matches the end of a media player's fallback message ("To
// view this video please enable JavaScript, and consider upgrading to a web
// browser that | supports HTML5 video") where an extractor broke it at the
// link, and the white space after it.
var playerTailRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^supports\s+html5\s+(?:video|audio)\b[\s\x{a0}]*`)
})

// playerMessageTail reports whether residue line n, whose text is span,
// breaks off a player's fallback message that the next line of prose
// finishes. It returns the span of the finishing words and the span to
// delete (the words and the space after them).
func playerMessageTail(doc *document.Document, n int, span document.Span) (tail, del document.Span, ok bool) {
	text := doc.Prose[span.Start:span.End]
	if len(text) < 5 || !strings.EqualFold(string(text[len(text)-5:]), " that") {
		return document.Span{}, document.Span{}, false
	}
	for m := n + 1; m <= doc.LineCount() && m <= n+3; m++ {
		next, off := trimmedLineProse(doc, doc.Line(m))
		if len(next) == 0 {
			continue
		}
		loc := playerTailRE().FindIndex(next)
		if loc == nil {
			return document.Span{}, document.Span{}, false
		}
		words := bytes.TrimRight(next[:loc[1]], " \t\u00a0")
		return document.Span{Start: off, End: off + len(words)}, document.Span{Start: off, End: off + loc[1]}, true
	}
	return document.Span{}, document.Span{}, false
}
