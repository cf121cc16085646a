package rules

import "testing"

func TestCoordination(t *testing.T) {
	runRuleCases(t, Coordination, nil, "a.txt", []ruleCase{
		{"seed", "the application of counter-terrorism and counter-terrorism strategies", []string{"1:20 counter-terrorism and counter-terrorism"}},
		{"or", "Ask whether detention or detention centres exist.", []string{"1:13 detention or detention"}},
		{"across a line break", "on detention and\ndetention centres", []string{"1:4 detention and\ndetention"}},
		{"more and more", "More and more people left.", nil},
		{"again and again", "He said it again and again.", nil},
		{"over and over", "They tried over and over.", nil},
		{"bigger and bigger", "The camps grew bigger and bigger.", nil},
		{"worse and worse", "It got worse and worse.", nil},
		{"years and years", "It took years and years.", nil},
		{"thousands and thousands", "Thousands and thousands marched.", nil},
		{"a name", "He sued Johnson and Johnson last year.", nil},
		{"different words", "counter-terrorism and counter-extremism strategies", nil},
		{"punctuation between", "policy, and policy alone", nil},
		{"across paragraphs", "the policy and\n\npolicy makers", nil},
		// Tokens as written (#14).
		{"a name and its file", "Run main or main.exe to start.", nil},
		// Idioms (#14).
		{"polar alternative", "The rule may or may not apply.", nil},
		{"polar alternative with and", "What we should and should not do, what they are and are not.", nil},
		{"polar alternative of a verb", "the conditions the Pod has or has not passed", nil},
		{"two forms of an auxiliary", "the support I have and have had from my peers", nil},
		{"an operator and its word", "Use the bitwise AND and OR or XOR.", nil},
		{"a chain of three", "I’ve called and called and called FEMA.", nil},
		{"a repeated action", "So there he sat, and sniffed and sniffed, and looked.", nil},
		{"modified after", "different words and words of different lengths", nil},
		{"a noun phrase and a compound", "The balloon and balloon systems performed well.", nil},
		{"a noun phrase and a compound across a line break", "the policy and\npolicy makers", nil},
		{"a slip between adverbs", "Could you have used any pressure, publicly or publicly, to change it?", []string{"1:35 publicly or publicly"}},
		{"a past form before a noun", "They run automated and automated tests.", []string{"1:10 automated and automated"}},
		{"a slip after a preposition", "a report on detention and detention centres", []string{"1:13 detention and detention"}},
	})
}
