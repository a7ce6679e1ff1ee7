import type { z } from 'zod';
import type { NodeDefinition, NodeRun } from '../../nodes/define-node.js';
import { portsOf } from '../../nodes/define-node.js';
import { compileExpression, ExpressionSyntaxError, type ExpressionLimits } from '../../nodes/expression.js';
import type { NodeRegistry } from '../../nodes/registry.js';
import { FlowValidationError, type FlowProblem } from '../errors.js';
import { FlowGraph } from './flow-graph.js';
import { policyOf, type NodePolicy } from './node-policy.js';
import { nodeSettingsSchema } from './node-settings.js';
import { edgePort, flowEdgeSchema, flowNodeSchema, flowSchema, jsonPath, type FlowEdge, type FlowFile, type FlowNode } from './flow-schema.js';

/** A node with its definition, validated config and ready-to-call run function. */
export interface PreparedNode {
  node: FlowNode;
  definition: NodeDefinition;
  config: unknown;
  ports: string[];
  /** Absent for the trigger and waiting nodes, which the engine moves on itself. */
  run?: NodeRun;
  /** Retries, timeout and failure handling; absent when the node's settings are all defaults (call `run` directly). */
  policy?: NodePolicy;
}

export interface PreparedFlow {
  flow: FlowFile;
  nodes: Map<string, PreparedNode>;
  trigger: PreparedNode;
  graph: FlowGraph;
}

/**
 * Validates a flow document against the schema and its node types, and prepares every node
 * (config parsed with defaults, expressions compiled). Throws one FlowValidationError that
 * lists every problem found, each with its JSON path.
 */
export function prepareFlow(document: unknown, registry: NodeRegistry, limits?: ExpressionLimits): PreparedFlow {
  const parsed = flowSchema.safeParse(document);
  const problems: FlowProblem[] = parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: jsonPath(issue.path), message: issue.message }));
  const parts = parsed.success ? parsed.data : salvage(document);
  const nodes = new Map<string, PreparedNode>();

  parts.nodes.forEach((node, index) => {
    if (!node) return;
    if (nodes.has(node.id)) {
      problems.push({ path: `nodes[${index}].id`, nodeId: node.id, message: `Node id "${node.id}" is used more than once.` });
      return;
    }
    const prepared = prepareNode(node, index, registry, problems, limits);
    if (prepared) nodes.set(node.id, prepared);
  });

  checkEdges(parts, nodes, registry, problems);
  const trigger = findTrigger(parts, registry, problems);
  if (problems.length === 0) checkAcyclic(parts.edges as FlowEdge[], problems);
  if (!parsed.success || problems.length > 0 || !trigger) throw new FlowValidationError(problems);
  const flow = parsed.data;
  return { flow, nodes, trigger: nodes.get(trigger.id)!, graph: new FlowGraph(flow) };
}

/** The nodes and edges of a document, each kept only if it is well-formed on its own. */
interface FlowParts {
  nodes: readonly (FlowNode | undefined)[];
  edges: readonly (FlowEdge | undefined)[];
}

/**
 * A node whose settings are invalid is still checked, keeping of them only a valid `onError`: its
 * edges still find it, and an edge from the error port it asks for is not a second problem.
 */
const nodeWithoutSettings = flowNodeSchema.omit({ settings: true });
const salvageableNode = {
  safeParse(item: unknown): { data?: FlowNode } {
    const node = flowNodeSchema.safeParse(item);
    if (node.success) return node;
    const bare = nodeWithoutSettings.safeParse(item).data;
    const onError = nodeSettingsSchema.shape.onError.safeParse((item as { settings?: { onError?: unknown } } | null)?.settings?.onError).data;
    return { data: bare && onError ? { ...bare, settings: { onError } } : bare };
  },
};

/** When the document as a whole is invalid, its sound parts are still checked, so every problem shows at once. */
function salvage(document: unknown): FlowParts {
  const raw = (document ?? {}) as { nodes?: unknown; edges?: unknown };
  const each = <T>(list: unknown, schema: { safeParse(value: unknown): { data?: T } }) =>
    Array.isArray(list) ? list.map((item) => schema.safeParse(item).data) : [];
  return { nodes: each<FlowNode>(raw.nodes, salvageableNode), edges: each<FlowEdge>(raw.edges, flowEdgeSchema) };
}

function prepareNode(
  node: FlowNode,
  index: number,
  registry: NodeRegistry,
  problems: FlowProblem[],
  limits: ExpressionLimits | undefined,
): PreparedNode | undefined {
  const path = `nodes[${index}]`;
  const definition = registry.get(node.type);
  if (!definition) {
    const known = [...registry.keys()].join(', ');
    problems.push({ path: `${path}.type`, nodeId: node.id, message: `Unknown node type "${node.type}". Known types: ${known}.` });
    return undefined;
  }
  const config = definition.config.safeParse(node.config);
  if (!config.success) {
    for (const issue of config.error.issues) {
      problems.push({ path: jsonPath(['nodes', index, 'config', ...issue.path]), nodeId: node.id, message: issue.message });
    }
    return undefined;
  }
  const value: z.output<typeof definition.config> = config.data;
  try {
    const run = definition.create?.(value, {
      expression(source, field) {
        try {
          return compileExpression(source, limits);
        } catch (error) {
          if (!(error instanceof ExpressionSyntaxError)) throw error;
          const at = error.position === undefined ? '' : ` at character ${error.position}`;
          problems.push({ path: `${path}.config.${field}`, nodeId: node.id, message: `JSONata syntax error${at}: ${error.message}`, position: error.position });
          return compileExpression('$', limits);
        }
      },
    });
    const ports = portsWithSettings(node, definition, portsOf(definition, value), path, problems);
    const policy = policyOf(node, definition);
    return { node, definition, config: value, ports, run, ...(policy && { policy }) };
  } catch (error) {
    problems.push({ path: `${path}.config`, nodeId: node.id, message: (error as Error).message });
    return undefined;
  }
}

