// The runtimes the project supports: Node.js 24 LTS (the target, .nvmrc) and 22 LTS from 22.12. An older Node (20
// reached its end of life on 2026-04-30) stops `npm start` and `npm run server` with one line saying what to do,
// instead of running the server that faces the internet on a runtime without security fixes.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`Node.js ${process.version} is not supported (end of life or too old): use Node.js 24 LTS. ` +
    'In this shell: `. scripts/node24.sh` (installs it from the npm registry on Linux x64 when missing), then run again.\n');
  process.exit(1);
}
