package archive

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mailsift/mailsift/scanner/extract"
	"github.com/mailsift/mailsift/scanner/extract/extracttest"
)

// propStream builds a __properties_version1.0 stream with fixed int32
// properties.
func propStream(hdr int, ints map[uint16]uint32) []byte {
	b := make([]byte, hdr)
	for id, v := range ints {
		e := make([]byte, 16)
		binary.LittleEndian.PutUint16(e, ptInt32)
		binary.LittleEndian.PutUint16(e[2:], id)
		binary.LittleEndian.PutUint32(e[8:], v)
		b = append(b, e...)
	}
	return b
}

// japaneseMSG is an Outlook message with CP932 8-bit strings, a Unicode
// body, a recipient, an attachment with a long name, an attached message
// holding its own attachment, and an embedded OLE object.
func japaneseMSG(t testing.TB) []byte {
	const a0 = "__attach_version1.0_#00000000/"
	const a1 = "__attach_version1.0_#00000001/"
	const a2 = "__attach_version1.0_#00000002/"
	const emb = a1 + "__substg1.0_3701000D/"
	big := bytes.Repeat([]byte("XLSX"), 2000) // 8000 bytes: a regular-sector stream
	return newCFB().
		add("__properties_version1.0", propStream(32, map[uint16]uint32{prMessageCodepage: 932})).
		add("__substg1.0_0037001E", sjis("【至急】顧客情報")).
		add("__substg1.0_0C1A001F", utf16z("佐藤 花子")).
		add("__substg1.0_5D01001E", []byte("sato@example.jp")).
		add("__substg1.0_1000001F", utf16z("山田太郎様\r\nマイナンバー 123456789018\r\n")).
		add("__recip_version1.0_#00000000/__properties_version1.0", propStream(8, nil)).
		add("__recip_version1.0_#00000000/__substg1.0_3001001F", utf16z("鈴木一郎")).
		add("__recip_version1.0_#00000000/__substg1.0_39FE001F", utf16z("suzuki@example.jp")).
		add(a0+"__properties_version1.0", propStream(8, map[uint16]uint32{prAttachMethod: 1})).
		add(a0+"__substg1.0_3707001F", utf16z("顧客名簿.xlsx")).
		add(a0+"__substg1.0_3704001E", []byte("KOKYAK~1.XLS")).
		add(a0+"__substg1.0_37010102", big).
		add(a1+"__properties_version1.0", propStream(8, map[uint16]uint32{prAttachMethod: attachEmbeddedMsg})).
		add(a1+"__substg1.0_3001001F", utf16z("転送メール")).
		add(emb+"__properties_version1.0", propStream(24, nil)).
		add(emb+"__substg1.0_0037001F", utf16z("Fwd: 住所")).
		add(emb+"__substg1.0_1000001F", utf16z("東京都千代田区1-1")).
		add(emb+"__attach_version1.0_#00000000/__properties_version1.0", propStream(8, map[uint16]uint32{prAttachMethod: 1})).
		add(emb+"__attach_version1.0_#00000000/__substg1.0_3707001F", utf16z("内訳.csv")).
		add(emb+"__attach_version1.0_#00000000/__substg1.0_37010102", []byte("a,b\n1,2\n")).
		add(a2+"__properties_version1.0", propStream(8, map[uint16]uint32{prAttachMethod: attachOLE})).
		add(a2+"__substg1.0_3001001F", utf16z("文書")).
		add(a2+"__substg1.0_3701000D/WordDocument", make([]byte, 64)).
		bytes(t)
}

func segMap(rec *extracttest.Recorder, prefix string) map[string]string {
	m := map[string]string{}
	for _, s := range rec.Segments {
		m[strings.TrimPrefix(s.Location, prefix)] = s.Text
	}
	return m
}

