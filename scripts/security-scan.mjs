// `npm run test:security`: electronegativity on electron/, offline; fails on findings above INFORMATIONAL
// unless electronegativity.json justifies them (by check and file).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const config = JSON.parse(readFileSync(path.join(root, 'electronegativity.json'), 'utf8'));
const require = createRequire(import.meta.url);
const runnerPath = require.resolve('@doyensec/electronegativity/dist/runner.js');

// The scanner downloads fresh translations over HTTP on every run; offline that costs seconds of retries.
// Answer its HTTP client with an immediate failure so it uses the bundled en-US texts.
const scannerRequire = createRequire(path.join(path.dirname(runnerPath), 'locales', 'i18n.js'));
const gotPath = scannerRequire.resolve('got');
const offline = () => Promise.reject(new Error('offline scan'));
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: { __esModule: true, default: offline } };

const quietLog = console.log;
console.log = (...args) => {
  if (!String(args[0]).startsWith('Could not retrieve updated translations')) quietLog(...args);
};
const run = require(runnerPath);
const input = path.join(root, 'electron');
const result = await run({
  input,
  customScan: [],
  excludeFromScan: config.excludeChecks.map((c) => c.check),
  severitySet: 'informational',
  confidenceSet: 'tentative',
  isRelative: true,
  electronVersionOverride: config.electronVersion,
  parserPlugins: [],
});
console.log = quietLog;

const INFORMATIONAL = 0;
const rel = (file) => path.relative(input, path.resolve(input, file)).split(path.sep).join('/');
const isAccepted = (issue) => config.accepted.some((a) => a.check === issue.id && a.file === rel(issue.file));
const relevant = result.issues.filter((i) => i.severity.value > INFORMATIONAL);
const failing = relevant.filter((i) => !isAccepted(i));
const stale = config.accepted.filter((a) => !relevant.some((i) => i.id === a.check && rel(i.file) === a.file));

for (const e of result.errors.filter((e) => !e.tolerable)) console.error(`parse error: ${e.file}: ${e.message}`);
for (const a of stale) console.warn(`note: accepted finding no longer reported, remove it from electronegativity.json: ${a.check} ${a.file}`);
for (const i of failing) {
  console.error(`${i.id} [${i.severity.name ?? i.severity.value}/${i.confidence.name ?? i.confidence.value}] electron/${rel(i.file)}:${i.location.line}:${i.location.column} ${i.description}`);
}
console.log(
  `electronegativity: ${result.atomicChecks + result.globalChecks} checks, ${relevant.length} findings above informational, ` +
    `${relevant.length - failing.length} justified in electronegativity.json, ${failing.length} unjustified`,
);
process.exit(failing.length > 0 || result.errors.some((e) => !e.tolerable) ? 1 : 0);
