// Plan feature: the team's plan (versions, changes, publish, export) and an incident's pinned plan (adopt a newer one).
export { AdoptPlanBanner } from './AdoptPlanBanner';
