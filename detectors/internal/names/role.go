package names

import (
	"strings"

	"github.com/mailsift/mailsift/detectors/internal/rule"
)

// roleWords make a display name a team, a service or a machine rather
// than a person ("Sales Team", "Amazon.co.jp", "カスタマーサポート").
// ASCII entries match whole words, case-insensitively; Japanese ones
// anywhere.
var roleWords = []string{
	"team", "support", "service", "services", "sales", "info", "information", "admin",
	"administrator", "noreply", "no-reply", "no_reply", "donotreply", "notification",
	"notifications", "notice", "newsletter", "news", "customer", "customers", "center", "centre",
	"desk", "help", "helpdesk", "office", "dept", "department", "group", "system", "systems",
	"mailer", "daemon", "postmaster", "billing", "accounts", "account", "security", "alert",
	"alerts", "update", "updates", "marketing", "hr", "recruiting", "jobs", "careers", "store",
	"shop", "official", "inc", "inc.", "ltd", "ltd.", "llc", "corp", "corp.", "co.", "bank",
	"university", "college", "school", "hospital", "clinic", "committee", "association",
	"society", "club", "community", "project", "list", "mailing", "bot", "robot", "auto",
	"automated", "reply", "staff", "secretariat", "member", "members", "user", "users", "all",
	"everyone", "partners", "media", "press", "editor", "editorial", "orders", "order",
	"shipping", "delivery", "payment", "payments", "invoice", "receipt", "confirm",
	"confirmation", "verification", "webmaster", "root", "test", "unknown", "undisclosed",
	"recipients", "via", "google", "amazon", "microsoft", "apple", "facebook", "twitter",
	"linkedin", "github", "slack", "zoom", "paypal", "yahoo", "rakuten",
	// RFC 2142's role mailboxes not above.
	"abuse", "hostmaster", "noc", "usenet", "news", "www", "uucp", "ftp",
	// Newsletters and mailing lists name themselves like publications
	// ("The Motley Fool", "Lockergnome Windows Daily", "SpamAssassin Talk
	// ML"); people's display names do not use these words.
	"the", "daily", "weekly", "monthly", "digest", "bulletin", "magazine", "journal", "talk",
	"ml", "free", "deals", "offers", "tips", "software", "showcase", "product", "products",
	"network", "networks", "online", "announce", "announcements", "discuss", "discussion",
}

var roleWordsJA = []string{
	"株式会社", "(株)", "有限会社", "合同会社", "法人", "事務局", "窓口", "センター", "サポート", "運営",
	"通知", "配信", "お知らせ", "係", "本部", "事業部", "営業部", "総務部", "人事部", "経理部", "広報",
	"銀行", "カード", "ショップ", "ストア", "公式", "サービス", "システム", "管理者", "編集部", "会員",
	"支店", "協会", "組合", "大学", "学校", "病院", "役所", "市役所", "区役所", "事務所", "委員会",
	"グループ", "チーム", "担当", "各位", "一同", "受付", "自動", "送信専用", "メールマガジン",
	"メルマガ", "ニュース", "キャンペーン", "ポイント", "マガジン", "オンライン", "ストア", "楽天",
}

// roleSet holds roleWords; roleCuesJA finds roleWordsJA in one pass
// (they hold no ASCII letter, so its folding of ASCII case changes
// nothing). Both are read-only.
var (
	roleSet = func() map[string]bool {
		m := make(map[string]bool, len(roleWords))
		for _, w := range roleWords {
			m[w] = true
		}
		return m
	}()
	roleCuesJA = rule.NewCues(roleWordsJA...)
)

// IsRole reports whether a display name or a candidate name is made of
// role words ("Sales Team", "no-reply", "Amazon.co.jp", "株式会社〇〇",
// "カスタマーサポート"), or looks like a domain or an address.
func IsRole(name string) bool {
	lower := strings.ToLower(name)
	if strings.ContainsAny(lower, "@0123456789") || strings.Contains(lower, ".com") ||
		strings.Contains(lower, ".jp") || strings.Contains(lower, ".net") || strings.Contains(lower, ".org") ||
		strings.Contains(lower, "http") {
		return true
	}
	if roleCuesJA.Any(name) {
		return true
	}
	for _, f := range strings.FieldsFunc(lower, func(r rune) bool {
		return r == ' ' || r == ',' || r == '(' || r == ')' || r == '/' || r == '|' || r == '"' || r == '\'' || r == ':'
	}) {
		if roleSet[f] {
			return true
		}
	}
	return false
}
