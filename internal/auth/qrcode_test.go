package auth

import (
	"bytes"
	"image"
	"image/png"
	"testing"

	"github.com/boombuler/barcode/qr"
)

func TestTOTPQRCodePNG(t *testing.T) {
	const u = "otpauth://totp/Ward:jo.bloggs@example.gov.uk?algorithm=SHA1&digits=6&issuer=Ward&period=30&secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	const size = 256
	data, err := TOTPQRCodePNG(u, size)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != size || b.Dy() != size {
		t.Fatalf("image is %v, want %dx%d", b, size, size)
	}

	// Find the dark area: it must be square, an exact multiple of the
	// module count, centred, and surrounded by at least four modules of white.
	code, _ := qr.Encode(u, qr.M, qr.Auto)
	modules := code.Bounds().Dx()
	box := image.Rectangle{Min: image.Pt(size, size)}
	for y := range size {
		for x := range size {
			if isDark(img.At(x, y)) {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	if box.Dx() != box.Dy() || box.Dx()%modules != 0 {
		t.Fatalf("dark area %v is not a square of %d modules", box, modules)
	}
	scale := box.Dx() / modules
	quiet := 4 * scale
	if box.Min.X < quiet || box.Min.Y < quiet || size-box.Max.X < quiet || size-box.Max.Y < quiet {
		t.Errorf("dark area %v leaves less than a %dpx quiet zone", box, quiet)
	}
	// The top-left finder pattern starts with a dark module.
	if !isDark(img.At(box.Min.X, box.Min.Y)) {
		t.Error("finder pattern corner is not dark")
	}
}

func TestTOTPQRCodePNGErrors(t *testing.T) {
	const u = "otpauth://totp/Ward:a@b?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Ward"
	tests := []struct {
		name string
		url  string
		size int
	}{
		{"not otpauth", "https://example.com/", 256},
		{"empty", "", 256},
		{"zero size", u, 0},
		{"negative size", u, -5},
		{"too small to draw", u, 20},
		{"absurd size", u, 100000},
	}
	for _, tt := range tests {
		if _, err := TOTPQRCodePNG(tt.url, tt.size); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
}
