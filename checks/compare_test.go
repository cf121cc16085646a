package checks

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

func testComparer(t testing.TB) *Comparer {
	t.Helper()
	c, err := NewComparer(Registry(), rules.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// describe renders findings as "rule path:line:col message".
func describe(r *Result) []string {
	var out []string
	for _, f := range r.Findings {
		d := r.New
		if f.Path == r.Old.Path && r.Old.Path != r.New.Path {
			d = r.Old
		}
		p := d.Position(f.Span.Start)
		out = append(out, fmt.Sprintf("%s %s:%d:%d %s", f.Rule, f.Path, p.Line, p.Column, f.Message))
	}
	return out
}

// revision is one table row: two revisions and the findings the
// comparison must yield, as "rule path:line".
type revision struct {
	name     string
	old, new string
	want     []string
}

func compareRevisions(t testing.TB, c *Comparer, old, new string) *Result {
	return c.Compare(document.Load("old.txt", []byte(old)), document.Load("new.txt", []byte(new)))
}

func TestCompare(t *testing.T) {
	const intro = "The report was released on Thursday in Geneva.\n\n"
	tests := []revision{
		{"identical", intro + "“We will stay,” he said.", intro + "“We will stay,” he said.", nil},
		{"reworded quotation",
			intro + "The report said the “extent of arbitrary and discriminatory detention may constitute international crimes.”",
			intro + "The report said the “scale of arbitrary and discriminatory detention could constitute international crimes.”",
			[]string{"checks/quote-changed new.txt:3"}},
		{"quotation reworded throughout, same place",
			intro + "He said “we shall fight them on the beaches” and sat down.",
			intro + "He said “nobody will ever stop this movement” and sat down.",
			[]string{"checks/quote-changed new.txt:3"}},
		{"quotation moved to another paragraph unchanged",
			intro + "Officials met on Monday.\n\n“The camps are closed now and nobody is held,” the minister said.\n\nCritics disagreed.",
			intro + "“The camps are closed now and nobody is held,” the minister said.\n\nOfficials met on Monday.\n\nCritics disagreed.",
			nil},
		{"typography only",
			intro + "He said “the extent … may constitute crimes” and ‘more’ besides.",
			intro + "He said \"the extent ... may\n  constitute crimes\" and 'more' besides.",
			nil},
		{"speaker swapped",
			intro + "“The camps are closed now,” Bachelet said on Monday.",
			intro + "“The camps are closed now,” Zenz said on Monday.",
			[]string{"checks/attribution-changed new.txt:3"}},
		{"speaker named in an apposition",
			intro + "“Stand up to Beijing,” John Fisher, Human Rights Watch’s deputy director, said.",
			intro + "“Stand up to Beijing,” Sophie Richardson, Human Rights Watch’s deputy director, said.",
			[]string{"checks/attribution-changed new.txt:3"}},
		{"pronoun for a name is no new speaker",
			intro + "“The camps are closed now,” Bachelet said.",
			intro + "“The camps are closed now,” she said.",
			nil},
		{"pronoun now a different named speaker",
			intro + "Omer Kanat called the report a “game-changer for the international response”.\n\n“The UN has now recognized that crimes are taking place,” he said.",
			intro + "Omer Kanat called the report a “game-changer for the international response”.\n\n“The UN has now recognized that crimes are taking place,” Adrian Zenz said.",
			[]string{"checks/attribution-changed new.txt:5"}},
		{"pronoun for the speaker named before",
			intro + "Omer Kanat called the report a “game-changer for the international response”.\n\n“The UN has now recognized that crimes are taking place,” he said.",
			intro + "Omer Kanat called the report a “game-changer for the international response”.\n\n“The UN has now recognized that crimes are taking place,” Omer Kanat said.",
			nil},
		{"figure changed",
			intro + "The OHCHR conducted interviews with 40 people of Uyghur, Kazakh and Kyrgyz ethnicity.",
			intro + "The OHCHR conducted interviews with 14 people of Uyghur, Kazakh and Kyrgyz ethnicity.",
			[]string{"checks/figure-changed new.txt:3"}},
		{"spelled-out figure changed",
			intro + "Twenty-six of those interviewed reported being detained in Xinjiang.",
			intro + "Thirty-six of those interviewed reported being detained in Xinjiang.",
			[]string{"checks/figure-changed new.txt:3"}},
		{"quotation added",
			intro + "The minister left the room.",
			intro + "The minister left the room.\n\n“I have nothing more to say today,” she said.",
			[]string{"checks/quote-added new.txt:5"}},
		{"quotation removed",
			intro + "“I have nothing more to say today,” she said.\n\nThe minister left the room.",
			intro + "The minister left the room.",
			[]string{"checks/quote-removed old.txt:3"}},
		{"doubled word introduced",
			intro + "It may constitute crimes, in particular crimes against humanity.",
			intro + "It may constitute crimes, in particular particular crimes against humanity.",
			[]string{"checks/new-finding new.txt:3"}},
		{"an old finding moved by edits is not new",
			intro + "It was the the end.",
			"A new first paragraph.\n\n" + intro + "It was the the end.",
			nil},
		{"non-ASCII quotation changed",
			intro + "Il a dit « nous resterons à Zürich » hier, selon l’AFP. 他说“我们会留下”。",
			intro + "Il a dit « nous partirons de Zürich » hier, selon l’AFP. 他说“我们会留下”。",
			[]string{"checks/quote-changed new.txt:3"}},
	}
	c := testComparer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := compareRevisions(t, c, tt.old, tt.new)
			var got []string
			for _, f := range r.Findings {
				d := r.New
				if f.Path == "old.txt" {
					d = r.Old
				}
				got = append(got, fmt.Sprintf("%s %s:%d", f.Rule, f.Path, d.LineOf(f.Span.Start)))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s\nall:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"), strings.Join(describe(r), "\n"))
			}
		})
	}
}

