package archive

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/mailsift/mailsift/scanner/extract"
	"github.com/mailsift/mailsift/scanner/extract/extracttest"
)

// discard is a Sink that keeps nothing, to time the extractor alone.
type discard struct{}

func (discard) Text(extract.Segment) error { return nil }
func (discard) File(extract.File) error    { return nil }
func (discard) Problem(string, error)      {}
func (discard) Unlocked(string, string)    {}

func BenchmarkZip(b *testing.B) {
	var es []zentry
	for i := 0; i < 100; i++ {
		es = append(es, zentry{name: fmt.Sprintf("顧客%03d.csv", i), data: bytes.Repeat([]byte(fmt.Sprintf("山田太郎,090-1234-%04d\n", i)), 4000)})
	}
	plain := makeZip(b, es...)
	for i := range es {
		es[i].pw = "Himitsu2024!"
	}
	enc := makeZip(b, es...)
	for _, bc := range []struct {
		name string
		data []byte
		pw   []string
	}{{"deflate", plain, nil}, {"zipcrypto-3rd-password", enc, []string{"a", "b", "Himitsu2024!"}}} {
		b.Run(bc.name, func(b *testing.B) {
			f := &extract.File{Name: "a.zip", Location: "attachment:a.zip", Data: bc.data}
			b.SetBytes(int64(100 * len(es[0].data)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if err := Zip().Extract(context.Background(), f, &extract.Env{Passwords: bc.pw}, discard{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkTNEFAndMSG(b *testing.B) {
	t := japaneseTNEF()
	m := japaneseMSG(b)
	for _, bc := range []struct {
		name string
		x    extract.Extractor
		data []byte
	}{{"tnef", TNEF(), t}, {"msg", MSG(), m}} {
		b.Run(bc.name, func(b *testing.B) {
			f := &extract.File{Name: "x", Location: "attachment:x", Data: bc.data}
			b.SetBytes(int64(len(bc.data)))
			for i := 0; i < b.N; i++ {
				rec := extracttest.NewRecorder(f, extract.Limits{})
				if err := bc.x.Extract(context.Background(), f, &extract.Env{}, rec); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
