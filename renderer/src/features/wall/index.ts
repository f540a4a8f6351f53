// Wall-display feature: the war-room layout, its platform sync, and the console's toggle button.
export { WallDisplay } from './WallDisplay';
export { useWallDisplaySync } from './useWallDisplaySync';
export { WallDisplayButton } from './WallDisplayButton';
