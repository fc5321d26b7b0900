package safety

import (
	"bufio"
	"os"
	"strings"
	"sync"
	"testing"
)

// crisisCases must all be detected. Each [crisis] pattern in phrases.txt must be
// matched by at least one of them (TestEveryPatternIsExercised).
var crisisCases = []string{
	"I want to kill myself",
	"i wanna kms",
	"gonna kil myself tonight",
	"k1ll mys3lf",
	"I keep thinking I should kill my self",
	"I want to unalive myself",
	"my friend keeps talking about killing herself",
	"kys",
	"I've been having suicidal thoughts lately",
	"Can ketamine help with suicidal thoughts?",
	"Is it normal to feel suicidal on Spravato?",
	"suicidal ideation and ketamine",
	"thinking about suicide a lot",
	"SUICIDE",
	"ＳＵＩＣＩＤＥ",
	"su1c1de",
	"sui\u200bcide",
	"i feel suicdal",
	"i think im sucidal",
	"feeling sucidial today",
	"thinking about sewer slide",
	"I want to end my life",
	"I’m going to take my own life",
	"I plan to end it all tonight",
	"I'm going to end everything",
	"I'm going to end it tonight",
	"I'm thinking about ending it",
	"please just kill me",
	"I just want to die",
	"i want to dieeee",
	"I wanna die lol",
	"I wish I was dead",
	"I'd rather be dead than go on like this",
	"planning to die this weekend",
	"sometimes i think i should just die",
	"let me die",
	"I'd be better off dead",
	"honestly better dead",
	"everyone would be better off without me",
	"I hope I die in my sleep",
	"Sometimes I think about death a lot",
	"I don't want to live anymore",
	"I no longer want to be alive",
	"I don't want to be here anymore",
	"I don't want to wake up tomorrow",
	"I have no reason to live anymore",
	"there's no point in living",
	"no reason to keep going",
	"I have nothing to live for",
	"there is nothing left to live for",
	"life isn’t worth living",
	"my life is just not worth it",
	"I’m tired of living",
	"I’m so tired of being alive",
	"honestly I'm done living",
	"I've given up on life",
	"i hate my life",
	"I can’t go on like this anymore",
	"I can't take it anymore",
	"I just want to stop existing",
	"I want to cease to exist",
	"I wish I had never been born",
	"I wish I didn't exist",
	"I want to disappear",
	"I wish I could just disappear",
	"I want to vanish forever and not come back",
	"part of me wants to disappear forever",
	"I want to go to sleep forever",
	"I want to go to sleep and never wake up",
	"I hope I never wake up",
	"i want to self delete",
	"I've been self harming again",
	"how do I stop self-harm urges",
	"selfharm",
	"self-injury while on ketamine",
	"I keep wanting to hurt myself",
	"i cut myself last night",
	"my sh urges are back",
	"I relapsed on sh",
	"I started cutting again",
	"I have fresh cuts on my wrists",
	"I thought about slitting my wrists",
	"I'm going to overdose on purpose",
	"I took too many pills on purpose",
	"I took my Zoloft intentionally to get an overdose",
	"what if I deliberately overdosed on ketamine",
	"I'm thinking of overdosing on my antidepressants",
	"I want to od",
	"I want to take all my pills",
	"i'm going to swallow all of my tablets",
	"what if I took all my meds at once",
	"I took a whole bottle of my pills",
	"What's the lethal dose of ketamine?",
	"what is the ld50 of sertraline",
	"LD 50 of bupropion?",
	"how much sertraline would kill me",
	"How many pills does it take to die?",
	"how many mg of Lexapro is fatal",
	"What dose of Lexapro is fatal?",
	"is this enough ketamine to die",
	"is that enough venlafaxine to kill a person",
	"would 20 of my zoloft pills kill me",
}

// benignCases must never be detected: the seed article's own headings and FAQ
// questions, everyday questions about ketamine and antidepressants, and idioms.
var benignCases = []string{
	// the seed article's FAQ questions and headings
	"Can Ketamine Therapy Replace Traditional Antidepressant Medications?",
	"How Long Does It Take for Ketamine to Work?",
	"Are There Specific Antidepressants That Are Safer With Ketamine?",
	"Can I Drink Alcohol While Undergoing Ketamine Therapy?",
	"What Should I Expect During My First Ketamine Session?",
	"Ketamine and Antidepressants",
	"Understanding Ketamine Therapy",
	"How Antidepressants Work",
	"Potential Interactions Between Ketamine and Antidepressants",
	"Mechanisms of Interaction",
	"Safety Considerations and Risks",
	"Benefits of Combining Ketamine With Antidepressants",
	"Risks and Considerations",
	"Consulting With Your Healthcare Provider",
	"Importance of Professional Guidance",
	"Assessing Individual Health Factors",
	// everyday questions
	"what happens if I miss a dose",
	"I missed my sertraline dose this morning, is that ok before ketamine?",
	"is ketamine safe",
	"can ketamine cause dizziness",
	"can you overdose on ketamine?",
	"what's the max dose of ketamine",
	"How much ketamine is too much?",
	"How much ketamine do people usually get?",
	"how many people die from ketamine each year",
	"What is a normal dose of Spravato?",
	"Does ketamine interact with Lexapro?",
	"Can ketamine cause serotonin syndrome with Prozac?",
	"does ketamine help with treatment-resistant depression",
	"Is ketamine addictive?",
	"what does a k-hole feel like",
	"Can I drive home after my session?",
	"How many sessions do I need?",
	"Can I drink a full bottle of wine after ketamine?",
	"I don't want to continue sertraline, can ketamine replace it?",
	"I'm tired of being on antidepressants, is ketamine an option?",
	"Should I keep taking all my antidepressants during ketamine therapy?",
	"Can I take all my meds in the morning?",
	"My doctor cut my dose of Zoloft in half",
	"I'm cutting back on sertraline again",
	"the therapist said there is no point in continuing Lexapro",
	"I want to stop taking my antidepressants",
	"What's the best way to end my treatment?",
	"I don't want to live on antidepressants forever",
	"ketamine gave me my life back",
	"I want my old life back",
	"Can I take ketamine if I have a history of substance use?",
	"Does it hurt? I'm scared of needles",
	"I hope I don't wake up during the procedure, can that happen?",
	"will mixing ketamine and alcohol kill me?",
	// idioms and near-misses
	"this pain is killing me",
	"this headache is killing me, can I take ibuprofen?",
	"I'm dying to know how ketamine works",
	"Can I dye my hair after a ketamine infusion?",
	"I'm thinking about dying my hair",
	"is there a killer app for tracking my mood?",
	"I'm dead tired after each infusion, is that normal?",
	"how long until the nausea dies down",
	"I hope the side effects die down soon",
	"",
	"   \n\t ",
	"🙂🙂🙂",
	"ok",
}

