import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { openFileAuditLog } from './audit/file-audit-log.js';
import { openAuthStore } from './auth/auth-store.js';
import { announceSetup } from './auth/setup-link.js';
import { ConfigError, loadConfig } from './config.js';
import { StartupError } from './errors.js';
import { createLogger } from './logger.js';
import { webhookUrls } from './routes/flow-view.js';
import { loadExampleFlows } from './runtime/example-flows.js';
import { acquireServerLock, refuseIfServed } from './runtime/server-lock.js';
import { openStore } from './store/open-store.js';

/**
 * Starts Hookflow: validates the configuration, opens the store in the data directory, loads
 * the example flows on first start, listens, carries on with the executions the last run left
 * unfinished, and shuts down cleanly on SIGTERM/SIGINT: new calls get 503, running executions get
 * the grace period to finish, and the state of the rest is saved for the next start.
 */
export async function startServer(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = loadConfig(env);
  const logger = createLogger(config.logLevel);
  await refuseIfServed(config.dataDir);
  const store = await openStore({ dataDir: config.dataDir, retention: config.retention, recordMaxValueBytes: config.recordMaxValueBytes, fsync: config.fsync, logger: (message) => logger.warn(message) });
  const auth = await openAuthStore(config.dataDir);
  const audit = await openFileAuditLog(config.dataDir, { onError: (error) => logger.error({ err: error }, 'the audit log could not be written') });
  const { listener, runtime, executor, close, setBaseUrl, recover } = createApp({ config, store, logger, auth, audit });
  await runtime.warm();
  if (config.loadExamples) await loadExampleFlows(runtime, config.dataDir, logger);

  const server = await listen(createServer(listener), config.host, config.port).catch(async (error: unknown) => {
    close();
    await Promise.all([store.close(), auth.close(), audit.close()]);
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  const base = config.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  const lock = await acquireServerLock(config.dataDir, base);
  setBaseUrl(base);
  await recover();
  logger.info({ url: base, dataDir: config.dataDir }, `Hookflow is listening on ${base}`);
  await announceSetup(auth, base, logger);
  for (const stored of await store.flows.list()) {
    const where = webhookUrls(stored, base)?.url ?? 'starts when a watched flow fails (no webhook URL)';
    logger.info({ flowId: stored.flow.id, active: stored.flow.active }, `flow "${stored.flow.name}": ${where}`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down: no new executions, letting running ones finish');
    server.close();
    const { finished, persisted } = await executor.shutdown(config.shutdownGraceMs);
    logger.info({ finished, persisted }, `${persisted} execution(s) still running were saved to carry on after the restart`);
    server.closeAllConnections();
    close();
    await Promise.all([store.close(), auth.close(), audit.close()]);
    await lock.release();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

async function listen(server: Server, host: string, port: number): Promise<Server> {
  try {
    await once(server.listen(port, host), 'listening');
    return server;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new StartupError(`Port ${port} on ${host} is already in use; set HOOKFLOW_PORT to a free port.`, { cause: error });
    if (code === 'EACCES') throw new StartupError(`Hookflow may not listen on port ${port}; choose a port above 1023 with HOOKFLOW_PORT.`, { cause: error });
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new StartupError(`The address ${host} is not on this machine; check HOOKFLOW_HOST.`, { cause: error });
    throw error;
  }
}

/** What `npm start` prints when Hookflow cannot start: the reason alone when a person can fix it. */
export function describeStartFailure(error: unknown): string {
  if (error instanceof ConfigError || error instanceof StartupError) return error.message;
  return `Hookflow could not start: ${(error as Error).stack ?? String(error)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  startServer().catch((error: unknown) => {
    process.stderr.write(`${describeStartFailure(error)}\n`);
    process.exit(1);
  });
}
