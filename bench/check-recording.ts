import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import { loadConfig } from '../server/config.js';
import type { ExecutionPage, ExecutionRecord } from '../server/store/types.js';
import { expectedSummary } from './bench-flow.js';

/** What Hookflow's execution history held after a round, against what was sent. */
export interface RecordingCheck {
  recorded: number;
  /** At least this many must be listed: every answered request, up to the retention cap. */
  atLeast: number;
  /** At most this many: every request sent, up to the retention cap. */
  atMost: number;
}

const settleMs = 5_000;

/**
 * Checks that Hookflow recorded the executions of `flowId` a round caused: the bar only counts
 * with recording on, so a server that skipped or lost records must fail the bench. Records are
 * written in batches after the response, so this waits for the count to settle. Retention keeps
 * the newest `HOOKFLOW_RETENTION_COUNT` only (the child inherits it), which caps what can be
 * listed. The newest record must also be complete: succeeded, with the expected result.
 */
export async function checkRecordedExecutions(
  url: string,
  apiToken: string | undefined,
  flowId: string,
  counts: { answered: number; sent: number },
): Promise<RecordingCheck> {
  const readJson = <T>(address: string) => readJsonWith<T>(address, apiToken);
  const keep = loadConfig(process.env).retention.maxCount;
  const atLeast = Math.min(counts.answered, keep);
  const atMost = Math.min(counts.sent, keep);
  const deadline = Date.now() + settleMs;
  let page = await listNewest(url, flowId, readJson);
  while (page.total < atLeast && Date.now() < deadline) {
    await sleep(100);
    page = await listNewest(url, flowId, readJson);
  }
  await sleep(200);
  page = await listNewest(url, flowId, readJson);
  if (page.total < atLeast || page.total > atMost) {
    throw new Error(`Hookflow lists ${page.total} executions of ${flowId}; expected ${atLeast}..${atMost} (answered ${counts.answered}, sent ${counts.sent}, retention keeps ${keep}).`);
  }
  await checkNewestRecord(url, page.items[0]?.id, readJson);
  return { recorded: page.total, atLeast, atMost };
}

type ReadJson = <T>(url: string) => Promise<T>;

async function listNewest(url: string, flowId: string, readJson: ReadJson): Promise<ExecutionPage> {
  return readJson<ExecutionPage>(`${url}/api/executions?flowId=${flowId}&limit=1`);
}

async function checkNewestRecord(url: string, id: string | undefined, readJson: ReadJson): Promise<void> {
  const record = id === undefined ? undefined : await readJson<ExecutionRecord>(`${url}/api/executions/${id}`);
  if (record?.status !== 'succeeded' || !isDeepStrictEqual(record.result, expectedSummary)) {
    throw new Error(`Hookflow's newest execution record is not a complete success: ${JSON.stringify(record).slice(0, 500)}`);
  }
}

async function readJsonWith<T>(url: string, apiToken: string | undefined): Promise<T> {
  const response = await fetch(url, apiToken ? { headers: { authorization: `Bearer ${apiToken}` } } : {});
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}
