package imapsrc

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/emersion/go-sasl"
)

// xoauth2Client is the SASL XOAUTH2 client of Gmail and Microsoft 365
// (Microsoft offers no OAUTHBEARER). go-sasl declines to ship one:
// https://github.com/emersion/go-sasl/issues/20.
type xoauth2Client struct {
	user, token string
	err         error
}

var _ sasl.Client = (*xoauth2Client)(nil)

func (c *xoauth2Client) Start() (string, []byte, error) {
	return MechXOAuth2, []byte("user=" + c.user + "\x01auth=Bearer " + c.token + "\x01\x01"), nil
}

// Next answers the server's error challenge (base64 JSON, already decoded)
// with an empty response, after which the server fails the command.
func (c *xoauth2Client) Next(challenge []byte) ([]byte, error) {
	if c.err != nil {
		return nil, errors.New("xoauth2: unexpected second challenge")
	}
	var st struct {
		Status string `json:"status"`
	}
	if json.Unmarshal(challenge, &st) == nil && st.Status != "" {
		c.err = fmt.Errorf("xoauth2: server says status %q", st.Status)
	} else {
		c.err = errors.New("xoauth2: token rejected")
	}
	return []byte{}, nil
}
