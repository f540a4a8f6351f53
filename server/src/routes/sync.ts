// POST /sync/push and GET /sync/pull: the whole sync contract; the realtime channel is only a hint on top.
import type { FastifyInstance } from 'fastify';
import { eventContentKey } from '@shared/incident/canonical';
import { actingPerson, authorshipProblem, samePerson } from '@shared/incident/authorship';
import { parseEvent, type IncidentEvent } from '@shared/incident/events';
import { decodeHlc, encodeHlc, MAX_DRIFT_MS, type HybridClock } from '@shared/hlc/hlc';
import { pullQuerySchema, pushRequestSchema, streamQuerySchema, summariesQuerySchema } from '@shared/sync/protocol';
import { isServerIdentity } from '@shared/sync/server-actor';
import { authBeforeBody, authenticate, bearerToken, requireWorkspace } from '../auth/guard';
import { checkPushSignatures } from '../auth/signatures';
import { sha256 } from '../auth/secrets';
import { cursorMarks } from '../store/cursor-marks';
import { tokenCacheFor } from '../auth/token-cache';
import type { ServerContext } from '../context';
import { ApiError } from '../errors';
import type { Caller } from '../store/workspaces';
import { pushEvents } from '../store/events';
import { accessForRead, accessForWrite, noteWrite } from '../access/load';
import { readerOf, writerOf } from '../access/reader';
import { pullStream, pullVisible } from '../access/pull';
import { readSummaries } from '../access/summaries';
import { carriedEvents } from '../realtime/hub';
import { parseOr400 } from './validate';

/** A push of 500 events of the largest allowed size fits; anything beyond is refused before parsing. */
export const PUSH_BODY_LIMIT = 12 * 1024 * 1024;

function actorMismatch(index: number, path: string, message: string): ApiError {
  return new ApiError(403, 'actor_mismatch', `events[${index}].${path}: ${message}`, { index, path });
}

/**
 * An event speaks only for the device that pushes it: its actor and its clock node are the caller's device.
 * An imported event (archive) keeps its author and names the caller as importer instead. Nobody but the
 * server itself writes as the server. An act in a person's own name (accepting command, acknowledging, offering
 * a handover: shared/incident/authorship.ts) must name its author, and its author must be the person this device
 * joined as: a laptop cannot accept command for someone else by naming them, nor by renaming itself.
 */
function checkAuthor(event: IncidentEvent, index: number, caller: Caller): void {
  const node = decodeHlc(event.hlc).node;
  if (isServerIdentity(event.actor.deviceId) || isServerIdentity(node)) {
    throw actorMismatch(index, 'actor.deviceId', 'only the server writes events as the server');
  }
  if (event.imported) {
    if (event.imported.by.deviceId !== caller.deviceId) {
      throw actorMismatch(index, 'imported.by.deviceId', `an import must name the pushing device (${caller.deviceId}) as importer`);
    }
    return;
  }
  if (event.actor.deviceId !== caller.deviceId) {
    throw actorMismatch(index, 'actor.deviceId', `this device (${caller.deviceId}) may only push its own events; mark events of others as imported`);
  }
  if (node !== caller.deviceId) throw actorMismatch(index, 'hlc', `clock node must be this device (${caller.deviceId})`);
  const problem = authorshipProblem(event);
  if (problem) throw actorMismatch(index, problem.path, problem.message);
  const acting = actingPerson(event);
  if (acting && !samePerson(acting.person, caller.displayName)) {
    throw actorMismatch(index, acting.path, `${acting.act}: it names ${acting.person}, but this device joined as ${caller.displayName}`);
  }
}

export type ReadEvent = { event: IncidentEvent } | { error: 'invalid_event' | 'clock_skew'; message: string; status: number; path: string };