func TestMSGJapanese(t *testing.T) {
	data := japaneseMSG(t)
	if OLE().Match(&extract.File{Name: "a.msg", Data: data}) {
		t.Errorf("OLE matches a .msg")
	}
	rec, err := runX(t, MSG(), "a.msg", data, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"顧客名簿.xlsx":        strings.Repeat("XLSX", 2000),
		"転送メール.msg/内訳.csv": "a,b\n1,2\n",
	}
	if diff := cmp.Diff(want, fileMap(rec)); diff != "" {
		t.Errorf("attachments (-want +got):\n%s", diff)
	}
	wantSegs := map[string]string{
		"#subject":           "【至急】顧客情報",
		"#from":              "佐藤 花子\nsato@example.jp",
		"#to":                "鈴木一郎\nsuzuki@example.jp",
		"#body":              "山田太郎様\nマイナンバー 123456789018",
		"/転送メール.msg#subject": "Fwd: 住所",
		"/転送メール.msg#body":    "東京都千代田区1-1",
	}
	if diff := cmp.Diff(wantSegs, segMap(rec, "attachment:a.msg")); diff != "" {
		t.Errorf("segments (-want +got):\n%s", diff)
	}
	ps := problemsWith(rec, extract.ErrUnsupported)
	if len(ps) != 1 || ps[0].Location != "attachment:a.msg/文書" || len(rec.Problems) != 1 {
		t.Errorf("want one unsupported OLE object, got %v", rec.Problems)
	}

	// The attached message counts for depth.
	rec, err = runX(t, MSG(), "a.msg", data, &extract.Env{Limits: extract.Limits{MaxContainerDepth: 2}}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := fileMap(rec)["顧客名簿.xlsx"]; !ok || limitProblems(rec)["depth"] != 1 || len(fileMap(rec)) != 1 {
		t.Errorf("depth: %v %v", rec, rec.Problems)
	}
}

func TestMSGRealFile(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "mscfb-test.msg"))
	if err != nil {
		t.Fatal(err)
	}
	rec, err := runX(t, MSG(), "test.msg", data, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	segs := segMap(rec, "attachment:test.msg")
	for _, k := range []string{"#subject", "#from", "#to", "#headers", "#body"} {
		if segs[k] == "" {
			t.Errorf("no %s segment: %v", k, segs)
		}
	}
	if len(rec.Problems) != 0 {
		t.Errorf("problems: %v", rec.Problems)
	}
}

func TestMSGAndOLEMatch(t *testing.T) {
	xls, err := os.ReadFile(filepath.Join("testdata", "mscfb-test.xls"))
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := os.ReadFile(filepath.Join("testdata", "mscfb-test.msg"))
	zip := makeZip(t, zentry{name: "a", data: []byte("a")})
	tests := []struct {
		name     string
		data     []byte
		msg, ole bool
	}{
		{"a.msg", msg, true, false},
		{"renamed.bin", msg, true, false},
		{"b.xls", xls, false, true},
		{"b.msg", xls, false, true}, // magic wins over the name
		{"c.msg", zip, true, false}, // not CFB: claimed by name, reported corrupt
		{"c.zip", zip, false, false},
	}
	for _, tt := range tests {
		f := &extract.File{Name: tt.name, Data: tt.data}
		if got := MSG().Match(f); got != tt.msg {
			t.Errorf("MSG.Match(%s) = %v", tt.name, got)
		}
		if got := OLE().Match(f); got != tt.ole {
			t.Errorf("OLE.Match(%s) = %v", tt.name, got)
		}
	}
	if _, err := runX(t, MSG(), "c.msg", zip, nil, 0); !errors.Is(err, extract.ErrCorrupt) {
		t.Errorf("zip named .msg: %v", err)
	}
}

