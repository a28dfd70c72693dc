package archive

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"
	"github.com/teamwork/tnef"
	"golang.org/x/text/encoding/japanese"

	"github.com/mailsift/mailsift/scanner/extract"
	"github.com/mailsift/mailsift/scanner/extract/extracttest"
)

// tnefBuilder writes TNEF streams for tests.
type tnefBuilder struct{ b bytes.Buffer }

func newTNEF() *tnefBuilder {
	t := &tnefBuilder{}
	t.b.Write(binary.LittleEndian.AppendUint32(nil, tnefSignature))
	t.b.Write([]byte{0x01, 0x00})
	return t
}

func (t *tnefBuilder) attr(level byte, id uint32, data []byte) *tnefBuilder {
	t.b.WriteByte(level)
	t.b.Write(binary.LittleEndian.AppendUint32(nil, id))
	t.b.Write(binary.LittleEndian.AppendUint32(nil, uint32(len(data))))
	t.b.Write(data)
	var s uint16
	for _, c := range data {
		s += uint16(c)
	}
	t.b.Write(binary.LittleEndian.AppendUint16(nil, s))
	return t
}

// propList encodes MAPI properties (single-valued) as TNEF does.
type tprop struct {
	typ, id uint16
	val     []byte
}

func propList(ps ...tprop) []byte {
	var b []byte
	b = binary.LittleEndian.AppendUint32(b, uint32(len(ps)))
	for _, p := range ps {
		b = binary.LittleEndian.AppendUint16(b, p.typ)
		b = binary.LittleEndian.AppendUint16(b, p.id)
		if fixedSize(p.typ) > 0 {
			b = append(b, p.val...)
			continue
		}
		b = binary.LittleEndian.AppendUint32(b, 1)
		b = binary.LittleEndian.AppendUint32(b, uint32(len(p.val)))
		b = append(b, p.val...)
		b = append(b, make([]byte, pad4(len(p.val))-len(p.val))...)
	}
	return b
}

func utf16z(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return append(b, 0, 0)
}

func sjis(s string) []byte {
	b, _ := japanese.ShiftJIS.NewEncoder().Bytes([]byte(s))
	return b
}

func le32(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }

// japaneseTNEF is a winmail.dat as Outlook writes it for a Japanese user:
// CP932 strings, an 8.3 title and the long name in the MAPI properties.
func japaneseTNEF() []byte {
	return newTNEF().
		attr(1, 0x00069007, le32(932)).
		attr(1, 0x00018004, append(sjis("【重要】顧客名簿の送付"), 0)).
		attr(1, 0x00069003, propList(
			tprop{ptString8, prBody, append(sjis("山田太郎様\r\n電話 090-1234-5678\r\n"), 0)},
			tprop{ptUnicode, prSenderName, utf16z("佐藤 花子")},
		)).
		attr(1, 0x00069004, append(le32(1), propList(
			tprop{ptUnicode, prDisplayName, utf16z("鈴木一郎")},
			tprop{ptString8, prSMTPAddress, []byte("suzuki@example.jp\x00")},
		)...)).
		attr(2, 0x00069002, make([]byte, 14)).
		attr(2, 0x00018010, []byte("KOKYAK~1.XLS\x00")).
		attr(2, 0x0006800F, []byte("xlsx bytes")).
		attr(2, 0x00069005, propList(
			tprop{ptUnicode, prAttachLongName, utf16z("顧客名簿.xlsx")},
			tprop{ptInt32, prAttachMethod, le32(1)},
		)).
		attr(2, 0x00069002, make([]byte, 14)).
		attr(2, 0x00018010, append(sjis("見積書.pdf"), 0)).
		attr(2, 0x0006800F, []byte("pdf bytes")).
		b.Bytes()
}

func TestTNEFJapanese(t *testing.T) {
	data := japaneseTNEF()
	rec, err := runX(t, TNEF(), "winmail.dat", data, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"顧客名簿.xlsx": "xlsx bytes", "見積書.pdf": "pdf bytes"}, fileMap(rec)); diff != "" {
		t.Errorf("attachments (-want +got):\n%s", diff)
	}
	segs := map[string]string{}
	for _, s := range rec.Segments {
		segs[strings.TrimPrefix(s.Location, "attachment:winmail.dat")] = s.Text
	}
	want := map[string]string{
		"#subject": "【重要】顧客名簿の送付",
		"#from":    "佐藤 花子",
		"#to":      "鈴木一郎\nsuzuki@example.jp",
		"#body":    "山田太郎様\n電話 090-1234-5678",
	}
	if diff := cmp.Diff(want, segs); diff != "" {
		t.Errorf("segments (-want +got):\n%s", diff)
	}
	if len(rec.Problems) != 0 {
		t.Errorf("problems: %v", rec.Problems)
	}

	// Truncated in the second attachment: the first and the text survive.
	cut := data[:len(data)-20]
	rec, err = runX(t, TNEF(), "winmail.dat", cut, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := fileMap(rec)["顧客名簿.xlsx"]; !ok || len(problemsWith(rec, extract.ErrCorrupt)) == 0 || len(rec.Segments) != 4 {
		t.Errorf("truncated: %v %v", rec, rec.Problems)
	}

	// Hard negatives: not TNEF at all.
	if _, err := runX(t, TNEF(), "winmail.dat", []byte("hello, world"), nil, 0); err == nil {
		t.Errorf("garbage named winmail.dat: no error")
	}
	if TNEF().Match(&extract.File{Name: "x.dat", Data: []byte("PK\x03\x04")}) {
		t.Errorf("matched a zip named x.dat")
	}
}

