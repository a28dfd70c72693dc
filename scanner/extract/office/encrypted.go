package office

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"regexp"
	"strconv"

	"github.com/richardlehane/mscfb"
	"github.com/xuri/excelize/v2"

	"github.com/mailsift/mailsift/scanner/extract"
)

// Password-protected OOXML files are a CFB container holding EncryptionInfo
// and EncryptedPackage streams (MS-OFFCRYPTO). In Japan they travel by mail
// with the password in a second message (PPAP), so the candidate passwords
// of Env are tried before giving up.

// spinCountRe finds the hash rounds in an agile EncryptionInfo descriptor.
var spinCountRe = regexp.MustCompile(`spinCount="(\d+)"`)

// decryptPackage returns the zip inside an encrypted OOXML file, trying
// env.Passwords in order. With no password that works it returns an error
// wrapping extract.ErrEncrypted.
func decryptPackage(ctx context.Context, format string, f *extract.File, env *extract.Env, out extract.Sink) ([]byte, error) {
	if err := checkEncryptedCFB(f.Data); err != nil {
		return nil, fmt.Errorf("%s %s: %w", format, f.Name, err)
	}
	for i, pw := range env.Passwords {
		if i >= maxPasswordTries {
			break
		}
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("%s %s: %w", format, f.Name, err)
		}
		plain := tryDecrypt(f.Data, pw)
		if plain == nil {
			continue
		}
		out.Unlocked(f.Location, pw)
		return plain, nil
	}
	return nil, fmt.Errorf("%s %s: password-protected: %w", format, f.Name, extract.ErrEncrypted)
}

// checkEncryptedCFB validates what excelize.Decrypt trusts: stream sizes
// (it allocates what the directory declares) and the agile spin count (it
// loops that many times).
func checkEncryptedCFB(data []byte) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("cfb: %w: panic: %v", extract.ErrCorrupt, r)
		}
	}()
	doc, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("cfb: %w: %v", extract.ErrCorrupt, err)
	}
	var sawInfo, sawPkg bool
	for e, nerr := doc.Next(); nerr == nil; e, nerr = doc.Next() {
		switch e.Name {
		case "EncryptionInfo", "EncryptedPackage":
			if e.Size < 0 || e.Size > int64(len(data)) {
				return fmt.Errorf("cfb: stream %s of %d bytes in a %d-byte file: %w", e.Name, e.Size, len(data), extract.ErrCorrupt)
			}
		}
		switch e.Name {
		case "EncryptionInfo":
			sawInfo = true
			info := make([]byte, e.Size)
			if _, err := io.ReadFull(doc, info); err != nil {
				return fmt.Errorf("cfb: encryption info: %w: %v", extract.ErrCorrupt, err)
			}
			if err := checkEncryptionInfo(info); err != nil {
				return err
			}
		case "EncryptedPackage":
			sawPkg = true
		}
	}
	if !sawInfo || !sawPkg {
		return fmt.Errorf("cfb: no encrypted package: %w", extract.ErrCorrupt)
	}
	return nil
}

func checkEncryptionInfo(info []byte) error {
	if len(info) < 8 {
		return fmt.Errorf("cfb: short encryption info: %w", extract.ErrCorrupt)
	}
	major, minor := binary.LittleEndian.Uint16(info), binary.LittleEndian.Uint16(info[2:])
	switch {
	case major == 4 && minor == 4: // agile: an XML descriptor
		for _, m := range spinCountRe.FindAllSubmatch(info, -1) {
			n, err := strconv.Atoi(string(m[1]))
			if err != nil || n > maxSpinCount {
				return fmt.Errorf("cfb: spin count %s: %w", m[1], &extract.LimitError{Limit: "time", Value: maxSpinCount})
			}
		}
	case minor == 2 && major >= 2 && major <= 4: // standard
		if len(info) < 12 {
			return fmt.Errorf("cfb: short encryption info: %w", extract.ErrCorrupt)
		}
		hs := binary.LittleEndian.Uint32(info[8:])
		// header + verifier (salt, verifier, hash) must fit.
		if uint64(hs) < 32 || uint64(12)+uint64(hs)+72 > uint64(len(info)) {
			return fmt.Errorf("cfb: encryption header of %d bytes: %w", hs, extract.ErrCorrupt)
		}
	default:
		return fmt.Errorf("cfb: encryption version %d.%d: %w", major, minor, extract.ErrUnsupported)
	}
	return nil
}

// tryDecrypt returns the package when pw opens it, else nil. Agile
// decryption does not verify the password, so a zip must come out.
func tryDecrypt(data []byte, pw string) (plain []byte) {
	defer func() {
		if recover() != nil {
			plain = nil
		}
	}()
	b, err := excelize.Decrypt(data, &excelize.Options{Password: pw})
	if err != nil || !bytes.HasPrefix(b, zipMagic) {
		return nil
	}
	if _, err := zip.NewReader(bytes.NewReader(b), int64(len(b))); err != nil {
		return nil
	}
	return b
}
