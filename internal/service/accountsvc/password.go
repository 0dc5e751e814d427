package accountsvc

import (
	"crypto/rand"
	"math/big"
)

// passwordAlphabet leaves out characters people misread when copying a
// password from a screen (0/O, 1/l/I).
const passwordAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// GeneratePassword makes a 20-character random password (about 116 bits),
// grouped in fours for reading aloud or copying.
func GeneratePassword() (string, error) {
	out := make([]byte, 0, 24)
	max := big.NewInt(int64(len(passwordAlphabet)))
	for i := 0; i < 20; i++ {
		if i > 0 && i%4 == 0 {
			out = append(out, '-')
		}
		n, err := rand.Int(rand.Reader, max)
		if err != nil {
			return "", err
		}
		out = append(out, passwordAlphabet[n.Int64()])
	}
	return string(out), nil
}
