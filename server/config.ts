import type { KeyObject } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { defaultExpressionLimits, type ExpressionLimits } from '../nodes/expression.js';
import { outboundAllowSetting } from './network/outbound-allow-setting.js';
import { parseEncryptionKey } from './credentials/encryption-key.js';
import { trustNone, trustProxySetting, type TrustProxy } from './webhook/guards/client-address.js';

const integer = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `must be one of ${values.join(', ')}` });
const flag = oneOf(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => ['true', '1', 'yes'].includes(value));

/** Every setting, its environment variable, default and limits; README.md's table mirrors this. */
const settings = z.object({
  HOOKFLOW_PORT: integer(0, 65535).default(3000),
  HOOKFLOW_HOST: z.string().min(1).default('127.0.0.1'),
  HOOKFLOW_PUBLIC_URL: z.url({ error: 'must be an absolute http(s) URL, such as https://hooks.example.com' }).optional(),
  HOOKFLOW_DATA_DIR: z.string().min(1).default('./data'),
  HOOKFLOW_LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOOKFLOW_MAX_BODY_BYTES: integer(1024, 100 * 1024 * 1024).default(1024 * 1024),
  HOOKFLOW_EXECUTION_TIMEOUT_MS: integer(1000, 24 * 3600 * 1000).default(15 * 60 * 1000),
  HOOKFLOW_EXPRESSION_TIMEOUT_MS: integer(10, 60_000).default(1000),
  HOOKFLOW_EXPRESSION_MAX_RESULT_BYTES: integer(1024, 1024 * 1024 * 1024).default(defaultExpressionLimits.maxResultBytes),
  HOOKFLOW_MAX_CONCURRENT_EXECUTIONS: integer(1, 1_000_000).default(1000),
  HOOKFLOW_MAX_QUEUED_EXECUTIONS: integer(0, 1_000_000).default(5000),
  HOOKFLOW_FSYNC: flag.default(true),
  HOOKFLOW_SHUTDOWN_GRACE_MS: integer(0, 600_000).default(10_000),
  HOOKFLOW_RETENTION_DAYS: integer(1, 3650).default(14),
  HOOKFLOW_RETENTION_COUNT: integer(100, 10_000_000).default(10_000),
  HOOKFLOW_RECORD_MAX_VALUE_BYTES: integer(1024, 1024 * 1024 * 1024).default(256 * 1024),
  HOOKFLOW_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  HOOKFLOW_OUTBOUND_ALLOW: outboundAllowSetting.default([]),
  HOOKFLOW_LOAD_EXAMPLES: flag.default(true),
  HOOKFLOW_EDITOR_DIR: z.string().min(1).optional(),
  HOOKFLOW_ENCRYPTION_KEY: z
    .string()
    .transform((text, context) => {
      const key = parseEncryptionKey(text);
      if (!key) context.addIssue({ code: 'custom', message: 'must be 32 bytes written as 64 hex digits or as base64, e.g. the output of `openssl rand -hex 32`' });
      return key ?? z.NEVER;
    })
    .optional(),
  HOOKFLOW_TRUST_PROXY: trustProxySetting.optional(),
});

/** Settings whose values are secrets: a config error names them but never prints their value. */
const secretSettings = new Set(['HOOKFLOW_ENCRYPTION_KEY', 'HOOKFLOW_SMTP_URL']);

