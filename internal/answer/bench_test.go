package answer_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/faqbot/faqbot/internal/answer"
	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/faqtest"
	"github.com/faqbot/faqbot/internal/faqtest/medquadtest"
	"github.com/faqbot/faqbot/internal/faqtest/servicetest"
)

// BenchmarkAnswer answers questions on the seed content through the whole service.
func BenchmarkAnswer(b *testing.B) {
	s := answer.New(answer.Config{}, servicetest.Searching(b, faqtest.RepoContent, b.TempDir()), nil, nil)
	benchmarkAsk(b, s, []string{
		"Can I drink alcohol while on ketamine therapy?",
		"how long till ketamine works",
		"is it safe to take lexapro with spravato",
		"what's the weather in Paris",
	})
}

// BenchmarkMedQuADAnswer answers MedQuAD's questions as asked and wrapped in long
// messages, over the shipped content and MedQuAD (about 17,000 passages). It skips
// when the corpus is absent.
func BenchmarkMedQuADAnswer(b *testing.B) {
	content := medquadtest.Content(b)
	s := answer.New(answer.Config{}, servicetest.Searching(b, content, faqtest.FastDir(b)), nil, nil)
	asked, long := medquadAsked(b, 500)
	// Warm the caches as serving does before measuring.
	for _, q := range append(asked, long...) {
		ask(b, s, q)
	}
	b.Run("asked", func(b *testing.B) { benchmarkAsk(b, s, asked) })
	b.Run("long", func(b *testing.B) { benchmarkAsk(b, s, long) })
}

func benchmarkAsk(b *testing.B, s *answer.Service, questions []string) {
	i := 0
	for b.Loop() {
		if _, err := s.Ask(b.Context(), faq.Question{Text: questions[i%len(questions)]}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// medquadAsked returns the first n questions of the corpus as asked, and each
// wrapped in a consumer's message of about 60 words.
func medquadAsked(b *testing.B, n int) (asked, long []string) {
	b.Helper()
	f, err := os.Open(faqtest.MedQuAD(b))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 4<<20)
	for sc.Scan() && len(asked) < n {
		var row struct{ Question, Topic string }
		if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
			b.Fatal(err)
		}
		asked = append(asked, row.Question)
		long = append(long, fmt.Sprintf("Hi everyone, first time posting here. My mom was just diagnosed "+
			"with %s and we are all trying to understand it. The doctor did not have much time to explain "+
			"and everything we read online is confusing. So my question is: %s Thanks so much in advance, "+
			"sorry for the long post.", row.Topic, row.Question))
	}
	return asked, long
}
