import { describe, expect, it } from 'vitest';
import { FlowValidationError } from '../../server/errors.js';
import { describeDetectedImport, detectImportFormat } from '../../server/import/detect-format.js';
import { flowDocument } from '../helpers/flow-document.js';
import { n8nLegacyWorkflow, n8nWorkflow, nodeRedFlows } from './export-shapes.js';

const hookflowFlow = flowDocument('detect', { in: ['webhook'] }, []);
const formatOf = (document: unknown) => detectImportFormat(document).format;

/** The FlowValidationError detectImportFormat throws for `document`. */
function refusal(document: unknown): FlowValidationError {
  try {
    detectImportFormat(document);
  } catch (error) {
    if (error instanceof FlowValidationError) return error;
    throw error;
  }
  throw new Error(`detected ${formatOf(document)}`);
}

describe('detectImportFormat', () => {
  it('reads Hookflow flow files and bundles as before', () => {
    expect(detectImportFormat(hookflowFlow)).toEqual({ format: 'hookflow-flow', documents: [hookflowFlow] });
    const bundle = { schemaVersion: 1, kind: 'hookflow-bundle', exportedAt: '2026-01-01T00:00:00.000Z', flows: [hookflowFlow] };
    expect(detectImportFormat(bundle)).toEqual({ format: 'hookflow-bundle', documents: [hookflowFlow] });
    expect(detectImportFormat({ flows: [] })).toEqual({ format: 'hookflow-bundle', documents: [] });
    // Incomplete flow files are still Hookflow's: schema validation names what is missing.
    expect(formatOf({ schemaVersion: 1 })).toBe('hookflow-flow');
    expect(formatOf({ nodes: [], connections: {}, schemaVersion: 1 })).toBe('hookflow-flow');
  });

  it('recognises a current n8n workflow export', () => {
    const workflow = n8nWorkflow();
    const detected = detectImportFormat(workflow);
    expect(detected).toEqual({ format: 'n8n', workflows: [workflow], legacy: false });
    expect(describeDetectedImport(detected)).toBe('an n8n workflow export (1 workflow)');
  });

  it('recognises a pre-1.0 n8n export (numeric workflow id, nodes without ids)', () => {
    const detected = detectImportFormat(n8nLegacyWorkflow());
    expect(detected).toMatchObject({ format: 'n8n', legacy: true });
    expect(describeDetectedImport(detected)).toBe('an n8n workflow export from before n8n 1.0 (1 workflow)');
    const { id: _numeric, ...withoutId } = n8nLegacyWorkflow();
    expect(detectImportFormat(withoutId)).toMatchObject({ format: 'n8n', legacy: true });
  });

  it('recognises several n8n workflows: the array `n8n export:workflow --all` writes, or { workflows: [...] }', () => {
    const all = [n8nWorkflow('A', 'id-a'), n8nLegacyWorkflow()];
    const detected = detectImportFormat(all);
    expect(detected).toEqual({ format: 'n8n', workflows: all, legacy: true });
    expect(describeDetectedImport(detected)).toBe('an n8n workflow export from before n8n 1.0 (2 workflows)');
    expect(detectImportFormat({ workflows: [n8nWorkflow()] })).toMatchObject({ format: 'n8n', workflows: [n8nWorkflow()], legacy: false });
  });

  it('recognises a Node-RED flows.json with its tabs, a selection of nodes, and the admin API { rev, flows }', () => {
    const flows = nodeRedFlows();
    const detected = detectImportFormat(flows);
    expect(detected).toEqual({ format: 'node-red', nodes: flows, tabs: 2 });
    expect(describeDetectedImport(detected)).toBe('a Node-RED flow export (2 flows, 8 nodes)');
    const selection = flows.filter((node) => node.z === 'a9b8c7d6e5f40312');
    expect(describeDetectedImport(detectImportFormat(selection))).toBe('a Node-RED flow export (1 flow, 2 nodes)');
    expect(detectImportFormat({ rev: '4d8e1c2a', flows })).toEqual({ format: 'node-red', nodes: flows, tabs: 2 });
  });

  it('refuses anything else with 422 FLOW_INVALID naming the formats Hookflow reads', () => {
    const others: unknown[] = [null, 42, 'text', true, [], [1, 2], {}, { foo: 1 }, [hookflowFlow], [{ id: 'x', type: 'tab' }, 3], [{ id: 1, type: 'inject', wires: [] }], { workflows: [] }];
    for (const document of others) {
      const error = refusal(document);
      expect(error.status).toBe(422);
      expect(error.problems).toEqual([{ path: '', message: error.message }]);
      expect(error.message).toMatch(/^This is not a file Hookflow can import: expected a Hookflow flow file .*"schemaVersion": 1.* or a Hookflow bundle .*"flows".*; n8n workflow exports and Node-RED flow exports are recognised but cannot be imported yet\.$/);
    }
    expect(refusal({ kind: 'hookflow-bundle' }).problems).toEqual([{ path: 'flows', message: 'A bundle needs a "flows" array.' }]);
  });

  it('reads own properties only: __proto__ keys and inherited properties are data, not shape', () => {
    expect(() => detectImportFormat(JSON.parse('{"__proto__": {"nodes": [], "connections": {}}}'))).toThrow(FlowValidationError);
    expect(() => detectImportFormat(Object.create({ nodes: [], schemaVersion: 1 }))).toThrow(FlowValidationError);
    expect(formatOf(JSON.parse('{"nodes": [], "connections": {"__proto__": {"main": []}}}'))).toBe('n8n');
  });

  it('stays shallow and fast on hostile input: huge arrays and deep nesting', () => {
    const huge = Array.from({ length: 1_000_000 }, (_, index) => index);
    expect(() => detectImportFormat(huge)).toThrow(FlowValidationError);
    const manyNodes = Array.from({ length: 200_000 }, (_, index) => ({ id: `n${index}`, type: 'inject', z: 't', wires: [[]] }));
    expect(detectImportFormat(manyNodes)).toMatchObject({ format: 'node-red', tabs: 1 });
    let deep: unknown = {};
    for (let level = 0; level < 100_000; level += 1) deep = { next: deep };
    expect(formatOf({ name: 'deep', nodes: [{ parameters: deep }], connections: {} })).toBe('n8n');
    expect(() => detectImportFormat([deep])).toThrow(FlowValidationError);
  });
});
