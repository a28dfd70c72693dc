package birthdate

import "github.com/mailsift/mailsift/detectors"

// Examples implements detectors.Exampler: true positives and hard
// negatives as they appear in mail.
func (*Detector) Examples() detectors.Examples {
	return detectors.Examples{
		Positives: []string{
			"生年月日：昭和60年3月12日",
			"生年月日 1985/03/12",
			"生年月日：１９８５年３月１２日",
			"生年月日: S60.3.12",
			"生年月日　平成２年５月３日（満３４歳）",
			"昭和六十年十二月三日生まれ",
			"1985年3月12日生",
			"田中太郎（1985年3月12日生まれ、39歳）",
			"DOB: 12 March 1985",
			"Date of Birth: March 12, 1985",
			"D.O.B. 12-Mar-1985",
			"He was born on 12 March 1985 in Osaka.",
			"誕生日は1990年7月7日です",
			"生年月日:19850312",
			"生年月日\n1985-03-12",
			"㍼60年3月12日生",
			"1985/03/12 (39歳)",
		},
		Negatives: []string{
			"1985年3月12日",
			"2024年5月2日（木）10:00から会議を行います。",
			"Date: Thu, 2 May 2024 10:11:12 +0900",
			"生年月日：1985/03/12 10:00",
			"発行日：2020年1月1日",
			"生年月日 有効期限 2030年3月12日",
			"有効期限：令和12年3月12日 生年月日欄は空欄",
			"生年月日：昭和64年2月1日",
			"生年月日：平成32年1月1日",
			"生年月日：1985年2月30日",
			"生年月日：2199年1月1日",
			"生年月日：1800年1月1日",
			"お誕生日おめでとうございます！誕生日会は2024年5月2日です。",
			"注文番号 19850312",
			"生年月日 19850312345",
			"〒100-0001 東京都千代田区",
			"2024年5月2日生産終了",
			"3歳児健診 2024年5月2日",
			"Meeting on March 12, 1985 about the birth rate.",
			"born in 1985",
			"生年月日：昭和60年3月",
		},
	}
}
