import { useState } from 'react';
import { authApi, type ApiToken } from '../api/auth';
import { ConfirmDialog, LoadState, PageHeader, PlusIcon, Toasts, useLoaded, useToasts } from '../components/ui';
import { NameDialog } from '../flows/NameDialog';
import { NewTokenDialog } from './NewTokenDialog';
import { TokenTable } from './TokenTable';
import './account.css';

type OpenDialog = { kind: 'create' } | { kind: 'created'; name: string; secret: string } | { kind: 'revoke'; token: ApiToken };

/** `#/account/tokens`: the signed-in person's API tokens for scripts and the command line; create (the secret shown once) and revoke. */
export function TokensPage() {
  const { loaded, reload } = useLoaded(async () => (await authApi.listTokens()).tokens);
  const [dialog, setDialog] = useState<OpenDialog>();
  const toasts = useToasts();
  const close = () => setDialog(undefined);

  return (
    <main className="page admin-page">
      <PageHeader
        title="API tokens"
        actions={
          <button type="button" className="primary" onClick={() => setDialog({ kind: 'create' })}>
            <PlusIcon /> New token
          </button>
        }
      >
        A token lets a script or the <code>hookflow</code> command line call the API as you, with your role: send it as{' '}
        <code>Authorization: Bearer hf_…</code>. Revoke a token as soon as it is no longer needed or may have leaked.
      </PageHeader>
      <LoadState loaded={loaded} what="the tokens" onRetry={() => void reload()}>
        {(tokens) => <TokenTable tokens={tokens} onRevoke={(token) => setDialog({ kind: 'revoke', token })} />}
      </LoadState>

      {dialog?.kind === 'create' && (
        <NameDialog
          title="New API token"
          fieldLabel="Token name"
          submitLabel="Create token"
          hint="Say what will use it, for example “deploy script” or “laptop CLI”."
          maxLength={100}
          requiredMessage="Give the token a name."
          onCancel={close}
          onSubmit={async (name) => {
            const created = await authApi.createToken(name);
            setDialog({ kind: 'created', name: created.token.name, secret: created.secret });
            await reload();
          }}
        />
      )}
      {dialog?.kind === 'created' && <NewTokenDialog name={dialog.name} secret={dialog.secret} onClose={close} />}
      {dialog?.kind === 'revoke' && (
        <ConfirmDialog
          title="Revoke token?"
          confirmLabel="Revoke token"
          danger
          onCancel={close}
          onConfirm={async () => {
            await authApi.revokeToken(dialog.token.id);
            close();
            toasts.show(`Revoked “${dialog.token.name}”`);
            await reload();
          }}
        >
          <p>
            “{dialog.token.name}” ({dialog.token.prefix}…) stops working at once: scripts that use it get 401 from then on. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
      <Toasts toasts={toasts.toasts} dismiss={toasts.dismiss} />
    </main>
  );
}
