// Sync feature: the Server page, the top-bar status chip and the app's sync service.
export { SyncStatusChip } from './SyncStatusChip';
export { syncService } from './instance';
export { HistoryNotice } from './HistoryNotice';
export { UnreadHistoryNotice } from './UnreadHistoryNotice';