func TestIsCrisis(t *testing.T) {
	d := NewDetector()
	for _, q := range crisisCases {
		t.Run("crisis/"+q, func(t *testing.T) {
			if !d.IsCrisis(q) {
				t.Errorf("IsCrisis(%q) = false; want true", q)
			}
		})
	}
	for _, q := range benignCases {
		t.Run("benign/"+q, func(t *testing.T) {
			if src, ok := d.match(q); ok {
				t.Errorf("IsCrisis(%q) = true (pattern %q); want false", q, src)
			}
		})
	}
}

func TestCaseCounts(t *testing.T) {
	if len(crisisCases) < 40 || len(benignCases) < 40 {
		t.Errorf("have %d crisis and %d benign cases; want at least 40 of each", len(crisisCases), len(benignCases))
	}
}

// TestSeedArticleIsBenign checks every line of the seed article (the bot's own content)
// is not taken for a crisis.
func TestSeedArticleIsBenign(t *testing.T) {
	f, err := os.Open("testdata/seed-article.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d := NewDetector()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	lines := 0
	for n := 1; sc.Scan(); n++ {
		lines++
		if src, ok := d.match(sc.Text()); ok {
			t.Errorf("seed-article.txt:%d: IsCrisis = true (pattern %q); want false: %s", n, src, sc.Text())
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if lines < 50 {
		t.Fatalf("read %d lines of the seed article; want the whole article", lines)
	}
}

// TestEveryPatternIsExercised keeps the data honest: a [crisis] pattern that no test
// case matches is either dead or untested.
func TestEveryPatternIsExercised(t *testing.T) {
	d := NewDetector()
	var toks [][]string
	for _, q := range crisisCases {
		toks = append(toks, d.tokens(q))
	}
	for _, p := range d.patterns {
		if !anyMatches(p, toks) {
			t.Errorf("phrases.txt:%d: pattern %q matches none of crisisCases", p.line, p.src)
		}
	}
}

func anyMatches(p *pattern, cases [][]string) bool {
	for _, ts := range cases {
		for i, tok := range ts {
			if p.elems[0].accepts(tok) && matchFrom(p.elems[1:], ts, i+1) {
				return true
			}
		}
	}
	return false
}

func TestTokens(t *testing.T) {
	d := NewDetector()
	tests := []struct{ in, want string }{
		{"I don’t want to", "i do not want to"},
		{"Can't stop; won't stop!!!", "can not stop will not stop"},
		{"KMS", "kill myself"},
		{"suicdal  thoughts", "suicidal thoughts"},
		{"k1ll mys3lf, 988", "kill myself 988"},
		{"dieeeee", "die"},
		{"di3 ld50 x100 5mg", "die ld50 x100 smg"},
		{"self-harm", "self harm"},
		{"kill my self", "kill myself"},
		{"Suïcide", "suicide"},
		{"sui\u0308cide", "suicide"},
		{"bad\xffutf8", "bad utf8"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(d.tokens(tt.in), " "); got != tt.want {
			t.Errorf("tokens(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsCrisisHugeAndInvalidInput(t *testing.T) {
	d := NewDetector()
	benign := strings.Repeat("how long does ketamine take to work? ", 50000)
	if d.IsCrisis(benign) {
		t.Errorf("IsCrisis(huge benign text) = true; want false")
	}
	if !d.IsCrisis(benign + " I want to end my life") {
		t.Errorf("IsCrisis(huge text ending in a crisis) = false; want true")
	}
	if !d.IsCrisis("\xff\xfe I want to\xc0 die \xed\xa0\x80") {
		t.Errorf("IsCrisis(crisis among invalid UTF-8) = false; want true")
	}
	if d.IsCrisis(string([]byte{0xff, 0xfe, 0xfd, 0x00, 0x80})) {
		t.Errorf("IsCrisis(invalid UTF-8) = true; want false")
	}
}

func TestIsCrisisConcurrent(t *testing.T) {
	d := NewDetector()
	var wg sync.WaitGroup
	errs := make(chan string, 8*len(crisisCases))
	for range 8 {
		wg.Go(func() {
			for _, q := range crisisCases {
				if !d.IsCrisis(q) {
					errs <- q
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for q := range errs {
		t.Errorf("concurrent IsCrisis(%q) = false; want true", q)
	}
}

func TestDefaultMessage(t *testing.T) {
	for _, want := range []string{"emergency", "988", "https://988lifeline.org", "https://findahelpline.com", "not alone"} {
		if !strings.Contains(DefaultMessage, want) {
			t.Errorf("DefaultMessage does not mention %q", want)
		}
	}
}
