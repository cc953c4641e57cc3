# perfeval — a thin wrapper over the go tool.

GO ?= go
EXAMPLES := $(patsubst %.md,%.xlsx,$(wildcard examples/*/*.md))

.PHONY: test lint bench fuzz examples update-golden build install dist

test:
	$(GO) vet ./...
	$(GO) test ./...

lint:
	@test -z "$$(gofmt -l .)" || { gofmt -l .; echo "gofmt would change the files above"; exit 1; }
	$(GO) vet ./...
	$(GO) mod tidy -diff

# Stage benchmarks (read workbook, score, JSON, text, PDF, DOCX, XLSX; check
# and screen a form) with allocations, BENCHCOUNT runs each: save two runs'
# output and compare them with benchstat (go run
# golang.org/x/perf/cmd/benchstat@latest old.txt new.txt). Then whole
# processes of the built command, each setting BENCHCOUNT times, the
# settings interleaved round by round, min and median: batches of 200 and
# 2,000 synthetic projects without PDFs, with PDFs and with Word reports
# (ms/project, peak memory); a Go hello-world as the yardstick, then
# --version, one score and one score --pdf (ms, and × the hello-world);
# check over 1,000 forms and check --screen over 1,000 and 10,000 invented
# county forms (forms/s, peak). The command is built as a release is:
# without cgo, -trimpath. BASE=path/to/an/earlier/perfeval measures that
# build run for run beside this one (build it the same way:
# CGO_ENABLED=0 go build -trimpath).
BENCHCOUNT ?= 5
BASE ?=
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count $(BENCHCOUNT) ./internal/report ./internal/pipeline ./templates ./scoring ./internal/docxtable
	$(GO) run ./internal/batchbench -n 200,2000 -count $(BENCHCOUNT) $(if $(BASE),-base $(BASE))

# Every fuzz target in turn, FUZZTIME each: make fuzz FUZZTIME=1h. Each
# input is held to internal/fuzzcheck's limits (5 s, 512 MiB allocated).
FUZZTIME ?= 1m
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  dir=$$($(GO) list -f '{{.Dir}}' $$pkg); \
	  for t in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$dir/*_test.go 2>/dev/null | sed 's/^func //'); do \
	    echo "== $$pkg $$t ($(FUZZTIME))"; \
	    $(GO) test -run '^$$' -fuzz "^$$t\$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

# perfeval needs no C: built without cgo it is a static program, as the
# release binaries are, and starts about 2 ms sooner than a dynamically
# linked one (the C library's loader and start-up; issue 33).
build:
	CGO_ENABLED=0 $(GO) build -o perfeval ./cmd/perfeval

# Rebuild the example workbooks from their text form.
examples: $(EXAMPLES)

examples/%.xlsx: examples/%.md
	$(GO) run ./internal/testkit/mkworkbook $< $@

# Rewrite golden files and the expected output inside test scripts.
update-golden:
	$(GO) test ./internal/resultjson ./cmd/perfeval -update

# Install perfeval into $(go env GOPATH)/bin, with its commit stamped in.
COMMIT := $(shell git rev-parse --short=12 HEAD 2>/dev/null)
VERSION := $(shell sed -n 's/^\tVersion = "\(.*\)"/\1/p' internal/cli/root.go)
LDFLAGS := -s -w -X github.com/perfeval/perfeval/internal/cli.Commit=$(COMMIT)

install:
	CGO_ENABLED=0 $(GO) install -trimpath -ldflags '$(LDFLAGS)' ./cmd/perfeval

# Release binaries, static (no cgo), for the machines offices run: Windows,
# Linux on x86-64, ARM64 (Kunpeng, Phytium) and LoongArch (Loongson), and
# macOS on Apple silicon; with SHA256SUMS beside them.
DIST_TARGETS := windows/amd64 linux/amd64 linux/arm64 linux/loong64 darwin/arm64

dist:
	rm -rf dist && mkdir -p dist
	for t in $(DIST_TARGETS); do \
	  os=$${t%/*}; arch=$${t#*/}; ext=; [ $$os = windows ] && ext=.exe; \
	  CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -ldflags '$(LDFLAGS)' \
	    -o dist/perfeval-$(VERSION)-$$os-$$arch$$ext ./cmd/perfeval || exit 1; \
	done
	cd dist && sha256sum perfeval-* > SHA256SUMS
