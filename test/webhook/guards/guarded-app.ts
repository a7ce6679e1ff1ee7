import { expect } from 'vitest';
import { eventually, flowDocument, type TestApp } from '../../helpers/start-app.js';

/** Creates an active flow at `/webhook/guards/<id>` whose trigger has `guards`; it answers `{ ok, body }`. */
export async function createGuardedFlow(app: TestApp, id: string, guards: Record<string, unknown>): Promise<string> {
  await app.createFlow(flowDocument(id, { in: ['webhook', { path: `guards/${id}`, ...guards }], out: ['transform', { expression: '{ "ok": true, "body": body }' }] }, [['in', 'out']]));
  return `/webhook/guards/${id}`;
}

/** Stores a credential through the vault API. */
export async function createCredential(app: TestApp, name: string, type: string, data: Record<string, unknown>): Promise<void> {
  const response = await app.post('/api/credentials', { name, type, data });
  expect(response.status, await response.clone().text()).toBe(201);
}

/** Sends raw body bytes exactly as given (signatures cover these bytes). */
export function sendRaw(app: TestApp, path: string, body: string | Buffer, headers: Record<string, string> = {}, method = 'POST'): Promise<Response> {
  return fetch(`${app.url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body });
}

/** A refusal: its status, the generic code, and no hint of which check failed. */
export async function expectRefused(response: Response, status: number, code = 'WEBHOOK_UNAUTHORIZED'): Promise<void> {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).not.toMatch(/secret|stale|timestamp|whsec|credential "/i);
}

/** Waits until the flow has exactly `count` recorded executions (rejected calls must never add one). */
export async function expectExecutions(app: TestApp, flowId: string, count: number): Promise<void> {
  await eventually(async () => ((await app.store.executions.list({ flowId, limit: 500 })).total === count ? true : undefined));
  expect((await app.store.executions.list({ flowId, limit: 500 })).total).toBe(count);
}
