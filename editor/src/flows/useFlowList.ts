import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import type { ExecutionSummary, FlowSummary } from '../api/types';
import { messageOf } from '../components/ui';

export type FlowListState =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; flows: FlowSummary[] };

/**
 * The flows for the list, sorted by name, and each one's newest execution (`null`: never ran;
 * missing: not known, e.g. still loading). `reload()` refreshes both; the list stays on screen
 * while it does.
 */
export function useFlowList() {
  const [state, setState] = useState<FlowListState>({ status: 'loading' });
  const [lastRuns, setLastRuns] = useState<Record<string, ExecutionSummary | null>>({});
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const request = ++latest.current;
    let flows: FlowSummary[];
    try {
      flows = (await api.listFlows()).items.toSorted((a, b) => a.name.localeCompare(b.name));
    } catch (error) {
      if (request === latest.current) setState({ status: 'failed', message: messageOf(error) });
      return;
    }
    if (request !== latest.current) return;
    setState({ status: 'ready', flows });
    const runs: Record<string, ExecutionSummary | null> = {};
    await Promise.all(
      flows.map(async (flow) => {
        const page = await api.listExecutions(flow.id, 1).catch(() => undefined);
        if (page) runs[flow.id] = page.items[0] ?? null;
      }),
    );
    if (request === latest.current) setLastRuns(runs);
  }, []);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    void reload();
  }, [reload]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { state, lastRuns, reload, retry };
}
