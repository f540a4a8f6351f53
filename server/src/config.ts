// Server settings from the environment, validated: where the data lives, where to listen, limits.
import { resolve } from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  WEB_DIR: z.string().default('./dist/web'),
  WORKSPACE_NAME: z.string().min(1).max(100).default('Incident response'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
});

export interface ServerConfig {
  databaseUrl?: string;
  dataDir: string;
  host: string;
  port: number;
  webDir: string;
  workspaceName: string;
  logLevel: string;
  rateLimitPerMinute: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`bad environment: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const e = parsed.data;
  return {
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    dataDir: resolve(e.DATA_DIR),
    host: e.HOST,
    port: e.PORT,
    webDir: resolve(e.WEB_DIR),
    workspaceName: e.WORKSPACE_NAME,
    logLevel: e.LOG_LEVEL,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
  };
}
