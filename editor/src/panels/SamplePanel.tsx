import { useEffect, useRef, useState } from 'react';
import { getSample, type Sample } from '../api/runs';
import type { WebhookUrls as WebhookUrlPair } from '../api/types';
import { formatTime } from './format';
import { draftOf, readDraft, type SampleDraft } from './sample-draft';
import { SampleEditor } from './SampleEditor';
import { useListen } from './useListen';
import { WebhookUrls } from './WebhookUrls';
import './panels.css';

type Loading = { state: 'loading' } | { state: 'loaded' } | { state: 'failed'; message: string };

/**
 * The "Sample & preview" tab's sample part: the flow's webhook and test URLs with copy buttons
 * and a curl example, "Listen for test event" (waits for a call to the test URL), and an editor
 * for the sample's body, method, query and headers. Loads the stored sample when it mounts.
 *
 * @example
 * <SamplePanel flowId={flow.id} webhook={view.webhook} sample={sample} onSampleChange={setSample} />
 */
export function SamplePanel({ flowId, webhook, sample, onSampleChange }: {
  /** The saved flow whose sample this is. */
  flowId: string;
  /** The flow's URLs, as `GET /api/flows/:id` gives them; null for an error-handler flow, which has none to call or listen on. */
  webhook: WebhookUrlPair | null;
  /** The current sample (the page keeps it, e.g. to feed `usePreview`); undefined when there is none. */
  sample: Sample | undefined;
  /** Called with the sample when it is loaded, caught on the test URL or saved from the editor. */
  onSampleChange(sample: Sample): void;
}) {
  const [loading, setLoading] = useState<Loading>({ state: 'loading' });
  const [announcement, setAnnouncement] = useState('');
  /** The URLs start folded when a stored sample loads, so that the sample and the preview are in view. */
  const [urlsOpen, setUrlsOpen] = useState(true);
  const sampleKey = sample ? `${sample.receivedAt} ${sample.method} ${sample.path}` : 'none';
  const [edited, setEdited] = useState<{ key: string; draft: SampleDraft } | undefined>();
  const draft = edited?.key === sampleKey ? edited.draft : draftOf(sample);
  const changed = useRef(onSampleChange);
  useEffect(() => {
    changed.current = onSampleChange;
  });

  useEffect(() => {
    let current = true;
    getSample(flowId).then(
      (stored) => {
        if (!current) return;
        setLoading({ state: 'loaded' });
        if (!stored) return;
        changed.current(stored);
        setUrlsOpen(false);
      },
      (error: unknown) => {
        if (current) setLoading({ state: 'failed', message: `The stored sample could not be loaded: ${error instanceof Error ? error.message : String(error)}` });
      },
    );
    return () => {
      current = false;
    };
  }, [flowId]);

  const listen = useListen(flowId, (caught) => {
    changed.current(caught);
    setAnnouncement(`Test event received: ${caught.method} request at ${formatTime(caught.receivedAt)}. It is now the sample.`);
  });

  return (
    <section className="sample-panel" aria-label="Sample request">
      {webhook && (
        <details className="webhook-details" open={urlsOpen} onToggle={(event) => setUrlsOpen(event.currentTarget.open)}>
          <summary>Webhook URLs and curl command</summary>
          <WebhookUrls url={webhook.url} testUrl={webhook.testUrl} method={draft.method} body={curlBody(draft)} />
        </details>
      )}

      {webhook && (
        <div className="listen">
          {listen.listening ? (
            <div className="listen-waiting">
              <span className="spinner" aria-hidden="true" />
              <span>Waiting for a call to the test URL… send one now, for example with the curl command above.</span>
              <button type="button" onClick={listen.cancel}>
                Cancel
              </button>
            </div>
          ) : (
            <button type="button" className="primary" onClick={() => {
              setAnnouncement('');
              listen.start();
            }}>
              Listen for test event
            </button>
          )}
          {listen.error && <p className="panel-error">{listen.error}</p>}
          <p className="listen-announcement" aria-live="polite">
            {announcement}
          </p>
        </div>
      )}

      {loading.state === 'loading' && <p className="panel-hint">Loading the sample…</p>}
      {loading.state === 'failed' && <p className="panel-error">{loading.message}</p>}
      {loading.state === 'loaded' && !sample && !webhook && (
        <div className="panel-empty">
          <p>
            <strong>No sample yet.</strong> This flow starts when a flow it watches fails. To preview it, type a failure report as the body
            below, such as <code>{'{ "execution": { "id": "x", "error": { "message": "CRM down" } }, "flow": { "id": "orders", "name": "Orders" } }'}</code>,
            and click “Save sample”.
          </p>
        </div>
      )}
      {loading.state === 'loaded' && !sample && webhook && (
        <div className="panel-empty">
          <p>
            <strong>No sample yet.</strong> A sample is the request the preview runs the flow on. Get one in either of two ways:
          </p>
          <ol>
            <li>Click “Listen for test event”, then call the test URL from your app or with the curl command.</li>
            <li>Type or paste a JSON body below and click “Save sample”.</li>
          </ol>
        </div>
      )}
      {sample && (
        <p className="panel-hint">
          Sample: {sample.method} request from {formatTime(sample.receivedAt)}.
        </p>
      )}

      <SampleEditor
        key={sampleKey}
        flowId={flowId}
        sample={sample}
        onSaved={(saved) => changed.current(saved)}
        onDraftChange={(next) => setEdited({ key: sampleKey, draft: next })}
      />
    </section>
  );
}

/** The body the curl example sends: the draft's, compacted, or a small example when the draft has none. */
function curlBody(draft: SampleDraft): string {
  const parsed = readDraft(draft).sample;
  if (parsed?.body !== undefined) return JSON.stringify(parsed.body);
  if (draft.body.trim() !== '') return draft.body;
  return draft.method === 'GET' ? '' : '{"hello":"world"}';
}
