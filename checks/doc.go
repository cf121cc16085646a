// Package checks compares two revisions of a document, or a document and
// its approved golden copy: quotations whose words changed, speakers and
// figures that changed, findings a revision introduced.
//
// It is empty until the revision checks are built; see the design's
// "Revision checks".
package checks
