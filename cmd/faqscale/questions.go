package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
)

// Question classes.
const (
	classKeywords = "keywords" // 2-5 words: the topic and what is asked about it
	classQuestion = "question" // a MedQuAD question as written
	classLong     = "long"     // 20-150 words: greeting, context, the question, thanks
	classOffTopic = "off-topic"
	classAll      = "all"
)

// classes lists the classes in report order.
var classes = []string{classKeywords, classQuestion, classLong, classOffTopic, classAll}

// question is one generated question; URL is the page its MedQuAD entry came from.
type question struct {
	Class string `json:"class"`
	Text  string `json:"text"`
	URL   string `json:"url,omitempty"`
}

// entry is the part of a MedQuAD row questions are made from.
type entry struct {
	Question string `json:"question"`
	Topic    string `json:"topic"`
	QType    string `json:"qtype"`
	URL      string `json:"source_url"`
}

// qtypeWords are what a person typing keywords adds to a topic for each MedQuAD
// question type.
var qtypeWords = map[string][]string{
	"information":                            {"", "what is", "about"},
	"symptoms":                               {"symptoms", "signs"},
	"causes":                                 {"causes", "cause of"},
	"treatment":                              {"treatment", "how to treat", "cure"},
	"outlook":                                {"outlook", "prognosis", "life expectancy"},
	"susceptibility":                         {"risk", "who gets"},
	"prevention":                             {"prevention", "prevent", "avoid"},
	"exams and tests":                        {"diagnosis", "tests"},
	"inheritance":                            {"inherited", "hereditary"},
	"genetic changes":                        {"genes", "genetic cause"},
	"frequency":                              {"how common", "prevalence"},
	"complications":                          {"complications"},
	"research":                               {"research", "clinical trials"},
	"stages":                                 {"stages"},
	"considerations":                         {"what to know"},
	"support groups":                         {"support groups"},
	"when to contact a medical professional": {"when to see a doctor"},
}

var (
	greetings = []string{"Hi everyone,", "Hello!", "Hey there.", "Good morning all,",
		"Hi, first time posting here.", "hey guys", "Hello, hope you're all well.", ""}
	relatives = []string{"mom", "dad", "husband", "wife", "son", "daughter", "brother",
		"sister", "grandmother", "best friend", "coworker"}
	topicContext = []string{
		"My %s was just diagnosed with %s and I'm trying to understand it.",
		"I've been reading about %[2]s online and the information is all over the place.",
		"Our family doctor mentioned %[2]s at my %[1]s's last visit but didn't have time to explain much.",
		"A friend told me about %[2]s and now I'm a bit worried about my %[1]s.",
		"My %s has been dealing with %s for a while now.",
	}
	genericContext = []string{
		"I'm 34 and otherwise pretty healthy.",
		"We live in a small town and the nearest specialist is two hours away.",
		"I don't really trust everything I read on forums.",
		"Sorry if this is a dumb question.",
		"I have an appointment next month but I can't wait that long to find out.",
		"English is not my first language so sorry for any mistakes.",
		"It's been keeping me up at night, honestly.",
		"I tried searching but got confused by all the medical terms.",
		"My insurance is not great so I want to be prepared before I go in.",
		"Nobody in our family has had anything like this before.",
		"The nurse gave us a leaflet but it was really vague.",
		"I'm the one who usually handles the appointments and the paperwork.",
		"We asked at the pharmacy too but they said to ask the doctor.",
	}
	leadIns  = []string{"So my question is:", "Basically,", "What I really want to know is", "Anyway,", "", ""}
	closings = []string{"Thanks in advance!", "Any help appreciated.",
		"Thank you so much for reading this far.", "Sorry for the long post.", "Cheers.", ""}
	offTopic = []string{
		"how do I reset my router password", "best pizza place downtown",
		"what time does the bank open on saturday", "how to change a flat tire",
		"who won the football game last night", "how do I renew my passport",
		"recipe for banana bread", "what's the weather tomorrow",
		"how to install python on windows", "cheap flights to lisbon",
		"can you recommend a good laptop for school", "how do I cancel my phone contract",
	}
)

// generateQuestions makes n questions from the corpus, deterministically for a seed:
// 30% keywords, 25% MedQuAD questions, 35% long messages and 10% off-topic ones.
func generateQuestions(corpus string, n int, seed uint64) ([]question, error) {
	entries, err := readEntries(corpus)
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(seed, 0x5ca1e))
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	out := make([]question, 0, n)
	for i := range n {
		e := entries[rng.IntN(len(entries))]
		switch r := i % 20; {
		case r < 6:
			out = append(out, question{Class: classKeywords, Text: keywords(e, pick), URL: e.URL})
		case r < 11:
			out = append(out, question{Class: classQuestion, Text: e.Question, URL: e.URL})
		case r < 18:
			out = append(out, question{Class: classLong, Text: long(e, rng, pick), URL: e.URL})
		case r == 18:
			out = append(out, question{Class: classOffTopic, Text: pick(offTopic)})
		default:
			e := entry{Question: pick(offTopic) + "?", Topic: "my new job"}
			out = append(out, question{Class: classOffTopic, Text: long(e, rng, pick)})
		}
	}
	rng.Shuffle(len(out), func(a, b int) { out[a], out[b] = out[b], out[a] })
	return out, nil
}

func readEntries(corpus string) ([]entry, error) {
	f, err := os.Open(corpus)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []entry
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 4<<20)
	for sc.Scan() {
		var e entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return nil, fmt.Errorf("read %s: %w", corpus, err)
		}
		if e.Question != "" && e.Topic != "" {
			out = append(out, e)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", corpus, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("read %s: no questions", corpus)
	}
	return out, nil
}

// keywords is what someone types into a search box for the entry: the topic,
// lower-cased, and a word or two for the question type.
func keywords(e entry, pick func([]string) string) string {
	words := qtypeWords[e.QType]
	if len(words) == 0 {
		words = []string{""}
	}
	return joinNonEmpty(strings.ToLower(e.Topic), pick(words))
}

// long wraps the entry's question in a consumer's message of 20 to 150 words.
func long(e entry, rng *rand.Rand, pick func([]string) string) string {
	target := 20 + rng.IntN(131)
	q := e.Question
	if rng.IntN(2) == 0 {
		q = strings.ToLower(q)
	}
	question := joinNonEmpty(pick(leadIns), q)
	head := []string{pick(greetings), fmt.Sprintf(pick(topicContext), pick(relatives), e.Topic)}
	tail := []string{pick(closings)}
	words := func() int {
		return len(strings.Fields(strings.Join(head, " "))) + len(strings.Fields(question)) +
			len(strings.Fields(strings.Join(tail, " ")))
	}
	for _, i := range rng.Perm(len(genericContext)) {
		if words() >= target {
			break
		}
		s := genericContext[i]
		if words()+len(strings.Fields(s)) > 150 {
			continue
		}
		if rng.IntN(3) == 0 {
			tail = append([]string{s}, tail...)
		} else {
			head = append(head, s)
		}
	}
	for words() < 20 {
		head = append(head, "I hope someone here can help.")
	}
	return joinNonEmpty(strings.Join(head, " "), question, strings.Join(tail, " "))
}
