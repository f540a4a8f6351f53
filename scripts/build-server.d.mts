// Types of build-server.mjs for the TypeScript callers (bench, test setup).
export const SERVER_BUILD_DIR: string;
export function serverBuildIsCurrent(outDir?: string): boolean;
export function buildServer(outDir?: string): Promise<void>;
export function ensureServerBuild(outDir?: string): Promise<boolean>;
