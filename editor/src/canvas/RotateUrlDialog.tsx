import { api } from '../api/client';
import type { WebhookUrls } from '../api/types';
import { ConfirmDialog } from '../components/ui';

/**
 * Asks before giving the flow a new secret webhook URL (`POST /api/flows/:id/rotate-token`), then
 * reads the flow's new URLs. A flow with a custom path keeps answering at that path.
 */
export function RotateUrlDialog({ flowId, onRotated, onCancel }: { flowId: string; onRotated: (webhook: WebhookUrls) => void; onCancel: () => void }) {
  return (
    <ConfirmDialog
      title="Rotate the webhook URL?"
      confirmLabel="Rotate URL"
      danger
      onCancel={onCancel}
      onConfirm={async () => {
        await api.rotateToken(flowId);
        onRotated((await api.getFlow(flowId)).webhook);
      }}
    >
      <p>
        The flow gets a new secret URL and <strong>the current URL stops working at once</strong>: every sender still calling it gets 404 until you give it
        the new one. Do this when the URL may have leaked.
      </p>
    </ConfirmDialog>
  );
}
