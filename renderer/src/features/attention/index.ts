// Attention feature: the console's attention strip and the cross-incident summary on other pages.
export { AttentionStrip } from './AttentionStrip';
export { GlobalAttention } from './GlobalAttention';
