package pipeline

import (
	"bufio"
	"bytes"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/perfeval/perfeval/internal/form"
	"github.com/shopspring/decimal"
)

// fill sets every field reachable from v to a value of its own (strings
// distinct and some not UTF-8, numbers distinct, slices of two), so that a
// field the spool forgets comes back different.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Type() {
	case reflect.TypeFor[decimal.NullDecimal]():
		// An exponent a String() would trim: the spool keeps it.
		v.Set(reflect.ValueOf(decimal.NewNullDecimal(decimal.New(int64(*n)*100, -4))))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString("s" + string(rune('0'+*n%10)) + "\xff名" + string(rune(*n)))
	case reflect.Int:
		v.SetInt(int64(*n) * -7)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), n)
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), n)
		}
	default:
		panic("fill: a field of kind " + v.Kind().String() + " the spool test does not know: teach spool.go and fill")
	}
}

func TestSpoolRoundTrip(t *testing.T) {
	var full form.Checked
	n := 0
	fill(reflect.ValueOf(&full).Elem(), &n)
	checks := []*form.Checked{&full, {File: "empty.xlsx"}, &full}
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	enc := &spoolWriter{w: w}
	for _, c := range checks {
		if err := enc.checked(c); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	dec := &spoolReader{r: bufio.NewReader(bytes.NewReader(buf.Bytes()))}
	exact := cmp.Comparer(func(a, b decimal.Decimal) bool {
		return a.Equal(b) && a.Exponent() == b.Exponent()
	})
	for i, want := range checks {
		got, err := dec.checked()
		if err != nil {
			t.Fatalf("check %d: %v", i, err)
		}
		if d := cmp.Diff(want, got, exact); d != "" {
			t.Errorf("check %d came back different (-wrote +read):\n%s", i, d)
		}
	}
	if _, err := dec.checked(); err == nil {
		t.Error("reading past the last check: no error")
	}
}

// TestSpoolDamaged: a spool cut short or with an absurd length is an
// error, never a panic or a huge allocation.
func TestSpoolDamaged(t *testing.T) {
	var full form.Checked
	n := 0
	fill(reflect.ValueOf(&full).Elem(), &n)
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	if err := (&spoolWriter{w: w}).checked(&full); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	b := buf.Bytes()
	for cut := range len(b) {
		if _, err := (&spoolReader{r: bufio.NewReader(bytes.NewReader(b[:cut]))}).checked(); err == nil {
			t.Fatalf("cut at %d of %d: no error", cut, len(b))
		}
	}
	huge := []byte{0xff, 0xff, 0xff, 0xff, 0x0f}
	if _, err := (&spoolReader{r: bufio.NewReader(bytes.NewReader(huge))}).checked(); err == nil {
		t.Error("a length of 4 GiB: no error")
	}
}
