package safety

import (
	"unicode"
	"unicode/utf8"
)

// tokens normalises text into the words the patterns are matched against:
// lowercase, accents folded, apostrophes dropped ("don't" -> "dont"), any other
// non-letter/digit a word break, leetspeak undone in words with letters ("k1ll"),
// runs of 3+ equal letters squeezed ("dieee" -> "die"), then [rewrite]/[fuzzy] applied.
func (d *Detector) tokens(text string) []string {
	buf := make([]byte, 0, len(text)+1)
	var ends []int // end offset in buf of each word; words are separated by one space
	start := 0     // start of the current word in buf
	letters, digits := false, false
	endWord := func() {
		if len(buf) == start {
			return
		}
		w := buf[start:]
		if letters && digits {
			unleet(w)
		}
		buf = buf[:start+squeeze(w)]
		ends = append(ends, len(buf))
		buf = append(buf, ' ')
		start = len(buf)
		letters, digits = false, false
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z':
				buf = append(buf, c)
				letters = true
			case 'A' <= c && c <= 'Z':
				buf = append(buf, c+'a'-'A')
				letters = true
			case '0' <= c && c <= '9':
				buf = append(buf, c)
				digits = true
			case c == '\'' || c == '`':
				// apostrophe: joins "don't" into "dont"
			case c == '@':
				buf = append(buf, 'a')
				letters = true
			case c == '$':
				buf = append(buf, 's')
				letters = true
			default:
				endWord()
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			endWord()
		case isApostrophe(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Cf, r):
			// apostrophes, combining accents and invisible format characters (zero-width
			// space, soft hyphen) join: "sui\u200bcide" is "suicide"
		case unicode.IsLetter(r):
			r = unicode.ToLower(foldAccent(r))
			buf = utf8.AppendRune(buf, r)
			letters = true
		case unicode.IsDigit(r):
			buf = utf8.AppendRune(buf, r)
			digits = true
		default:
			endWord()
		}
	}
	endWord()

	toks := make([]string, 0, len(ends)+len(ends)/4)
	if len(ends) == 0 {
		return toks
	}
	s := string(buf)
	raw := make([]string, len(ends))
	from := 0
	for i, e := range ends {
		raw[i] = s[from:e]
		from = e + 1
	}
	for i := 0; i < len(raw); i++ {
		w := raw[i]
		if second, ok := d.bigrams[w]; ok && i+1 < len(raw) {
			if to, ok := second[raw[i+1]]; ok {
				toks = append(toks, to...)
				i++
				continue
			}
		}
		if to, ok := d.rewrite[w]; ok {
			toks = append(toks, to...)
			continue
		}
		toks = append(toks, w)
	}
	return toks
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
