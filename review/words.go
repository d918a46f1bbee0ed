package review

import (
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// wordSet finds which of a list of words a text contains, as containsAny
// does, in one pass over the text: only characters some word starts with
// (a bit per character) are looked at further. Every indicator is checked
// against several lists, so this runs tens of times per project.
type wordSet struct {
	words    []string
	starts   [1 << 10]uint64 // bit r&0xFFFF: some word starts with a rune r of those low bits
	byFirst  map[rune][]int  // word indices by first rune, ascending
	fallback bool            // a word is not valid UTF-8: use containsAny
}

func newWordSet(words []string) *wordSet {
	ws := &wordSet{words: words, byFirst: map[rune][]int{}}
	for k, w := range words {
		if w == "" {
			continue // containsAny never answers the empty word
		}
		if !utf8.ValidString(w) {
			ws.fallback = true
			return ws
		}
		r, _ := utf8.DecodeRuneInString(w)
		ws.starts[(r&0xFFFF)>>6] |= 1 << (r & 63)
		ws.byFirst[r] = append(ws.byFirst[r], k)
	}
	return ws
}

// first returns what containsAny(s, words) returns: the earliest word of
// the list that s contains, or "".
func (ws *wordSet) first(s string) string {
	if ws.fallback {
		return containsAny(s, ws.words)
	}
	best := -1
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if ws.starts[(r&0xFFFF)>>6]&(1<<(r&63)) != 0 {
			for _, k := range ws.byFirst[r] {
				if best >= 0 && k >= best {
					break
				}
				if strings.HasPrefix(s[i:], ws.words[k]) {
					best = k
					break
				}
			}
			if best == 0 {
				break
			}
		}
		i += size
	}
	if best < 0 {
		return ""
	}
	return ws.words[best]
}

// wordSets are a Config's word lists made ready for matching.
type wordSets struct {
	trend, spending, reverse, satisfaction *wordSet
}

// wordSetCache holds wordSets by the lists they were made from.
var wordSetCache sync.Map

// wordSetsOf returns the config's word sets, made once per set of lists.
func wordSetsOf(cfg *Config) *wordSets {
	var b strings.Builder
	for _, list := range [][]string{cfg.TrendWords, cfg.SpendingWords, cfg.ReverseWords, cfg.SatisfactionWords} {
		b.WriteString(strconv.Itoa(len(list)))
		b.WriteByte(':')
		for _, w := range list {
			b.WriteString(strconv.Itoa(len(w)))
			b.WriteByte(':')
			b.WriteString(w)
		}
	}
	key := b.String()
	if ws, ok := wordSetCache.Load(key); ok {
		return ws.(*wordSets)
	}
	ws := &wordSets{
		trend:        newWordSet(append([]string(nil), cfg.TrendWords...)),
		spending:     newWordSet(append([]string(nil), cfg.SpendingWords...)),
		reverse:      newWordSet(append([]string(nil), cfg.ReverseWords...)),
		satisfaction: newWordSet(append([]string(nil), cfg.SatisfactionWords...)),
	}
	wordSetCache.Store(key, ws)
	return ws
}
