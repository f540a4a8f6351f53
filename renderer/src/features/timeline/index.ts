// Timeline feature: the incident's timeline with its entry box, and the entry commands.
export { addEntry, amendEntry, retractEntry, starEntry } from './commands';
export { Timeline } from './Timeline';
