import type { TriggerRequest } from '../../nodes/define-node.js';
import { FlowError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { FlowSample, FlowStore, StoredFlow } from '../store/types.js';
import { toFlowSample } from './flow-samples.js';
import { TestListeners } from './test-listeners.js';

/** What a listener gets: the request stored as the flow's sample, or why it could not be kept. */
export type SampleCapture = { sample: FlowSample } | { error: unknown };

/**
 * Catches calls to flows' test URLs for the editor's "listen" button: while someone listens for a
 * flow, its next test request is stored as the flow's sample and handed to every listener.
 */
export class SampleCatcher {
  readonly listeners = new TestListeners<SampleCapture>();

  constructor(
    private readonly flows: FlowStore,
    private readonly logger: Logger,
    /** How many listeners may wait at once, over all flows: each holds an open request. */
    private readonly maxListeners = 100,
  ) {}

  /** Waits for the flow's next test request (see TestListeners.wait); refuses with 429 past `maxListeners`. */
  listen(flowId: string, timeoutMs: number, signal: AbortSignal): Promise<SampleCapture | undefined> {
    if (this.listeners.size >= this.maxListeners) {
      throw new FlowError('TOO_MANY_LISTENERS', `${this.maxListeners} listeners are already waiting for test events; close an editor tab that listens, or try again shortly.`, 429);
    }
    return this.listeners.wait(flowId, timeoutMs, signal);
  }

  /** Called for every test request; does nothing unless someone listens for that flow. */
  readonly catch = (stored: StoredFlow, trigger: TriggerRequest): void => {
    const flowId = stored.flow.id;
    if (!this.listeners.isListening(flowId)) return;
    let sample: FlowSample;
    try {
      sample = toFlowSample(trigger);
    } catch (error) {
      this.listeners.deliver(flowId, { error });
      return;
    }
    this.flows.saveSample(flowId, sample).then(
      (saved) => this.listeners.deliver(flowId, { sample: saved }),
      (error: unknown) => {
        if (!(error instanceof FlowError)) this.logger.error({ flowId, err: error }, 'the caught test request could not be stored as the sample');
        this.listeners.deliver(flowId, { error });
      },
    );
  };
}
