package endpoint

import (
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Header names Discord signs requests with.
const (
	HeaderSignature = "X-Signature-Ed25519"
	HeaderTimestamp = "X-Signature-Timestamp"
)

// ParsePublicKey decodes an application's public key as the Discord developer portal
// shows it: 64 hex digits.
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, errors.New("DISCORD_PUBLIC_KEY is not set: copy the Public Key from the application's General Information page in the Discord developer portal")
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("DISCORD_PUBLIC_KEY is not hex (want the 64 hex digits the developer portal shows): %w", err)
	}
	if len(b) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("DISCORD_PUBLIC_KEY is %d bytes; want %d (64 hex digits)", len(b), ed25519.PublicKeySize)
	}
	return ed25519.PublicKey(b), nil
}

// Reasons a request is refused with 401; they go into the log line, never to the client.
var (
	errNoSignature  = errors.New("missing signature header")
	errNoTimestamp  = errors.New("missing timestamp header")
	errBadSignature = errors.New("signature is not 64 bytes of hex")
	errBadTimestamp = errors.New("timestamp is not unix seconds")
	errStale        = errors.New("timestamp too far from now")
	errWrongSig     = errors.New("signature does not verify")
)

// signatureHeaders holds a request's signature headers, decoded but not yet verified.
type signatureHeaders struct {
	sig [ed25519.SignatureSize]byte
	ts  string
}

// parseSignatureHeaders decodes the headers and checks the timestamp is within skew of
// now. It is cheap, so it runs before the body is read.
func parseSignatureHeaders(sigHex, ts string, now time.Time, skew time.Duration) (signatureHeaders, error) {
	var h signatureHeaders
	switch {
	case sigHex == "":
		return h, errNoSignature
	case ts == "":
		return h, errNoTimestamp
	case len(sigHex) != 2*ed25519.SignatureSize:
		return h, errBadSignature
	}
	var raw [2 * ed25519.SignatureSize]byte // on the stack: []byte(sigHex) would allocate
	copy(raw[:], sigHex)
	if _, err := hex.Decode(h.sig[:], raw[:]); err != nil {
		return h, errBadSignature
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || len(ts) > 12 {
		return h, errBadTimestamp
	}
	d := now.Sub(time.Unix(sec, 0))
	if d > skew || d < -skew {
		return h, errStale
	}
	h.ts = ts
	return h, nil
}
