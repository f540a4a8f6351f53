// Who a participant is: a person (the name a console joined under, compared as personKey) or one console (by
// device id). Keys of the fold's participant registers and of the server's access decisions.
import { personKey } from '../incident/authorship';

export type Principal = `person:${string}` | `device:${string}`;

export const personPrincipal = (name: string): Principal => `person:${personKey(name)}`;
export const devicePrincipal = (deviceId: string): Principal => `device:${deviceId}`;

/** A console as the server knows it: its device id and the name it joined under. */
export interface Reader {
  deviceId: string;
  person: string;
}

export const principalsOf = (reader: Reader): Principal[] => [devicePrincipal(reader.deviceId), personPrincipal(reader.person)];
