import type { NodeServices, TriggerRequest } from '../../nodes/define-node.js';
import { createRegistry } from '../../nodes/registry.js';
import { compileFlow } from '../../server/engine/compile-flow.js';
import { runFlow, type RunOutcome } from '../../server/engine/run-flow.js';
import { createTestServices } from './services.js';

/**
 * A flow in a few lines: nodes by id (a type, or a type with config), and edges written
 * `'source -> target'` or `'source:port -> target'`.
 */
export interface TestFlow {
  nodes: Record<string, string | { type: string; config?: unknown; settings?: unknown }>;
  edges?: string[];
}

export interface TestRunOptions {
  /** The webhook request body. */
  body?: unknown;
  services?: NodeServices;
  timeoutMs?: number;
}

export interface TestRunResult {
  output: unknown;
  /** The run's error message, when it failed or timed out. */
  error?: string;
  /** Node ids in the order they started, the trigger first. */
  visited: string[];
  outcome: RunOutcome;
}

const registry = createRegistry();

/** Expands a TestFlow into a flow document (schema version 1). */
export function buildTestFlow(flow: TestFlow): unknown {
  return {
    schemaVersion: 1,
    id: 'test-flow',
    name: 'Test flow',
    nodes: Object.entries(flow.nodes).map(([id, node]) => (typeof node === 'string' ? { id, type: node } : { id, ...node })),
    edges: (flow.edges ?? []).map((edge, index) => {
      const match = /^([\w-]+)(?::([\w-]+))?\s*->\s*([\w-]+)$/.exec(edge.trim());
      if (!match) throw new Error(`Cannot read edge "${edge}"; write "source -> target" or "source:port -> target".`);
      const [, source, port, target] = match;
      return { id: `e${index}`, source, target, ...(port ? { sourceHandle: port } : {}) };
    }),
  };
}

/**
 * trigger → one node of `type` → on each of `ports` a transform that outputs `{ port, result }`,
 * so the flow's output tells which port fired and with what.
 */
export function probePorts(type: string, config: unknown, ports: readonly string[]): TestFlow {
  const probes = Object.fromEntries(ports.map((port) => [`on-${port}`, { type: 'transform', config: { expression: `{ "port": "${port}", "result": $ }` } }]));
  return { nodes: { in: 'webhook', node: { type, config }, ...probes }, edges: ['in -> node', ...ports.map((port) => `node:${port} -> on-${port}`)] };
}

/**
 * Compiles a test flow against the real registry and runs it once on a POST with `body`.
 * Throws FlowValidationError when the flow does not compile.
 *
 * @example
 * const { output } = await runTestFlow({ nodes: { in: 'webhook', t: { type: 'transform', config: { expression: 'body.a' } } }, edges: ['in -> t'] }, { body: { a: 1 } });
 */
export async function runTestFlow(flow: TestFlow, options: TestRunOptions = {}): Promise<TestRunResult> {
  const compiled = compileFlow(buildTestFlow(flow), registry);
  const trigger: TriggerRequest = { method: 'POST', path: '/webhook/test', headers: { 'content-type': 'application/json' }, query: {}, params: {}, body: options.body };
  const outcome = await runFlow(compiled, trigger, { services: options.services ?? createTestServices().services, timeoutMs: options.timeoutMs ?? 10_000 });
  return { output: outcome.result, error: outcome.error?.message, visited: outcome.nodes.map((trace) => trace.nodeId), outcome };
}
