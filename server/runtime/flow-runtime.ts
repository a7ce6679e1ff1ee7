import type { NodeRegistry } from '../../nodes/registry.js';
import { compileFlow, type CompiledFlow } from '../engine/compile-flow.js';
import type { Logger } from '../logger.js';
import type { Store, StoredFlow } from '../store/types.js';
import type { ExpressionLimits } from '../../nodes/expression.js';

/**
 * The flows that the server runs: compiled once per stored version and cached, looked up by
 * webhook path on every request. Every change goes through here so that nothing invalid is
 * ever stored.
 */
export class FlowRuntime {
  private readonly compiled = new Map<string, { version: number; flow: CompiledFlow }>();

  constructor(
    readonly store: Store,
    readonly registry: NodeRegistry,
    readonly limits: ExpressionLimits,
    private readonly logger: Logger,
  ) {}

  /** Validates and compiles a flow document; throws FlowValidationError with every problem. */
  compile(document: unknown): CompiledFlow {
    return compileFlow(document, this.registry, this.limits);
  }

  /** The compiled machine of a stored flow version (compiled on first use, then cached). */
  compiledFor(stored: StoredFlow): CompiledFlow {
    const cached = this.compiled.get(stored.flow.id);
    if (cached && cached.version === stored.version) return cached.flow;
    const flow = this.compile(stored.flow);
    this.compiled.set(stored.flow.id, { version: stored.version, flow });
    return flow;
  }

  findByWebhookPath(path: string): StoredFlow | undefined {
    return this.store.flows.findByWebhookPath(path);
  }

  async create(document: unknown): Promise<StoredFlow> {
    const compiled = this.compile(document);
    const stored = await this.store.flows.create(compiled.flow);
    this.remember(stored, compiled);
    return stored;
  }

  async update(document: unknown, expectedVersion?: number): Promise<StoredFlow> {
    const compiled = this.compile(document);
    const stored = await this.store.flows.update(compiled.flow, expectedVersion);
    this.remember(stored, compiled);
    return stored;
  }

  async remove(id: string): Promise<boolean> {
    this.compiled.delete(id);
    return this.store.flows.remove(id);
  }

  /** Compiles every stored flow at start, so a broken one is reported now, not on its first call. */
  async warm(): Promise<void> {
    for (const stored of await this.store.flows.list()) {
      try {
        this.compiledFor(stored);
      } catch (error) {
        this.logger.error({ flowId: stored.flow.id, err: error }, 'stored flow does not compile; its webhook answers 500');
      }
    }
  }

  private remember(stored: StoredFlow, compiled: CompiledFlow): void {
    this.compiled.set(stored.flow.id, { version: stored.version, flow: compiled });
  }
}
