// The suite runs on the Node.js line the project targets (.nvmrc), so CI can never silently test on an older one.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('runtime', () => {
  it('runs on the major version of Node.js that .nvmrc names', () => {
    const target = readFileSync(new URL('../.nvmrc', import.meta.url), 'utf8').trim();
    expect(process.versions.node.split('.')[0]).toBe(target.split('.')[0]);
  });
});
