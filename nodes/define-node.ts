import type { z } from 'zod';
import type { CredentialFields, CredentialType } from '../server/credentials/types.js';
import type { CompiledExpression, ExpressionScope } from './expression.js';

export type NodeCategory = 'trigger' | 'transform' | 'logic' | 'action';

/** The request that triggered an execution, as flows see it in `$trigger`. */
export interface TriggerRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  query: Record<string, string | string[]>;
  params: Record<string, string>;
  body: unknown;
}

/** A response that a node asks to send to the webhook's caller. */
export interface WebhookResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Services the runtime lends to nodes; nodes never reach for the server's modules directly. */
export interface NodeServices {
  /** Next value of a persistent named sequence. */
  nextCounterValue(name: string, start: number, step: number): Promise<number>;
  /**
   * Sends one e-mail through `account` (an SMTP credential's fields) or else the server's SMTP
   * settings; resolves with the SMTP server's answer. The SMTP host passes the outbound policy.
   */
  sendMail(
    message: MailMessage,
    signal: AbortSignal,
    account?: CredentialFields['smtp'],
  ): Promise<{ messageId: string; accepted: string[]; rejected: string[] }>;
  /** Outgoing HTTP, refusing private, loopback, link-local and metadata addresses (HOOKFLOW_OUTBOUND_ALLOW admits some). */
  fetch: typeof fetch;
  /**
   * The decrypted fields of the stored credential `name` of type `type`; throws CREDENTIAL_MISSING
   * (naming it, never a value) when there is none. Every value it returns is redacted from the
   * execution's record and logs.
   */
  credential<T extends CredentialType>(name: string, type: T): CredentialFields[T];
  /** Sends the webhook response now (`respond` node); false when it was already sent. */
  respond(response: WebhookResponse): boolean;
  log: (message: string, details?: Record<string, unknown>) => void;
}

export interface MailMessage {
  from: string;
  to: string[];
  cc?: string[];
  subject: string;
  text?: string;
  html?: string;
}

export interface RunContext {
  /** The item this node receives (for a merge node, the combined inputs; see `inputs`). */
  input: unknown;
  /** For a node with several incoming edges: each arrived input by source node id. */
  inputs: Record<string, unknown>;
  scope: ExpressionScope;
  signal: AbortSignal;
  services: NodeServices;
}

/** What a node run produces: its output item and the port it fires (default `out`). */
export interface NodeResult {
  output: unknown;
  port?: string;
}

/**
 * What a waiting node produces: the execution pauses here (its state persisted, so the wait
 * survives a restart) until `until` (epoch ms), when the node fires `timeoutPort` with the item
 * it received; a node with `webhook` also continues, on `out` with the call as its item, when
 * the execution's resume URL is called first.
 */
export interface NodeWait {
  wait: { until: number; webhook?: boolean; timeoutPort: string };
}

export type NodeRun = (ctx: RunContext) => Promise<NodeResult | NodeWait> | NodeResult | NodeWait;

/** Who an execution is, as expressions see it in `$execution`. */
export interface ExecutionInfo {
  id: string;
  flowId: string;
  /** Calling it resumes the execution at its wait-for-webhook node. */
  resumeUrl: string;
}

/** Compile-time helpers handed to `create`, run once per flow version. */
export interface NodeCompiler {
  /** Compiles a JSONata expression of config field `field`; a syntax error names the field. */
  expression(source: string, field: string): CompiledExpression;
}

/**
 * A node type, declared once: the runtime, the validator, the catalog API and the editor all
 * read this one object.
 */
export interface NodeDefinition<C extends z.ZodType = z.ZodType> {
  /** Kebab-case id stored in flow files: never renamed once released. */
  type: string;
  label: string;
  category: NodeCategory;
  /** One line of help shown in the palette. */
  description: string;
  /** Output ports a node of this type may fire; `ports(config)` narrows it per node. */
  outputs: readonly string[];
  /** The ports of one configured node, when they depend on its config (a switch's rules). */
  ports?(config: z.output<C>): string[];
  config: C;
  /** A node that pauses the execution (its run returns a NodeWait). */
  waits?: boolean;
  /** A join: runs once after every parallel branch leading to it has finished. */
  join?: boolean;
  /**
   * Prepares a run function for one configured node (compile expressions here, once). Only
   * the trigger has none: the engine itself moves its item on.
   */
  create?(config: z.output<C>, compiler: NodeCompiler): NodeRun;
}

export const defineNode = <C extends z.ZodType>(definition: NodeDefinition<C>): NodeDefinition<C> => definition;

/** The ports a configured node can fire. */
export function portsOf(definition: NodeDefinition, config: unknown): string[] {
  return definition.ports ? definition.ports(config) : [...definition.outputs];
}
