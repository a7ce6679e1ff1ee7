import { useId } from 'react';
import { policyLimits } from '../../../server/engine/policy-defaults';
import type { FlowDocument } from '../api/types';
import { pruneSettings, toMilliseconds, toSeconds } from './failure-settings';
import { NumberField } from './form/NumberField';
import './failure-settings.css';

/** Settings of the whole flow, shown while no node is selected: how long one execution may run. */
export function FlowSettings({ document, onChange }: { document: FlowDocument; onChange(document: FlowDocument): void }) {
  const id = useId();
  const change = (timeoutMs: number | undefined) => {
    const { settings: _old, ...rest } = document;
    const settings = pruneSettings({ ...document.settings, timeoutMs });
    onChange(settings ? { ...rest, settings } : rest);
  };
  return (
    <section className="settings-section flow-settings" aria-label="Flow settings">
      <h3 className="settings-section-title">Flow settings</h3>
      <NumberField
        id={`${id}-timeout`}
        label="Time limit per execution (seconds)"
        help="Past it, an execution stops with FLOW_TIMEOUT. Empty: the server's limit (HOOKFLOW_EXECUTION_TIMEOUT_MS, 15 minutes unless set)."
        value={toSeconds(document.settings?.timeoutMs)}
        placeholder="server default"
        min={policyLimits.minFlowTimeoutMs / 1000}
        max={policyLimits.maxFlowTimeoutMs / 1000}
        onChange={(seconds) => change(toMilliseconds(seconds))}
      />
    </section>
  );
}
