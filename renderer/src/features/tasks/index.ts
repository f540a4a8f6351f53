// Tasks feature: time-boxed tasks inside an incident, each a check-back clock.
export { TasksPanel } from './TasksPanel';
