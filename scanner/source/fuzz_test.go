package source

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
)

// span is one message as the fuzz test compares it.
type span struct {
	Off, Len int64
	Data     string
	Size     int64
	Canon    [32]byte
}

// mboxResult is everything a read of an mbox gives.
type mboxResult struct {
	Junk []span // Data unused
	Msgs []span
}

func FuzzMbox(f *testing.F) {
	seeds, err := filepath.Glob(filepath.Join("testdata", "*.mbox"))
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		"",
		"\n",
		"From \n",
		"From a Mon Jan 2 15:04:05 2006\n\nFrom b Mon Jan 2 15:04:05 2006\n",
		"\xEF\xBB\xBF\r\nFrom -\r\n>From x\r\n\r\n",
		"From a\rS: b\r\rFrom b Mon Jan 2 15:04:05 2006\r",
		"junk\nFrom - \nFrom -\n",
		"From 1234567@xxx\n\n\n\nFrom 1234567@xxx\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		var full mboxResult
		for _, size := range []int{16, 37, mboxBufSize} {
			want := refMbox(in, size)
			got := readMboxBytes(t, in, size, Options{}, bytes.NewReader(in))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("buffer %d: reader and reference differ (-ref +reader):\n%s", size, diff)
			}
			checkSpans(t, in, got, size)
			full = got
		}
		// However the input arrives, the result is the same.
		for _, size := range []int{16, mboxBufSize} {
			for _, r := range []io.Reader{iotest.OneByteReader(bytes.NewReader(in)), iotest.DataErrReader(bytes.NewReader(in))} {
				if diff := cmp.Diff(refMbox(in, size), readMboxBytes(t, in, size, Options{}, r)); diff != "" {
					t.Fatalf("buffer %d: result depends on the reader (-ref +reader):\n%s", size, diff)
				}
			}
		}
		// A cap changes Data only.
		capped := readMboxBytes(t, in, mboxBufSize, Options{MaxMessageBytes: 5}, bytes.NewReader(in))
		for i := range capped.Msgs {
			if d := full.Msgs[i].Data; len(d) > 5 {
				full.Msgs[i].Data = d[:5]
			}
		}
		if diff := cmp.Diff(full, capped); diff != "" {
			t.Fatalf("capped read differs beyond Data (-full +capped):\n%s", diff)
		}
	})
}

