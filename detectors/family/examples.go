package family

import "github.com/mailsift/mailsift/detectors"

// Examples implements detectors.Exampler: true positives and hard
// negatives as they appear in mail.
func (*Detector) Examples() detectors.Examples {
	return detectors.Examples{
		Positives: []string{
			"配偶者 山田花子",
			"配偶者：山田 花子",
			"続柄：長男 氏名：山田一郎",
			"氏名：山田一郎\n続柄：長男",
			"扶養家族：妻 花子、長男 一郎",
			"扶養家族：山田花子（妻）、山田一郎（長男）",
			"配偶者の氏名：鈴木花子",
			"緊急連絡先：父 山田太郎 090-1234-5678",
			"Spouse: Jane Doe",
			"Spouse's name: Mary Smith",
			"Dependents: John Smith (son), Emily Smith (daughter)",
			"続柄：長女",
		},
		Negatives: []string{
			"家族経営の会社です",
			"長男が今春大学に入学しました",
			"長男 誕生のお知らせ",
			"妻と子供と旅行に行きました",
			"子会社：株式会社サンプル",
			"夫婦で参加します",
			"父の日のギフト",
			"続柄：本人",
			"扶養家族：2名",
			"Spouse: N/A",
			"Spouse: Not Applicable",
			"his son was born in May",
			"Father's Day sale",
			"Children: 2",
		},
	}
}
