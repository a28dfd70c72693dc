package names

import (
	"sync"
	"testing"
)

var lex = NewLexicon()

func TestKind(t *testing.T) {
	tests := []struct {
		word string
		want Kind
	}{
		{"田中", Surname}, {"佐藤", Surname}, {"中村", Surname}, {"髙橋", Surname}, {"長谷川", Surname},
		{"太郎", Given}, {"花子", Given}, {"一郎", Given},
		{"会議", 0}, {"見積書", 0}, {"東京", 0}, {"営業部", 0}, {"", 0}, {"1234", 0},
	}
	for _, tt := range tests {
		if got := lex.Kind(tt.word); got&tt.want != tt.want || (tt.want == 0 && got != 0) {
			t.Errorf("Kind(%q) = %b, want %b", tt.word, got, tt.want)
		}
	}
}

func TestTokens(t *testing.T) {
	in := "𠮷田 太郎様"
	toks := lex.Tokens(in)
	if len(toks) == 0 {
		t.Fatal("no tokens")
	}
	if got := in[toks[0].Start:toks[0].End]; got != "𠮷田" || toks[0].Kind&Surname == 0 {
		t.Errorf("first token %q kind %b, want 𠮷田 as a surname", got, toks[0].Kind)
	}
	last := toks[len(toks)-1]
	if !last.Honorific || in[last.Start:last.End] != "様" || last.End != len(in) {
		t.Errorf("last token %+v, want the honorific 様 ending the text", last)
	}
	if lex.Tokens("") != nil {
		t.Error("Tokens(\"\") not nil")
	}
	long := make([]byte, 3*MaxAnalyse)
	for i := range long {
		long[i] = "あいう"[i%9]
	}
	for _, tk := range lex.Tokens(string(long)) {
		if tk.End > MaxAnalyse {
			t.Fatalf("token past MaxAnalyse: %+v", tk)
		}
	}
}

func TestConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				if toks := lex.Tokens("山田花子さん"); len(toks) != 3 || toks[0].Kind != Surname {
					t.Errorf("concurrent Tokens: %+v", toks)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestLatinKind(t *testing.T) {
	tests := []struct {
		word string
		want Kind
	}{
		{"John", Given}, {"SMITH", Surname}, {"Tanaka", Surname}, {"taro", Given}, {"Hanako", Given},
		{"Best", 0}, {"Regards", 0}, {"Customer", 0}, {"White", 0}, {"Team", 0}, {"X", 0},
	}
	for _, tt := range tests {
		if got := LatinKind(tt.word); got != tt.want {
			t.Errorf("LatinKind(%q) = %b, want %b", tt.word, got, tt.want)
		}
	}
}

func TestIsRole(t *testing.T) {
	for name, want := range map[string]bool{
		"Sales Team": true, "no-reply": true, "Amazon.co.jp": true, "株式会社サンプル": true,
		"カスタマーサポート": true, "Customer Service": true, "お客様各位": true, "Info 2024": true, "Email Abuse": true, "NOC": true, "総務部 担当": true,
		"The Motley Fool": true, "Lockergnome Windows Daily": true, "SpamAssassin Talk ML": true,
		"New Product Showcase": true, "TR Posta NetWorks": true, "Free Publishing Software": true,
		"田中 太郎": false, "John Smith": false, "Suzuki, Ichiro": false, "Teamwork Ito": false,
		"Theo Van Dinter": false, "Tim Freeman": false, "Mladen Talkington": false, "Dailey Smith": false,
	} {
		if got := IsRole(name); got != want {
			t.Errorf("IsRole(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestFold(t *testing.T) {
	if got := Fold("髙橋 𠮷田 山﨑"); got != "高橋 吉田 山崎" {
		t.Errorf("Fold = %q", got)
	}
}

func FuzzTokens(f *testing.F) {
	f.Add("田中太郎様")
	f.Add("𠮷田\xff髙橋")
	f.Fuzz(func(t *testing.T, in string) {
		for _, tk := range lex.Tokens(in) {
			if tk.Start < 0 || tk.End > len(in) || tk.Start >= tk.End {
				t.Fatalf("token %+v out of %d bytes", tk, len(in))
			}
		}
		_ = lex.Kind(in)
	})
}