// corpusTNEF lists the corpus TNEF files, skipping when absent.
func corpusTNEF(t *testing.T) []string {
	var files []string
	for _, g := range []string{"/work/shared/corpora/mimekit-testdata/tnef/*.tnef", "/work/shared/corpora/tnefparse-examples/*.tnef"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skip("corpora not present (/work/shared/corpora)")
	}
	return files
}

// TestTNEFCorpusLists compares attachment names with the .list files
// that come with MimeKit's TNEF samples (written by the tnef(1) tool;
// body.rtf/body.html entries are the saved bodies, which we emit as the
// #body segment). Known differences are listed with the reason and our
// exact output, so they stay checked.
func TestTNEFCorpusLists(t *testing.T) {
	dir := "/work/shared/corpora/mimekit-testdata/tnef"
	lists, _ := filepath.Glob(filepath.Join(dir, "*.list"))
	if len(lists) == 0 {
		t.Skip("corpora not present (" + dir + ")")
	}
	differ := map[string]struct {
		ours   []string
		reason string
	}{
		"christmas": {[]string{"Build a train table.tnef", "Christmas Celebration!.tnef", "kitten-playing-with-a-christmas-tree.jpg"},
			"2 embedded messages: tnef(1) lists each twice as 'Untitled Attachment' (the 89-byte attAttachData stub and PR_ATTACH_DATA_OBJ); we emit the embedded TNEF once, named by PR_DISPLAY_NAME"},
		"winmail": {[]string{"Picture (Device Independent Bitmap)", "Picture (Device Independent Bitmap) (2)"},
			"2 OLE objects with no file name: tnef(1) says 'Untitled Attachment', we use PR_DISPLAY_NAME"},
		"long-filename": {[]string{"allproductsmar2000.dat"},
			"the .list omits the attachment; MimeKit's expected-output folder holds allproductsmar2000.dat (the long name; the title is ALLPRO~1.DAT)"},
		"missing-filenames": {[]string{"TechlibDEC99-JAN00.doc", "TechlibDEC99.doc", "TechlibNOV99.doc", "generpts.src"},
			"the .list omits the attachments; MimeKit's expected-output folder holds these 4 files"},
	}
	match := 0
	for _, l := range lists {
		base := strings.TrimSuffix(filepath.Base(l), ".list")
		raw, err := os.ReadFile(l)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, n := range strings.Split(string(raw), "\n") {
			if n != "" && n != "body.rtf" && n != "body.html" {
				want = append(want, n)
			}
		}
		data, err := os.ReadFile(filepath.Join(dir, base+".tnef"))
		if err != nil {
			t.Fatal(err)
		}
		rec, err := runX(t, TNEF(), base+".tnef", data, nil, 0)
		if err != nil {
			t.Errorf("%s: %v", base, err)
		}
		var got []string
		for _, f := range rec.Files {
			got = append(got, f.Name)
		}
		sort.Strings(want)
		sort.Strings(got)
		if d, ok := differ[base]; ok {
			want = d.ours
			t.Logf("%s differs from its .list: %s", base, d.reason)
		} else {
			match++
		}
		if diff := cmp.Diff(want, got); diff != "" && !(len(want) == 0 && len(got) == 0) {
			t.Errorf("%s names (-want +got):\n%s", base, diff)
		}
	}
	t.Logf("%d of %d .list files match exactly; %d differ as explained", match, len(lists), len(lists)-match)
}

