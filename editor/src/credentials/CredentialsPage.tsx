import { useState } from 'react';
import { credentialsApi, type CredentialInfo } from '../api/credentials';
import { useSession } from '../auth/session-context';
import { ConfirmDialog, LoadState, PageHeader, PlusIcon, Toasts, useToasts } from '../components/ui';
import { CredentialDialog, type CredentialDialogMode } from './CredentialDialog';
import { CredentialTable } from './CredentialTable';
import { reloadCredentials, useCredentialList } from './useCredentialList';
import '../account/account.css';

type OpenDialog = CredentialDialogMode | { kind: 'delete'; credential: CredentialInfo };

/**
 * `#/credentials`: the named secrets flows and webhook guards use. Editors create, update and
 * delete them; viewers see the list. No value is ever shown: only which fields are set.
 */
export function CredentialsPage() {
  const { canEdit } = useSession();
  const loaded = useCredentialList();
  const [dialog, setDialog] = useState<OpenDialog>();
  const toasts = useToasts();
  const close = () => setDialog(undefined);

  return (
    <main className="page admin-page">
      <PageHeader
        title="Credentials"
        actions={
          canEdit && (
            <button type="button" className="primary" onClick={() => setDialog({ kind: 'create' })}>
              <PlusIcon /> New credential
            </button>
          )
        }
      >
        Secrets kept encrypted on the server: signing secrets of webhook senders, API keys, passwords. Flows refer to them by name; their values
        are never shown again, exported or written to executions.
      </PageHeader>
      <LoadState loaded={loaded} what="the credentials" onRetry={() => void reloadCredentials()}>
        {(credentials) => (
          <CredentialTable
            credentials={credentials}
            canEdit={canEdit}
            onUpdate={(credential) => setDialog({ kind: 'update', credential })}
            onDelete={(credential) => setDialog({ kind: 'delete', credential })}
          />
        )}
      </LoadState>

      {(dialog?.kind === 'create' || dialog?.kind === 'update') && (
        <CredentialDialog
          mode={dialog}
          onCancel={close}
          onSaved={(credential) => {
            close();
            toasts.show(dialog.kind === 'create' ? `Created “${credential.name}”` : `Saved “${credential.name}”`);
            void reloadCredentials();
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title="Delete credential?"
          confirmLabel="Delete credential"
          danger
          onCancel={close}
          onConfirm={async () => {
            // A credential still in use is refused (CREDENTIAL_IN_USE) with the flows that name it: the dialog shows that message.
            await credentialsApi.remove(dialog.credential.name);
            close();
            toasts.show(`Deleted “${dialog.credential.name}”`);
            await reloadCredentials();
          }}
        >
          <p>“{dialog.credential.name}” and its stored values will be deleted. This cannot be undone.</p>
        </ConfirmDialog>
      )}
      <Toasts toasts={toasts.toasts} dismiss={toasts.dismiss} />
    </main>
  );
}
