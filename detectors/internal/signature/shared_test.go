package signature

import (
	"slices"
	"testing"

	"github.com/mailsift/mailsift/detectors"
)

// TestForShares checks what For promises: the Parsers of one Text share
// the parse (so person_name, company and title parse a chunk once), each
// proposes every line near a cue once (a detector's LinesNear must not
// hide lines from the next detector), and the blocks are those of a
// Parser of its own.
func TestForShares(t *testing.T) {
	text := detectors.Normalize("よろしくお願いします。\n\n--\n株式会社サンプル 営業部\n部長 山田 太郎\nTEL: 03-1234-5678\nyamada@example.co.jp\n")
	a, b := For(text, nil), For(text, nil)
	if a.parsed != b.parsed {
		t.Fatal("For(t) twice: the parse is not shared")
	}
	if c := For(detectors.Normalize(text.Original()), nil); c.parsed == a.parsed {
		t.Fatal("two Texts share a parse")
	}
	lines := func(p *Parser) (out [][2]int) {
		p.LinesNear(len(text.Norm)/2, func(ls, le int) { out = append(out, [2]int{ls, le}) })
		return out
	}
	la, lb := lines(a), lines(b)
	if len(la) == 0 || !slices.Equal(la, lb) {
		t.Fatalf("LinesNear: first Parser %v, second %v: each must see every line", la, lb)
	}
	if again := lines(a); len(again) != 0 {
		t.Fatalf("LinesNear proposed %v twice to one Parser", again)
	}
	own := NewParser(text.Norm)
	for _, l := range la {
		got, want := a.On(l[0], l[1]), own.On(l[0], l[1])
		if len(got) != len(want) {
			t.Fatalf("On(%d,%d): shared parse gave %d blocks, own parse %d", l[0], l[1], len(got), len(want))
		}
		for k := range got {
			if got[k].Start != want[k].Start || got[k].End != want[k].End || got[k].Name != want[k].Name || got[k].Company != want[k].Company {
				t.Fatalf("On(%d,%d): block %d differs: %+v vs %+v", l[0], l[1], k, got[k], want[k])
			}
		}
	}
}
