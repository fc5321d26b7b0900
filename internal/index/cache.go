package index

import (
	"sync"

	"github.com/faqbot/faqbot/internal/faq"
)

// DefaultAnswerCache is how many questions' results a build keeps by default
// (Config.AnswerCache).
const DefaultAnswerCache = 2048

// answerCache keeps what Find found for the questions last asked of one build. A
// build never changes, so a question asked again finds the same passages; a
// reindex puts a new build in service, with a cache of its own, and the old one
// goes with the old build. It holds between size and twice size questions: when
// the newer of its two generations is full, the older is dropped (a question found
// in it moves to the newer).
type answerCache struct {
	size int

	mu       sync.Mutex
	cur, old map[answerKey]faq.Match
}

type answerKey struct {
	question string
	n        int
}

// newAnswerCache returns a cache of size questions; nil (which caches nothing)
// when size is negative.
func newAnswerCache(size int) *answerCache {
	if size < 0 {
		return nil
	}
	if size == 0 {
		size = DefaultAnswerCache
	}
	return &answerCache{size: size, cur: map[answerKey]faq.Match{}}
}

// get returns what Find found for question and n, if it is cached. The entries
// are the caller's to change.
func (c *answerCache) get(question string, n int) (faq.Match, bool) {
	if c == nil {
		return faq.Match{}, false
	}
	k := answerKey{question, n}
	c.mu.Lock()
	m, ok := c.cur[k]
	if !ok {
		if m, ok = c.old[k]; ok {
			c.putLocked(k, m)
		}
	}
	c.mu.Unlock()
	if ok {
		m.Entries = append([]faq.Entry(nil), m.Entries...)
	}
	return m, ok
}

// put caches what Find found for question and n.
func (c *answerCache) put(question string, n int, m faq.Match) {
	if c == nil {
		return
	}
	m.Entries = append([]faq.Entry(nil), m.Entries...)
	c.mu.Lock()
	c.putLocked(answerKey{question, n}, m)
	c.mu.Unlock()
}

func (c *answerCache) putLocked(k answerKey, m faq.Match) {
	if len(c.cur) >= c.size {
		c.old, c.cur = c.cur, make(map[answerKey]faq.Match, c.size)
	}
	c.cur[k] = m
}
