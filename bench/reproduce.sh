#!/usr/bin/env bash
# Every figure of BENCHMARKS.md, in one go (about 25 minutes on 2 cores). Run it on a quiet
# machine: it prints the load average before each step, and the figures mean little above ~0.5.
#
#   bash bench/reproduce.sh            # everything
#   bash bench/reproduce.sh process    # one step: per-event, jwt, build, process, process-jwt, compile
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
step="${1:-all}"

load() { printf '\n== %s (load average %s)\n' "$1" "$(cut -d' ' -f1-3 /proc/loadavg)"; }

if [[ $step == all || $step == per-event ]]; then
    load "per-event work (criterion)"
    cargo bench -p authorizer-bench --bench per_event
fi
if [[ $step == all || $step == jwt ]]; then
    load "JWT verification, warm (criterion)"
    cargo bench -p authorizer-bench --bench jwt_verify
fi
# After the benchmarks: `cargo bench` also builds the bench package's binaries into
# target/release, with its dev-dependencies' features, over the ones built here.
if [[ $step == all || $step == build || $step == process || $step == process-jwt ]]; then
    load "release builds, each package on its own so that no other package's features leak in"
    cargo build --release -p authorizer-examples --bin aws-docs-token --bin jwt-oidc
    cargo build --release -p authorizer-bench --bin baseline-token --bin baseline-jwt --bin process-bench --bin compile-bench
fi
if [[ $step == all || $step == process ]]; then
    load "process level: cold start, CPU, memory, size"
    "$target/release/process-bench"
fi
if [[ $step == all || $step == process-jwt ]]; then
    load "process level, the JWT pair (jwt-oidc, baseline-jwt) against a local issuer"
    "$target/release/process-bench" --pair jwt
fi
if [[ $step == all || $step == compile ]]; then
    load "compile time of a user's crate"
    cargo build --release -p authorizer-bench --bin compile-bench
    "$target/release/compile-bench" --runs 3 --profile both
fi
load "done"
