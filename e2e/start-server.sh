#!/usr/bin/env bash
# The server the Playwright tests drive: the built app on fresh databases, with the emulator on.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf .test-data/e2e
mkdir -p .test-data/e2e
export DATABASE_URL=.test-data/e2e/app.db
export EMULATOR_DATABASE_URL=.test-data/e2e/emulator.db
export EMULATOR_CERTS_DIR=.test-data/e2e/certs
export PAYMENT_EMULATOR=on
export PAYMENT_EMULATOR_ALLOW_IN_PRODUCTION=true
export EMULATOR_TIME_SCALE=0.01
unset WECHAT_MCH_ID ALIPAY_APP_ID
# As npm start: a 1 GB old space, so V8 collects before the heap grows far (README, Benchmarks).
export NODE_OPTIONS="--max-old-space-size=1024 ${NODE_OPTIONS:-}"
exec npx next start -p "${PORT:-3100}" -H 127.0.0.1
