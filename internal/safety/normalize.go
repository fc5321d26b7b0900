package safety

import (
	"unicode"
	"unicode/utf8"
)

// tokens normalises text into the words the patterns are matched against:
// lowercase, accents folded, apostrophes dropped ("don't" -> "dont"), any other
// non-letter/digit a word break, leetspeak undone in words with letters ("k1ll"),
// runs of 3+ equal letters squeezed ("dieee" -> "die"), then [rewrite]/[fuzzy] applied.
// The words point into sc, which the caller must not reuse while it uses them.
func (d *Detector) tokens(text string, sc *scratch) []token {
	n := normaliser{buf: sc.buf[:0], ends: sc.ends[:0]}
	n.run(text)
	sc.buf, sc.ends = n.buf, n.ends
	word := func(i int) []byte {
		from := 0
		if i > 0 {
			from = n.ends[i-1] + 1
		}
		return n.buf[from:n.ends[i]]
	}
	toks := sc.toks[:0]
	for i := 0; i < len(n.ends); i++ {
		w := word(i)
		e := d.lex[string(w)] // no allocation: the compiler looks up []byte keys directly
		switch {
		case e == nil:
			if len(w) >= d.fuzzyMin && len(w) <= d.fuzzyMax {
				if t, ok := d.fuzzy[string(w)]; ok {
					toks = append(toks, t)
					continue
				}
			}
			toks = append(toks, token{w: w})
			continue
		case e.bigrams != nil && i+1 < len(n.ends):
			if to, ok := e.bigrams[string(word(i+1))]; ok {
				toks = append(toks, to...)
				i++
				continue
			}
		}
		if e.rewrite != nil {
			toks = append(toks, e.rewrite...)
			continue
		}
		toks = append(toks, token{w: w, pats: e.pats})
	}
	sc.toks = toks
	return toks
}

// scratch is the memory one IsCrisis call works in, pooled between calls.
type scratch struct {
	buf  []byte
	ends []int
	toks []token
}

// maxPooled is the largest buffer kept for reuse, so one huge message does not pin memory.
const maxPooled = 64 << 10

// normaliser writes the normalised words of a text into buf, one space after each,
// and the end offset of each word into ends.
type normaliser struct {
	buf             []byte
	ends            []int
	start           int // start of the current word in buf
	letters, digits bool
}

func (n *normaliser) run(text string) {
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z':
				n.buf = append(n.buf, c)
				n.letters = true
			case 'A' <= c && c <= 'Z':
				n.buf = append(n.buf, c+'a'-'A')
				n.letters = true
			case '0' <= c && c <= '9':
				n.buf = append(n.buf, c)
				n.digits = true
			case c == '\'' || c == '`':
				// apostrophe: joins "don't" into "dont"
			case c == '@':
				n.buf = append(n.buf, 'a')
				n.letters = true
			case c == '$':
				n.buf = append(n.buf, 's')
				n.letters = true
			default:
				n.endWord()
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			n.endWord()
		case isApostrophe(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Cf, r):
			// apostrophes, combining accents and invisible format characters (zero-width
			// space, soft hyphen) join: "sui\u200bcide" is "suicide"
		case unicode.IsLetter(r):
			n.buf = utf8.AppendRune(n.buf, unicode.ToLower(foldAccent(r)))
			n.letters = true
		case unicode.IsDigit(r):
			n.buf = utf8.AppendRune(n.buf, r)
			n.digits = true
		default:
			n.endWord()
		}
	}
	n.endWord()
}

func (n *normaliser) endWord() {
	if len(n.buf) == n.start {
		return
	}
	w := n.buf[n.start:]
	if n.letters && n.digits {
		unleet(w)
	}
	n.buf = n.buf[:n.start+squeeze(w)]
	n.ends = append(n.ends, len(n.buf))
	n.buf = append(n.buf, ' ')
	n.start = len(n.buf)
	n.letters, n.digits = false, false
}

func isApostrophe(r rune) bool {
	switch r {
	case '\u2018', '\u2019', '\u201b', '\u02bc', '\u02b9', '\u00b4', '\u2032', '\uff07':
		return true
	}
	return false
}

// foldAccent maps common accented Latin letters to their base letter.
func foldAccent(r rune) rune {
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å', 'À', 'Á', 'Â', 'Ã', 'Ä', 'Å':
		return 'a'
	case 'ç', 'Ç':
		return 'c'
	case 'è', 'é', 'ê', 'ë', 'È', 'É', 'Ê', 'Ë':
		return 'e'
	case 'ì', 'í', 'î', 'ï', 'Ì', 'Í', 'Î', 'Ï', 'ı':
		return 'i'
	case 'ñ', 'Ñ':
		return 'n'
	case 'ò', 'ó', 'ô', 'õ', 'ö', 'ø', 'Ò', 'Ó', 'Ô', 'Õ', 'Ö', 'Ø':
		return 'o'
	case 'ù', 'ú', 'û', 'ü', 'Ù', 'Ú', 'Û', 'Ü':
		return 'u'
	case 'ý', 'ÿ', 'Ý':
		return 'y'
	}
	if r >= 0xff21 && r <= 0xff3a { // fullwidth A-Z
		return r - 0xff21 + 'a'
	}
	if r >= 0xff41 && r <= 0xff5a { // fullwidth a-z
		return r - 0xff41 + 'a'
	}
	return r
}

// unleet undoes digit-for-letter spellings in a word that also has letters ("su1c1de",
// "di3"). Runs of two or more digits are numbers and stay ("ld50", "x100").
func unleet(w []byte) {
	for i, c := range w {
		if (i > 0 && isDigit(w[i-1])) || (i+1 < len(w) && isDigit(w[i+1])) {
			continue
		}
		switch c {
		case '0':
			w[i] = 'o'
		case '1':
			w[i] = 'i'
		case '3':
			w[i] = 'e'
		case '4':
			w[i] = 'a'
		case '5':
			w[i] = 's'
		case '7':
			w[i] = 't'
		}
	}
}

// squeeze shortens runs of 3 or more equal ASCII letters to one ("killlll" -> "kil",
// "dieee" -> "die") in place and returns the new length.
func squeeze(w []byte) int {
	n := 0
	for i := 0; i < len(w); {
		j := i + 1
		for j < len(w) && w[j] == w[i] {
			j++
		}
		run := j - i
		if run >= 3 && 'a' <= w[i] && w[i] <= 'z' {
			run = 1
		}
		for k := 0; k < run; k++ {
			w[n] = w[i]
			n++
		}
		i = j
	}
	return n
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
