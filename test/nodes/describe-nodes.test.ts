import { describe, expect, it } from 'vitest';
import { describeNodes } from '../../nodes/describe-nodes.js';
import { builtInNodes } from '../../nodes/registry.js';

type Properties = Record<string, Record<string, unknown>>;

const catalog = describeNodes(builtInNodes);
const entry = (type: string) => catalog.find((description) => description.type === type)!;
const properties = (type: string) => entry(type).configSchema.properties as Properties;

describe('describeNodes', () => {
  it('describes every built-in node type once, with an object JSON Schema of its config', () => {
    expect(catalog.map((description) => description.type)).toEqual([
      'webhook', 'error-trigger', 'transform', 'if', 'switch', 'merge', 'delay', 'wait-for-webhook', 'http-request', 'respond', 'counter', 'email',
    ]);
    for (const description of catalog) {
      expect(description.label).not.toBe('');
      expect(description.description).not.toBe('');
      expect(description.configSchema).toMatchObject({ type: 'object', properties: expect.any(Object) });
    }
  });

  it('lists ports, and marks joins and waiting nodes only', () => {
    expect(entry('switch').outputs).toEqual(['fallback']);
    expect(entry('http-request').outputs).toEqual(['success', 'error']);
    expect(entry('merge')).toMatchObject({ join: true });
    expect(entry('delay')).toMatchObject({ waits: true });
    expect(entry('transform')).not.toHaveProperty('join');
    expect(entry('transform')).not.toHaveProperty('waits');
  });

  it('carries defaults, titles, limits and editor widgets into the schema', () => {
    expect(properties('http-request').timeoutMs).toMatchObject({ default: 10_000, maximum: 120_000, title: 'Timeout (ms)' });
    expect(properties('http-request').url).toMatchObject({ widget: 'template', maxLength: 2000 });
    expect(properties('http-request').body).toMatchObject({ widget: 'jsonata' });
    expect(properties('delay').unit).toMatchObject({ default: 'seconds', enum: ['milliseconds', 'seconds', 'minutes', 'hours', 'days'] });
    expect(properties('merge').mode).toMatchObject({ default: 'object' });
    expect(properties('counter')).toMatchObject({ start: { default: 1 }, step: { default: 1 }, prefix: { default: '' }, padding: { default: 0, maximum: 20 } });
    expect(properties('respond').body).toMatchObject({ default: '$', widget: 'jsonata' });
    expect(properties('email').to).toMatchObject({ type: 'array', maxItems: 50, items: { widget: 'template' } });
    expect(entry('counter').configSchema.required).toEqual(['name']);
  });
});
