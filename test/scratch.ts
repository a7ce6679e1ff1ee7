import { compileFlow } from '../server/engine/compile-flow.js';
import { runFlow } from '../server/engine/run-flow.js';
import { createRegistry } from '../nodes/registry.js';
const trig = { method: 'POST', path: '/x', headers: {}, query: {}, params: {}, body: { serialNumber: 'S1' } };
const N = 200000;
const flow = (e: string) => ({ schemaVersion: 1, id: 'f', name: 'F', nodes: [
 { id: 'in', type: 'webhook', config: {} }, { id: 't', type: 'transform', config: { expression: e } }], edges: [ { id: 'e1', source: 'in', target: 't' }] });
const c1 = compileFlow(flow('1'), createRegistry());
const services: any = {};
const t0 = performance.now();
for (let i = 0; i < N; i++) await runFlow(c1, trig, { services, timeoutMs: 1000 });
console.log(((performance.now() - t0) / N * 1000).toFixed(1), 'us');
