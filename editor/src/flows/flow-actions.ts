import { api, ApiError } from '../api/client';
import type { FlowSummary, StoredFlowView } from '../api/types';
import { downloadJson } from './flow-files';
import { copyOfFlow, newFlow } from './new-flows';

/** Creates an inactive flow with one webhook trigger; answers its id. */
export async function createFlow(name: string, taken: ReadonlySet<string>): Promise<string> {
  const stored = await api.createFlow(newFlow(name, taken));
  return stored.flow.id;
}

/** The flow changed on the server after the list was loaded, so a change based on the list was refused. */
export class StaleFlowError extends Error {
  constructor(name: string) {
    super(`“${name}” was changed somewhere else (another tab or person) after this list was loaded. The list now shows the latest version: try again.`);
    this.name = 'StaleFlowError';
  }
}

/** Renames a flow, based on the version the list showed; a newer version on the server throws StaleFlowError. */
export async function renameFlow(summary: FlowSummary, name: string): Promise<StoredFlowView> {
  const { flow } = await api.getFlow(summary.id);
  try {
    return await api.saveFlow({ ...flow, name }, summary.version);
  } catch (error) {
    if (error instanceof ApiError && error.status === 409 && error.code === 'FLOW_VERSION_CONFLICT') throw new StaleFlowError(summary.name);
    throw error;
  }
}

/** Stores a copy of a flow: new id, "<name> (copy)", inactive, without a custom webhook path. */
export async function duplicateFlow(id: string, taken: ReadonlySet<string>): Promise<StoredFlowView> {
  const { flow } = await api.getFlow(id);
  return api.createFlow(copyOfFlow(flow, taken));
}

/** Downloads the flow file as `<id>.flow.json`. */
export async function exportFlow(id: string): Promise<void> {
  const document = await api.exportFlow(id);
  downloadJson(`${id}.flow.json`, document);
}

export function setFlowActive(id: string, active: boolean): Promise<StoredFlowView> {
  return active ? api.activate(id) : api.deactivate(id);
}
