// Package templates is the data perfeval ships for users to start from and
// to replace, embedded in the binary: the report wording and every label a
// user reads (report/*.tmpl, replaceable with --template DIR), the built-in
// frameworks that init writes (frameworks/*.yaml), the message catalogue
// (messages/zh.yaml), the word lists of targets (targets/words.yaml),
// and the report font
// (font/, WenQuanYi Micro Hei). It holds no logic and imports nothing of
// perfeval's: the code that uses each file lives with its concept.
package templates

import (
	"embed"
	_ "embed"
)

// Report holds the wording catalogue, report/*.tmpl.
//
//go:embed report/*.tmpl
var Report embed.FS

// Frameworks holds the built-in frameworks, frameworks/NAME.yaml.
//
//go:embed frameworks/*.yaml
var Frameworks embed.FS

// Reference is the reference document of the DOCX report: its styles,
// page and fonts (report/reference.docx, replaceable with --template DIR
// holding a reference.docx of the user's).
//
//go:embed report/reference.docx
var Reference []byte

// Font is the report font, WenQuanYi Micro Hei (see font/README.md).
//
//go:embed font/wqy-microhei.ttf
var Font []byte

// SerifFont is the PDF report's body font, Noto Serif CJK SC subset to
// GB 2312 (see font/README.md).
//
//go:embed font/noto-serif-sc-gb2312.ttf
var SerifFont []byte

// KaiFont is the PDF report's 楷体, for second-level headings: AR PL UKai
// CN subset to GB 2312 (see font/README.md).
//
//go:embed font/ukai-cn-gb2312.ttf
var KaiFont []byte

// TargetWords are the word lists of `perfeval targets` (targets/words.yaml,
// replaceable with --template DIR holding a words.yaml).
//
//go:embed targets/words.yaml
var TargetWords []byte

// Messages is the message catalogue: every error, warning, hint and line
// of help in English, with its Chinese (messages/zh.yaml).
//
//go:embed messages/zh.yaml
var Messages []byte
