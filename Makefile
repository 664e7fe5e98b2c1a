# Thin wrapper: CMake builds, scripts do the rest.  The two commands a new
# user needs are `make run` and `make test`.
BUILD ?= build
JOBS ?= $(shell nproc)
export PARLEY_DATA_DIR ?= $(CURDIR)/var

PREFIX ?= /usr/local

.PHONY: all deps build run test bench fuzz format clean install models models-ner models-sent models-prep

all: build

deps:
	@scripts/deps.sh build

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) --target parley -j $(JOBS)

# PREFIX (default /usr/local) and DESTDIR (staging) as usual; data files go
# to PREFIX/share/parley, where the installed binary finds them by itself.
install: build
	@DESTDIR=$(DESTDIR) cmake --install $(BUILD) --prefix $(PREFIX)

run: build
	$(BUILD)/parley serve

test:
	@scripts/deps.sh all
	@tests/run.sh

bench:
	@scripts/deps.sh all
	@tests/bench/run.sh

fuzz:
	@scripts/deps.sh all
	@tests/fuzz/run.sh

# Retrain the language models into service/models/ from corpora fetched
# beforehand (never by this target): see service/models/README.md.
models: models-prep
	$(BUILD)/parley-train models $(CORPORA) service/models

# Only the entity tagger (ner.bin), with the committed tagger's tags.
models-ner: models-prep
	$(BUILD)/parley-train ner $(CORPORA) service/models

# Only the sentence-boundary model (sent.bin).
models-sent: models-prep
	$(BUILD)/parley-train sent $(CORPORA) service/models

models-prep:
	@scripts/deps.sh all
	@scripts/deps.sh models
	@test -n "$(CORPORA)" || { echo "usage: make models CORPORA=/path/to/corpora (layout: service/models/README.md)"; exit 2; }
	@for f in ewt/train.txt gum/gum-train-sel.conllu gum/gum-train-sel.txt; do test -f "$(CORPORA)/$$f" || { echo "$(CORPORA)/$$f missing: see service/models/README.md (sentence model)"; exit 2; }; done
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) --target parley-train -j $(JOBS)
	python3 tools/train/corenlp2iob.py $(CORPORA)/polnear-train-corenlp $(CORPORA)/polnear-ner
	@if [ -f $(CORPORA)/gum/en_gum-ud-train.conllu ]; then python3 tools/train/gum2iob.py $(CORPORA)/gum/en_gum-ud-train.conllu service/data/titles.tsv $(CORPORA)/gum-ner; fi

format:
	@clang-format -i $$(git ls-files 'service/*.c' 'service/*.h' 'tests/*.c' 'tests/*.h')

clean:
	rm -rf $(BUILD) build-asan
