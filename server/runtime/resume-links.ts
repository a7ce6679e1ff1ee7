import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ExecutionInfo } from '../../nodes/define-node.js';

/** The path prefix resume calls arrive at: `/webhook-resume/<executionId>/<signature>`. */
export const resumePrefix = '/webhook-resume/';

/**
 * Resume URLs of waiting executions: `<base>/webhook-resume/<executionId>/<signature>`, the
 * signature an HMAC of the execution id under a key derived from the vault's key. Only someone
 * given the URL can resume the execution, and no URL list needs storing.
 */
export class ResumeLinks {
  /** The public base URL (`HOOKFLOW_PUBLIC_URL`, or the address the server listens on once known). */
  base = '';

  constructor(private readonly key: Buffer) {}

  signatureOf(executionId: string): string {
    return createHmac('sha256', this.key).update(`resume:${executionId}`).digest('base64url');
  }

  urlOf(executionId: string): string {
    return `${this.base}${resumePrefix}${executionId}/${this.signatureOf(executionId)}`;
  }

  /** Whether `signature` is the execution's (compared in constant time). */
  verify(executionId: string, signature: string): boolean {
    const expected = Buffer.from(this.signatureOf(executionId));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** `$execution` for an execution (a plain object: JSONata reads own properties only). */
  infoOf(id: string, flowId: string): ExecutionInfo {
    return { id, flowId, resumeUrl: this.urlOf(id) };
  }
}