/** One event of a push or relay: valid, and not stamped further ahead than the drift bound. */
export function readEvent(raw: unknown, index: number, now: number): ReadEvent {
  const parsed = parseEvent(raw);
  if (!parsed.ok) return { error: 'invalid_event', status: 400, message: `events[${index}].${parsed.error}`, path: parsed.error.split(':')[0] ?? '' };
  const wall = decodeHlc(parsed.event.hlc).wall;
  if (wall - now > MAX_DRIFT_MS) {
    return { error: 'clock_skew', status: 422, path: 'hlc',
      message: `events[${index}].hlc is ${Math.round((wall - now) / 1000)} s ahead of server time (limit ${MAX_DRIFT_MS / 1000} s); fix this device's clock` };
  }
  return { event: parsed.event };
}

function validateBatch(raw: unknown[], now: number, caller: Caller): IncidentEvent[] {
  const events: IncidentEvent[] = [];
  const firstIndex = new Map<string, number>();
  for (let index = 0; index < raw.length; index++) {
    const read = readEvent(raw[index], index, now);
    if ('error' in read) throw new ApiError(read.status, read.error, read.message, { index, path: read.path });
    const parsed = read;
    if (parsed.event.relayed) throw actorMismatch(index, 'relayed', 'a relayed copy goes to /sync/relay, where its signature is checked; a push carries this device\'s own events');
    checkAuthor(parsed.event, index, caller);
    const earlier = firstIndex.get(parsed.event.id);
    if (earlier !== undefined && eventContentKey(events[earlier] as IncidentEvent) !== eventContentKey(parsed.event)) {
      throw idConflict(index, parsed.event.id, `twice in this push (first at events[${earlier}]) with different content`);
    }
    if (earlier === undefined) firstIndex.set(parsed.event.id, index);
    events.push(parsed.event);
  }
  return events;
}

function idConflict(index: number, id: string, what: string): ApiError {
  return new ApiError(409, 'id_conflict',
    `events[${index}].id: event ${id} is ${what}; events never change, write a new event instead`, { index, path: 'id' });
}

function maxHlc(events: IncidentEvent[]): string | undefined {
  let max: string | undefined;
  for (const e of events) if (max === undefined || e.hlc > max) max = e.hlc;
  return max;
}

export function stampServerClock(clock: HybridClock, events: IncidentEvent[]): string {
  const max = maxHlc(events);
  if (max) clock.receive(decodeHlc(max)); // within the drift bound: checked above
  return encodeHlc(clock.now());
}

/** Events the delivery worker acts on: a push carrying one wakes it at once. */
const DELIVERY_TRIGGERS = new Set<string>(['delivery.requested', 'delivery.retried', 'page.requested']);

