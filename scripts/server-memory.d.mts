// Types of scripts/server-memory.mjs (plain JavaScript so scripts/server.mjs runs it with plain node).
export declare const SERVER_MALLOC_ENV: Readonly<Record<string, string>>;
export declare const SERVER_NODE_FLAGS: readonly string[];
/** The node flags and environment the server process runs with, given how it was started. */
export declare function serverProcessSettings(execArgv: readonly string[], env: Readonly<Record<string, string | undefined>>): { flags: string[]; env: Record<string, string> };
/** Replace this process with itself under the server's settings, once; returns when it cannot (or need not). */
export declare function execWithServerSettings(): void;
