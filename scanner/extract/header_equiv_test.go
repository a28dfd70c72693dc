package extract

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand"
	"reflect"
	"testing"

	"github.com/emersion/go-message/textproto"
)

// parseHeaderTextproto is the former parseHeader, on go-message's reader:
// parseHeader must give the same fields.
func parseHeaderTextproto(hdr []byte) (textproto.Header, []string) {
	var problems []string
	var clean bytes.Buffer
	lineNo := 0
	started := false
	for len(hdr) > 0 {
		lineNo++
		end := bytes.IndexByte(hdr, '\n')
		var line []byte
		if end < 0 {
			line, hdr = hdr, nil
		} else {
			line, hdr = hdr[:end], hdr[end+1:]
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(line) > 0 && (line[0] == ' ' || line[0] == '\t') {
			if !started {
				problems = append(problems, fmt.Sprintf("header line %d: continuation without a field: dropped", lineNo))
				continue
			}
		} else if !isFieldLine(line) {
			if lineNo == 1 && bytes.HasPrefix(line, []byte("From ")) {
				continue
			}
			problems = append(problems, fmt.Sprintf("header line %d: no colon: dropped", lineNo))
			continue
		} else {
			started = true
			if i := bytes.IndexByte(line, ':'); i > 0 && bytes.ContainsAny(line[:i], " \t") {
				name := bytes.TrimRight(line[:i:i], " \t")
				name = bytes.Map(func(r rune) rune {
					if r == ' ' || r == '\t' {
						return '_'
					}
					return r
				}, name)
				line = append(name, line[i:]...)
			}
		}
		clean.Write(line)
		clean.WriteString("\r\n")
	}
	clean.WriteString("\r\n")
	h, err := textproto.ReadHeader(bufio.NewReaderSize(&clean, max(16, clean.Len())))
	if err != nil {
		problems = append(problems, fmt.Sprintf("header: %v", err))
	}
	return h, problems
}

var headerKeys = []string{"From", "Sender", "Reply-To", "To", "Cc", "Bcc", "Subject", "Date", "Message-Id",
	"Content-Type", "Content-Disposition", "Content-Transfer-Encoding", "X-A", "X-Script_f"}

func checkHeaderEquiv(t *testing.T, raw []byte) {
	t.Helper()
	h, probs := parseHeader(raw)
	th, tprobs := parseHeaderTextproto(raw)
	if !reflect.DeepEqual(probs, tprobs) {
		t.Fatalf("%q: problems %q, want %q", raw, probs, tprobs)
	}
	for _, k := range headerKeys {
		if got, want := h.Get(k), th.Get(k); got != want {
			t.Fatalf("%q: Get(%s) = %q, want %q", raw, k, got, want)
		}
		if got, want := h.Values(k), th.Values(k); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: Values(%s) = %q, want %q", raw, k, got, want)
		}
	}
	id, err := messageID(h.Get("Message-Id"))
	_ = id
	_ = err
}

func TestParseHeaderMatchesTextproto(t *testing.T) {
	pieces := []string{"From: a@b", "from: x", "FROM :  y  ", "To: a,\r\n\tb", "To:\n c\n d ", "TO:\t\n\t\n", "Cc: \r\r",
		" cont", "\tcont2 ", "garbage line", "", "\r", "From x@y Mon Jan 1 10:00:00 2020", "From nobody", "X A: spaced",
		"X\tA\t: tabbed", "Subject: =?utf-8?b?5pel5pys?=", "Subject:", "Content-Type: text/plain;\n charset=utf-8",
		"Content-type: multipart/mixed; boundary=x", "content-transfer-encoding: BASE64", "X-Script/f\t !: v",
		"Message-ID: <a@b>", "Message-Id:   <c@d> (comment)", "Date: Mon, 2 Jan 2006 15:04:05 -0700", ": empty name",
		"Bcc: \xff\xfe raw", "Reply-To: \xe7\x94\xb0\xe4\xb8\xad <t@x.jp>", "Sender : s@x", "Cc\x01: ctl", "Té: x",
		"Content_Type: no", "Content-Type-: no", "Date:  \t ", "\t", " ", "X-A: 1\r\n x\r\n y\r\n\tz"}
	for _, p := range pieces {
		checkHeaderEquiv(t, []byte(p))
		checkHeaderEquiv(t, []byte(p+"\n"))
	}
	r := rand.New(rand.NewSource(7))
	for i := 0; i < 20000; i++ {
		var b bytes.Buffer
		for n := r.Intn(8); n > 0; n-- {
			b.WriteString(pieces[r.Intn(len(pieces))])
			b.WriteString([]string{"\n", "\r\n", "\r\r\n"}[r.Intn(3)])
		}
		raw := b.Bytes()
		if r.Intn(3) == 0 && len(raw) > 0 {
			raw = raw[:r.Intn(len(raw))]
		}
		checkHeaderEquiv(t, raw)
	}
}

func FuzzParseHeaderMatchesTextproto(f *testing.F) {
	f.Add([]byte("From: a@b\r\nTo: x,\r\n y\r\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		checkHeaderEquiv(t, raw)
	})
}
