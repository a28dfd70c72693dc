package outlook

import (
	"encoding/binary"
	"strings"
)

// Property IDs (MS-OXPROPS) that the MIME builder reads.
const (
	PidTagMessageClass               = 0x001A
	PidTagSubject                    = 0x0037
	PidTagClientSubmitTime           = 0x0039
	PidTagSentRepresentingName       = 0x0042
	PidTagStartDate                  = 0x0060
	PidTagEndDate                    = 0x0061
	PidTagSentRepresentingAddrType   = 0x0064
	PidTagSentRepresentingEmail      = 0x0065
	PidTagTransportMessageHeaders    = 0x007D
	PidTagRecipientType              = 0x0C15
	PidTagSenderName                 = 0x0C1A
	PidTagSenderAddrType             = 0x0C1E
	PidTagSenderEmail                = 0x0C1F
	PidTagDisplayBcc                 = 0x0E02
	PidTagDisplayCc                  = 0x0E03
	PidTagDisplayTo                  = 0x0E04
	PidTagMessageDeliveryTime        = 0x0E06
	PidTagBody                       = 0x1000
	PidTagRtfCompressed              = 0x1009
	PidTagHTML                       = 0x1013
	PidTagInternetMessageID          = 0x1035
	PidTagInternetReferences         = 0x1039
	PidTagInReplyToID                = 0x1042
	PidTagDisplayName                = 0x3001
	PidTagAddrType                   = 0x3002
	PidTagEmailAddress               = 0x3003
	PidTagCreationTime               = 0x3007
	PidTagAttachDataBinary           = 0x3701 // PidTagAttachDataObject when of type Object
	PidTagAttachExtension            = 0x3703
	PidTagAttachFilename             = 0x3704
	PidTagAttachMethod               = 0x3705
	PidTagAttachLongFilename         = 0x3707
	PidTagAttachMimeTag              = 0x370E
	PidTagAttachContentID            = 0x3712
	PidTagSMTPAddress                = 0x39FE
	PidTagInternetCodepage           = 0x3FDE
	PidTagMessageCodepage            = 0x3FFD
	PidTagSenderSMTPAddress          = 0x5D01
	PidTagSentRepresentingSMTPAddr   = 0x5D02
	PidTagRecipientDisplayName       = 0x5FF6
	PidTagIpmSubtreeEntryID          = 0x35E0
	PidTagPstPassword                = 0x67FF
	PidTagBirthday                   = 0x3A42
	PidTagWeddingAnniversary         = 0x3A41
	PidTagGender                     = 0x3A4D
	PidTagChildrensNames             = 0x3A58
	attachByValue                    = 1
	attachEmbeddedMessage            = 5
	attachOLE                        = 6
	recipientTo, recipientCc, recBcc = 1, 2, 3
)

// GUID is a property set ID as stored (Data1-3 little-endian).
type GUID = [16]byte

func guid(d1 uint32, d2, d3 uint16, rest ...byte) GUID {
	var g GUID
	binary.LittleEndian.PutUint32(g[0:], d1)
	binary.LittleEndian.PutUint16(g[4:], d2)
	binary.LittleEndian.PutUint16(g[6:], d3)
	copy(g[8:], rest)
	return g
}

// Property sets of named properties (MS-OXPROPS 1.3.2).
var (
	PSMAPI            = guid(0x00020328, 0, 0, 0xC0, 0, 0, 0, 0, 0, 0, 0x46)
	PSPublicStrings   = guid(0x00020329, 0, 0, 0xC0, 0, 0, 0, 0, 0, 0, 0x46)
	PSETIDAddress     = guid(0x00062004, 0, 0, 0xC0, 0, 0, 0, 0, 0, 0, 0x46)
	PSETIDAppointment = guid(0x00062002, 0, 0, 0xC0, 0, 0, 0, 0, 0, 0, 0x46)
	PSETIDTask        = guid(0x00062003, 0, 0, 0xC0, 0, 0, 0, 0, 0, 0, 0x46)
	PSETIDCommon      = guid(0x00062008, 0, 0, 0xC0, 0, 0, 0, 0, 0, 0, 0x46)
	PSETIDLog         = guid(0x0006200A, 0, 0, 0xC0, 0, 0, 0, 0, 0, 0, 0x46)
	psetidNote        = guid(0x0006200E, 0, 0, 0xC0, 0, 0, 0, 0, 0, 0, 0x46)
	_                 = psetidNote
)

// NameMap maps the named properties of one file (the PST's name-to-ID
// map, or a .msg's __nameid_version1.0 storage) to property IDs.
type NameMap struct {
	byLID  map[nameKey]uint16
	byName map[string]uint16 // GUID bytes + name
}

type nameKey struct {
	set GUID
	lid uint32
}

// ID returns the property ID of the named property (set, lid), or 0.
func (m *NameMap) ID(set GUID, lid uint32) uint16 {
	if m == nil {
		return 0
	}
	return m.byLID[nameKey{set, lid}]
}

// StringID returns the property ID of the string-named property, or 0.
func (m *NameMap) StringID(set GUID, name string) uint16 {
	if m == nil {
		return 0
	}
	return m.byName[string(set[:])+strings.ToLower(name)]
}

// ParseNameMap reads the three streams of a name-to-ID map (MS-OXMSG
// 2.2.3, MS-PST 2.4.7): GUIDs, 8-byte entries and names. Damaged entries
// are skipped: a missing name only hides the properties that use it.
func ParseNameMap(guids, entries, names []byte) *NameMap {
	m := &NameMap{byLID: map[nameKey]uint16{}, byName: map[string]uint16{}}
	for i := 0; i+8 <= len(entries); i += 8 {
		id := binary.LittleEndian.Uint32(entries[i:])
		kind := binary.LittleEndian.Uint16(entries[i+4:])
		prop := 0x8000 + binary.LittleEndian.Uint16(entries[i+6:])
		var set GUID
		switch gi := int(kind >> 1); gi {
		case 0:
			continue
		case 1:
			set = PSMAPI
		case 2:
			set = PSPublicStrings
		default:
			off := (gi - 3) * 16
			if off+16 > len(guids) {
				continue
			}
			copy(set[:], guids[off:])
		}
		if kind&1 == 0 {
			m.byLID[nameKey{set, id}] = prop
			continue
		}
		off := int(id)
		if off < 0 || off+4 > len(names) {
			continue
		}
		n := int(binary.LittleEndian.Uint32(names[off:]))
		if n < 0 || off+4+n > len(names) {
			continue
		}
		m.byName[string(set[:])+strings.ToLower(DecodeUTF16(names[off+4:off+4+n]))] = prop
	}
	return m
}
