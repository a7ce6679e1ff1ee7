import { createRegistry } from '../../nodes/registry.js';
import { expressionLimitsOf, type Config } from '../config.js';
import { openVault } from '../credentials/vault.js';
import { FlowNotFoundError } from '../errors.js';
import type { Logger } from '../logger.js';
import { summariseFlow } from '../routes/flow-view.js';
import { bundleFlows, importFlows } from '../runtime/flow-files.js';
import { FlowRuntime } from '../runtime/flow-runtime.js';
import { openStore } from '../store/open-store.js';
import type { FlowAdmin } from './flow-admin.js';

/** Works on the data directory directly; only used when no server holds it. */
export async function createLocalAdmin(config: Config, logger: Logger): Promise<FlowAdmin> {
  const store = await openStore({ dataDir: config.dataDir, retention: config.retention, recordMaxValueBytes: config.recordMaxValueBytes, fsync: false, logger: (message: string) => logger.warn(message) });
  // With the vault, an active flow naming a missing credential is refused here as the server refuses it.
  const credentials = openVault(config.dataDir, config.encryptionKey, (message) => logger.warn(message));
  const runtime = new FlowRuntime(store, createRegistry(), expressionLimitsOf(config), logger, credentials);
  const base = config.publicUrl ?? `http://${config.host}:${config.port}`;
  return {
    list: async () => (await store.flows.list()).map((stored) => summariseFlow(stored, base)),
    async exportFlow(id) {
      const stored = await store.flows.get(id);
      if (!stored) throw new FlowNotFoundError(`with id "${id}"`);
      return stored.flow;
    },
    exportAll: async () => bundleFlows((await store.flows.list()).map((stored) => stored.flow)),
    importDocument: async (document, replace) => (await importFlows(runtime, document, { replace })).map((stored) => summariseFlow(stored, base)),
    close: () => store.close(),
  };
}
