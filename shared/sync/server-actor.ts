// The server's own identity: the author of events the server writes itself (alerts, delivery results).
import type { Actor } from '../incident/events';

/** The actor deviceId of every server-authored event. No device can join with it or push in its name. */
export const SERVER_DEVICE_ID = 'server';

export const SERVER_ACTOR: Readonly<Actor> = Object.freeze({ name: 'Incident Console server', deviceId: SERVER_DEVICE_ID });

/** Ids reserved for the server: its actor id and its HLC nodes (`server-<instance>`). */
export function isServerIdentity(id: string): boolean {
  return id === SERVER_DEVICE_ID || id.startsWith(`${SERVER_DEVICE_ID}-`);
}
