package pst

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	"github.com/mailsift/mailsift/scanner/source/outlook"
)

// header returns a synthetic header of a Unicode (ver 23) or ANSI (ver
// 14) file whose B-tree roots point at off, for fuzz seeds.
func header(ver uint16, off int64) []byte {
	b := make([]byte, 1024)
	copy(b, Magic)
	binary.LittleEndian.PutUint16(b[10:], ver)
	if ver >= 23 {
		binary.LittleEndian.PutUint64(b[224:], uint64(off))
		binary.LittleEndian.PutUint64(b[240:], uint64(off))
		b[513] = cryptPermute
	} else {
		binary.LittleEndian.PutUint32(b[188:], uint32(off))
		binary.LittleEndian.PutUint32(b[196:], uint32(off))
		b[461] = cryptPermute
	}
	return b
}

// FuzzPST: any bytes: no panic, no hang, and every item builds. The seed
// corpus is testdata/fuzz/FuzzPST (synthetic) plus the shared corpus PSTs
// when present (read, never copied).
func FuzzPST(f *testing.F) {
	f.Add(header(23, 512))
	f.Add(header(14, 512))
	for _, name := range []string{"32-bit.pst", "support.pst"} {
		if b, err := os.ReadFile(filepath.Join(corpusDir, name)); err == nil && len(b) <= 1<<16 {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		pf, err := Open(bytes.NewReader(in), int64(len(in)))
		if err != nil {
			return
		}
		s, err := pf.Load(context.Background())
		if err != nil {
			return
		}
		n := 0
		pf.Items(context.Background(), s, 1<<20, func(e *Entry, err error) error {
			if err == nil {
				outlook.Build(e.Item)
			}
			if n++; n > 10000 {
				t.Fatal("more callbacks than a small file can hold")
			}
			return nil
		})
	})
}

// BenchmarkItems reads every item of a PST and builds its MIME form;
// allocations are reported per item. PST_BENCH names a larger file to
// read instead of the corpus one (e.g. the go-pst module's enron.pst).
func BenchmarkItems(b *testing.B) {
	path := os.Getenv("PST_BENCH")
	if path == "" {
		path = filepath.Join(corpusDir, "support.pst")
	}
	fh, err := os.Open(path)
	if err != nil {
		b.Skipf("no PST to read: %v", err)
	}
	defer fh.Close()
	fi, _ := fh.Stat()
	items := 0
	b.ReportAllocs()
	for b.Loop() {
		pf, err := Open(fh, fi.Size())
		if err != nil {
			b.Fatal(err)
		}
		s, err := pf.Load(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		items = 0
		pf.Items(context.Background(), s, 128<<20, func(e *Entry, err error) error {
			if err == nil {
				items++
				outlook.Build(e.Item)
			}
			return nil
		})
	}
	b.ReportMetric(float64(items), "items/op")
	b.SetBytes(fi.Size())
}