// readMboxBytes reads in with a buffer of size, checking each message's
// hashes and sizes, and returns what it read.
func readMboxBytes(t *testing.T, in []byte, size int, opts Options, src io.Reader) mboxResult {
	t.Helper()
	r := newMboxReaderSize(src, "fuzz", opts, size)
	var res mboxResult
	for {
		m, err := r.Next()
		if err == io.EOF {
			return res
		}
		if errors.Is(err, ErrJunk) {
			var off, n int64
			if _, e := fmt.Sscanf(err.Error(), "mbox: fuzz: %d bytes at offset %d:", &n, &off); e != nil {
				t.Fatalf("junk error %q: %v", err, e)
			}
			res.Junk = append(res.Junk, span{Off: off, Len: n})
			continue
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		end := m.Offset + m.RawSize
		if m.Offset < 0 || end > int64(len(in)) {
			t.Fatalf("message %d spans [%d,%d) of %d bytes", m.Index, m.Offset, end, len(in))
		}
		if m.RawSHA256 != sha256.Sum256(in[m.Offset:end]) {
			t.Fatalf("message %d: RawSHA256 is not of its span", m.Index)
		}
		if m.Index != len(res.Msgs)+1 {
			t.Fatalf("message index %d, want %d", m.Index, len(res.Msgs)+1)
		}
		if m.Size < int64(len(m.Data)) || m.Size > m.RawSize || m.Truncated != (m.Size > int64(len(m.Data))) {
			t.Fatalf("message %d: Size %d, Data %d, RawSize %d, Truncated %v", m.Index, m.Size, len(m.Data), m.RawSize, m.Truncated)
		}
		if !m.Truncated && m.CanonicalSHA256 != CanonicalHash(m.Data) {
			t.Fatalf("message %d: CanonicalSHA256 is not CanonicalHash(Data)", m.Index)
		}
		res.Msgs = append(res.Msgs, span{m.Offset, m.RawSize, string(m.Data), m.Size, m.CanonicalSHA256})
	}
}

// checkSpans checks the invariants that do not need the reference: spans
// are contiguous and cover the input after the leading blank lines and
// junk; no message starts with an unquoted From_ line.
func checkSpans(t *testing.T, in []byte, res mboxResult, size int) {
	t.Helper()
	var junk int64
	for _, j := range res.Junk {
		junk += j.Len
	}
	if len(res.Msgs) == 0 {
		return
	}
	first := res.Msgs[0].Off
	lead := in[:first]
	lead = bytes.TrimPrefix(lead, utf8BOM)
	if blanks := int64(len(bytes.Trim(lead, "\r\n"))); junk == 0 && blanks != 0 {
		t.Fatalf("%d bytes before the first message are neither blank nor reported", blanks)
	}
	var sum int64
	for i, m := range res.Msgs {
		sum += m.Len
		if i > 0 && res.Msgs[i-1].Off+res.Msgs[i-1].Len != m.Off {
			t.Fatalf("message %d does not start where %d ends", i+1, i)
		}
		raw := in[m.Off : m.Off+m.Len]
		if !bytes.HasPrefix(raw, fromSpace) {
			t.Fatalf("message %d does not start with From_: %q", i+1, raw)
		}
		eol := refEOL(in, size)
		line, _, _ := bytes.Cut([]byte(m.Data), []byte{eol})
		if _, second, _ := bytes.Cut(raw, []byte{eol}); len(line) < size-1 && isEnvelope(line) && !bytes.HasPrefix(second, []byte(">")) {
			t.Fatalf("message %d starts with an unquoted From_ line %q", i+1, line)
		}
	}
	if sum != int64(len(in))-first {
		t.Fatalf("spans sum to %d, input after the first From_ line is %d", sum, int64(len(in))-first)
	}
}

// refMbox is the reference reader for the fuzz test: the same rules as
// MboxReader, written plainly over the whole input in memory. size plays
// the reader's buffer: a line of size bytes or more is never a From_ line
// or blank, and only its first size bytes are looked at for ">From ".
func refMbox(in []byte, size int) mboxResult {
	var res mboxResult
	pos := 0
	if bytes.HasPrefix(in, utf8BOM) {
		pos = 3
	}
	eol := refEOL(in, size)
	blank := func(l []byte) bool {
		if eol == '\r' {
			return string(l) == "\r"
		}
		return string(l) == "\n" || string(l) == "\r\n"
	}
	var lines [][]byte
	for rest := in[pos:]; len(rest) > 0; {
		i := bytes.IndexByte(rest, eol)
		if i < 0 {
			i = len(rest) - 1
		}
		lines = append(lines, rest[:i+1])
		rest = rest[i+1:]
	}
	short := func(l []byte) bool { return len(l) < size }

	i, first := 0, true
	junkOff, junkLen := 0, 0
	for ; i < len(lines); i++ {
		l := lines[i]
		if first && bytes.HasPrefix(l, fromSpace) || !first && short(l) && isEnvelope(l) {
			break
		}
		if first && blank(l) {
			pos += len(l)
			continue
		}
		if junkLen == 0 {
			junkOff = pos
		}
		first = false
		junkLen += len(l)
		pos += len(l)
	}
	if junkLen > 0 {
		res.Junk = append(res.Junk, span{Off: int64(junkOff), Len: int64(junkLen)})
	}
	for i < len(lines) {
		start := pos
		pos += len(lines[i])
		i++
		var data, pending []byte
		prevBlank, prevFrom := false, true
		for ; i < len(lines); i++ {
			l := lines[i]
			if short(l) && bytes.HasPrefix(l, fromSpace) && (prevBlank || prevFrom || isMozillaFrom(l)) && isEnvelope(l) {
				break
			}
			data = append(data, pending...)
			pending = nil
			b := short(l) && blank(l)
			frag := l[:min(len(l), size)]
			switch {
			case b:
				pending = l
			case frag[0] == '>' && bytes.HasPrefix(bytes.TrimLeft(frag, ">"), fromSpace):
				data = append(data, l[1:]...)
			default:
				data = append(data, l...)
			}
			prevBlank, prevFrom = b, false
			pos += len(l)
		}
		res.Msgs = append(res.Msgs, span{int64(start), int64(pos - start), string(data), int64(len(data)), CanonicalHash(data)})
	}
	return res
}

// refEOL is the line terminator of an mbox: CR when the first line ending
// (in the first size bytes after a byte order mark) is a lone CR.
func refEOL(in []byte, size int) byte {
	in = bytes.TrimPrefix(in, utf8BOM)
	win := in[:min(len(in), size)]
	if i := bytes.IndexAny(win, "\r\n"); i >= 0 && win[i] == '\r' {
		if i+1 < len(win) && win[i+1] != '\n' || i+1 == len(win) && len(win) < size {
			return '\r'
		}
	}
	return '\n'
}

func FuzzCanonical(f *testing.F) {
	for _, s := range []string{"", "a\r\nb\n", "a\rb\r", "a\rb\nc\r", "\n\r\n\r", "x\r\r\n\n"} {
		f.Add([]byte(s), uint16(1))
	}
	f.Fuzz(func(t *testing.T, in []byte, split uint16) {
		want := sha256.Sum256(refCanonical(in))
		if got := CanonicalHash(in); got != want {
			t.Fatalf("CanonicalHash(%q) differs from the reference %q", in, refCanonical(in))
		}
		var buf bytes.Buffer
		Canonicalize(&buf, in)
		if !bytes.Equal(buf.Bytes(), refCanonical(in)) {
			t.Fatalf("Canonicalize(%q) = %q, want %q", in, buf.Bytes(), refCanonical(in))
		}
		h := NewCanonicalHasher()
		step := int(split)%7 + 1
		for p := in; len(p) > 0; p = p[min(step, len(p)):] {
			h.Write(p[:min(step, len(p))])
		}
		if h.Sum256() != want {
			t.Fatalf("streaming in pieces of %d differs for %q", step, in)
		}
	})
}

// refCanonical is the canonical form written byte by byte.
func refCanonical(in []byte) []byte {
	hasLF := bytes.IndexByte(in, '\n') >= 0
	var out []byte
	for i := 0; i < len(in); i++ {
		c := in[i]
		switch {
		case c == '\r' && i+1 < len(in) && in[i+1] == '\n':
			out = append(out, '\r', '\n')
			i++
		case c == '\n', c == '\r' && !hasLF:
			out = append(out, '\r', '\n')
		default:
			out = append(out, c)
		}
	}
	// Strip trailing CRLFs, but not a content CR before them.
	for len(out) >= 2 && out[len(out)-2] == '\r' && out[len(out)-1] == '\n' {
		out = out[:len(out)-2]
	}
	return append(out, '\r', '\n')
}
