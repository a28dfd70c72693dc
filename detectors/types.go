package detectors

// Finding types, as listed in shared/spec/interface.md ("Finding types").
const (
	TypePersonName       = "person_name"
	TypePassport         = "passport"
	TypeDriversLicense   = "drivers_license"
	TypeBankAccount      = "bank_account"
	TypePhone            = "phone"
	TypeBirthDate        = "birth_date"
	TypeEmail            = "email"
	TypeAddress          = "address"
	TypeMyNumber         = "my_number"
	TypeCompany          = "company"
	TypeTitle            = "title"
	TypeNationality      = "nationality"
	TypeGender           = "gender"
	TypeAge              = "age"
	TypeFacePhoto        = "face_photo"
	TypeIDDocument       = "id_document"
	TypeAccountantNumber = "accountant_number"
	TypeCreditCard       = "credit_card"
)

// KnownTypes is every finding type of the interface, in the order of its
// type table. It is a read-only table: do not modify it.
var KnownTypes = []string{
	TypePersonName,
	TypePassport,
	TypeDriversLicense,
	TypeBankAccount,
	TypePhone,
	TypeBirthDate,
	TypeEmail,
	TypeAddress,
	TypeMyNumber,
	TypeCompany,
	TypeTitle,
	TypeNationality,
	TypeGender,
	TypeAge,
	TypeFacePhoto,
	TypeIDDocument,
	TypeAccountantNumber,
	TypeCreditCard,
}

// IsKnownType reports whether typ is one of KnownTypes.
func IsKnownType(typ string) bool {
	for _, k := range KnownTypes {
		if k == typ {
			return true
		}
	}
	return false
}