export function registerSyncRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/sync/push', { bodyLimit: PUSH_BODY_LIMIT, preParsing: authBeforeBody(ctx.db) }, async (request) => {
    const caller = await authenticate(ctx.db, request);
    const body = parseOr400(pushRequestSchema, request.body, 'body');
    requireWorkspace(caller, body.workspace);
    const events = validateBatch(body.events, ctx.now(), caller);
    // Visibility (docs/server.md, Restricted incidents): judged against the log as this push finds it.
    const refused = (await accessForWrite(ctx.db, caller.workspaceId)).checkPush(writerOf(caller), events);
    if (refused) {
      throw new ApiError(403, refused.code ?? 'restricted_incident', `events[${refused.index}].${refused.path}: ${refused.message}`, { index: refused.index, path: refused.path });
    }
    await checkPushSignatures(ctx.db, caller, events);
    const tokenHash = sha256(bearerToken(request) as string); // authenticate() proved there is one
    const result = await ctx.trackWrite(noteWrite(ctx.db, caller.workspaceId,
      pushEvents(ctx.db, caller.workspaceId, caller.deviceId, events, ctx.instanceId, { tokenHash }), (r) => (r.unauthorized || r.conflict ? [] : events)));
    if (result.unauthorized) {
      tokenCacheFor(ctx.db).delete(tokenHash);
      throw new ApiError(401, 'unauthorized', 'unknown or revoked device token; join the workspace again');
    }
    if (result.conflict) {
      const { id } = result.conflict;
      throw idConflict(events.findIndex((e) => e.id === id), id, 'already stored with different content');
    }
    if (result.inserted > 0) ctx.hub.poke(caller.workspaceId, result.seq, carriedEvents(events, result));
    if (result.inserted > 0 && events.some((e) => DELIVERY_TRIGGERS.has(e.type))) ctx.deliveryRequested();
    ctx.metrics.pushedEvents.inc({ outcome: 'inserted' }, result.inserted);
    ctx.metrics.pushedEvents.inc({ outcome: 'duplicate' }, result.acked.length - result.inserted);
    request.log.info({ workspace: caller.workspaceId, device: caller.deviceId, received: events.length, inserted: result.inserted, seq: result.seq }, 'push');
    return { acked: result.acked, serverHlc: stampServerClock(ctx.clock, events), seq: result.seq, epoch: result.epoch };
  });

  app.get('/sync/pull', { preParsing: authBeforeBody(ctx.db) }, async (request) => {
    const caller = await authenticate(ctx.db, request);
    const query = parseOr400(pullQuerySchema, request.query, 'query');
    requireWorkspace(caller, query.workspace);
    // The fold covers every row up to the head it gives; the page reads no further.
    const { access, head, epoch } = await accessForRead(ctx.db, caller.workspaceId);
    const hidden = access.hiddenFor(readerOf(caller));
    const page = await pullVisible(ctx.db, caller.workspaceId, query.after, query.limit, head, hidden);
    const marks = await cursorMarks(ctx.db, caller.workspaceId, [query.after, page.cursor]);
    ctx.metrics.pulledEvents.inc(page.events.length);
    return { ...page, epoch, head, access: { hidden }, afterMark: marks.get(query.after) ?? null, cursorMark: marks.get(page.cursor) ?? null };
  });

  // One stream's history (a pull page of it), for a console newly allowed to read it (invited to a restricted
  // incident, or one opened again) or opening an incident it joined without (issue #27): refused while it may not.
  app.get('/sync/stream', { preParsing: authBeforeBody(ctx.db) }, async (request) => {
    const caller = await authenticate(ctx.db, request);
    const query = parseOr400(streamQuerySchema, request.query, 'query');
    requireWorkspace(caller, query.workspace);
    const { access, head, epoch } = await accessForRead(ctx.db, caller.workspaceId);
    const { stream } = query;
    const reader = readerOf(caller);
    if (!access.mayRead(reader, stream)) {
      throw new ApiError(403, 'restricted_incident', `query.stream: ${stream} is restricted and this console is not among its participants`, { path: 'stream' });
    }
    const page = await pullStream(ctx.db, caller.workspaceId, stream, query.after, query.limit, head);
    const marks = await cursorMarks(ctx.db, caller.workspaceId, [query.after, page.cursor]);
    ctx.metrics.pulledEvents.inc(page.events.length);
    return { ...page, epoch, head, access: { hidden: access.hiddenFor(reader) }, afterMark: marks.get(query.after) ?? null, cursorMark: marks.get(page.cursor) ?? null };
  });

  // Joining without the history (issue #27): every readable stream's summary rows and size, as a page up to the head.
  app.get('/sync/summaries', { preParsing: authBeforeBody(ctx.db) }, async (request) => {
    const caller = await authenticate(ctx.db, request);
    const query = parseOr400(summariesQuerySchema, request.query, 'query');
    requireWorkspace(caller, query.workspace);
    const { access, head, epoch } = await accessForRead(ctx.db, caller.workspaceId);
    const hidden = access.hiddenFor(readerOf(caller));
    const read = await readSummaries(ctx.db, caller.workspaceId, head, hidden);
    const marks = await cursorMarks(ctx.db, caller.workspaceId, [head]);
    ctx.metrics.pulledEvents.inc(read.events.length);
    return { events: read.events, cursor: head, hasMore: false, epoch, head, access: { hidden }, afterMark: null, cursorMark: marks.get(head) ?? null, streams: read.streams };
  });
}
