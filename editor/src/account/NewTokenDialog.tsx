import { Dialog } from '../components/ui';
import { CopyButton } from '../panels/CopyButton';

/** The secret of a token just created: shown this once, with a copy button and a warning that it will not be shown again. */
export function NewTokenDialog({ name, secret, onClose }: { name: string; secret: string; onClose: () => void }) {
  return (
    <Dialog
      title="Copy your new token"
      onClose={onClose}
      actions={
        <button type="button" className="primary" onClick={onClose}>
          I have copied it
        </button>
      }
    >
      <p className="warning-text">This is the only time Hookflow shows this token. Copy it now and keep it somewhere safe, such as a password manager.</p>
      <p>Token “{name}”:</p>
      <div className="secret-box">
        <code data-testid="new-token-secret">{secret}</code>
        <CopyButton text={secret} label="Copy token" />
      </div>
    </Dialog>
  );
}
