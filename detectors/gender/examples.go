package gender

import "github.com/mailsift/mailsift/detectors"

// Examples implements detectors.Exampler: true positives and hard
// negatives as they appear in mail.
func (*Detector) Examples() detectors.Examples {
	return detectors.Examples{
		Positives: []string{
			"性別：男",
			"性別: 女性",
			"性別　男性",
			"性 別：女",
			"性別\n女",
			"Sex: M",
			"Sex: F",
			"Gender: Female",
			"GENDER: male",
			"Sex (M/F): F",
			"性別：■男 □女",
			"性別：☐男性 ☑女性",
			"山田花子様（35歳・女性）",
			"田中様(男性、42歳)",
			"Gender: Non-binary",
		},
		Negatives: []string{
			"Sex: Male\t\tFemale\t\tAge:",
			"性別：男・女",
			"性別： 男 / 女",
			"性別(男・女)",
			"性別：□男 □女",
			"Sex: M/F",
			"Gender: Male / Female",
			"性別による差別は禁止されています",
			"性別不問",
			"性別：不問",
			"男女共同参画",
			"男性用トイレ",
			"gender equality",
			"Sex education",
			"Essex: M25",
			"Unisex: F",
			"Gender: N/A",
			"女性活躍推進",
			"(3歳児・男女)",
		},
	}
}
