// Incidents feature: the incident list (the first page).
export { IncidentList } from './IncidentList';
