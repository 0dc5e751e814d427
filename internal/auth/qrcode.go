package auth

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"

	"github.com/boombuler/barcode/qr"
)

const (
	// The QR specification asks for a white border of four modules. Without
	// it some phone cameras fail to lock on, particularly when the page
	// around the image is dark.
	qrQuietModules = 4
	// Cap the image so a silly size can't allocate tens of megabytes.
	maxQRSize = 2048
)

// TOTPQRCodePNG renders otpauthURL as a size×size PNG QR code for an
// authenticator app to scan. The code is drawn at a whole number of pixels
// per module (so it stays sharp) with a quiet zone, centred on white. It
// fails if size is too small to draw every module at least one pixel wide.
func TOTPQRCodePNG(otpauthURL string, size int) ([]byte, error) {
	if !strings.HasPrefix(otpauthURL, "otpauth://") {
		return nil, errors.New("auth: QR code content must be an otpauth:// URL")
	}
	if size < 1 || size > maxQRSize {
		return nil, fmt.Errorf("auth: QR code size must be between 1 and %d pixels", maxQRSize)
	}
	// Error correction level M, as pquerna/otp and most enrolment pages use:
	// robust enough for a screen, without making the code needlessly dense.
	code, err := qr.Encode(otpauthURL, qr.M, qr.Auto)
	if err != nil {
		return nil, fmt.Errorf("auth: encoding QR code: %w", err)
	}
	modules := code.Bounds().Dx()
	scale := size / (modules + 2*qrQuietModules)
	if scale < 1 {
		return nil, fmt.Errorf("auth: QR code needs at least %d pixels square", modules+2*qrQuietModules)
	}

	// A two-colour palette keeps the PNG small.
	img := image.NewPaletted(image.Rect(0, 0, size, size), color.Palette{color.White, color.Black})
	offset := (size - modules*scale) / 2
	origin := code.Bounds().Min
	for my := 0; my < modules; my++ {
		for mx := 0; mx < modules; mx++ {
			if !isDark(code.At(origin.X+mx, origin.Y+my)) {
				continue
			}
			for y := offset + my*scale; y < offset+(my+1)*scale; y++ {
				for x := offset + mx*scale; x < offset+(mx+1)*scale; x++ {
					img.SetColorIndex(x, y, 1)
				}
			}
		}
	}

	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("auth: encoding PNG: %w", err)
	}
	return buf.Bytes(), nil
}

func isDark(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return r+g+b < 3*0x8000
}
