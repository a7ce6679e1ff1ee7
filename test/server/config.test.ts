import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      publicUrl: undefined,
      dataDir: path.resolve('./data'),
      logLevel: 'info',
      maxBodyBytes: 1048576,
      executionTimeoutMs: 900000,
      expressionTimeoutMs: 1000,
      expressionMaxResultBytes: 10485760,
      retention: { maxAgeDays: 14, maxCount: 10000 },
      fsync: true,
      shutdownGraceMs: 10000,
      recordMaxValueBytes: 262144,
      executionLimits: { maxRunning: 1000, maxQueued: 5000 },
      smtpUrl: undefined,
      outboundAllow: [],
      loadExamples: true,
      trustProxy: { kind: 'none' },
    });
  });

  it('reads every setting and treats empty values as unset', () => {
    const config = loadConfig({
      HOOKFLOW_PORT: '8080',
      HOOKFLOW_HOST: '0.0.0.0',
      HOOKFLOW_PUBLIC_URL: 'https://hooks.example.com/',
      HOOKFLOW_DATA_DIR: '/tmp/hookflow-data',
      HOOKFLOW_LOG_LEVEL: 'warn',
      HOOKFLOW_MAX_BODY_BYTES: '4096',
      HOOKFLOW_SMTP_URL: 'smtps://u:p@mail.example.com:465',
      HOOKFLOW_LOAD_EXAMPLES: 'false',
      HOOKFLOW_RETENTION_DAYS: '',
    });
    expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', publicUrl: 'https://hooks.example.com', dataDir: '/tmp/hookflow-data', logLevel: 'warn', maxBodyBytes: 4096, loadExamples: false });
    expect(config.retention.maxAgeDays).toBe(14);
  });

  it('refuses bad values with a message naming each variable and what it got', () => {
    let error: unknown;
    try {
      loadConfig({ HOOKFLOW_PORT: 'eighty', HOOKFLOW_LOG_LEVEL: 'loud', HOOKFLOW_MAX_BODY_BYTES: '10', HOOKFLOW_SMTP_URL: 'mail.example.com', HOOKFLOW_PUBLIC_URL: 'not a url' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/^Hookflow cannot start, the configuration is invalid:/);
    expect(message).toMatch(/HOOKFLOW_PORT must be a whole number \(got "eighty"\)/);
    expect(message).toMatch(/HOOKFLOW_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent \(got "loud"\)/);
    expect(message).toMatch(/HOOKFLOW_MAX_BODY_BYTES must be at least 1024 \(got "10"\)/);
    expect(message).toMatch(/HOOKFLOW_SMTP_URL must start with smtp:\/\/ or smtps:\/\//);
    expect(message).toMatch(/HOOKFLOW_PUBLIC_URL must be an absolute http\(s\) URL/);
    expect((error as ConfigError).problems).toHaveLength(5);
  });

  it('reads the execution limits and refuses values outside their bounds', () => {
    expect(loadConfig({ HOOKFLOW_MAX_CONCURRENT_EXECUTIONS: '8', HOOKFLOW_MAX_QUEUED_EXECUTIONS: '0' }).executionLimits).toEqual({ maxRunning: 8, maxQueued: 0 });
    expect(() => loadConfig({ HOOKFLOW_MAX_CONCURRENT_EXECUTIONS: '0' })).toThrow(/HOOKFLOW_MAX_CONCURRENT_EXECUTIONS must be at least 1 \(got "0"\)/);
    expect(() => loadConfig({ HOOKFLOW_MAX_CONCURRENT_EXECUTIONS: 'many' })).toThrow(/HOOKFLOW_MAX_CONCURRENT_EXECUTIONS must be a whole number/);
    expect(() => loadConfig({ HOOKFLOW_MAX_QUEUED_EXECUTIONS: '-1' })).toThrow(/HOOKFLOW_MAX_QUEUED_EXECUTIONS must be at least 0/);
    expect(() => loadConfig({ HOOKFLOW_MAX_QUEUED_EXECUTIONS: '2.5' })).toThrow(/HOOKFLOW_MAX_QUEUED_EXECUTIONS must be a whole number/);
    expect(() => loadConfig({ HOOKFLOW_MAX_QUEUED_EXECUTIONS: '1e9' })).toThrow(/HOOKFLOW_MAX_QUEUED_EXECUTIONS must be at most 1000000/);
  });
});
