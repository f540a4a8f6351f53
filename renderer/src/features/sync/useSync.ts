// React access to the sync service's view (connection + engine status).
import { useSyncExternalStore } from 'react';
import { syncService } from './instance';
import type { SyncView } from './service';

export function useSyncView(): SyncView {
  return useSyncExternalStore(syncService.subscribe, syncService.getView);
}
