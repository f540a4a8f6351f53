// The server's process settings for memory (issue #27: the embedded server's resident memory). Both must be set
// before the process starts, so `npm run server` (scripts/server.mjs) replaces itself once, at its first line,
// with the same node, arguments and pid plus these (process.execve; where it is missing, as on Windows or a Node
// before 22.15, the server runs as started). What each saves was measured with bench:server (docs/server.md):
// - MALLOC_MMAP_THRESHOLD_ (glibc): glibc raises its mmap threshold to the largest block freed so far (up to
//   32 MB), so after start-up (PGlite's WASM module read and compiled, its data files, the optimising compiler's
//   zones) blocks of megabytes come from the threads' malloc arenas and stay there once freed: ~60 MB of the idle
//   server. A fixed threshold keeps blocks over 128 KB in their own mappings, given back when freed. Other C
//   libraries ignore the variable.
// - --max-semi-space-size: V8 sizes the young generation from the machine's memory (2 x 64 MB of semi-spaces
//   here); the server's objects are short-lived request data, and after a burst of pushes the grown semi-spaces
//   stayed resident. 4 MB is plenty for a request's short-lived data.
// A setting the caller gave (the variable in the environment, the flag on node's command line) is kept as given.
const MARKER = 'INCIDENT_CONSOLE_SERVER_TUNED';

export const SERVER_MALLOC_ENV = { MALLOC_MMAP_THRESHOLD_: '131072' };
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4'];

/** The node flags and environment the server process runs with, given how it was started. */
export function serverProcessSettings(execArgv, env) {
  const flags = SERVER_NODE_FLAGS.filter((flag) => !execArgv.some((given) => given.startsWith(flag.split('=')[0])));
  const extraEnv = Object.fromEntries(Object.entries(SERVER_MALLOC_ENV).filter(([key]) => env[key] === undefined));
  return { flags, env: extraEnv };
}

/** Replace this process with itself under the server's settings, once; returns when it cannot (or need not). */
export function execWithServerSettings() {
  if (process.env[MARKER] || typeof process.execve !== 'function') return;
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean)];
  const { flags, env } = serverProcessSettings(given, process.env);
  if (flags.length === 0 && Object.keys(env).length === 0) return;
  process.execve(process.execPath, [process.execPath, ...process.execArgv, ...flags, ...process.argv.slice(1)],
    { ...process.env, ...env, [MARKER]: '1' });
}
