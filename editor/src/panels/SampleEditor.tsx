import { useId, useState } from 'react';
import { ApiError } from '../api/client';
import { saveSample, type Sample } from '../api/runs';
import { draftOf, readDraft, sampleMethods, type DraftErrors, type SampleDraft } from './sample-draft';

/**
 * The sample as editable text: method, JSON body and (folded) query and headers, each checked as
 * it is typed, stored with "Save sample". Mount it with `key` set to the stored sample's identity
 * so that a newly caught or loaded sample replaces the text.
 */
export function SampleEditor({ flowId, sample, onSaved, onDraftChange }: {
  /** The flow the sample is saved for. */
  flowId: string;
  /** The stored sample the text starts from; undefined starts empty. */
  sample: Sample | undefined;
  /** Called with the sample as the server stored it. */
  onSaved(sample: Sample): void;
  /** Called with each edit, so that the curl example can follow the body. */
  onDraftChange(draft: SampleDraft): void;
}) {
  const [draft, setDraft] = useState(() => draftOf(sample));
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | undefined>();
  const [dirty, setDirty] = useState(false);
  const { sample: parsed, errors } = readDraft(draft);
  const id = useId();

  const change = (field: keyof SampleDraft, value: string) => {
    const next = { ...draft, [field]: value };
    setDraft(next);
    setDirty(true);
    setSaveError(undefined);
    onDraftChange(next);
  };

  const save = async () => {
    if (!parsed) return;
    setSaving(true);
    try {
      const stored = await saveSample(flowId, parsed);
      setDirty(false);
      onSaved(stored);
    } catch (error) {
      setSaveError(error instanceof ApiError ? `The sample was not saved: ${error.message}` : 'The sample was not saved.');
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="sample-editor"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <label className="field">
        <span>Method</span>
        <select value={draft.method} onChange={(event) => change('method', event.target.value)}>
          {[...new Set([draft.method, ...sampleMethods])].map((method) => (
            <option key={method}>{method}</option>
          ))}
        </select>
      </label>
      <JsonField id={`${id}-body`} label="Body (JSON)" value={draft.body} error={errors.body} rows={10} placeholder={'{\n  "orderId": 42\n}'} onChange={(value) => change('body', value)} />
      <details className="sample-more">
        <summary>Query and headers</summary>
        <JsonField id={`${id}-query`} label="Query parameters (JSON object)" value={draft.query} error={errors.query} rows={3} placeholder={'{ "page": "1" }'} onChange={(value) => change('query', value)} />
        <JsonField id={`${id}-headers`} label="Headers (JSON object)" value={draft.headers} error={errors.headers} rows={3} placeholder={'{ "x-shop": "eu" }'} onChange={(value) => change('headers', value)} />
      </details>
      <div className="panel-actions">
        <button type="submit" className="primary" disabled={!parsed || saving || !dirty}>
          {saving ? 'Saving…' : 'Save sample'}
        </button>
        <span className="panel-hint" role="status">
          {dirty ? (parsed ? 'Unsaved changes' : 'Fix the marked field to save.') : ''}
        </span>
      </div>
      {saveError && <p className="panel-error">{saveError}</p>}
    </form>
  );
}

function JsonField({ id, label, value, error, rows, placeholder, onChange }: {
  id: string;
  label: string;
  value: string;
  error: DraftErrors[keyof DraftErrors];
  rows: number;
  placeholder: string;
  onChange(value: string): void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        className="json-input"
        rows={rows}
        spellCheck={false}
        value={value}
        placeholder={placeholder}
        aria-invalid={error !== undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
