/**
 * Minimal exports shaped as the tools write them, for format detection tests: n8n 1.x (node ids,
 * string workflow id, `export:workflow --all` writes an array), n8n before 1.0 (no node ids,
 * numeric workflow id) and a Node-RED `flows.json` (tabs, nodes with `z` and `wires`, a config node).
 */
export function n8nWorkflow(name = 'Order webhook', id = 'aBcD1234EfGh5678') {
  return {
    name,
    nodes: [
      {
        parameters: { httpMethod: 'POST', path: 'orders', responseMode: 'lastNode', options: {} },
        id: '6f0c2f4e-3b9a-4c61-9d1e-2a7b5c8d9e01',
        name: 'Webhook',
        type: 'n8n-nodes-base.webhook',
        typeVersion: 2,
        position: [0, 0],
        webhookId: '3c1d7e9a-5b2f-4a8c-b6d0-1e2f3a4b5c6d',
      },
      {
        parameters: { assignments: { assignments: [{ id: 'a1', name: 'ok', value: true, type: 'boolean' }] }, includeOtherFields: false, options: {} },
        id: '7a1d3e5f-4c2b-4d72-8e2f-3b8c6d9e0f12',
        name: 'Edit Fields',
        type: 'n8n-nodes-base.set',
        typeVersion: 3.4,
        position: [220, 0],
      },
    ],
    connections: { Webhook: { main: [[{ node: 'Edit Fields', type: 'main', index: 0 }]] } },
    active: false,
    settings: { executionOrder: 'v1' },
    versionId: '0d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a',
    meta: { templateCredsInstanceId: 'e3b0c44298fc1c149afbf4c8996fb924' },
    id,
    tags: [],
    pinData: {},
  };
}

export function n8nLegacyWorkflow() {
  return {
    id: 3,
    name: 'Contact form',
    active: true,
    nodes: [
      { parameters: { path: 'contact', options: {} }, name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 1, position: [250, 300], webhookId: '9b8a7c6d' },
      { parameters: { values: { string: [{ name: 'status', value: 'received' }] }, keepOnlySet: true, options: {} }, name: 'Set', type: 'n8n-nodes-base.set', typeVersion: 1, position: [450, 300] },
    ],
    connections: { Webhook: { main: [[{ node: 'Set', type: 'main', index: 0 }]] } },
    settings: {},
    staticData: null,
    createdAt: '2022-03-01T10:00:00.000Z',
    updatedAt: '2022-03-02T10:00:00.000Z',
  };
}

export function nodeRedFlows() {
  return [
    { id: 'f1a2b3c4d5e6f708', type: 'tab', label: 'Orders', disabled: false, info: '' },
    { id: 'a9b8c7d6e5f40312', type: 'tab', label: 'Forms', disabled: false, info: '' },
    { id: 'c1', type: 'http in', z: 'f1a2b3c4d5e6f708', name: '', url: '/orders', method: 'post', upload: false, swaggerDoc: '', x: 120, y: 80, wires: [['c2']] },
    { id: 'c2', type: 'change', z: 'f1a2b3c4d5e6f708', name: '', rules: [{ t: 'set', p: 'payload', pt: 'msg', to: 'ok', tot: 'str' }], x: 300, y: 80, wires: [['c3']] },
    { id: 'c3', type: 'http response', z: 'f1a2b3c4d5e6f708', name: '', statusCode: '', headers: {}, x: 480, y: 80, wires: [] },
    { id: 'd1', type: 'http in', z: 'a9b8c7d6e5f40312', name: '', url: '/form', method: 'post', x: 120, y: 80, wires: [['d2']] },
    { id: 'd2', type: 'http response', z: 'a9b8c7d6e5f40312', name: '', statusCode: '201', headers: {}, x: 300, y: 80, wires: [] },
    { id: 'b1', type: 'mqtt-broker', name: 'local', broker: 'localhost', port: '1883' },
  ];
}
