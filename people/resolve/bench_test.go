package resolve

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/mailsift/mailsift/store"
)

// synth makes n findings about people persons, passed to fn one by one
// as a findings file would be read (not all held at once), in messages of ten
// findings: each message is from one person (name, address in From) and
// carries the signatures of two others (name, company, phones, address) and
// a row of a customer list. Deterministic.
func synth(n, people int, fn func(*store.Finding) error) error {
	r := rand.New(rand.NewPCG(1, 2))
	count := 0
	fam := []string{"佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"}
	giv := []string{"太郎", "花子", "一郎", "美咲", "翔太", "陽子", "健", "由美", "大輔", "亮"}
	name := func(p int) string { return fam[p%10] + giv[(p/10)%10] + fmt.Sprint(p/100) }
	var err error
	for m := 0; count < n && err == nil; m++ {
		sha := fmt.Sprintf("%064x", m)
		add := func(loc string, start int, typ, val string) {
			if count >= n || err != nil {
				return
			}
			f := store.Finding{ID: fmt.Sprintf("%016x%016x", m, count), MessageSHA256: sha, MessageID: fmt.Sprintf("<%d@x>", m),
				Date: "2024-05-01T10:00:00+09:00", Location: loc, Start: start, End: start + 8, Type: typ, Value: val}
			count++
			err = fn(&f)
		}
		from := r.IntN(people)
		add("header:From", 0, "person_name", name(from))
		add("header:From", 20, "email", fmt.Sprintf("p%d@example.jp", from))
		for k := 0; k < 2; k++ {
			p := r.IntN(people)
			base := 1000 * (k + 1)
			add("body", base, "person_name", name(p))
			add("body", base+30, "company", fmt.Sprintf("会社%d", p%500))
			add("body", base+60, "phone", fmt.Sprintf("+8190%08d", p))
			add("body", base+90, "address", fmt.Sprintf("東京都千代田区%d", p))
		}
	}
	return err
}

func BenchmarkResolve(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var res *Result
			var ms runtime.MemStats
			for b.Loop() {
				var err error
				res, err = Resolve(context.Background(), func(fn func(*store.Finding) error) error {
					return synth(n, n/20, fn)
				}, Options{})
				if err != nil {
					b.Fatal(err)
				}
			}
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "findings/s")
			b.ReportMetric(float64(len(res.People)), "people")
			b.ReportMetric(float64(ms.HeapSys)/1e6, "heap-sys-MB")
		})
	}
}
