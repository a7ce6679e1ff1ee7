type Edge = [source: string, target: string, port?: string];

/** A flow document from a compact description: nodes by id → [type, config], edges as tuples. */
export function flowDocument(
  id: string,
  nodes: Record<string, [string, Record<string, unknown>?]>,
  edges: Edge[],
  extra: Record<string, unknown> = {},
) {
  return {
    schemaVersion: 1,
    id,
    name: `Test ${id}`,
    active: true,
    nodes: Object.entries(nodes).map(([nodeId, [type, config]], index) => ({ id: nodeId, type, position: { x: index * 200, y: 0 }, config: config ?? {} })),
    edges: edges.map(([source, target, port], index) => ({ id: `e${index + 1}`, source, target, ...(port ? { sourceHandle: port } : {}) })),
    ...extra,
  };
}