export interface Config {
  port: number;
  host: string;
  /** The base URL that webhook URLs are printed with. */
  publicUrl: string | undefined;
  dataDir: string;
  logLevel: string;
  maxBodyBytes: number;
  executionTimeoutMs: number;
  expressionTimeoutMs: number;
  /** Largest result (and string or list inside one) a JSONata evaluation may produce, in bytes. */
  expressionMaxResultBytes: number;
  retention: { maxAgeDays: number; maxCount: number };
  /** Node inputs and outputs and results whose JSON is larger are recorded as a `$truncated` marker. */
  recordMaxValueBytes: number;
  /** On SIGTERM/SIGINT, how long running executions may take to finish before their state is saved for the next start. */
  shutdownGraceMs: number;
  /** fdatasync execution records before an `immediately` webhook is answered 202 (group-committed). */
  fsync: boolean;
  /** Executions running at once across all flows, and waiting for a place; beyond both, webhooks answer 503. */
  executionLimits: { maxRunning: number; maxQueued: number };
  smtpUrl: string | undefined;
  /** Hosts, IPs and CIDR ranges that outgoing requests and e-mail may reach although private. */
  outboundAllow: string[];
  loadExamples: boolean;
  /** A built editor to serve instead of the package's own `editor/dist`. */
  editorDir: string | undefined;
  /** The credentials vault's key; when unset, a key file in the data dir is used (created on first start). Never logged. */
  encryptionKey: KeyObject | undefined;
  /** Which proxies in front are believed about a webhook caller's address (X-Forwarded-For). */
  trustProxy: TrustProxy;
}

/** A setting with a bad value; the message names the variable and what it accepts. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Hookflow cannot start, the configuration is invalid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the configuration from environment variables. Empty values count as unset.
 * @example loadConfig({ HOOKFLOW_PORT: '8080' }).port // 8080
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([key, value]) => key.startsWith('HOOKFLOW_') && value !== ''));
  const parsed = settings.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        return `${issue.path.join('.')} ${issue.message}${secretSettings.has(name) ? '' : ` (got "${present[name]}")`}`;
      }),
    );
  }
  const value = parsed.data;
  return {
    port: value.HOOKFLOW_PORT,
    host: value.HOOKFLOW_HOST,
    publicUrl: value.HOOKFLOW_PUBLIC_URL?.replace(/\/+$/, ''),
    dataDir: path.resolve(value.HOOKFLOW_DATA_DIR),
    logLevel: value.HOOKFLOW_LOG_LEVEL,
    maxBodyBytes: value.HOOKFLOW_MAX_BODY_BYTES,
    executionTimeoutMs: value.HOOKFLOW_EXECUTION_TIMEOUT_MS,
    expressionTimeoutMs: value.HOOKFLOW_EXPRESSION_TIMEOUT_MS,
    expressionMaxResultBytes: value.HOOKFLOW_EXPRESSION_MAX_RESULT_BYTES,
    retention: { maxAgeDays: value.HOOKFLOW_RETENTION_DAYS, maxCount: value.HOOKFLOW_RETENTION_COUNT },
    recordMaxValueBytes: value.HOOKFLOW_RECORD_MAX_VALUE_BYTES,
    fsync: value.HOOKFLOW_FSYNC,
    shutdownGraceMs: value.HOOKFLOW_SHUTDOWN_GRACE_MS,
    executionLimits: { maxRunning: value.HOOKFLOW_MAX_CONCURRENT_EXECUTIONS, maxQueued: value.HOOKFLOW_MAX_QUEUED_EXECUTIONS },
    smtpUrl: value.HOOKFLOW_SMTP_URL,
    outboundAllow: value.HOOKFLOW_OUTBOUND_ALLOW,
    loadExamples: value.HOOKFLOW_LOAD_EXAMPLES,
    editorDir: value.HOOKFLOW_EDITOR_DIR === undefined ? undefined : path.resolve(value.HOOKFLOW_EDITOR_DIR),
    encryptionKey: value.HOOKFLOW_ENCRYPTION_KEY,
    trustProxy: value.HOOKFLOW_TRUST_PROXY ?? trustNone,
  };
}

/** The limits every JSONata evaluation of this server runs under. */
export function expressionLimitsOf(config: Config): ExpressionLimits {
  return { ...defaultExpressionLimits, timeoutMs: config.expressionTimeoutMs, maxResultBytes: config.expressionMaxResultBytes };
}
