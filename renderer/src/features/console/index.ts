// Console feature: one incident's working screen (header, clocks, timeline, panels).
export { ConsolePage } from './ConsolePage';
