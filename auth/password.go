package auth

import (
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Passwords are hashed with PBKDF2-HMAC-SHA256 from the standard library
// (crypto/pbkdf2), 600 000 iterations (OWASP's figure for it), 16 random
// bytes of salt, stored as a PHC-style string:
//
//	$pbkdf2-sha256$i=600000$<salt, base64>$<hash, base64>
//
// bcrypt and argon2id live in golang.org/x/crypto, which the module does
// not require; PBKDF2 is FIPS-approved and needs nothing outside the
// standard library. The string names its algorithm and cost, so a
// stronger one can be added later and old hashes keep verifying.
const (
	hashScheme = "pbkdf2-sha256"
	// Iterations is the PBKDF2 cost of new hashes.
	Iterations = 600_000
	saltBytes  = 16
	keyBytes   = 32
)

var b64 = base64.RawStdEncoding

// HashPassword returns the encoded hash of the password with a fresh salt.
func HashPassword(password string) (string, error) {
	return hashWith(password, Iterations)
}

func hashWith(password string, iter int) (string, error) {
	salt := make([]byte, saltBytes)
	rand.Read(salt)
	key, err := pbkdf2.Key(sha256.New, password, salt, iter, keyBytes)
	if err != nil {
		return "", fmt.Errorf("计算密码摘要失败：%w", err)
	}
	return fmt.Sprintf("$%s$i=%d$%s$%s", hashScheme, iter, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// errBadHash says a stored hash cannot be read: the account cannot sign in
// until an administrator sets a new password.
var errBadHash = errors.New("数据库中的密码摘要格式不对，请管理员重设密码")

// CheckPassword reports whether the password matches the encoded hash.
// The comparison takes the same time whatever the mismatch.
func CheckPassword(encoded, password string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 5 || parts[0] != "" || parts[1] != hashScheme || !strings.HasPrefix(parts[2], "i=") {
		return false, errBadHash
	}
	iter, err := strconv.Atoi(strings.TrimPrefix(parts[2], "i="))
	if err != nil || iter < 1 {
		return false, errBadHash
	}
	salt, err1 := b64.DecodeString(parts[3])
	want, err2 := b64.DecodeString(parts[4])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false, errBadHash
	}
	got, err := pbkdf2.Key(sha256.New, password, salt, iter, len(want))
	if err != nil {
		return false, err
	}
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
