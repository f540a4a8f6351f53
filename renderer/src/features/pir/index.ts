// Post-incident review: the Reviews page (list + editor), the editor itself, and the console's entry point.
export { PirEditor } from './PirEditor';
export { OpenReviewButton } from './OpenReviewButton';
export { editPirField, recordBreach } from './commands';
export { exportName } from './files';
