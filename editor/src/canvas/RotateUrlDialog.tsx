import { api } from '../api/client';
import type { WebhookUrls } from '../api/types';
import { ConfirmDialog } from '../components/ui';

/**
 * Asks before giving the flow a new secret webhook URL (`POST /api/flows/:id/rotate-token`, which
 * keeps the flow's version, so unsaved edits still save), then hands over the new URLs.
 */
export function RotateUrlDialog({ flowId, onRotated, onCancel }: { flowId: string; onRotated: (webhook: WebhookUrls) => void; onCancel: () => void }) {
  return (
    <ConfirmDialog
      title="Rotate the webhook URL?"
      confirmLabel="Rotate URL"
      danger
      onCancel={onCancel}
      onConfirm={async () => {
        onRotated((await api.rotateToken(flowId)).webhook);
      }}
    >
      <p>
        The flow gets a new secret URL and <strong>the current URL stops working at once</strong>: every sender still calling it gets 404 until you give it
        the new one. Do this when the URL may have leaked.
      </p>
    </ConfirmDialog>
  );
}