// TestTNEFAgainstLibrary checks every attachment github.com/teamwork/tnef
// decodes (when it does not panic) is among ours, byte for byte.
func TestTNEFAgainstLibrary(t *testing.T) {
	panics, compared := 0, 0
	for _, p := range corpusTNEF(t) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var lib *tnef.Data
		func() {
			defer func() {
				if recover() != nil {
					panics++
				}
			}()
			lib, _ = tnef.Decode(data)
		}()
		rec, err := runX(t, TNEF(), "winmail.dat", data, nil, 0)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if lib == nil {
			continue
		}
		ours := map[string]bool{}
		for _, f := range rec.Files {
			ours[string(f.Data)] = true
		}
		for _, a := range lib.Attachments {
			if len(a.Data) == 0 || len(a.Data) == 89 { // 89: embedded-message stubs, see TestTNEFCorpusLists
				continue
			}
			compared++
			if !ours[string(a.Data)] {
				t.Errorf("%s: library attachment %q (%d bytes) not among ours", filepath.Base(p), a.Title, len(a.Data))
			}
		}
		if len(lib.Body) > 0 || len(lib.BodyHTML) > 0 {
			found := false
			for _, s := range rec.Segments {
				found = found || strings.HasSuffix(s.Location, "#body")
			}
			if !found {
				t.Errorf("%s: the library found a body, we did not", filepath.Base(p))
			}
		}
	}
	t.Logf("library panicked on %d files; %d attachments compared", panics, compared)
}

func TestRTF(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", `{\rtf1\ansi\deff0{\fonttbl{\f0 Arial;}}{\colortbl;\red0\green0\blue0;}\f0 Hello\par World\tab!}`, "Hello\nWorld\t!"},
		{"cp932 escapes", `{\rtf1\ansi\ansicpg932{\fonttbl{\f0\fcharset128 MS Gothic;}}\f0 \'8e\'52\'93\'63\'91\'be\'98\'59\par}`, "山田太郎\n"},
		{"unicode", `{\rtf1\uc1 \u23665?\u30000?\u-10174?\u-8265?}`, "山田𠮷"},
		{"skipped destinations", `{\rtf1{\*\generator Riched20;}{\info{\author Secret Author}}{\pict abcdef}visible}`, "visible"},
		{"fromhtml", `{\rtf1\ansi\fromhtml1 {\*\htmltag64 <p>}\htmlrtf {\htmlrtf0 Name: Taro{\*\htmltag72 <br>}\htmlrtf \line\htmlrtf0 Tel{\*\htmltag72 </p>}}`, "Name: Taro\nTel\n"},
		{"escaped braces", `{\rtf1 a\{b\}c\\d}`, `a{b}c\d`},
		{"bin skipped", "{\\rtf1 x\\bin3 \xff\xfe\xfd y}", "x y"},
	}
	for _, tt := range tests {
		if got := rtfText([]byte(tt.in)); got != tt.want {
			t.Errorf("%s: rtfText = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestRTFLinearTime(t *testing.T) {
	// Many tag groups and deep nesting must stay linear.
	in := "{\\rtf1\\fromhtml1 " + strings.Repeat("{\\*\\htmltag64 <br>}x", 200000) + strings.Repeat("{", 100000) + "}"
	start := time.Now()
	got := rtfText([]byte(in))
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("took %v", el)
	}
	if strings.Count(got, "x") != 200000 || strings.Count(got, "\n") != 200000 {
		t.Errorf("got %d x and %d newlines", strings.Count(got, "x"), strings.Count(got, "\n"))
	}
}

func TestDecompressRTF(t *testing.T) {
	// The example from MS-OXRTFCP 3.1.1.
	in := []byte{0x2d, 0x00, 0x00, 0x00, 0x2b, 0x00, 0x00, 0x00, 0x4c, 0x5a, 0x46, 0x75, 0xf1, 0xc5, 0xc7, 0xa7,
		0x03, 0x00, 0x0a, 0x00, 0x72, 0x63, 0x70, 0x67, 0x31, 0x32, 0x35, 0x42, 0x32, 0x0a, 0xf3, 0x20,
		0x68, 0x65, 0x6c, 0x09, 0x00, 0x20, 0x62, 0x77, 0x05, 0xb0, 0x6c, 0x64, 0x7d, 0x0a, 0x80, 0x0f, 0xa0}
	got, err := decompressRTF(in, 1<<20)
	want := "{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n"
	if err != nil || string(got) != want {
		t.Errorf("decompressRTF = %q, %v; want %q", got, err, want)
	}
	if _, err := decompressRTF([]byte("short"), 100); err == nil {
		t.Errorf("short input: no error")
	}
	if got, _ := decompressRTF(in, 10); len(got) > 10 {
		t.Errorf("limit ignored: %d bytes", len(got))
	}
}

func FuzzTNEF(f *testing.F) {
	f.Add(japaneseTNEF())
	for _, p := range []string{"one-file", "two-files", "panic", "garbage-at-end", "rtf", "triples", "unicode-mapi-attr"} {
		if b, err := os.ReadFile("/work/shared/corpora/mimekit-testdata/tnef/" + p + ".tnef"); err == nil {
			f.Add(b)
		}
	}
	lim := extract.Limits{MaxBytes: 8 << 20, MaxFileBytes: 4 << 20}
	f.Fuzz(func(t *testing.T, data []byte) {
		extracttest.Check(t, TNEF(), "winmail.dat", data, &extract.Env{Limits: lim})
	})
}
