package main

import (
	"fmt"
	"os"

	"github.com/docqa/docqa/document"
)

func main() {
	b, _ := os.ReadFile(os.Args[1])
	d := document.Load(os.Args[1], b)
	fmt.Println("paras", len(d.Paragraphs), "words", len(d.Words), "sentences", len(d.Sentences), "quotes", len(d.Quotes))
	for _, q := range d.Quotes {
		p := d.Position(q.Open)
		fmt.Printf("%d:%d depth=%d double=%v close=%d colon=%v reopen=%d %q\n", p.Line, p.Column, q.Depth, q.Double, q.Close, q.Colon, len(q.Reopens), trunc(d.String(q.Content)))
	}
	for _, pr := range d.QuoteProblems {
		p := d.Position(pr.Mark.Start)
		fmt.Printf("PROBLEM %d:%d kind=%d %q\n", p.Line, p.Column, pr.Kind, d.String(pr.Mark))
	}
}

func trunc(s string) string {
	if len(s) > 60 {
		return s[:60]
	}
	return s
}
