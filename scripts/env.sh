# Sourced by scripts/run and scripts/test: the tool PATH (npm's wasm-opt before /usr/bin's).
export PATH="$PWD/end2end/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
