// Declare feature: the declare page, and the classification fields and impact-start rules the console reuses.
export { DeclarePage } from './DeclarePage';
export { ClassificationFields, type ClassificationValue, classificationPayload, emptyClassification } from './Classification';
export { declareIncident } from './commands';
export { impactDateNote, impactStartProblem } from './impact-start';
