// Handover feature: who is in command, and passing command with an ICS-201-shaped briefing.
export { CommandPanel } from './CommandPanel';
export { HandoverNotice } from './HandoverNotice';
