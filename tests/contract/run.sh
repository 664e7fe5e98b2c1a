#!/usr/bin/env bash
# OpenAPI lint (Redocly) and the live contract check (check.mjs).
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -d node_modules/@redocly ] || [ package.json -nt node_modules ]; then
  npm install --no-audit --no-fund --silent
fi
npx --no-install redocly lint ../../api-spec/openapi.yaml --config redocly.yaml --format=summary
node check.mjs
node docker_check.mjs
