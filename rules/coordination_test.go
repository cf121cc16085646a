package rules

import "testing"

func TestCoordination(t *testing.T) {
	runRuleCases(t, Coordination, nil, "a.txt", []ruleCase{
		{"seed", "the application of counter-terrorism and counter-terrorism strategies", []string{"1:20 counter-terrorism and counter-terrorism"}},
		{"or", "Ask whether detention or detention centres exist.", []string{"1:13 detention or detention"}},
		{"across a line break", "the policy and\npolicy makers", []string{"1:5 policy and\npolicy"}},
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
	})
}
