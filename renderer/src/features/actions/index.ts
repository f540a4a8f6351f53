// Action items: the per-incident editor (used by the review) and the cross-incident page.
export { ActionItemsEditor } from './ActionItemsEditor';
export { TaskOffers } from './TaskOffers';
export { createAction, recordFollowUp, updateAction } from './commands';
