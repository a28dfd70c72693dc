package archive

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	yzip "github.com/yeka/zip"
	"golang.org/x/text/encoding/japanese"

	"github.com/mailsift/mailsift/scanner/extract"
	"github.com/mailsift/mailsift/scanner/extract/extracttest"
)

type zentry struct {
	name   string // UTF-8; encoded to CP932 when sjis is set
	data   []byte
	sjis   bool // raw CP932 name without the UTF-8 flag
	store  bool
	pw     string // encrypt with yeka/zip when set
	aes    bool
	modify func(*zip.FileHeader)
}

// makeZip writes a zip with the standard library (or yeka/zip for
// encrypted members).
func makeZip(t testing.TB, entries ...zentry) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := false
	for _, e := range entries {
		enc = enc || e.pw != ""
	}
	if enc {
		w := yzip.NewWriter(&buf)
		for _, e := range entries {
			var fw interface{ Write([]byte) (int, error) }
			var err error
			switch {
			case e.pw != "" && e.aes:
				fw, err = w.Encrypt(e.name, e.pw, yzip.AES256Encryption)
			case e.pw != "":
				fw, err = w.Encrypt(e.name, e.pw, yzip.StandardEncryption)
			default:
				fw, err = w.Create(e.name)
			}
			if err != nil {
				t.Fatal(err)
			}
			if _, err := fw.Write(e.data); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	w := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.store {
			h.Method = zip.Store
		}
		if e.sjis {
			s, err := japanese.ShiftJIS.NewEncoder().String(e.name)
			if err != nil {
				t.Fatal(err)
			}
			h.Name, h.NonUTF8 = s, true
		}
		if e.modify != nil {
			e.modify(h)
		}
		fw, err := w.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write(e.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func runZip(t testing.TB, data []byte, env *extract.Env) (*extracttest.Recorder, error) {
	t.Helper()
	return runX(t, Zip(), "a.zip", data, env, 0)
}

func runX(t testing.TB, x extract.Extractor, name string, data []byte, env *extract.Env, depth int) (*extracttest.Recorder, error) {
	t.Helper()
	if env == nil {
		env = &extract.Env{}
	}
	f := &extract.File{Name: name, Location: "attachment:" + name, Data: data, Depth: depth}
	rec := extracttest.NewRecorder(f, env.Limits)
	if !x.Match(f) {
		t.Fatalf("%s does not match %s", x.Name(), name)
	}
	err := x.Extract(context.Background(), f, env, rec)
	return rec, err
}

func fileMap(rec *extracttest.Recorder) map[string]string {
	m := map[string]string{}
	for _, f := range rec.Files {
		m[f.Name] = string(f.Data)
	}
	return m
}

func problemsWith(rec *extracttest.Recorder, target error) []extracttest.Problem {
	var ps []extracttest.Problem
	for _, p := range rec.Problems {
		if errors.Is(p.Err, target) {
			ps = append(ps, p)
		}
	}
	return ps
}

func limitProblems(rec *extracttest.Recorder) map[string]int {
	m := map[string]int{}
	for _, p := range rec.Problems {
		var le *extract.LimitError
		if errors.As(p.Err, &le) {
			m[le.Limit]++
		}
	}
	return m
}

func TestZipMembersAndNames(t *testing.T) {
	inner := makeZip(t, zentry{name: "深い/秘密.txt", data: []byte("内側")})
	unicodeExtra := func(h *zip.FileHeader) {
		// Info-ZIP Unicode Path field naming the CP932 raw name.
		u := "ユニコード名.txt"
		body := append([]byte{1}, binary.LittleEndian.AppendUint32(nil, crc32.ChecksumIEEE([]byte(h.Name)))...)
		body = append(body, u...)
		h.Extra = binary.LittleEndian.AppendUint16(binary.LittleEndian.AppendUint16(nil, 0x7075), uint16(len(body)))
		h.Extra = append(h.Extra, body...)
	}
	cp437 := func(h *zip.FileHeader) { h.Name, h.NonUTF8 = "caf\x82.txt", true } // é in CP437; invalid as CP932
	data := makeZip(t,
		zentry{name: "dir/", data: nil},
		zentry{name: "顧客一覧.csv", data: []byte("山田太郎,090-1234-5678"), sjis: true},
		zentry{name: "utf8名.txt", data: []byte("utf8")},
		zentry{name: "cp932名.txt", data: []byte("x"), sjis: true, modify: unicodeExtra},
		zentry{name: "ignored", data: []byte("437"), modify: cp437},
		zentry{name: "../../etc/passwd", data: []byte("root"), store: true},
		zentry{name: `C:\Windows\evil#x.txt`, data: []byte("win")},
		zentry{name: "inner.zip", data: inner, store: true},
		zentry{name: "empty.txt", data: nil},
	)
	rec, err := runZip(t, data, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"顧客一覧.csv":           "山田太郎,090-1234-5678",
		"utf8名.txt":          "utf8",
		"ユニコード名.txt":         "x",
		"café.txt":           "437",
		"etc/passwd":         "root",
		"Windows/evil_x.txt": "win",
		"inner.zip":          string(inner),
		"empty.txt":          "",
	}
	if diff := cmp.Diff(want, fileMap(rec)); diff != "" {
		t.Errorf("members (-want +got):\n%s", diff)
	}
	if len(rec.Problems) != 0 {
		t.Errorf("problems: %v", rec.Problems)
	}
	for _, f := range rec.Files {
		if f.Location != "attachment:a.zip/"+f.Name || f.Depth != 1 {
			t.Errorf("file %q: location %q depth %d", f.Name, f.Location, f.Depth)
		}
	}
	if got := rec.AllText(); !strings.Contains(got, "顧客一覧.csv") || len(rec.Segments) != 1 || rec.Segments[0].Location != "attachment:a.zip#names" {
		t.Errorf("names segment: %+v", rec.Segments)
	}

	// The nested zip, handed back as the dispatcher would, at depth 1.
	rec2, err := runX(t, Zip(), "inner.zip", inner, nil, 1)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"深い/秘密.txt": "内側"}, fileMap(rec2)); diff != "" {
		t.Errorf("inner (-want +got):\n%s", diff)
	}
}

func TestDecodeZipName(t *testing.T) {
	sj := func(s string) string { b, _ := japanese.ShiftJIS.NewEncoder().String(s); return b }
	tests := []struct{ raw, want string }{
		{"plain.txt", "plain.txt"},
		{"日本語.txt", "日本語.txt"},               // UTF-8 without the flag: kept
		{sj("①髙橋様の書類.xlsx"), "①髙橋様の書類.xlsx"}, // CP932 extensions
		{sj("ｶﾀｶﾅ.txt"), "ｶﾀｶﾅ.txt"},         // half-width katakana (single bytes)
		{"caf\x82", "café"},                  // invalid CP932 (lone lead byte) → CP437
		{"\xff\xfe", "\u00a0■"},              // hard negative: CP437 decodes everything
	}
	for _, tt := range tests {
		if got := decodeZipName(tt.raw, nil); got != tt.want {
			t.Errorf("decodeZipName(%q) = %q, want %q", tt.raw, got, tt.want)
		}
	}
	// A Unicode Path field with a stale CRC is ignored.
	raw := sj("新.txt")
	body := append([]byte{1}, binary.LittleEndian.AppendUint32(nil, 12345)...)
	body = append(body, "stale.txt"...)
	extra := append(binary.LittleEndian.AppendUint16(binary.LittleEndian.AppendUint16(nil, 0x7075), uint16(len(body))), body...)
	if got := decodeZipName(raw, extra); got != "新.txt" {
		t.Errorf("stale unicode path: got %q", got)
	}
}

func TestCleanName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a/b.txt", "a/b.txt"},
		{"../../x", "x"},
		{"/etc/passwd", "etc/passwd"},
		{`..\..\windows\system32`, "windows/system32"},
		{"C:/x.txt", "x.txt"},
		{"a/./b/../c", "a/c"},
		{"line\nbreak\x00.txt", "line_break_.txt"},
		{"", "unnamed-3"},
		{"..", "unnamed-3"},
		{"bad\xffutf8", "bad\uFFFDutf8"},
	}
	for _, tt := range tests {
		if got := cleanName(tt.in, 2); got != tt.want {
			t.Errorf("cleanName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestZipMatch(t *testing.T) {
	office := makeZip(t, zentry{name: "[Content_Types].xml", data: []byte("<Types/>")}, zentry{name: "word/document.xml", data: []byte("<w/>")})
	plain := makeZip(t, zentry{name: "a.txt", data: []byte("a")})
	tests := []struct {
		name, ctype string
		data        []byte
		want        bool
	}{
		{"a.zip", "", plain, true},
		{"noext", "", plain, true},
		{"doc.docx", "", plain, false},
		{"x.zip", "", office, false},
		{"broken.zip", "", []byte("garbage"), true},
		{"x.bin", "application/zip", []byte("garbage"), true},
		{"x.txt", "text/plain", []byte("PK but not a zip"), false},
		{"x.xlsx", "", []byte{0xd0, 0xcf}, false},
	}
	for _, tt := range tests {
		f := &extract.File{Name: tt.name, ContentType: tt.ctype, Data: tt.data}
		if got := Zip().Match(f); got != tt.want {
			t.Errorf("Match(%s) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestZipCorruptMemberInMiddle(t *testing.T) {
	big := bytes.Repeat([]byte("個人情報 0123456789 "), 400)
	data := makeZip(t,
		zentry{name: "one.txt", data: []byte("first member")},
		zentry{name: "two.txt", data: big},
		zentry{name: "three.txt", data: []byte("third member")},
	)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	off, _ := zr.File[1].DataOffset()
	for i := off + 5; i < off+int64(zr.File[1].CompressedSize64)-5; i += 7 {
		data[i] ^= 0x5a
	}
	rec, err := runZip(t, data, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := fileMap(rec)
	if got["one.txt"] != "first member" || got["three.txt"] != "third member" {
		t.Errorf("intact members lost: %v", rec)
	}
	ps := problemsWith(rec, extract.ErrCorrupt)
	if len(ps) != 1 || ps[0].Location != "attachment:a.zip/two.txt" {
		t.Errorf("want one corrupt problem for two.txt, got %v", rec.Problems)
	}
}

func TestZipSalvageTruncated(t *testing.T) {
	data := makeZip(t,
		zentry{name: "one.txt", data: []byte("first member")},
		zentry{name: "二.txt", data: bytes.Repeat([]byte("abc"), 100), store: true},
		zentry{name: "three.txt", data: []byte("third member")},
	)
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	off, _ := zr.File[2].DataOffset()
	cut := data[:off+int64(zr.File[2].CompressedSize64)+3] // central directory gone
	rec, err := runZip(t, cut, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"one.txt": "first member", "二.txt": strings.Repeat("abc", 100), "three.txt": "third member"}
	if diff := cmp.Diff(want, fileMap(rec)); diff != "" {
		t.Errorf("salvaged (-want +got):\n%s", diff)
	}
	if len(problemsWith(rec, extract.ErrCorrupt)) != 1 {
		t.Errorf("want one corrupt problem, got %v", rec.Problems)
	}

	// Hard negative: garbage named .zip is an error, not silence.
	rec, err = runZip(t, []byte("this is not a zip at all"), nil)
	if !errors.Is(err, extract.ErrCorrupt) || len(rec.Files) != 0 {
		t.Errorf("garbage: err %v, %v", err, rec)
	}
}

func TestZipEncrypted(t *testing.T) {
	secret := "氏名: 山田花子\nマイナンバー: 123456789018\n"
	mixed := makeZip(t,
		zentry{name: "readme.txt", data: []byte("open")},
		zentry{name: "customers.csv", data: []byte(secret), pw: "P@ss-2024"},
		zentry{name: "aes.txt", data: []byte("aes secret"), pw: "P@ss-2024", aes: true},
	)
	realZip, err := os.ReadFile(filepath.Join("testdata", "ppap-zipcrypto.zip"))
	if err != nil {
		t.Fatal(err)
	}
	stream, err := os.ReadFile(filepath.Join("testdata", "ppap-stream.zip"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		data      []byte
		passwords []string
		want      map[string]string
		unlocked  string // password recorded, "" none
		locked    bool   // an ErrEncrypted problem at the archive
	}{
		{"no password", mixed, nil, map[string]string{"readme.txt": "open"}, "", true},
		{"wrong passwords", mixed, []string{"nope", "P@ss-2023", "p@ss-2024"}, map[string]string{"readme.txt": "open"}, "", true},
		{"right among wrong", mixed, []string{"nope", "P@ss-2024"},
			map[string]string{"readme.txt": "open", "customers.csv": secret, "aes.txt": "aes secret"}, "P@ss-2024", false},
		{"info-zip", realZip, []string{"wrong", "Himitsu2024!"},
			map[string]string{"顧客リスト.csv": "氏名,電話番号\n山田太郎,090-1234-5678\n", "note.txt": "meeting notes\n"}, "Himitsu2024!", false},
		{"info-zip wrong", realZip, []string{"himitsu2024!"}, map[string]string{}, "", true},
		{"info-zip streamed", stream, []string{"Himitsu2024!"}, map[string]string{"-": "streamed secret\n"}, "Himitsu2024!", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := runZip(t, tt.data, &extract.Env{Passwords: tt.passwords})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, fileMap(rec)); diff != "" {
				t.Errorf("members (-want +got):\n%s", diff)
			}
			pw, ok := rec.Unlocks["attachment:a.zip"]
			if pw != tt.unlocked || ok != (tt.unlocked != "") || len(rec.Unlocks) > 1 {
				t.Errorf("unlocks %v, want %q", rec.Unlocks, tt.unlocked)
			}
			enc := problemsWith(rec, extract.ErrEncrypted)
			if tt.locked != (len(enc) == 1) || len(enc) > 1 {
				t.Errorf("encrypted problems %v, want locked=%v", enc, tt.locked)
			}
			if len(enc) == 1 && enc[0].Location != "attachment:a.zip" {
				t.Errorf("encrypted problem at %q", enc[0].Location)
			}
			if len(rec.Problems) != len(enc) {
				t.Errorf("other problems: %v", rec.Problems)
			}
		})
	}
}

func TestPasswordBytesCP932(t *testing.T) {
	// A Japanese password typed on Windows is stored as CP932 bytes.
	pw := "秘密"
	sj, _ := japanese.ShiftJIS.NewEncoder().String(pw)
	data := makeZip(t, zentry{name: "a.txt", data: []byte("jp password"), pw: sj})
	rec, err := runZip(t, data, &extract.Env{Passwords: []string{pw}})
	if err != nil {
		t.Fatal(err)
	}
	if fileMap(rec)["a.txt"] != "jp password" || rec.Unlocks["attachment:a.zip"] != pw {
		t.Errorf("cp932 password: %v %v", rec, rec.Problems)
	}
}

// rawZip writes a zip by hand: one local header and data, then n central
// directory entries all pointing at it (the overlapping-entry bomb), with
// declared sizes that may lie.
func rawZip(name string, method uint16, payload []byte, crc uint32, declared uint32, n int) []byte {
	var b bytes.Buffer
	le := func(v any) { _ = binary.Write(&b, binary.LittleEndian, v) }
	le(uint32(0x04034b50))
	le(uint16(20))
	le(uint16(0))
	le(method)
	le(uint32(0))
	le(crc)
	le(uint32(len(payload)))
	le(declared)
	le(uint16(len(name)))
	le(uint16(0))
	b.WriteString(name)
	b.Write(payload)
	cd := b.Len()
	for i := 0; i < n; i++ {
		le(uint32(0x02014b50))
		le(uint16(20))
		le(uint16(20))
		le(uint16(0))
		le(method)
		le(uint32(0))
		le(crc)
		le(uint32(len(payload)))
		le(declared)
		nm := fmt.Sprintf("%s%d", name, i)
		le(uint16(len(nm)))
		le(uint16(0))
		le(uint16(0))
		le(uint16(0))
		le(uint16(0))
		le(uint32(0))
		le(uint32(0)) // every entry at offset 0
		b.WriteString(nm)
	}
	end := b.Len()
	le(uint32(0x06054b50))
	le(uint16(0))
	le(uint16(0))
	le(uint16(n))
	le(uint16(n))
	le(uint32(end - cd))
	le(uint32(cd))
	le(uint16(0))
	return b.Bytes()
}

func deflateZeros(t testing.TB, n int64) []byte {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestSpeed)
	zero := make([]byte, 1<<20)
	for n > 0 {
		k := min(n, int64(len(zero)))
		if _, err := w.Write(zero[:k]); err != nil {
			t.Fatal(err)
		}
		n -= k
	}
	w.Close()
	return buf.Bytes()
}

func TestZipBombs(t *testing.T) {
	if testing.Short() {
		t.Skip("bombs take a few seconds")
	}
	const gb = 1 << 30
	// encBomb: 256 MiB → ~260 KB; ratio cap 200× (52 MB) < file cap (64 MiB).
	zeros := deflateZeros(t, gb)
	t.Logf("1 GiB of zeros deflates to %d bytes", len(zeros))
	zeros16 := deflateZeros(t, 16<<20-1)
	encBomb := encryptedBomb(t, 256<<20, 1000)
	crcZeros := crc32.NewIEEE()
	zero := make([]byte, 1<<20)
	for i := 0; i < gb>>20; i++ {
		crcZeros.Write(zero)
	}
	tests := []struct {
		name   string
		data   []byte
		lim    extract.Limits
		limits map[string]int
		files  int
	}{
		{"honest 1GiB", rawZip("zeros", 8, zeros, crcZeros.Sum32(), gb, 1), extract.Limits{}, map[string]int{"file-bytes": 1}, 0},
		// archive/zip itself stops at the declared size (ErrFormat).
		{"declared tiny", rawZip("zeros", 8, zeros, crcZeros.Sum32(), 1000, 1), extract.Limits{}, map[string]int{}, 0},
		// yeka/zip does not: the ratio cap stops the read.
		{"encrypted, declared tiny", encBomb, extract.Limits{}, map[string]int{"ratio": 1}, 0},
		{"encrypted, declared tiny, any ratio", encBomb, extract.Limits{MaxRatio: 1 << 20}, map[string]int{"file-bytes": 1}, 0},
		// 2000 entries share one 16 MiB-1 deflated member: the byte budget stops them.
		{"overlapping entries", rawZip("zeros", 8, zeros16, crc32.ChecksumIEEE(make([]byte, 16<<20-1)), 16<<20-1, 2000),
			extract.Limits{MaxRatio: 1 << 20, MaxFileBytes: 16 << 20, MaxBytes: 64 << 20}, map[string]int{"bytes": 1}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runtime.GC()
			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			rec, err := runZip(t, tt.data, &extract.Env{Limits: tt.lim, Passwords: []string{"pw"}})
			el := time.Since(start)
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			t.Logf("%s: %v, %d files, %v, TotalAlloc +%d MiB, Sys %d MiB", tt.name, el, len(rec.Files), limitProblems(rec),
				(after.TotalAlloc-before.TotalAlloc)>>20, after.Sys>>20)
			if errors.Is(err, extract.ErrLimit) {
				t.Logf("the Sink's limit: %v", err) // the #names listing may not fit the spent budget
			} else if err != nil {
				t.Fatal(err)
			}
			if tt.limits != nil {
				if diff := cmp.Diff(tt.limits, limitProblems(rec)); diff != "" {
					t.Errorf("limits (-want +got):\n%s", diff)
				}
			}
			if len(rec.Files) != tt.files {
				t.Errorf("files: %d, want %d", len(rec.Files), tt.files)
			}
			if len(rec.Problems) == 0 {
				t.Errorf("bomb not reported")
			}
			if el > 20*time.Second {
				t.Errorf("took %v", el)
			}
		})
	}
}

// encryptedBomb writes n zeros as a ZipCrypto member (password "pw") and
// patches the central directory to declare only declared bytes.
func encryptedBomb(t testing.TB, n int64, declared uint32) []byte {
	var buf bytes.Buffer
	w := yzip.NewWriter(&buf)
	fw, err := w.Encrypt("zeros.txt", "pw", yzip.StandardEncryption)
	if err != nil {
		t.Fatal(err)
	}
	zero := make([]byte, 1<<20)
	for ; n > 0; n -= int64(len(zero)) {
		if _, err := fw.Write(zero[:min(n, int64(len(zero)))]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	cd := bytes.LastIndex(b, []byte("PK\x01\x02"))
	binary.LittleEndian.PutUint32(b[cd+24:], declared)
	return b
}

func TestZipOverlappingBudget(t *testing.T) {
	// 1 MiB of random (incompressible) data, stored once, listed 1000
	// times: each entry passes the per-file checks; the byte budget stops
	// the archive at MaxBytes.
	payload := make([]byte, 1<<20)
	rand.New(rand.NewSource(1)).Read(payload)
	data := rawZip("r", 0, payload, crc32.ChecksumIEEE(payload), 1<<20, 1000)
	lim := extract.Limits{MaxBytes: 10 << 20}
	rec, err := runZip(t, data, &extract.Env{Limits: lim})
	// The Recorder enforces MaxBytes like the dispatcher; the extractor
	// stops first with a bytes problem, or returns the Sink's limit.
	if err != nil && !errors.Is(err, extract.ErrLimit) {
		t.Fatal(err)
	}
	if n := len(rec.Files); n < 9 || n > 10 {
		t.Errorf("%d files emitted, want 9..10", n)
	}
	if err == nil && limitProblems(rec)["bytes"] == 0 {
		t.Errorf("no bytes limit reported: %v", rec.Problems)
	}
}

func TestZipManyMembersAndDepth(t *testing.T) {
	var entries []zentry
	for i := 0; i < 120; i++ {
		entries = append(entries, zentry{name: fmt.Sprintf("f%03d.txt", i), data: []byte{byte(i)}, store: true})
	}
	data := makeZip(t, entries...)
	rec, err := runZip(t, data, &extract.Env{Limits: extract.Limits{MaxMembers: 100}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Files) != 100 || limitProblems(rec)["members"] != 1 {
		t.Errorf("members limit: %v %v", rec, rec.Problems)
	}
	rec, err = runZip(t, data, nil)
	if err != nil || len(rec.Files) != 120 || len(rec.Problems) != 0 {
		t.Errorf("under the limit: %v %v %v", err, rec, rec.Problems)
	}

	// Depth: refused before opening at MaxContainerDepth.
	rec, err = runX(t, Zip(), "deep.zip", data, &extract.Env{Limits: extract.Limits{MaxContainerDepth: 3}}, 3)
	if err != nil || len(rec.Files) != 0 || limitProblems(rec)["depth"] != 1 {
		t.Errorf("depth: %v %v %v", err, rec, rec.Problems)
	}
	rec, err = runX(t, Zip(), "deep.zip", data, &extract.Env{Limits: extract.Limits{MaxContainerDepth: 3}}, 2)
	if err != nil || len(rec.Files) != 120 {
		t.Errorf("depth 2 of 3: %v %v", err, rec)
	}
}

// TestZip42 builds a 42.zip-like nest (each level holds 16 copies of the
// level below; the leaves are 4 MiB of zeros) and walks it as the
// dispatcher does: every emitted zip goes back into Zip at Depth+1, and
// all bytes count against one MaxBytes.
func TestZip42(t *testing.T) {
	leaf := makeZip(t, zentry{name: "0.dat", data: make([]byte, 4<<20)})
	level := leaf
	for d := 0; d < 4; d++ {
		var es []zentry
		for i := 0; i < 16; i++ {
			es = append(es, zentry{name: fmt.Sprintf("%d.zip", i), data: level})
		}
		level = makeZip(t, es...)
	}
	t.Logf("42-style nest: %d bytes, %d GiB when fully unpacked", len(level), (16*16*16*16*4)>>10)
	lim := extract.Limits{MaxBytes: 64 << 20, MaxContainerDepth: 8}.WithDefaults()
	var total int64
	var files int
	problems := map[string]int{}
	ctx := context.Background()
	var walk func(f *extract.File) error
	walk = func(f *extract.File) error {
		rec := extracttest.NewRecorder(f, lim)
		err := Zip().Extract(ctx, f, &extract.Env{Limits: lim}, &sharedSink{rec: rec, total: &total, max: lim.MaxBytes})
		for _, p := range rec.Problems {
			var le *extract.LimitError
			if errors.As(p.Err, &le) {
				problems[le.Limit]++
			} else {
				problems[p.Err.Error()]++
			}
		}
		if err != nil {
			return err
		}
		for i := range rec.Files {
			files++
			if Zip().Match(&rec.Files[i]) {
				if err := walk(&rec.Files[i]); err != nil {
					return err
				}
			}
		}
		return nil
	}
	start := time.Now()
	err := walk(&extract.File{Name: "42.zip", Location: "attachment:42.zip", Data: level})
	t.Logf("walk: %v, %d files, problems %v, %d MiB handed out, err %v", time.Since(start), files, problems, total>>20, err)
	if !errors.Is(err, extract.ErrLimit) {
		t.Errorf("want the byte limit to stop the walk, got %v", err)
	}
	if total > lim.MaxBytes+(4<<20) {
		t.Errorf("handed out %d bytes, limit %d", total, lim.MaxBytes)
	}
}

// sharedSink adds a message-wide byte count to a Recorder, like the
// dispatcher's Sink.
type sharedSink struct {
	rec   *extracttest.Recorder
	total *int64
	max   int64
}

func (s *sharedSink) Text(seg extract.Segment) error { return s.rec.Text(seg) }
func (s *sharedSink) File(f extract.File) error {
	*s.total += int64(len(f.Data))
	if *s.total > s.max {
		return &extract.LimitError{Limit: "bytes", Value: s.max}
	}
	return s.rec.File(f)
}
func (s *sharedSink) Problem(loc string, err error) { s.rec.Problem(loc, err) }
func (s *sharedSink) Unlocked(loc, pw string)       { s.rec.Unlocked(loc, pw) }

func TestZipTimeout(t *testing.T) {
	data := makeZip(t, zentry{name: "a.txt", data: []byte("a")})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	f := &extract.File{Name: "a.zip", Location: "attachment:a.zip", Data: data}
	rec := extracttest.NewRecorder(f, extract.Limits{})
	err := Zip().Extract(ctx, f, &extract.Env{}, rec)
	if !errors.Is(err, context.Canceled) || len(rec.Files) != 0 {
		t.Errorf("cancelled: %v %v", err, rec)
	}
}

func FuzzZip(f *testing.F) {
	f.Add(makeZip(f, zentry{name: "a.txt", data: []byte("hello")}, zentry{name: "b/", data: nil}))
	f.Add(makeZip(f, zentry{name: "顧客.csv", data: []byte("x"), sjis: true}, zentry{name: "s", data: []byte("stored"), store: true}))
	f.Add(makeZip(f, zentry{name: "e.txt", data: []byte("secret"), pw: "pw"}, zentry{name: "a.txt", data: []byte("aes"), pw: "pw", aes: true}))
	f.Add(rawZip("r", 0, []byte("abc"), crc32.ChecksumIEEE([]byte("abc")), 3, 3))
	for _, name := range []string{"ppap-zipcrypto.zip", "ppap-stream.zip"} {
		if b, err := os.ReadFile(filepath.Join("testdata", name)); err == nil {
			f.Add(b)
		}
	}
	lim := extract.Limits{MaxBytes: 8 << 20, MaxFileBytes: 4 << 20, Timeout: 5 * time.Second}
	f.Fuzz(func(t *testing.T, data []byte) {
		extracttest.Check(t, Zip(), "fuzz.zip", data, &extract.Env{Limits: lim, Passwords: []string{"pw", "Himitsu2024!"}})
	})
}
