import { describe, expect, it } from 'vitest';
import { pathOfExecution } from '../../editor/src/panels/path-of-execution.js';

describe('pathOfExecution', () => {
  it('takes the edge of the port a branch fired and not the other one', () => {
    const path = pathOfExecution([
      { nodeId: 'hook', status: 'succeeded', port: 'out' },
      { nodeId: 'check', status: 'succeeded', port: 'true' },
      { nodeId: 'yes', status: 'succeeded', port: 'out' },
    ]);
    expect([...path.visited]).toEqual(['hook', 'check', 'yes']);
    expect(path.failed).toBeUndefined();
    expect(path.tookEdge({ source: 'hook', target: 'check' })).toBe(true);
    expect(path.tookEdge({ source: 'check', target: 'yes', sourceHandle: 'true' })).toBe(true);
    expect(path.tookEdge({ source: 'check', target: 'no', sourceHandle: 'false' })).toBe(false);
  });

  it('does not take an edge whose target did not run even when the port matches', () => {
    const path = pathOfExecution([{ nodeId: 'a', status: 'succeeded', port: 'out' }]);
    expect(path.tookEdge({ source: 'a', target: 'b', sourceHandle: null })).toBe(false);
  });

  it('reads a missing port as "out" on both the node and the edge', () => {
    const path = pathOfExecution([
      { nodeId: 'a', status: 'succeeded' },
      { nodeId: 'b', status: 'succeeded' },
    ]);
    expect(path.tookEdge({ source: 'a', target: 'b' })).toBe(true);
    expect(path.tookEdge({ source: 'a', target: 'b', sourceHandle: 'error' })).toBe(false);
  });

  it('marks the failed node as visited and takes no edge out of it', () => {
    const path = pathOfExecution([
      { nodeId: 'a', status: 'succeeded', port: 'out' },
      { nodeId: 'b', status: 'failed' },
      { nodeId: 'c', status: 'succeeded', port: 'out' },
    ]);
    expect(path.failed).toBe('b');
    expect(path.visited.has('b')).toBe(true);
    expect(path.tookEdge({ source: 'b', target: 'c' })).toBe(false);
  });

  it('leaves a node that only started (running or waiting) without a port taken', () => {
    const path = pathOfExecution([
      { nodeId: 'a', status: 'succeeded', port: 'out' },
      { nodeId: 'wait', status: 'waiting' },
    ]);
    expect(path.visited.has('wait')).toBe(true);
    expect(path.tookEdge({ source: 'a', target: 'wait' })).toBe(true);
    expect(path.tookEdge({ source: 'wait', target: 'b' })).toBe(false);
  });

  it('keeps every port a node fired when it ran more than once', () => {
    const path = pathOfExecution([
      { nodeId: 'check', status: 'succeeded', port: 'true' },
      { nodeId: 'check', status: 'succeeded', port: 'false' },
      { nodeId: 'yes', status: 'succeeded' },
      { nodeId: 'no', status: 'succeeded' },
    ]);
    expect(path.tookEdge({ source: 'check', target: 'yes', sourceHandle: 'true' })).toBe(true);
    expect(path.tookEdge({ source: 'check', target: 'no', sourceHandle: 'false' })).toBe(true);
  });
});
