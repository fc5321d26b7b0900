// Package safety detects messages that suggest a crisis — suicide, self-harm or an
// intended overdose — or an emergency, so that they get resources instead of an answer. It runs
// before search on every question and depends on the standard library only.
//
// The phrases are data (phrases.txt, embedded), not code: a message is normalised into
// words and matched against word patterns. The policy favours recall: any message about
// suicide or self-harm is a crisis, including questions such as "Can ketamine help with
// suicidal thoughts?". Accidental-sounding medical questions are not ("What happens if I
// miss a dose?", "Can you overdose on ketamine?", "Will ketamine and alcohol kill me?"),
// and neither are idioms ("this headache is killing me", "dying to know", "killer app").
// Asking how much of something would be fatal is a crisis.
//
// It also detects emergencies (EmergencyDetector, phrases in emergency.txt): a message
// saying someone has taken, or is about to take, too much of something, or was
// poisoned, gets emergency advice — the local emergency number, poison control.
package safety

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
)

// DefaultMessage is the Markdown reply to a message that suggests a crisis. It is shown
// instead of an answer: no passage and no medical advice.
const DefaultMessage = `**You don't have to go through this alone.** If you're having thoughts of suicide or self-harm, or you're worried about someone who is, please reach out to a person who can help right now:

- **In immediate danger?** Call your local emergency number.
- **US:** call or text **988** (988 Suicide & Crisis Lifeline, free and confidential, 24/7): https://988lifeline.org
- **Elsewhere:** https://findahelpline.com lists free, confidential helplines in your country.

You are not alone, and reaching out is a strong step.`

//go:embed phrases.txt
var phrasesData string

// Detector recognises crisis messages. Build one with NewDetector and share it: it is
// safe for concurrent use and never changes after it is built.
type Detector struct {
	// lex holds every word the detector knows: rewrites, first words of two-word
	// rewrites and first words of patterns, so that each word costs one lookup.
	lex map[string]*lexEntry
	// fuzzy maps a misspelling to the [fuzzy] word it is one edit away from; only words
	// of fuzzyMin..fuzzyMax bytes can be in it.
	fuzzy              map[string]token
	fuzzyMin, fuzzyMax int
	// byPrefix holds the patterns whose first element is a prefix ("suicid*").
	byPrefix []prefixPattern
	// patterns is every pattern in file order, for tests.
	patterns []*pattern
	// scratch pools *scratch buffers so a call allocates nothing in the common case.
	scratch sync.Pool
}

// lexEntry is what the detector knows about one word.
type lexEntry struct {
	pats    []*pattern         // patterns whose first element accepts the word
	rewrite []token            // non-nil: the word stands for these words
	bigrams map[string][]token // second word -> what the two words stand for
}

// token is a normalised word and the patterns that can start at it.
type token struct {
	w    []byte
	pats []*pattern
}

type prefixPattern struct {
	prefix string
	p      *pattern
}

// NewDetector returns a Detector built from the embedded phrase data. The data is
// checked by the package tests, so a failure to compile it is a programming error and
// panics, like regexp.MustCompile.
func NewDetector() *Detector {
	d, err := compile("crisis", source{"phrases.txt", phrasesData})
	if err != nil {
		panic(fmt.Sprintf("safety: %v", err))
	}
	return d
}

// IsCrisis reports whether text suggests a crisis. It accepts any input: empty, huge or
// invalid UTF-8; time and memory are linear in the length of text.
func (d *Detector) IsCrisis(text string) bool {
	_, ok := d.match(text)
	return ok
}

// match returns the source of the first pattern that matches text.
func (d *Detector) match(text string) (string, bool) {
	if strings.TrimSpace(text) == "" {
		return "", false
	}
	sc, _ := d.scratch.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	defer func() {
		if cap(sc.buf) <= maxPooled {
			clear(sc.toks)
			d.scratch.Put(sc)
		}
	}()
	toks := d.tokens(text, sc)
	for i, tok := range toks {
		for _, p := range tok.pats {
			if matchFrom(p.elems[1:], toks, i+1) {
				return p.src, true
			}
		}
		for _, pp := range d.byPrefix {
			if len(tok.w) >= len(pp.prefix) && string(tok.w[:len(pp.prefix)]) == pp.prefix && matchFrom(pp.p.elems[1:], toks, i+1) {
				return pp.p.src, true
			}
		}
	}
	return "", false
}
