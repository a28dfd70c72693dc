package personname_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/company"
	"github.com/mailsift/mailsift/detectors/internal/detectortest"
	"github.com/mailsift/mailsift/detectors/internal/names"
	"github.com/mailsift/mailsift/detectors/personname"
	"github.com/mailsift/mailsift/detectors/title"
)

// The detectors that read signature blocks keep what they learn about a
// line or a name across Detect calls (signature.Cache, the name cache).
// These tests hold them to finding exactly what detectors without those
// caches find, on texts that repeat lines in other contexts, cold and
// warm, and under concurrent calls.

// cacheDoc is one text to compare on.
type cacheDoc struct{ text, field, column string }

// trio returns person_name, company and title, which share a chunk's
// signature parse (signature.For), with or without their caches.
func trio(lex *names.Lexicon, cached bool) []detectors.Detector {
	if cached {
		return []detectors.Detector{personname.NewWithLexicon(lex), company.New(), title.New()}
	}
	return []detectors.Detector{personname.NewUncached(lex), company.NewUncached(), title.NewUncached()}
}

// detectAll runs ds in order on one Text of doc, as the Runner does (they
// share its parse), and returns their matches one detector after the other.
func detectAll(ds []detectors.Detector, doc cacheDoc) [][]detectors.Match {
	t := detectors.Normalize(doc.text)
	t.Field, t.Column = doc.field, doc.column
	out := make([][]detectors.Match, len(ds))
	for i, d := range ds {
		out[i] = d.Detect(t)
	}
	return out
}

func reversed(ds []detectors.Detector) []detectors.Detector {
	out := make([]detectors.Detector, len(ds))
	for i, d := range ds {
		out[len(ds)-1-i] = d
	}
	return out
}

func TestCachesFindTheSame(t *testing.T) {
	lex := names.NewLexicon()
	docs := cacheDocs(t)
	plain, cached := trio(lex, false), trio(lex, true)
	want := make([][][]detectors.Match, len(docs))
	findings := 0
	for i, doc := range docs {
		want[i] = detectAll(plain, doc)
		for _, ms := range want[i] {
			findings += len(ms)
		}
	}
	t.Logf("%d texts, %d findings", len(docs), findings)
	if findings < 1000 {
		t.Fatalf("only %d findings in %d texts: the comparison says little", findings, len(docs))
	}
	// Cold then warm; the second pass in the other order, so that each
	// detector's cache serves the shared parse in turn.
	for pass, ds := range [][]detectors.Detector{cached, reversed(cached)} {
		for i, doc := range docs {
			got := detectAll(ds, doc)
			if pass == 1 {
				got = [][]detectors.Match{got[2], got[1], got[0]}
			}
			for k := range got {
				if !reflect.DeepEqual(got[k], want[i][k]) {
					t.Fatalf("pass %d, text %d (%.60q…), %s: with caches %v, without %v", pass, i, doc.text, plain[k].Name(), got[k], want[i][k])
				}
			}
		}
	}
}

