package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Passwords are hashed with argon2id (golang.org/x/crypto/argon2), the
// memory-hard function OWASP recommends first, with its suggested minimum
// cost (19 MiB, 2 passes, 1 lane), 16 random bytes of salt, stored as the
// usual PHC string:
//
//	$argon2id$v=19$m=19456,t=2,p=1$<salt, base64>$<hash, base64>
//
// The string names its algorithm and cost, so the cost can be raised later
// and old hashes keep verifying with the cost they were made with.
const (
	hashScheme = "argon2id"
	saltBytes  = 16
	keyBytes   = 32
)

// Cost is the argon2id cost of a hash.
type Cost struct {
	MemoryKiB uint32
	Passes    uint32
	Lanes     uint8
}

// DefaultCost is the cost of new hashes.
var DefaultCost = Cost{MemoryKiB: 19 * 1024, Passes: 2, Lanes: 1}

var b64 = base64.RawStdEncoding

// HashPassword returns the encoded hash of the password with a fresh salt.
func HashPassword(password string) (string, error) {
	return hashWith(password, DefaultCost)
}

func hashWith(password string, c Cost) (string, error) {
	salt := make([]byte, saltBytes)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("生成随机盐失败：%w", err)
	}
	key := argon2.IDKey([]byte(password), salt, c.Passes, c.MemoryKiB, c.Lanes, keyBytes)
	return fmt.Sprintf("$%s$v=%d$m=%d,t=%d,p=%d$%s$%s", hashScheme, argon2.Version,
		c.MemoryKiB, c.Passes, c.Lanes, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// errBadHash says a stored hash cannot be read: the account cannot sign in
// until an administrator sets a new password.
var errBadHash = errors.New("数据库中的密码摘要格式不对，请管理员重设密码")

// CheckPassword reports whether the password matches the encoded hash.
// The comparison takes the same time whatever the mismatch.
func CheckPassword(encoded, password string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != hashScheme || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return false, errBadHash
	}
	var c Cost
	if n, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &c.MemoryKiB, &c.Passes, &c.Lanes); n != 3 || err != nil ||
		c.Passes < 1 || c.Lanes < 1 || c.MemoryKiB < 8*uint32(c.Lanes) || c.MemoryKiB > 1<<20 || c.Passes > 100 {
		return false, errBadHash
	}
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 || len(want) > 1024 {
		return false, errBadHash
	}
	got := argon2.IDKey([]byte(password), salt, c.Passes, c.MemoryKiB, c.Lanes, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// MinPasswordLength is the shortest password the policy accepts, in
// characters (not bytes).
const MinPasswordLength = 10

// CheckPolicy returns why the password may not be used by the user, or
// nil. A password has at least MinPasswordLength characters and at least
// three of the classes upper case, lower case, digit, symbol — Chinese
// characters count as a class of their own, so a passphrase in Chinese
// works — and is not the user name.
func CheckPolicy(username, password string) error {
	if n := utf8.RuneCountInString(password); n < MinPasswordLength {
		return fmt.Errorf("密码太短：至少 %d 个字符，现在只有 %d 个", MinPasswordLength, n)
	}
	if strings.EqualFold(strings.TrimSpace(password), strings.TrimSpace(username)) {
		return errors.New("密码不能与用户名相同")
	}
	var upper, lower, digit, symbol, cjk bool
	for _, r := range password {
		switch {
		case unicode.Is(unicode.Han, r):
			cjk = true
		case unicode.IsUpper(r):
			upper = true
		case unicode.IsLower(r):
			lower = true
		case unicode.IsDigit(r):
			digit = true
		case unicode.IsControl(r):
			return errors.New("密码不能含有控制字符")
		default:
			symbol = true
		}
	}
	n := 0
	for _, b := range []bool{upper, lower, digit, symbol, cjk} {
		if b {
			n++
		}
	}
	if n < 3 {
		return fmt.Errorf("密码太简单：大写字母、小写字母、数字、符号、汉字中至少要有三类，现在只有 %d 类", n)
	}
	return nil
}

// GeneratePassword returns a random password that satisfies the policy,
// for first start and for --generate: 16 characters of letters, digits
// and a symbol, without look-alikes (0/O, 1/l/I).
func GeneratePassword() string {
	const (
		upper  = "ABCDEFGHJKLMNPQRSTUVWXYZ"
		lower  = "abcdefghijkmnopqrstuvwxyz"
		digits = "23456789"
		symbol = "-_.!@#%+="
	)
	all := upper + lower + digits + symbol
	for {
		b := make([]byte, 0, 16)
		limit := 256 - 256%len(all) // no modulo bias
		raw := make([]byte, 1)
		for len(b) < 16 {
			rand.Read(raw)
			if int(raw[0]) < limit {
				b = append(b, all[int(raw[0])%len(all)])
			}
		}
		pw := string(b)
		if strings.ContainsAny(pw, upper) && strings.ContainsAny(pw, lower) &&
			strings.ContainsAny(pw, digits) && strings.ContainsAny(pw, symbol) {
			return pw
		}
	}
}
