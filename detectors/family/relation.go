package family

import (
	"strings"

	"github.com/mailsift/mailsift/detectors/internal/rule"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
)

// jaRelations are the relationships (続柄) of forms and notices.
var jaRelations = []string{
	"配偶者", "扶養家族", "被扶養者", "長男", "長女", "次男", "次女", "三男", "三女", "四男", "四女", "五男", "五女",
	"息子", "娘", "父親", "母親", "実父", "実母", "義父", "義母", "養父", "養母", "祖父", "祖母", "孫",
	"父", "母", "妻", "夫", "子", "子供", "子ども", "養子", "養女", "兄", "姉", "弟", "妹",
	"義兄", "義姉", "義弟", "義妹", "伯父", "叔父", "伯母", "叔母", "甥", "姪",
}

// enRelations are the English ones; plurals are reported singular.
var enRelations = map[string]string{
	"spouse": "spouse", "wife": "wife", "husband": "husband", "son": "son", "daughter": "daughter",
	"father": "father", "mother": "mother", "child": "child", "children": "child",
	"dependent": "dependent", "dependents": "dependent", "dependant": "dependent", "dependants": "dependent",
	"brother": "brother", "sister": "sister",
}

// relationLabels introduce a relationship: "続柄：長男", "Relationship: son".
var relationLabels = []string{"続柄", "続 柄", "relationship", "relation"}

// nameLabels introduce a name: "氏名：山田一郎", "配偶者の氏名：", "Spouse name:".
var nameLabels = textscan.NewWords("氏名", "お名前", "名前", "姓名", "フルネーム", "full name", "name")

// cueKind is what a cue word is.
type cueKind uint8

const (
	jaRelation cueKind = iota
	enRelation
	relationLabel
)

// cues finds relationships and 続柄 labels in one pass.
type cues struct {
	c     *rule.Cues
	kinds []cueKind
}

func newCues() *cues {
	var words []string
	var kinds []cueKind
	for _, w := range jaRelations {
		words, kinds = append(words, w), append(kinds, jaRelation)
	}
	for w := range enRelations {
		words, kinds = append(words, w), append(kinds, enRelation)
	}
	for _, w := range relationLabels {
		words, kinds = append(words, w), append(kinds, relationLabel)
	}
	return &cues{rule.NewCues(words...), kinds}
}

// cue is a cue word found in the text.
type cue struct {
	start, end int
	kind       cueKind
}

// find returns the cues of s by start, the longest at each start; an
// English word must be a whole word ("son" is not in "sonar" or
// "person").
func (c *cues) find(s string) []cue {
	var out []cue
	c.c.FindAll(s, func(pos, k int) {
		w := c.c.Word(k)
		end := pos + len(w)
		if c.kinds[k] != jaRelation && (pos > 0 && textscan.IsLetter(s[pos-1]) || end < len(s) && textscan.IsLetter(s[end])) {
			return
		}
		if n := len(out); n > 0 && out[n-1].start == pos {
			if end > out[n-1].end {
				out[n-1] = cue{pos, end, c.kinds[k]}
			}
			return
		}
		out = append(out, cue{pos, end, c.kinds[k]})
	})
	return out
}

// relationAt returns the longest relationship that starts at s[i], with
// its value: as written in Japanese, lower-case and singular in English
// (a whole word). What may follow a Japanese one is the caller's
// decision ("子会社", "夫婦" are no relationships).
func relationAt(s string, i int) (end int, value string, ok bool) {
	end = -1
	for _, w := range jaRelations {
		if strings.HasPrefix(s[i:], w) && i+len(w) > end {
			end, value = i+len(w), w
		}
	}
	if end >= 0 {
		return end, value, true
	}
	j := i
	for j < len(s) && textscan.IsLetter(s[j]) {
		j++
	}
	if i > 0 && textscan.IsLetter(s[i-1]) {
		return 0, "", false
	}
	value, ok = enRelations[textscan.ASCIILower(s[i:j])]
	return j, value, ok
}
