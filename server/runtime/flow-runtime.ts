import type { NodeRegistry } from '../../nodes/registry.js';
import { compileFlow, type CompiledFlow } from '../engine/compile-flow.js';
import { assertReadyToActivate, type CredentialDirectory } from '../engine/flow-readiness.js';
import type { Logger } from '../logger.js';
import type { Store, StoredFlow } from '../store/types.js';
import type { ExpressionLimits } from '../../nodes/expression.js';

/** Flow changes made inside `FlowRuntime.change`, where no other change interleaves. */
export interface FlowChanges {
  create(document: unknown): Promise<StoredFlow>;
  update(document: unknown, expectedVersion?: number): Promise<StoredFlow>;
}

/**
 * The flows that the server runs: compiled once per stored version and cached, looked up by
 * webhook path on every request. Every change goes through here so that nothing invalid is
 * ever stored.
 */
export class FlowRuntime {
  private readonly compiled = new Map<string, { version: number; flow: CompiledFlow }>();
  /** Earlier versions that persisted executions still run on, by `<flowId>@<version>`. */
  private readonly previous = new Map<string, CompiledFlow>();
  private changes: Promise<unknown> = Promise.resolve();

  constructor(
    readonly store: Store,
    readonly registry: NodeRegistry,
    readonly limits: ExpressionLimits,
    private readonly logger: Logger,
    /** The vault, when there is one: an active flow naming a missing credential is not ready. */
    readonly credentials?: CredentialDirectory,
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

  /**
   * The compiled machine of version `version` of a flow (the current one or a kept previous one),
   * for executions that carry on where that version left them; undefined when it is gone.
   */
  async compiledAt(flowId: string, version: number): Promise<CompiledFlow | undefined> {
    const stored = await this.store.flows.get(flowId);
    if (stored?.version === version) return this.compiledFor(stored);
    const key = `${flowId}@${version}`;
    const cached = this.previous.get(key);
    if (cached) return cached;
    const revision = await this.store.flows.getVersion(flowId, version);
    if (!revision) return undefined;
    const compiled = this.compile(revision.flow);
    this.previous.set(key, compiled);
    return compiled;
  }

  findByWebhookPath(path: string): StoredFlow | undefined {
    return this.store.flows.findByWebhookPath(path);
  }

  create(document: unknown): Promise<StoredFlow> {
    return this.change((changes) => changes.create(document));
  }

  update(document: unknown, expectedVersion?: number): Promise<StoredFlow> {
    return this.change((changes) => changes.update(document, expectedVersion));
  }

  remove(id: string): Promise<boolean> {
    return this.change(async () => {
      this.compiled.delete(id);
      return this.store.flows.remove(id);
    });
  }

  /**
   * Runs `apply` once every change started before it has finished, and holds later ones back
   * until it has: what it checks (free ids and webhook paths) still holds when it writes, so an
   * import of several flows stores all of them or none even while other changes arrive.
   */
  change<T>(apply: (changes: FlowChanges) => Promise<T>): Promise<T> {
    const run = this.changes.then(() => apply(this.unserialized));
    this.changes = run.catch(() => undefined);
    return run;
  }

  private readonly unserialized: FlowChanges = {
    create: async (document) => {
      const compiled = this.compile(document);
      assertReadyToActivate(compiled, this.credentials);
      const stored = await this.store.flows.create(compiled.flow);
      this.remember(stored, compiled);
      return stored;
    },
    update: async (document, expectedVersion) => {
      const compiled = this.compile(document);
      assertReadyToActivate(compiled, this.credentials);
      const stored = await this.store.flows.update(compiled.flow, expectedVersion);
      this.remember(stored, compiled);
      return stored;
    },
  };

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
