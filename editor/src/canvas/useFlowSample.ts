import { useCallback, useEffect, useState } from 'react';
import { getSample, type Sample } from '../api/runs';

/**
 * The flow's sample for the whole page: the stored one, loaded when the page opens, then whatever
 * the Sample tab hands over. An equal sample handed over again (the tab loads the stored one too)
 * keeps the current object, so the live preview does not run again for it. A failed load leaves
 * no sample: the Sample tab loads it itself and says why it could not.
 *
 * @example
 * const [sample, setSample] = useFlowSample(document.id);
 * const preview = usePreview(sample ? document : undefined, sample);
 */
export function useFlowSample(flowId: string): [Sample | undefined, (sample: Sample) => void] {
  const [sample, setSample] = useState<Sample>();
  const change = useCallback((next: Sample) => setSample((current) => (current && sameSample(current, next) ? current : next)), []);

  useEffect(() => {
    let current = true;
    getSample(flowId).then(
      (stored) => {
        if (current && stored) change(stored);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [flowId, change]);

  return [sample, change];
}

const sameSample = (a: Sample, b: Sample): boolean => JSON.stringify(a) === JSON.stringify(b);
