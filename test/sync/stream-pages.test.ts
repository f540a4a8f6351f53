// A stream owed a whole read (a closed incident opened from the list, issue #27) is read page by page with the next
// page asked for while the one before is stored: every event stored in order, the stream marked read once at the end;
// a page that fails leaves the stream owed, with nothing marked read.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { IncidentEvent } from '@shared/incident/events';
import { resolveSettings } from '@shared/sync/engine-context';
import { JoinReads } from '@shared/sync/join-reads';
import type { ApplyRemoteResult, TransportRequest } from '@shared/sync/engine';
import { SyncFailure } from '@shared/sync/failure';
import { MemoryStore } from './memory-store';

const WS = randomUUID();
const STREAM = randomUUID();

/** A store whose writes wait until the test lets them go, recording what happened in order. */
class SlowStore extends MemoryStore {
  readonly log: string[] = [];
  private release: Array<() => void> = [];
  override async applyRemote(events: readonly unknown[]): Promise<ApplyRemoteResult> {
    this.log.push(`store ${events.length}`);
    await new Promise<void>((r) => this.release.push(r));
    return super.applyRemote(events);
  }
  override async streamRead(workspace: string, streamId: string): Promise<void> {
    this.log.push('read');
    return super.streamRead(workspace, streamId);
  }
  letGo(): void {
    for (const r of this.release.splice(0)) r();
  }
}

function setup(total: number, failAfter?: number) {
  const author = new MemoryStore('author', Date.now);
  const events: IncidentEvent[] = [];
  for (let i = 0; i < total; i++) events.push(author.record(STREAM, 'entry.added', { kind: 'note', text: `note ${i}` }));
  const store = new SlowStore('reader', Date.now);
  store.owed.add(STREAM);
  const call = async (req: TransportRequest): Promise<unknown> => {
    const after = Number(req.query?.after);
    const limit = Number(req.query?.limit);
    store.log.push(`ask ${after}`);
    if (failAfter !== undefined && after >= failAfter) throw new SyncFailure({ code: 'network', message: 'connection reset' }, true);
    const page = events.slice(after, after + limit);
    return { events: page, cursor: after + page.length, hasMore: after + limit < events.length };
  };
  const reads = new JoinReads({ store, workspace: WS, settings: resolveSettings({ store, transport: { request: async () => ({ status: 500, body: null }) }, workspace: WS, pullLimit: 3 }), call, again: () => undefined });
  return { store, events, reads };
}

/** Let every write go as it arrives until the read ends. */
async function drive(store: SlowStore, read: Promise<void>): Promise<void> {
  let outcome: { error: unknown } | null | undefined;
  void read.then(() => { outcome = null; }, (error: unknown) => { outcome = { error }; });
  while (outcome === undefined) {
    store.letGo();
    await new Promise((r) => setTimeout(r, 1));
  }
  if (outcome) throw outcome.error;
}

describe('reading an owed stream whole', () => {
  it('asks for the next page while the one before is being stored, and stores every event in order', async () => {
    const { store, events, reads } = setup(8);
    await drive(store, reads.readOwedStreams());
    // Page 2 was asked for before page 1 was stored, and so on; the stream is read once, at the end.
    expect(store.log).toEqual(['ask 0', 'ask 3', 'store 3', 'ask 6', 'store 3', 'store 2', 'read']);
    expect([...store.events.keys()].sort()).toEqual(events.map((e) => e.id).sort());
    expect(await store.owedStreams()).toEqual([]);
  });

  it('a page that fails leaves the stream owed: nothing marked read, what arrived is kept', async () => {
    const { store, reads } = setup(8, 3);
    await expect(drive(store, reads.readOwedStreams())).rejects.toThrow('connection reset');
    expect(store.log).not.toContain('read');
    expect(await store.owedStreams()).toEqual([STREAM]);
  });
});