func TestQuoteChangedMessage(t *testing.T) {
	r := compareRevisions(t, testComparer(t),
		"The report said the “extent of arbitrary and discriminatory detention of members of Uyghur and other predominantly Muslim groups … may constitute international crimes.”",
		"The report said the “scale of arbitrary and discriminatory detention of members of Uyghur and other predominantly Muslim groups … could constitute international crimes.”")
	if len(r.Findings) != 1 {
		t.Fatalf("findings: %q", describe(r))
	}
	f := r.Findings[0]
	want := "quotation changed: “[-extent-]{+scale+} of arbitrary and … predominantly Muslim groups … [-may-]{+could+} constitute international crimes.”: check the source"
	if f.Message != want {
		t.Errorf("message:\n got %s\nwant %s", f.Message, want)
	}
	if !strings.HasPrefix(f.OldText, "extent of") || !strings.HasPrefix(f.NewText, "scale of") {
		t.Errorf("old/new text = %q / %q", f.OldText, f.NewText)
	}
}

func TestWriteDiff(t *testing.T) {
	r := compareRevisions(t, testComparer(t),
		"First paragraph stays.\n\n“Stand up,” John Fisher, deputy director, said.\n\nThis one goes.",
		"First paragraph stays.\n\n“Stand up,” Sophie Richardson, deputy director, said.")
	var plain, color strings.Builder
	if err := r.WriteDiff(&plain, false); err != nil {
		t.Fatal(err)
	}
	want := "@@ old.txt:3 new.txt:3 @@\n“Stand up,” [-John Fisher-]{+Sophie Richardson+}, deputy director, said.\n\n" +
		"@@ old.txt:5 new.txt:3 @@\n[-This one goes.-]\n"
	if plain.String() != want {
		t.Errorf("plain diff:\n%s\nwant:\n%s", plain.String(), want)
	}
	if err := r.WriteDiff(&color, true); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(color.String(), "\x1b[31mJohn Fisher\x1b[0m\x1b[32mSophie Richardson\x1b[0m") {
		t.Errorf("colour diff:\n%q", color.String())
	}
}

func TestCompareDeterministic(t *testing.T) {
	old, err := os.ReadFile("../testdata/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	new := strings.NewReplacer("extent", "scale", "40 people", "14 people", "he said", "she said").Replace(string(old))
	c := testComparer(t)
	first := compareRevisions(t, c, string(old), new)
	var a strings.Builder
	first.WriteDiff(&a, false)
	for i := 0; i < 5; i++ {
		r := compareRevisions(t, c, string(old), new)
		var b strings.Builder
		r.WriteDiff(&b, false)
		if b.String() != a.String() || strings.Join(describe(r), "\n") != strings.Join(describe(first), "\n") {
			t.Fatalf("run %d differs", i)
		}
	}
	if len(first.Findings) == 0 {
		t.Errorf("no findings for an edited article")
	}
}

func TestCompareIdenticalArticle(t *testing.T) {
	b, err := os.ReadFile("../testdata/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	r := compareRevisions(t, testComparer(t), string(b), string(b))
	if len(r.Findings) != 0 || r.Changed() {
		t.Errorf("identical revisions: findings %q, changed %v", describe(r), r.Changed())
	}
}

// BenchmarkCompare1MB compares two revisions of a 1 MB document: the seed
// article many times over, the new one edited in a few places.
func BenchmarkCompare1MB(b *testing.B) {
	art, err := os.ReadFile("../testdata/article.txt")
	if err != nil {
		b.Fatal(err)
	}
	var old strings.Builder
	for i := 0; old.Len() < 1<<20; i++ {
		fmt.Fprintf(&old, "Part %d.\n\n%s\n\n", i, art)
	}
	o := old.String()
	n := strings.Replace(o, "extent", "scale", 3)
	n = strings.Replace(n, "40 people", "14 people", 2)
	n = strings.Replace(n, "he said", "she said", 2)
	c := testComparer(b)
	od, nd := document.Load("old.txt", []byte(o)), document.Load("new.txt", []byte(n))
	b.SetBytes(int64(len(o) + len(n)))
	b.ResetTimer()
	for b.Loop() {
		c.Compare(od, nd)
	}
}

func rulesConfig() rules.Config { return rules.Config{} }
