import type { FlowNode, JsonSchema, NodeType } from '../api/types.js';
import { resolveSchema, typeOf } from './schema-defaults.js';

const maxLength = 40;

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > maxLength ? `${line.slice(0, maxLength)}…` : line;
}

/**
 * One line that tells what a configured node does, read from its schema (no per-type code):
 * the first expression, else "METHOD url", else a count of its repeated groups, else its first value.
 *
 * @example
 * summariseNode({ config: { rules: [a, b, c] } } as FlowNode, switchType); // '3 rules'
 */
export function summariseNode(node: FlowNode, nodeType: NodeType | undefined): string {
  const properties = Object.entries(nodeType?.configSchema.properties ?? {}).map(([key, schema]) => [key, resolveSchema(schema)] as const);
  const config = node.config;
  const filled = properties.filter(([key]) => config[key] !== undefined && config[key] !== '');
  const expression = filled.find(([, schema]) => schema.widget === 'jsonata');
  if (expression) return shorten(String(config[expression[0]]));
  if (typeof config.url === 'string' && config.url) return shorten(`${typeof config.method === 'string' ? `${config.method} ` : ''}${config.url}`);
  const groups = filled.find(([, schema]) => typeOf(schema) === 'array' && typeOf(schema.items ?? {}) === 'object');
  if (groups) return countOf(config[groups[0]] as unknown[], groups[1], groups[0]);
  const first = filled[0];
  return first ? shorten(valueText(config[first[0]])) : '';
}

function countOf(items: unknown[], schema: JsonSchema, key: string): string {
  const noun = (schema.title ?? key).toLowerCase();
  return `${items.length} ${items.length === 1 ? noun.replace(/s$/, '') : noun}`;
}

function valueText(value: unknown): string {
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
