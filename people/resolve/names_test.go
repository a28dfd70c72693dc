package resolve

import "testing"

func TestNameKey(t *testing.T) {
	same := [][]string{
		{"山田太郎", "山田 太郎", "山田　太郎様", "山田太郎さん", "山田太郎 殿"},
		{"髙橋一郎", "高橋一郎"},
		{"渡邊花子", "渡辺花子", "渡邉花子"},
		{"やまだたろう", "ヤマダタロウ", "ﾔﾏﾀﾞﾀﾛｳ"},
		{"Taro Yamada", "YAMADA Taro", "Yamada, Taro", "TaroYamada", "yamada taro"},
		{"Ohno Kenji", "Ono Kenji", "Oono Kenji"},
		{"Homma Ken", "Honma Ken"},
	}
	for _, group := range same {
		want := NameKey(group[0])
		if want == "" {
			t.Fatalf("NameKey(%q) empty", group[0])
		}
		for _, n := range group[1:] {
			if got := NameKey(n); got != want {
				t.Errorf("NameKey(%q) = %q, want %q (as %q)", n, got, want, group[0])
			}
		}
	}
	different := [][2]string{
		{"斎藤一郎", "斉藤一郎"}, // near-homophones: different names
		{"渡辺", "渡部"},
		{"山田太郎", "Taro Yamada"}, // scripts are linked by evidence, not by key
		{"John Smith", "John Smyth"},
		{"佐藤", "佐藤花子"},
	}
	for _, p := range different {
		if NameKey(p[0]) == NameKey(p[1]) {
			t.Errorf("NameKey(%q) = NameKey(%q) = %q", p[0], p[1], NameKey(p[0]))
		}
	}
	if NameKey("様") != "" || NameKey("  ") != "" {
		t.Error("an honorific alone is no name")
	}
}

func TestFullName(t *testing.T) {
	for n, want := range map[string]bool{"佐藤花子": true, "佐藤": false, "佐藤様": false, "John Smith": true, "Smith": false, "李明": false, "欧阳明": true} {
		if got := FullName(NameKey(n)); got != want {
			t.Errorf("FullName(%q) = %v, want %v", n, got, want)
		}
	}
}

func TestEmailKeyAndRoles(t *testing.T) {
	for in, want := range map[string]string{
		"Taro@Example.JP":        "taro@example.jp",
		"taro+news@example.jp":   "taro@example.jp",
		"t.a.r.o@gmail.com":      "taro@gmail.com",
		"t.a.r.o@googlemail.com": "taro@gmail.com",
		"t.a.r.o@example.com":    "t.a.r.o@example.com",
		"not-an-address":         "",
	} {
		if got := EmailKey(in); got != want {
			t.Errorf("EmailKey(%q) = %q, want %q", in, got, want)
		}
	}
	for addr, want := range map[string]bool{
		"info@example.jp": true, "support@example.jp": true, "noreply@example.jp": true, "no-reply@x.jp": true,
		"noreply-jp@x.jp": true, "bounces+abc=x.jp@lists.example.org": true, "dev-owner@lists.example.org": true,
		"dev-request@lists.example.org": true, "postmaster@x.jp": true, "list-owner@x.jp": true,
		"fintech-jp@lists.example.org": true, "dev@googlegroups.com": true, "x@ml.example.jp": true,
		"taro@example.jp": false, "taro@mlit.go.jp": false, "info.taro@example.jp": false, "salesman@example.jp": false, "owner.taro@example.jp": false,
	} {
		if got := IsRoleAddress(addr); got != want {
			t.Errorf("IsRoleAddress(%q) = %v, want %v", addr, got, want)
		}
	}
	if !Mobile("+819012345678") || Mobile("+81312345678") {
		t.Error("Mobile")
	}
}
