package rules

import (
	"bytes"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/docqa/docqa/document"
)

// webPhrases are the lines a web page leaves behind when its text is copied
// into an article: comment forms, sharing buttons, navigation, advertising
// labels. Each is unambiguous as a whole line; as part of a sentence none is
// reported ("The advertisement ran in 1990.", "Read more books.").
var webPhrases = []string{
	"Add a Comment",
	"Advertisement",
	"Cancel reply",
	"Click here to subscribe",
	"Continue reading",
	"Copy link",
	"Leave a comment",
	"Leave a reply",
	"Post comment",
	"Print this page",
	"Read more",
	"Related articles",
	"Related stories",
	"Required fields are marked *",
	"Scroll to continue with content",
	"Share on Facebook",
	"Share on LinkedIn",
	"Share on Twitter",
	"Share on WhatsApp",
	"Share this article",
	"Share this story",
	"Share via Email",
	"Sign up for our newsletter",
	"Skip to content",
	"Skip to main content",
	"Story continues below advertisement",
	"Subscribe to our newsletter",
	"Your email address will not be published.",
}

// builtinWebPhrases is the matcher of webPhrases alone, shared by the rules
// that must not read boilerplate as prose (style/second-person).
var builtinWebPhrases = sync.OnceValue(func() *phraseMatcher {
	m, err := newPhraseMatcher(webPhrases)
	if err != nil {
		panic("rules: bad built-in web phrase: " + err.Error())
	}
	return m
})

// WebBoilerplate is the boilerplate/web rule: lines of web page residue,
// such as "Add a Comment" or "Share this article", left in the copy: the
// lines of the phrase list, and lines with the shape of page chrome (see
// isChromeLine).
var WebBoilerplate = &Rule{
	ID:       "boilerplate/web",
	Severity: Error,
	Summary:  "Web page residue (comment forms, share buttons, advertising labels) left in the copy",
	Explanation: "Text copied from a web page brings the page's furniture with it: " +
		"\"Add a Comment\", \"Your email address will not be published.\", \"Advertisement\", " +
		"\"Share this article\". The rule reports a line of prose that consists of nothing but such phrases " +
		"(case aside, with punctuation, bullets or arrows between them); a phrase inside a sentence is prose and is left alone. " +
		"Beyond the list, a short line that stands alone is reported when it has the shape of page chrome: nothing but units of it, " +
		"at least one of them unmistakable, with separators between them: calls to action (\"Follow us on X\", \"Subscribe to our newsletter\", \"Click here to read more\", \"Download the app\"), " +
		"legal lines (\"© 2024 Example Media. All rights reserved.\", \"Privacy Policy | Terms of Use\"), comment widgets (\"12 Comments\", \"Comments are closed\"), " +
		"navigation (\"› Back to Top\", \"Skip to content\", \"Most read\", \"Next article »\", \"Home › News\", \"READ MORE: headline\"), advertising labels (\"Sponsored content\") " +
		"and a video player's fallback text. A line with words of the article's own (\"Follow the money.\", \"Read more about the mission.\") is prose, " +
		"and so are photo captions, credits and bylines; a Markdown heading or list item is judged by the list alone. " +
		"A line of a longer paragraph counts only if it opens with a capital and the next line does not carry on a sentence. " +
		"Code in Markdown is never matched. The fix deletes the whole line. " +
		"In plain text, a Markdown bold marker (** or __) that a conversion left with no partner on its line " +
		"(bold that ran across a line break) is reported too, and the fix deletes it.",
	Bad:  "contributed to this report.\n\nAdd a Comment\n\nYour email address will not be published.",
	Good: "The advertisement ran in 1990. Read more books.",
	Options: []Option{{
		Name: "phrases",
		Kind: StringList,
		Doc:  "more phrases that make up boilerplate lines, added to the built-in ones (case is ignored)",
	}},
	New: newWebBoilerplate,
}

func newWebBoilerplate(opts Options) (Check, error) {
	extra, _ := opts.Strings("phrases")
	m := builtinWebPhrases()
	if len(extra) > 0 {
		var err error
		if m, err = newPhraseMatcher(webPhrases, extra); err != nil {
			return nil, err
		}
	}
	return func(p *Pass) {
		doc := p.Doc
		for n := 1; n <= doc.LineCount(); n++ {
			span, ok := residueLine(m, doc, n)
			if !ok {
				continue
			}
			p.Report(span, "“"+doc.String(span)+"” is web page residue: delete the line",
				Fix{Span: doc.LineSpanWithBreak(span.Start)})
			if tail, del, ok := playerMessageTail(doc, n, span); ok {
				p.Report(tail, "“"+doc.String(tail)+"” ends the video player's message on the line before: delete it",
					Fix{Span: del})
			}
		}
		if doc.Format == document.Plain {
			strayMarkup(p)
		}
	}, nil
}

// strayMarkup reports the Markdown emphasis markers (** and __) that a
// conversion from a web page left in plain text: the only one of its line
// (bold that ran across a line break, or closed before a full stop), not
// between two letters or digits (2**10, __init__ has two).
func strayMarkup(p *Pass) {
	doc := p.Doc
	if !bytes.Contains(doc.Text, []byte("**")) && !bytes.Contains(doc.Text, []byte("__")) {
		return
	}
	for n := 1; n <= doc.LineCount(); n++ {
		line := doc.Line(n)
		text := doc.Slice(line)
		for _, mark := range []string{"**", "__"} {
			i := bytes.Index(text, []byte(mark))
			if i < 0 || bytes.Contains(text[i+2:], []byte(mark)) {
				continue // none, or paired on the line
			}
			if i > 0 && text[i-1] == mark[0] || i+2 < len(text) && text[i+2] == mark[0] {
				continue // a rule or a scene break (***)
			}
			before, _ := utf8.DecodeLastRune(text[:i])
			after, _ := utf8.DecodeRune(text[i+2:])
			if isAlnum(before) && isAlnum(after) {
				continue
			}
			at := line.Start + i
			fix := document.Span{Start: at, End: at + 2}
			if len(bytes.TrimFunc(text, isSpaceOrNBSP)) == 2 {
				fix = doc.LineSpanWithBreak(at) // the marker alone on its line
			}
			p.Report(document.Span{Start: at, End: at + 2},
				"“"+mark+"” is Markdown bold left in plain text by a conversion: delete it", Fix{Span: fix})
		}
	}
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isSpaceOrNBSP(r rune) bool { return unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' }
