// A console as visibility sees it: its device id and the name it joined under (never what its events claim).
import type { Reader } from '@shared/access/principal';
import type { Caller } from '../store/workspaces';
import type { Writer } from './workspace-access';

export const readerOf = (caller: Caller): Reader => ({ deviceId: caller.deviceId, person: caller.displayName });
export const writerOf = (caller: Caller): Writer => ({ ...readerOf(caller), admin: caller.role === 'admin' });
