package nationality

import "github.com/mailsift/mailsift/detectors"

// Examples implements detectors.Exampler: true positives and hard
// negatives as they appear in mail.
func (*Detector) Examples() detectors.Examples {
	return detectors.Examples{
		Positives: []string{
			"国籍：日本",
			"国籍: ベトナム",
			"国籍・地域　中国",
			"国籍：フィリピン共和国",
			"国籍：アメリカ",
			"国籍 韓国",
			"国籍：日本/米国",
			"Nationality: Japanese",
			"Nationality: Viet Nam",
			"NATIONALITY: JPN",
			"Citizenship: United States",
			"国籍\nネパール",
			"国籍：日本国籍",
			"国籍：無国籍",
		},
		Negatives: []string{
			"日本",
			"ベトナム出張の件",
			"国籍を問わず応募できます",
			"国籍：不問",
			"国籍: ",
			"国籍欄に記入してください",
			"Nationality: N/A",
			"Nationality: TO BE CONFIRMED",
			"nationality-based discrimination",
			"Nationality: us",
			"多国籍企業",
			"国籍：中国語",
			"Nationality: Indiana",
		},
	}
}
