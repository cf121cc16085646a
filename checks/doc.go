// Package checks compares two revisions of a document, or a document and
// its approved golden copy: quotations whose words changed, speakers and
// figures that changed, findings a revision introduced.
//
// Compare aligns the words of two revisions with go-diff, pairs their
// quotations and sentences through the alignment (by shared words, by
// place, then by similar text for what moved) and reports the revision
// checks: checks/quote-changed, checks/attribution-changed,
// checks/figure-changed, checks/quote-added, checks/quote-removed and
// checks/new-finding; checks/markup-changed pairs what is not prose (code,
// HTML, link targets, front matter, web addresses) region by region. The
// golden harness (package goldenfile) compares a document with its
// approved copy through the same comparison, and Result.WriteLineDiff
// shows the lines that differ in more than words.
package checks
