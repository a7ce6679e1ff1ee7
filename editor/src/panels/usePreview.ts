import { useEffect, useMemo, useState } from 'react';
import type { FlowDocument } from '../api/types';
import { isAbort, previewFlow, type PreviewProblem, type PreviewResult, type Sample, type SampleInput } from '../api/runs';

/** How long the draft must stay unchanged before it is previewed. */
export const previewDelayMs = 400;

export interface PreviewState {
  /** The last preview of the current draft; undefined before the first one and while the draft is invalid. */
  preview: PreviewResult | undefined;
  /** Why the draft cannot run (a preview answered `invalid`), each with its path and node. */
  problems: PreviewProblem[];
  /** A preview request is on its way. */
  running: boolean;
  /** Why the preview could not be made (server unreachable, …), in words for the user. */
  error: string | undefined;
}

/**
 * Live preview: runs the draft `flow` on `sample` through `POST /api/preview` ~400 ms after either
 * last changed (the sample by identity: pass the object SamplePanel handed over). Moving nodes does
 * not re-run it; a newer draft aborts the request of an older one, so an older answer never
 * replaces a newer one.
 *
 * @example
 * const { preview, problems, running, error } = usePreview(draft, sample);
 */
export function usePreview(flow: FlowDocument | undefined, sample: Sample | undefined): PreviewState {
  const [state, setState] = useState<PreviewState>({ preview: undefined, problems: [], running: false, error: undefined });
  const flowKey = useMemo(() => (flow ? keyOf(flow) : undefined), [flow]);

  // Keyed on the flow's content, not its object: moving nodes keeps the running or scheduled preview.
  useEffect(() => {
    if (!flow) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setState((previous) => ({ ...previous, running: true }));
      previewFlow(flow, toSampleInput(sample), controller.signal).then(
        (preview) => {
          if (controller.signal.aborted) return;
          if (preview.status === 'invalid') setState({ preview: undefined, problems: preview.problems, running: false, error: undefined });
          else setState({ preview, problems: [], running: false, error: undefined });
        },
        (error: unknown) => {
          if (controller.signal.aborted || isAbort(error)) return;
          const message = error instanceof Error ? error.message : String(error);
          setState((previous) => ({ ...previous, running: false, error: `The preview could not run: ${message}` }));
        },
      );
    }, previewDelayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [flowKey, sample]);

  return flow ? state : { preview: undefined, problems: [], running: false, error: undefined };
}

/** What of the flow decides the preview's answer: all but node positions. */
function keyOf(flow: FlowDocument): string {
  return JSON.stringify({ ...flow, nodes: flow.nodes.map(({ position: _position, ...node }) => node) });
}

function toSampleInput(sample: Sample | undefined): SampleInput {
  if (!sample) return {};
  const { method, headers, query, body } = sample;
  return { method, headers, query, body };
}
