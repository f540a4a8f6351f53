// Before any test file runs: the server bundle the process tests start (`npm run server` is scripts/server.mjs on
// dist/server), built once here when stale, so parallel test files never build it at the same time.
import { ensureServerBuild } from '../scripts/build-server.mjs';

export default async function setup(): Promise<void> {
  await ensureServerBuild();
}
