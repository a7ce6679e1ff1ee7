import type { ErrorBody } from '../http/send.js';
import type { FlowAdmin, FlowSummary } from './flow-admin.js';

/** An API error, carried to the CLI's output as the server worded it. */
export class RemoteError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody['error'] | undefined,
  ) {
    super(body?.message ?? `The server answered ${status}.`);
    this.name = 'RemoteError';
  }
}

/** What the CLI says when the server wants a token it did not get, or refuses the one it got. */
export function missingTokenMessage(baseUrl: string, sent: boolean): string {
  const how = 'create one in the editor (API tokens), or stop the server and run `hookflow token create --username <you> --name cli`';
  return sent
    ? `The server at ${baseUrl} refused the API token (revoked or mistyped): ${how}, then set HOOKFLOW_TOKEN to it.`
    : `The server at ${baseUrl} needs an API token: set HOOKFLOW_TOKEN (or pass --token). To get one, ${how}.`;
}

/** Calls a running server's REST API with the token (`Authorization: Bearer hf_…`); errors become RemoteError. */
export function createRemoteCall(baseUrl: string, token: string | undefined) {
  return async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const headers = { ...(init.headers as Record<string, string> | undefined), ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const response = await fetch(`${baseUrl}${path}`, { ...init, headers, signal: AbortSignal.timeout(30_000) });
    const text = await response.text();
    const body: unknown = text ? JSON.parse(text) : undefined;
    if (response.status === 401) throw new RemoteError(401, { code: 'UNAUTHENTICATED', message: missingTokenMessage(baseUrl, Boolean(token)) });
    if (!response.ok) throw new RemoteError(response.status, (body as ErrorBody | undefined)?.error);
    return body as T;
  };
}

/** Talks to a running Hookflow server through its REST API, as the owner of `token`. */
export function createRemoteAdmin(baseUrl: string, token: string | undefined): FlowAdmin {
  const call = createRemoteCall(baseUrl, token);
  return {
    list: async () => (await call<{ items: FlowSummary[] }>('/api/flows')).items,
    exportFlow: (id) => call(`/api/flows/${encodeURIComponent(id)}/export`),
    exportAll: () => call('/api/export'),
    importDocument: async (document, replace) =>
      (
        await call<{ imported: FlowSummary[] }>(`/api/import${replace ? '?replace=true' : ''}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(document),
        })
      ).imported,
    close: async () => undefined,
  };
}
