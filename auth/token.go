package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"
)

// Settings are the limits of signing in; DefaultSettings are those the
// product ships with.
type Settings struct {
	MaxFailures int           // failed logins in a row before the account locks
	LockFor     time.Duration // how long it stays locked
	IdleTimeout time.Duration // a session unused this long ends
	MaxSession  time.Duration // a session ends this long after sign-in, used or not
}

// DefaultSettings: 5 failures lock for 15 minutes; sessions end after 30
// minutes idle or 12 hours in all.
var DefaultSettings = Settings{
	MaxFailures: 5,
	LockFor:     15 * time.Minute,
	IdleTimeout: 30 * time.Minute,
	MaxSession:  12 * time.Hour,
}

// NewToken returns a fresh random token (32 bytes, URL-safe base64) for a
// session cookie or an API token. Only its hash is stored.
func NewToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashToken is what is stored of a token: its SHA-256, hex. A token is
// random, so an unsalted fast hash is enough; a stolen database does not
// give working tokens.
func HashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}