/**
 * Checks a node's failure settings and adds the `error` port that `onError: 'errorPort'` routes
 * to. A node type with an error port of its own keeps that one port: thrown failures join it.
 */
function portsWithSettings(node: FlowNode, definition: NodeDefinition, ports: string[], path: string, problems: FlowProblem[]): string[] {
  const settings = node.settings;
  if (!settings || Object.keys(settings).length === 0) return ports;
  if (definition.category === 'trigger' || definition.waits) {
    const why = definition.category === 'trigger' ? 'a trigger starts the flow' : `a ${definition.label} node pauses the execution rather than runs`;
    problems.push({ path: `${path}.settings`, nodeId: node.id, message: `Node "${node.id}" takes no retry, timeout or on-error settings: ${why}. Remove its settings.` });
    return ports;
  }
  if (settings.onError !== 'errorPort' || definition.outputs.includes('error')) return ports;
  if (ports.includes('error')) {
    problems.push({
      path: `${path}.settings.onError`,
      nodeId: node.id,
      message: `Node "${node.id}" already has a port named "error" (a rule's name), which the error output needs. Rename that rule, or choose another onError.`,
    });
    return ports;
  }
  return [...ports, 'error'];
}

function checkEdges(flow: FlowParts, nodes: Map<string, PreparedNode>, registry: NodeRegistry, problems: FlowProblem[]) {
  const edgeIds = new Set<string>();
  const links = new Set<string>();
  const declared = new Set(flow.nodes.map((node) => node?.id));
  flow.edges.forEach((edge, index) => {
    if (!edge) return;
    const path = `edges[${index}]`;
    if (edgeIds.has(edge.id)) problems.push({ path: `${path}.id`, message: `Edge id "${edge.id}" is used more than once.` });
    edgeIds.add(edge.id);
    for (const end of ['source', 'target'] as const) {
      if (!declared.has(edge[end])) problems.push({ path: `${path}.${end}`, message: `Edge "${edge.id}" points to node "${edge[end]}", which does not exist.` });
    }
    if (edge.source === edge.target) problems.push({ path, message: `Edge "${edge.id}" connects node "${edge.source}" to itself.` });
    const link = `${edge.source}\u0000${edgePort(edge)}\u0000${edge.target}`;
    if (links.has(link)) problems.push({ path, message: `Edge "${edge.id}" repeats another edge from "${edge.source}" to "${edge.target}".` });
    links.add(link);
    const source = nodes.get(edge.source);
    if (source && !source.ports.includes(edgePort(edge))) {
      problems.push({
        path: `${path}.sourceHandle`,
        nodeId: edge.source,
        message: `Node "${edge.source}" has no output port "${edgePort(edge)}"; its ports are: ${source.ports.join(', ')}.`,
      });
    }
    const targetType = flow.nodes.find((node) => node?.id === edge.target)?.type;
    if (targetType && registry.get(targetType)?.category === 'trigger') {
      problems.push({ path: `${path}.target`, nodeId: edge.target, message: `Edge "${edge.id}" leads into trigger "${edge.target}"; a trigger only starts a flow.` });
    }
  });
}

function findTrigger(flow: FlowParts, registry: NodeRegistry, problems: FlowProblem[]): FlowNode | undefined {
  const triggers = flow.nodes.filter((node): node is FlowNode => node !== undefined && registry.get(node.type)?.category === 'trigger');
  if (triggers.length === 0) problems.push({ path: 'nodes', message: 'The flow has no trigger; add a Webhook node to start it.' });
  triggers.slice(1).forEach((node) => {
    const index = flow.nodes.indexOf(node);
    problems.push({ path: `nodes[${index}]`, nodeId: node.id, message: `The flow has more than one trigger ("${triggers[0]!.id}" and "${node.id}"); keep one.` });
  });
  return triggers.length === 1 ? triggers[0] : undefined;
}

function checkAcyclic(edges: readonly FlowEdge[], problems: FlowProblem[]) {
  const next = new Map<string, string[]>();
  for (const edge of edges) next.set(edge.source, [...(next.get(edge.source) ?? []), edge.target]);
  const state = new Map<string, 'visiting' | 'done'>();
  const trail: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...trail.slice(trail.indexOf(id)), id];
    state.set(id, 'visiting');
    trail.push(id);
    for (const target of next.get(id) ?? []) {
      const cycle = visit(target);
      if (cycle) return cycle;
    }
    trail.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const source of next.keys()) {
    const cycle = visit(source);
    if (cycle) {
      problems.push({ path: 'edges', nodeId: cycle[0], message: `The edges form a loop: ${cycle.join(' → ')}. Flows must not loop back.` });
      return;
    }
  }
}
