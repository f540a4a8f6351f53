// Lint canary: the import boundaries of eslint.config.js refuse what docs/architecture.md forbids. Each case lints a
// small fixture (text at a path inside the real folders, so imports resolve against the real code) with ESLint's API.
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

/** The boundary errors ESLint reports for `code` as if it were the file at `file` (relative to the repository). */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId?.startsWith('boundaries/')).map((m) => `${m.ruleId}: ${m.message}`);
}

const FEATURE_FILE = 'renderer/src/features/console/lint-canary.tsx';
const SHARED_FILE = 'shared/plan/lint-canary.ts';

describe('import boundaries (lint canary)', () => {
  it('refuses a renderer feature importing another feature\'s internals, and accepts its index.ts', async () => {
    expect(await boundaryErrors(FEATURE_FILE, "import { Timeline } from '../timeline/Timeline';\nexport const x = Timeline;\n")).toHaveLength(1);
    expect(await boundaryErrors(FEATURE_FILE, "import { Timeline } from '../timeline';\nexport const x = Timeline;\n")).toEqual([]);
    // A feature's own modules stay open to it.
    expect(await boundaryErrors(FEATURE_FILE, "import { ConsolePage } from './ConsolePage';\nexport const x = ConsolePage;\n")).toEqual([]);
  });

  it('refuses shared/ importing a platform module (Node built-ins, Electron, Dexie, React) and accepts a pure library', async () => {
    for (const name of ['node:fs', 'fs', 'electron', 'dexie', 'react']) {
      expect(await boundaryErrors(SHARED_FILE, `import * as m from '${name}';\nexport const x = m;\n`), name).toHaveLength(1);
    }
    expect(await boundaryErrors(SHARED_FILE, "import { z } from 'zod';\nexport const x = z;\n")).toEqual([]);
  });

  it('keeps the layers apart: shared imports no app layer, and renderer, electron and server only shared and themselves', async () => {
    expect(await boundaryErrors(SHARED_FILE, "import { db } from '../../renderer/src/db/instance';\nexport const x = db;\n")).toHaveLength(1);
    expect(await boundaryErrors('renderer/src/db/lint-canary.ts', "import { loadConfig } from '../../../server/src/config';\nexport const x = loadConfig;\n")).toHaveLength(1);
    expect(await boundaryErrors('renderer/src/db/lint-canary.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n")).toHaveLength(1);
    expect(await boundaryErrors('electron/lint-canary.ts', "import { db } from '../renderer/src/db/instance';\nexport const x = db;\n")).toHaveLength(1);
    expect(await boundaryErrors('server/src/lint-canary.ts', "import { parseEvent } from '@shared/incident/events';\nexport const x = parseEvent;\n")).toEqual([]);
    // The renderer's rooms: the db sits below the features, the features below the shell.
    expect(await boundaryErrors(FEATURE_FILE, "import { ROUTES } from '../../app/pages';\nexport const x = ROUTES;\n")).toHaveLength(1);
    expect(await boundaryErrors('renderer/src/db/lint-canary.ts', "import { ConsolePage } from '../features/console';\nexport const x = ConsolePage;\n")).toHaveLength(1);
  });
});
