import { describe, expect, it } from 'vitest';
import type { FlowNode, NodeType } from '../../editor/src/api/types.js';
import { parseStatuses, pruneSettings, toMilliseconds, withSettings } from '../../editor/src/canvas/failure-settings.js';
import { portsOf } from '../../editor/src/canvas/flow-model.js';
import { describeNodes } from '../../nodes/describe-nodes.js';
import { builtInNodes } from '../../nodes/registry.js';

const types = new Map((describeNodes(builtInNodes) as unknown as NodeType[]).map((type) => [type.type, type]));
const node = (type: string, settings?: FlowNode['settings']): FlowNode => ({ id: 'n', type, position: { x: 0, y: 0 }, config: {}, ...(settings && { settings }) });

describe('the editor’s failure settings', () => {
  it('writes only what is set: cleared fields and emptied objects leave the node without settings', () => {
    expect(pruneSettings({ retry: { attempts: undefined, on: { statuses: undefined } }, onError: 'continue' as const })).toEqual({ onError: 'continue' });
    expect(withSettings(node('transform', { timeoutMs: 5000 }), { timeoutMs: undefined })).not.toHaveProperty('settings');
    expect(withSettings(node('transform'), { retry: { attempts: 3, on: { errors: false } } }).settings).toEqual({ retry: { attempts: 3, on: { errors: false } } });
  });

  it('reads statuses as typed, and seconds as milliseconds', () => {
    expect(parseStatuses('429, 503;504 x')).toEqual([429, 503, 504]);
    expect(parseStatuses(' , ')).toBeUndefined();
    expect(toMilliseconds(0.5)).toBe(500);
    expect(toMilliseconds(undefined)).toBeUndefined();
  });

  it('gives a node whose failures take the error output an error handle, once', () => {
    expect(portsOf(node('transform', { onError: 'errorPort' }), types.get('transform'))).toEqual(['out', 'error']);
    expect(portsOf(node('transform', { onError: 'continue' }), types.get('transform'))).toEqual(['out']);
    expect(portsOf(node('http-request', { onError: 'errorPort' }), types.get('http-request'))).toEqual(['success', 'error']);
  });
});