func TestOLEKinds(t *testing.T) {
	xls, err := os.ReadFile(filepath.Join("testdata", "mscfb-test.xls"))
	if err != nil {
		t.Fatal(err)
	}
	fib := func(flags uint16) []byte {
		b := make([]byte, 1024)
		binary.LittleEndian.PutUint16(b, 0xA5EC)
		binary.LittleEndian.PutUint16(b[10:], flags)
		return b
	}
	biff := func(records ...uint16) []byte {
		var b []byte
		for _, r := range records {
			b = binary.LittleEndian.AppendUint16(b, r)
			b = binary.LittleEndian.AppendUint16(b, 2)
			b = append(b, 0, 0)
		}
		return b
	}
	tests := []struct {
		name string
		data []byte
		kind string
		want error
	}{
		{"real.xls", xls, "ole xls", extract.ErrUnsupported},
		{"a.doc", newCFB().add("WordDocument", fib(0)).add("1Table", make([]byte, 10)).bytes(t), "ole doc", extract.ErrUnsupported},
		{"enc.doc", newCFB().add("WordDocument", fib(0x0100)).bytes(t), "ole doc", extract.ErrEncrypted},
		{"a.xls", newCFB().add("Workbook", biff(0x0809, 0x00E1, 0x000A)).bytes(t), "ole xls", extract.ErrUnsupported},
		{"enc.xls", newCFB().add("Workbook", biff(0x0809, 0x002F, 0x000A)).bytes(t), "ole xls", extract.ErrEncrypted},
		{"a.ppt", newCFB().add("PowerPoint Document", make([]byte, 100)).add("Current User", make([]byte, 20)).bytes(t), "ole ppt", extract.ErrUnsupported},
		{"enc.ppt", newCFB().add("PowerPoint Document", make([]byte, 100)).add("EncryptedSummary", make([]byte, 20)).bytes(t), "ole ppt", extract.ErrEncrypted},
		{"secret.xlsx", newCFB().add("EncryptionInfo", make([]byte, 200)).add("EncryptedPackage", make([]byte, 5000)).bytes(t), "ole encrypted ooxml", extract.ErrEncrypted},
		{"x.bin", newCFB().add("Contents", []byte("x")).bytes(t), "ole compound file", extract.ErrUnsupported},
	}
	for _, tt := range tests {
		rec, err := runX(t, OLE(), tt.name, tt.data, nil, 0)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if len(rec.Problems) != 1 || !errors.Is(rec.Problems[0].Err, tt.want) || !strings.HasPrefix(rec.Problems[0].Err.Error(), tt.kind+":") ||
			rec.Problems[0].Location != "attachment:"+tt.name {
			t.Errorf("%s: problems %v, want %q wrapping %v", tt.name, rec.Problems, tt.kind, tt.want)
		}
		if errors.Is(rec.Problems[0].Err, extract.ErrEncrypted) != (tt.want == extract.ErrEncrypted) {
			t.Errorf("%s: encrypted mismatch", tt.name)
		}
	}
	// Hard negative: CFB magic followed by garbage is corrupt, not unsupported.
	bad := append(append([]byte{}, cfbMagic...), bytes.Repeat([]byte{0x41}, 600)...)
	if _, err := runX(t, OLE(), "bad.doc", bad, nil, 0); !errors.Is(err, extract.ErrCorrupt) {
		t.Errorf("garbage CFB: %v", err)
	}
}

func FuzzMSG(f *testing.F) {
	f.Add(japaneseMSG(f))
	if b, err := os.ReadFile(filepath.Join("testdata", "mscfb-test.msg")); err == nil {
		f.Add(b)
	}
	lim := extract.Limits{MaxBytes: 8 << 20, MaxFileBytes: 4 << 20}
	f.Fuzz(func(t *testing.T, data []byte) {
		extracttest.Check(t, MSG(), "fuzz.msg", data, &extract.Env{Limits: lim})
	})
}

func FuzzOLE(f *testing.F) {
	f.Add(newCFB().add("WordDocument", make([]byte, 20)).bytes(f))
	f.Add(newCFB().add("Workbook", []byte{0x09, 0x08, 0, 0, 0x2F, 0, 0, 0}).bytes(f))
	if b, err := os.ReadFile(filepath.Join("testdata", "mscfb-test.xls")); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		extracttest.Check(t, OLE(), "fuzz.doc", data, nil)
	})
}
