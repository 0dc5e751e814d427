package auth

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Hashes are stored in the PHC string format used by the argon2 reference
// implementation:
//
//	$argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>
//
// with salt and hash in standard base64 without padding. Using the common
// format means other tools can verify our hashes and we can verify theirs.

// Bounds on parameters. They apply both when hashing and when parsing a
// stored hash: the stored string decides how much work verification does, so
// without limits anyone able to tamper with a hash (or a bad migration) could
// make every sign-in allocate gigabytes or spin for minutes.
const (
	maxMemoryKiB   = 1 << 20 // 1 GiB
	maxIterations  = 20
	maxParallelism = 64
	minSaltLen     = 8 // RFC 9106 minimum; we generate 16
	maxSaltLen     = 1024
	minKeyLen      = 16 // shorter tags are too easy to collide
	maxKeyLen      = 1024
	// Longest string worth parsing: the header plus base64 of the largest
	// salt and key, with room to spare. Anything longer is rejected before
	// any splitting or decoding.
	maxEncodedLen = 4096
)

// b64 is strict so each hash has exactly one valid encoding.
var b64 = base64.RawStdEncoding.Strict()

// argonHash is a parsed PHC string. params.SaltLen and params.KeyLen are the
// decoded lengths, so params can be compared directly with a Params value.
type argonHash struct {
	params Params
	salt   []byte
	key    []byte
}

func (p Params) validate() error {
	switch {
	case p.Iterations < 1:
		return errors.New("iterations must be at least 1")
	case p.Iterations > maxIterations:
		return fmt.Errorf("iterations %d exceed the limit of %d", p.Iterations, maxIterations)
	case p.Parallelism < 1:
		return errors.New("parallelism must be at least 1")
	case p.Parallelism > maxParallelism:
		return fmt.Errorf("parallelism %d exceeds the limit of %d", p.Parallelism, maxParallelism)
	case p.Memory < 8*uint32(p.Parallelism):
		// Argon2 needs at least 8 KiB per lane (RFC 9106 §3.1).
		return fmt.Errorf("memory %d KiB is below 8 KiB per lane", p.Memory)
	case p.Memory > maxMemoryKiB:
		return fmt.Errorf("memory %d KiB exceeds the limit of %d KiB", p.Memory, maxMemoryKiB)
	case p.SaltLen < minSaltLen || p.SaltLen > maxSaltLen:
		return fmt.Errorf("salt length %d is outside %d..%d bytes", p.SaltLen, minSaltLen, maxSaltLen)
	case p.KeyLen < minKeyLen || p.KeyLen > maxKeyLen:
		return fmt.Errorf("key length %d is outside %d..%d bytes", p.KeyLen, minKeyLen, maxKeyLen)
	}
	return nil
}

func encodeHash(p Params, salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Iterations, p.Parallelism,
		b64.EncodeToString(salt), b64.EncodeToString(key))
}

// decodeHash parses and bounds-checks a PHC string. It must never panic: its
// input comes from the database, which we treat as untrusted here. Error
// messages describe the problem without echoing hash material into logs.
func decodeHash(encoded string) (argonHash, error) {
	var h argonHash
	if len(encoded) > maxEncodedLen {
		return h, malformed("too long (%d bytes)", len(encoded))
	}
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" {
		return h, malformed("want 5 '$'-separated fields, e.g. $argon2id$v=19$m=65536,t=3,p=2$salt$hash")
	}
	if parts[1] != "argon2id" {
		return h, malformed("unsupported algorithm %.20q (only argon2id)", parts[1])
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return h, malformed("unsupported version field %.20q (only v=%d)", parts[2], argon2.Version)
	}

	m, t, p, err := parseCosts(parts[3])
	if err != nil {
		return h, malformed("%v", err)
	}
	if p > 255 {
		return h, malformed("parallelism %d exceeds the limit of %d", p, maxParallelism)
	}
	h.params = Params{Memory: m, Iterations: t, Parallelism: uint8(p)}

	if h.salt, err = b64.DecodeString(parts[4]); err != nil {
		return h, malformed("salt is not unpadded standard base64")
	}
	if h.key, err = b64.DecodeString(parts[5]); err != nil {
		return h, malformed("hash is not unpadded standard base64")
	}
	h.params.SaltLen = uint32(len(h.salt))
	h.params.KeyLen = uint32(len(h.key))

	if err := h.params.validate(); err != nil {
		return h, malformed("%v", err)
	}
	return h, nil
}

// parseCosts reads "m=<n>,t=<n>,p=<n>" in exactly that order, as the
// reference implementation writes it.
func parseCosts(s string) (m, t, p uint32, err error) {
	fields := strings.Split(s, ",")
	if len(fields) != 3 {
		return 0, 0, 0, errors.New("cost field must be m=<KiB>,t=<passes>,p=<lanes>")
	}
	out := [3]*uint32{&m, &t, &p}
	for i, name := range [3]string{"m", "t", "p"} {
		value, ok := strings.CutPrefix(fields[i], name+"=")
		if !ok {
			return 0, 0, 0, errors.New("cost field must be m=<KiB>,t=<passes>,p=<lanes>")
		}
		n, err := parseDecimal(value)
		if err != nil {
			return 0, 0, 0, fmt.Errorf("cost %s: %v", name, err)
		}
		*out[i] = n
	}
	return m, t, p, nil
}

// parseDecimal accepts plain decimal digits that fit in 32 bits. Signs,
// spaces and leading zeros are refused so each value has one spelling.
func parseDecimal(s string) (uint32, error) {
	if s == "" || len(s) > 10 {
		return 0, errors.New("not a number of 1 to 10 digits")
	}
	if len(s) > 1 && s[0] == '0' {
		return 0, errors.New("leading zero")
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, errors.New("not a decimal number")
		}
	}
	n, err := strconv.ParseUint(s, 10, 32)
	if err != nil {
		return 0, errors.New("out of range")
	}
	return uint32(n), nil
}

func malformed(format string, args ...any) error {
	return fmt.Errorf("auth: malformed password hash: "+format, args...)
}
