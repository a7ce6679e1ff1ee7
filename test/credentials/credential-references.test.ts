import { describe, expect, it } from 'vitest';
import { emailNode } from '../../nodes/email.js';
import { httpRequestNode } from '../../nodes/http-request.js';
import { webhookNode } from '../../nodes/webhook.js';
import { createRegistry } from '../../nodes/registry.js';
import { credentialReferencesOf, flowsUsingCredential } from '../../server/credentials/credential-references.js';
import type { FlowFile } from '../../server/engine/flow-schema.js';
import type { NodeDefinition } from '../../nodes/define-node.js';

const http = httpRequestNode as unknown as NodeDefinition;
const email = emailNode as unknown as NodeDefinition;

describe('credentialReferencesOf', () => {
  it('finds the credential of the auth branch the config takes, with that branch\'s types', () => {
    expect(credentialReferencesOf(http, { url: 'https://x', auth: { type: 'bearer', credential: 'crm' } })).toEqual([
      { path: 'auth.credential', name: 'crm', types: ['bearer'] },
    ]);
    expect(credentialReferencesOf(http, { url: 'https://x', auth: { type: 'apiKey', credential: 'key' } })).toEqual([
      { path: 'auth.credential', name: 'key', types: ['apiKey'] },
    ]);
  });

  it('finds nothing where no credential is named, or the value is not a string', () => {
    expect(credentialReferencesOf(http, { url: 'https://x' })).toEqual([]);
    expect(credentialReferencesOf(http, { url: 'https://x', auth: { type: 'none' } })).toEqual([]);
    expect(credentialReferencesOf(http, { url: 'https://x', auth: { type: 'bearer', credential: 42 } })).toEqual([]);
    expect(credentialReferencesOf(http, null)).toEqual([]);
    expect(credentialReferencesOf(email, { from: 'a@example.com', to: ['b@example.com'], subject: 'crm' })).toEqual([]);
  });

  it('finds the webhook trigger\'s guard credential, whatever the guard', () => {
    const webhook = webhookNode as unknown as NodeDefinition;
    expect(credentialReferencesOf(webhook, { auth: { type: 'signature', preset: 'github', credential: 'gh' } })).toEqual([
      { path: 'auth.credential', name: 'gh', types: ['hmacSecret', 'publicKey'] },
    ]);
    expect(credentialReferencesOf(webhook, { auth: { type: 'basic', credential: 'login' } })).toEqual([{ path: 'auth.credential', name: 'login', types: ['basic'] }]);
  });

  it('finds the e-mail node\'s SMTP account', () => {
    expect(credentialReferencesOf(email, { from: 'a@example.com', to: [], subject: 's', credential: 'mail' })).toEqual([{ path: 'credential', name: 'mail', types: ['smtp'] }]);
  });
});

describe('flowsUsingCredential', () => {
  const flow = (id: string, config: unknown): FlowFile =>
    ({ schemaVersion: 1, id, name: id, active: false, nodes: [{ id: 'in', type: 'webhook', position: { x: 0, y: 0 }, config: {} }, { id: 'call', type: 'http-request', position: { x: 0, y: 0 }, config }], edges: [] }) as unknown as FlowFile;

  it('lists the flows whose nodes name the credential, and only those', () => {
    const flows = [
      flow('uses', { url: 'https://x', auth: { type: 'basic', credential: 'crm' } }),
      flow('other', { url: 'https://x', auth: { type: 'basic', credential: 'crm-2' } }),
      flow('text-only', { url: 'https://x/crm', headers: [{ name: 'x', value: 'crm' }] }),
    ];
    expect(flowsUsingCredential(flows, createRegistry(), 'crm')).toEqual(['uses']);
  });
});
