import { useState } from 'react';
import { policyLimits, retryDefaults } from '../../../server/engine/policy-defaults';
import type { FlowNode, NodeType } from '../api/types';
import { parseStatuses, sameStatuses, toMilliseconds, toSeconds, withSettings, type NodeSettings, type OnError, type RetrySettings } from './failure-settings';
import { FieldShell } from './form/FieldShell';
import { NumberField } from './form/NumberField';
import './failure-settings.css';

interface FailureSettingsProps {
  node: FlowNode;
  nodeType: NodeType;
  /** The node's first port, which "continue" takes. */
  firstPort: string;
  idBase: string;
  onChange(node: FlowNode): void;
}

const onErrorLabels: Record<OnError, string> = {
  fail: 'Stop the flow',
  continue: 'Continue with the input',
  errorPort: 'Take the error output',
};

/**
 * A node's failure handling: what a failure does, how often and after what waits it is retried,
 * and how long one attempt may take. Collapsed until the node has such settings; every field left
 * empty keeps its default and is not written to the flow.
 */
export function FailureSettings({ node, nodeType, firstPort, idBase, onChange }: FailureSettingsProps) {
  const [open, setOpen] = useState(node.settings !== undefined);
  const settings: NodeSettings = node.settings ?? {};
  const retry: RetrySettings = settings.retry ?? {};
  const ownErrorPort = nodeType.outputs.includes('error');
  const set = (next: NodeSettings) => onChange(withSettings(node, next));
  const setRetry = (change: Partial<RetrySettings>) => set({ ...settings, retry: { ...retry, ...change } });
  const setRetryOn = (change: NonNullable<RetrySettings['on']>) => setRetry({ on: { ...retry.on, ...change } });
  const onError = settings.onError ?? 'fail';
  const id = (name: string) => `${idBase}-failure-${name}`;

  return (
    <details className="settings-section failure-settings" open={open} onToggle={(event) => setOpen(event.currentTarget.open)} aria-label="On failure">
      <summary className="settings-section-title">On failure: retries and timeout</summary>
      <div className="failure-settings-fields">
        <FieldShell id={id('on-error')} label="When the node fails" required={false} description={onErrorHelp(onError, ownErrorPort, firstPort)}>
          <select
            id={id('on-error')}
            aria-describedby={`${id('on-error')}-help`}
            value={onError}
            onChange={(event) => set({ ...settings, onError: event.target.value === 'fail' ? undefined : (event.target.value as OnError) })}
          >
            {Object.entries(onErrorLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </FieldShell>
        <NumberField
          id={id('attempts')}
          label="Tries"
          help="How often the node is tried in all, the first time included: 3 retries it twice."
          value={retry.attempts}
          placeholder={retryDefaults.attempts}
          min={1}
          max={policyLimits.maxAttempts}
          step={1}
          onChange={(attempts) => setRetry({ attempts })}
        />
        {(retry.attempts ?? retryDefaults.attempts) > 1 && (
          <>
            <NumberField
              id={id('backoff')}
              label="First wait (seconds)"
              help="Before the first retry; each later wait is twice as long."
              value={toSeconds(retry.backoffMs)}
              placeholder={retryDefaults.backoffMs / 1000}
              min={0}
              max={policyLimits.maxBackoffMs / 1000}
              onChange={(seconds) => setRetry({ backoffMs: toMilliseconds(seconds) })}
            />
            <NumberField
              id={id('max-backoff')}
              label="Longest wait (seconds)"
              help="No wait is longer. A server that asks (Retry-After) for a longer one is not retried."
              value={toSeconds(retry.maxBackoffMs)}
              placeholder={retryDefaults.maxBackoffMs / 1000}
              min={0}
              max={policyLimits.maxBackoffMs / 1000}
              onChange={(seconds) => setRetry({ maxBackoffMs: toMilliseconds(seconds) })}
            />
            <Checkbox
              id={id('jitter')}
              label="Random waits (jitter)"
              help="Each wait is a random part of it, so that many executions do not retry at the same moment."
              checked={retry.jitter ?? retryDefaults.jitter}
              onChange={(jitter) => setRetry({ jitter: jitter === retryDefaults.jitter ? undefined : jitter })}
            />
            <Checkbox
              id={id('on-errors')}
              label="Retry errors and timeouts"
              help="When the node throws, times out, or cannot reach the server."
              checked={retry.on?.errors ?? retryDefaults.errors}
              onChange={(errors) => setRetryOn({ errors: errors === retryDefaults.errors ? undefined : errors })}
            />
            {ownErrorPort && <StatusesField id={id('statuses')} statuses={retry.on?.statuses} onChange={(statuses) => setRetryOn({ statuses })} />}
          </>
        )}
        <NumberField
          id={id('timeout')}
          label="Timeout per try (seconds)"
          help="One try that takes longer fails with NODE_TIMEOUT (and is retried like an error). Empty: no limit of its own."
          value={toSeconds(settings.timeoutMs)}
          placeholder="none"
          min={0.001}
          max={policyLimits.maxNodeTimeoutMs / 1000}
          onChange={(seconds) => set({ ...settings, timeoutMs: toMilliseconds(seconds) })}
        />
      </div>
    </details>
  );
}

function onErrorHelp(onError: OnError, ownErrorPort: boolean, firstPort: string): string {
  switch (onError) {
    case 'fail':
      return ownErrorPort ? 'The execution fails; failures of the remote side still take the error output.' : 'The execution fails here.';
    case 'continue':
      return `The flow goes on from “${firstPort}” with the node’s input unchanged; the execution notes the failure.`;
    case 'errorPort':
      return ownErrorPort
        ? 'Failures the node throws take its error output too, as { error: { code, message, attempts }, input }.'
        : 'The node gets an error output: wire it to handle the failure; it receives { error: { code, message, attempts }, input }.';
  }
}

function Checkbox({ id, label, help, checked, onChange }: { id: string; label: string; help: string; checked: boolean; onChange(checked: boolean): void }) {
  return (
    <FieldShell id={id} label={label} required={false} description={help}>
      <input id={id} type="checkbox" aria-describedby={`${id}-help`} checked={checked} onChange={(event) => onChange(event.target.checked)} />
    </FieldShell>
  );
}

/** The statuses as typed ("429, 503"): the text stays as typed while it means the saved list (undo replaces it). */
function StatusesField({ id, statuses, onChange }: { id: string; statuses: readonly number[] | undefined; onChange(statuses: number[] | undefined): void }) {
  const saved = statuses?.join(', ') ?? '';
  const [text, setText] = useState(saved);
  const shown = sameStatuses(parseStatuses(text), statuses) ? text : saved;
  return (
    <FieldShell id={id} label="Retry on HTTP statuses" required={false} description="Of an answer that takes the error output; separate them with commas. Empty: the usual ones.">
      <input
        id={id}
        type="text"
        inputMode="numeric"
        aria-describedby={`${id}-help`}
        placeholder={retryDefaults.statuses.join(', ')}
        value={shown}
        onChange={(event) => {
          setText(event.target.value);
          onChange(parseStatuses(event.target.value));
        }}
      />
    </FieldShell>
  );
}