// TestCachesConcurrent calls shared detectors from several goroutines,
// as scanner workers do (run it with -race).
func TestCachesConcurrent(t *testing.T) {
	lex := names.NewLexicon()
	docs := cacheDocs(t)
	if testing.Short() || len(docs) > 3000 {
		docs = docs[:min(len(docs), 3000)]
	}
	plain, cached := trio(lex, false), trio(lex, true)
	want := make([][][]detectors.Match, len(docs))
	for i, doc := range docs {
		want[i] = detectAll(plain, doc)
	}
	const workers = 4
	var wg sync.WaitGroup
	errs := make(chan string, workers)
	for w := range workers {
		wg.Go(func() {
			// Each worker walks all texts from its own start: they meet
			// on the same lines at the same time.
			for n := range docs {
				i := (n + w*len(docs)/workers) % len(docs)
				if got := detectAll(cached, docs[i]); !reflect.DeepEqual(got, want[i]) {
					errs <- fmt.Sprintf("worker %d, text %d: with caches %v, without %v", w, i, got, want[i])
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// cacheDocs returns the texts to compare on: the labelled accuracy
// corpus, the three detectors' examples, generated mail in 4 KiB parts,
// signatures shuffled into many contexts, and (unless -short) the real
// mail corpora when present.
func cacheDocs(t *testing.T) []cacheDoc {
	t.Helper()
	var docs []cacheDoc
	for _, name := range []string{"hard.jsonl", "generated.jsonl"} {
		f, err := os.Open(filepath.Join("..", "..", "testdata", "accuracy", name))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var d struct{ Text, Field, Column string }
			if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			docs = append(docs, cacheDoc{d.Text, d.Field, d.Column})
		}
		f.Close()
	}
	for _, d := range trio(names.NewLexicon(), false) {
		ex := d.(detectors.Exampler).Examples()
		for _, s := range append(ex.Positives, ex.Negatives...) {
			docs = append(docs, cacheDoc{s, "body", ""})
		}
	}
	text := detectortest.MailText(1 << 20)
	for i := 0; i < len(text); {
		j := min(i+4096, len(text))
		for j < len(text) && text[j] != '\n' {
			j++
		}
		docs = append(docs, cacheDoc{text[i:j], "body", ""})
		i = j
	}
	docs = append(docs, shuffledSignatures(2000)...)
	if !testing.Short() && detectortest.CorporaDir() != "" {
		detectortest.EachCorpusFile(t, detectortest.EnglishCorpora, func(_ string, tx *detectors.Text) {
			docs = append(docs, cacheDoc{tx.Original(), "body", ""})
		})
	}
	return docs
}

// sigLines are lines of signatures and of the mail around them, all
// synthetic. The same line comes as a block's head, in its run, after a
// delimiter or a sign-off, in prose, quoted or boxed: what a cached line
// holds must not depend on where it stands.
var sigLines = []string{
	"田中 太郎", "山田花子", "たなか たろう", "タナカ タロウ", "(ヤマダ ハナコ)", "Taro Tanaka", "Hanako Yamada", "John Smith",
	"Mary O'Brien", "TANAKA Taro", "鬼頭奏汰", "株式会社サンプル 営業部", "株式会社サンプル", "サンプル商事株式会社 総務部 課長 佐藤 一郎",
	"第二営業部 部長", "営業部 課長 鈴木 花子", "Sales Manager", "Senior Software Engineer", "Sample Inc.", "Example Holdings Co., Ltd.",
	"Marketing Department", "振込先：三井住友銀行 渋谷支店", "役職：課長", "Attn: Marketing Department", "総務部 担当",
	"TEL: 03-1234-5678", "TEL: 03-1234-5678 / FAX: 03-1234-5679", "携帯: 090-1234-5678", "Mobile: +81 90 1234 5678",
	"E-mail: taro.tanaka@example.co.jp", "hanako.yamada@example.com", "john.smith@example.org", "〒100-0001 東京都千代田区千代田1-1",
	"住所：東京都港区芝公園4-2-8", "サンプルビル 5F", "Phone", "田中 太郎 TEL", "Hanako Yamada Mobile",
	"株式会社サンプル 営業部 携帯", "Sample Inc. Phone", "090-1234-5678", "URL: https://www.example.co.jp/",
	"--", "-- ", "━━━━━━━━━━", "==========", "________________", "Best regards,", "Thanks,", "Sincerely,", "よろしくお願いいたします。",
	"Hi Mary,", "Dear Mr. Smith,", "Please find the report attached.", "The meeting is moved to Thursday at 3 pm in room 4.",
	"ご確認のほどよろしくお願いいたします。", "-----Original Message-----", "On Mon, Taro Tanaka wrote:", "",
}

// shuffledSignatures returns n texts of 3 to 25 lines drawn from
// sigLines (more often blank lines and contacts, so that blocks form),
// some quoted or boxed.
func shuffledSignatures(n int) []cacheDoc {
	rng := rand.New(rand.NewPCG(15, 3))
	out := make([]cacheDoc, n)
	for i := range out {
		var b strings.Builder
		for k := 3 + rng.IntN(23); k > 0; k-- {
			l := sigLines[rng.IntN(len(sigLines))]
			if rng.IntN(5) == 0 {
				l = ""
			}
			switch rng.IntN(12) {
			case 0:
				l = "> " + l
			case 1:
				l = ">> " + l
			case 2:
				l = "┃" + l + "┃"
			case 3:
				l = "  " + l + " "
			}
			b.WriteString(l)
			b.WriteByte('\n')
		}
		field := "body"
		if i%50 == 0 {
			field = "header:From"
		}
		out[i] = cacheDoc{b.String(), field, ""}
	}
	return out
}
