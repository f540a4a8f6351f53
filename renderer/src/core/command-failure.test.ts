// A failed command tells the user what happened: storage full and a blocked database are persistent and say that
// nothing stored was lost; a refusal shows its own words; anything else says it was not saved.
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { CommandRefused, describeFailure, STORAGE_BLOCKED_MESSAGE, STORAGE_FULL_MESSAGE } from './command-failure';
import { useFailures } from './failure-store';
import { runCommand } from './useCommand';

const quotaDom = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

afterEach(() => useFailures.getState().dismiss());

describe('describeFailure', () => {
  it('recognises a full disk however Dexie wraps it', () => {
    for (const error of [quotaDom(), new Dexie.AbortError('Transaction aborted', quotaDom()), new Dexie.QuotaExceededError('full'),
      new Dexie.BulkError('bulkAdd failed', [quotaDom()])]) {
      const failure = describeFailure(error);
      expect(failure.kind).toBe('storage-full');
      expect(failure.persistent).toBe(STORAGE_FULL_MESSAGE);
    }
    expect(STORAGE_FULL_MESSAGE).toMatch(/Nothing already stored was lost/);
  });

  it('recognises a database closed or blocked by another tab', () => {
    for (const error of [new Dexie.DatabaseClosedError('Database has been closed'), new Dexie.OpenFailedError('open failed', new Dexie.VersionChangeError('upgrade'))]) {
      expect(describeFailure(error)).toMatchObject({ kind: 'storage-blocked', persistent: STORAGE_BLOCKED_MESSAGE });
    }
  });

  it('shows a refusal as written and a validation error with its path, neither persistent', () => {
    expect(describeFailure(new CommandRefused('Give a reason for the change.'))).toEqual({ kind: 'refused', message: 'Give a reason for the change.' });
    const zod = z.object({ reason: z.string().min(1) }).safeParse({ reason: '' }).error;
    const failure = describeFailure(zod);
    expect(failure.kind).toBe('invalid');
    expect(failure.message).toMatch(/^Not saved: reason: /);
    expect(failure.persistent).toBeUndefined();
  });

  it('says anything else was not saved, with the cause', () => {
    expect(describeFailure(new Error('disk on fire'))).toEqual({ kind: 'failed', message: 'Not saved: disk on fire' });
  });
});

describe('runCommand', () => {
  it('returns the value of a command that succeeds', async () => {
    await expect(runCommand(async (a: number, b: number) => a + b, 2, 3)).resolves.toEqual({ ok: true, value: 5 });
  });

  it('never rejects, and puts storage trouble in the persistent region until dismissed', async () => {
    const outcome = await runCommand(async () => { throw new Dexie.AbortError('aborted', quotaDom()); });
    expect(outcome.ok).toBe(false);
    expect(useFailures.getState().persistent).toEqual({ title: 'Storage problem', message: STORAGE_FULL_MESSAGE });
    await runCommand(async () => 'later success');
    expect(useFailures.getState().persistent).toEqual({ title: 'Storage problem', message: STORAGE_FULL_MESSAGE });
    useFailures.getState().dismiss();
    expect(useFailures.getState().persistent).toBeNull();
  });

  it('leaves the persistent region alone for a refusal', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    await runCommand(async () => { throw new CommandRefused('no'); });
    expect(useFailures.getState().persistent).toBeNull();
    expect(log).not.toHaveBeenCalled();
    log.mockRestore();
  });
});

describe('a refusal with several problems', () => {
  it('keeps its list for the control to show under the message (a plan refused with its path-named problems)', () => {
    const failure = describeFailure(new CommandRefused('The plan was not published: 2 problems', ['severities[0].responseTarget: expected a duration', 'steps: required']));
    expect(failure).toEqual({ kind: 'refused', message: 'The plan was not published: 2 problems', details: ['severities[0].responseTarget: expected a duration', 'steps: required'] });
    expect(describeFailure(new CommandRefused('Nothing to do'))).toEqual({ kind: 'refused', message: 'Nothing to do' });
  });
});
