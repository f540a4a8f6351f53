// `npm start`: build the console and serve the browser build (the Electron shell replaces this when it lands).
import { spawnSync, spawn } from 'node:child_process';

const build = spawnSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
spawn('npx', ['vite', 'preview', '--config', 'renderer/vite.config.ts', '--host', '127.0.0.1'], { stdio: 'inherit' });
