// Package junitxml is the shape of a JUnit XML report, for tests that
// decode what docqa writes (report.JUnit, docqa golden --format junit)
// with encoding/xml.
package junitxml

import "encoding/xml"

// Report is a JUnit report: test suites of test cases, each passed, failed
// or in error.
type Report struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Suites   []Suite  `xml:"testsuite"`
}

// Suite is one test suite.
type Suite struct {
	Name     string `xml:"name,attr"`
	Tests    int    `xml:"tests,attr"`
	Failures int    `xml:"failures,attr"`
	Errors   int    `xml:"errors,attr"`
	Cases    []Case `xml:"testcase"`
}

// Case is one test case; Failure and Error are nil when it passed.
type Case struct {
	Classname string   `xml:"classname,attr"`
	Name      string   `xml:"name,attr"`
	Failure   *Failure `xml:"failure"`
	Error     *Error   `xml:"error"`
}

// Failure is a failed case's failure.
type Failure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",chardata"`
}

// Error is a case's error.
type Error struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
}
