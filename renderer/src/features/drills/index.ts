// Drills and tabletop exercises: pages and the pieces the shell and console place.
export { DrillBanner } from './DrillBanner';
export { DrillInjectRunners } from './DrillInjectRunners';
export { FacilitatorView } from './FacilitatorView';
export { DebriefPage } from './DebriefPage';
export { TrainingLogPage } from './TrainingLogPage';
