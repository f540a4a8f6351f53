// What a console reads besides the pull (issue #27): the summaries it joins on, and the streams it is owed whole
// (newly readable, or left unread at the join). The sync engine (engine.ts) calls these around its pull.
import type { z } from 'zod';
import type { EngineContext } from './engine-context';
import { badResponse, SyncFailure } from './failure';
import { streamResponseSchema, summariesResponseSchema, type pullResponseSchema } from './protocol';
import { historyVerdict, type HistoryMark } from './recovery';

/** The engine's way to take in one answer of the log (applyPulled): purge, store, move the cursor; the mark after. */
export type ApplyPulled = (page: z.infer<typeof pullResponseSchema>, cursor: number, mark: HistoryMark | null, purge: boolean) => Promise<HistoryMark | null>;

export class JoinReads {
  /** The server answered that it has no summaries (older than issue #27): joins read the whole log. */
  noSummaries = false;

  constructor(private readonly ctx: EngineContext) {}

  /**
   * A console that has read nothing yet joins on the summaries (issue #27): every readable stream's summary events
   * and size, as a page up to the head. The store owes the streams it needs now (read whole after the pull) and keeps
   * the rest as not read; the cursor moves to the head, so the pull goes on from there. Null (the whole log is read
   * instead) from a server without summaries, or when the answer says the history went back (the pull handles that).
   */
  async readSummaries(mark: HistoryMark | null, purge: boolean, applyPulled: ApplyPulled): Promise<{ mark: HistoryMark | null; cursor: number } | null> {
    const { store, workspace } = this.ctx;
    if (!store.planJoin) return null;
    let res: unknown;
    try {
      res = await this.ctx.call({ method: 'GET', path: '/sync/summaries', query: { workspace } });
    } catch (err) {
      if (err instanceof SyncFailure && (err.info.code === 'not_found' || err.info.code === 'http_404')) {
        this.noSummaries = true; // a server older than summaries: the whole log, as before
        return null;
      }
      throw err;
    }
    const parsed = summariesResponseSchema.safeParse(res);
    if (!parsed.success) throw badResponse('summaries');
    const page = parsed.data;
    const verdict = historyVerdict(mark, page, 0);
    if (verdict === 'went-back') return null;
    // Owed and not-read are written before the cursor passes the events the page leaves out. A crash before the
    // history mark is stored reads the summaries again; after it, the whole log from 0 (correct, only slower).
    await store.planJoin(workspace, page.events, page.streams);
    let next = mark;
    if (verdict === 'first' && page.epoch) {
      next = { epoch: page.epoch, repushOwed: false };
      await store.setHistory?.(workspace, next);
    }
    next = await applyPulled(page, 0, next, purge);
    return { mark: next, cursor: page.cursor };
  }

  /**
   * Streams this console may read again (invited to a restricted incident, or one opened to the workspace): their
   * events were left out of earlier pulls, below the cursor, so each is read whole from the start. One refused
   * (hidden again meanwhile) stays owed until the next pull says so, which purges it.
   */
  async readOwedStreams(): Promise<void> {
    const { store, workspace } = this.ctx;
    if (!store.owedStreams || !store.streamRead) return;
    for (const stream of await store.owedStreams(workspace)) {
      // The next page is asked for as soon as a page arrives, while that page is stored (a closed incident opened
      // from the list waits for its whole stream: issue #27). Every page is stored in order before the stream counts
      // as read; an error of either side ends the read (the stream stays owed).
      let next: Promise<PageAnswer> | undefined = this.page(stream, 0);
      while (next) {
        const answer: PageAnswer = await next;
        next = undefined;
        if (answer.kind === 'refused') { this.ctx.again(); break; }
        if (answer.kind === 'failed') throw answer.error;
        const page = answer.page;
        const more = page.hasMore && page.events.length > 0;
        if (more) next = this.page(stream, page.cursor);
        if (page.events.length > 0) {
          try {
            await store.applyRemote(page.events);
          } catch (err) {
            await next; // settled, never rejects: nothing left unobserved
            throw err;
          }
        }
        if (!more) await store.streamRead(workspace, stream);
      }
    }
  }

  /** One page of a stream, as a settled answer (a prefetched page's failure is taken when its turn comes). */
  private async page(stream: string, after: number): Promise<PageAnswer> {
    const { workspace } = this.ctx;
    try {
      const res = await this.ctx.call({ method: 'GET', path: '/sync/stream', query: { workspace, stream, after, limit: this.ctx.settings.pullLimit } });
      const parsed = streamResponseSchema.safeParse(res);
      if (!parsed.success) return { kind: 'failed', error: badResponse('stream') };
      return { kind: 'page', page: parsed.data };
    } catch (err) {
      if (err instanceof SyncFailure && err.info.code === 'restricted_incident') return { kind: 'refused' };
      return { kind: 'failed', error: err };
    }
  }
}

type PageAnswer =
  | { kind: 'page'; page: z.infer<typeof streamResponseSchema> }
  | { kind: 'refused' }
  | { kind: 'failed'; error: unknown };
