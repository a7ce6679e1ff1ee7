import { credentialReferencesOf } from '../credentials/credential-references.js';
import type { CredentialType } from '../credentials/types.js';
import { FlowValidationError, type FlowProblem } from '../errors.js';
import type { PreparedFlow } from './prepare-flow.js';

/** What readiness needs to know of the vault: which credentials exist, and of which type (nothing secret). */
export interface CredentialDirectory {
  typeOf(name: string): CredentialType | undefined;
}

/**
 * A valid flow that cannot be switched on yet: saving it as a draft is fine, running it live is
 * not. Answered 422 with `problems`, like FlowValidationError, under its own code.
 */
export class FlowNotReadyError extends FlowValidationError {
  override readonly code = 'FLOW_NOT_READY';

  constructor(problems: FlowProblem[]) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    super(problems, `The flow cannot be active yet: ${problems[0]?.message ?? 'it is not ready.'}${more}`);
  }
}

/** The nodes that the trigger's item can never reach, each as a problem at `nodes[i]`. */
export function findUnconnectedNodes(prepared: PreparedFlow): FlowProblem[] {
  const reached = prepared.graph.reach(prepared.trigger.node.id);
  return prepared.flow.nodes.flatMap((node, index) =>
    reached.has(node.id)
      ? []
      : [{ path: `nodes[${index}]`, nodeId: node.id, message: `Node "${node.id}" is not connected to the trigger; connect it or delete it.` }],
  );
}

/**
 * The credential fields (see `credentialField`) naming a credential that does not exist or has
 * a type the field does not accept, each as a problem at the field's path.
 */
export function findMissingCredentials(prepared: PreparedFlow, credentials: CredentialDirectory): FlowProblem[] {
  return prepared.flow.nodes.flatMap((node, index) => {
    const { definition, config } = prepared.nodes.get(node.id)!;
    return credentialReferencesOf(definition, config).flatMap(({ path, name, types }) => {
      const type = credentials.typeOf(name);
      if (type && types.includes(type)) return [];
      const message = type
        ? `Node "${node.id}" needs a ${types.join(' or ')} credential, but "${name}" is a ${type} credential; choose another.`
        : `Node "${node.id}" uses the credential "${name}", which does not exist — create it under Credentials.`;
      return [{ path: `nodes[${index}].config.${path}`, nodeId: node.id, message }];
    });
  });
}

/** Every reason an active flow cannot run yet: unreachable nodes, and (given the vault) missing credentials. */
export function findUnreadyProblems(prepared: PreparedFlow, credentials?: CredentialDirectory): FlowProblem[] {
  const problems = findUnconnectedNodes(prepared);
  return credentials ? [...problems, ...findMissingCredentials(prepared, credentials)] : problems;
}

/** Throws FlowNotReadyError when an active flow is not ready (see findUnreadyProblems); inactive drafts pass. */
export function assertReadyToActivate(prepared: PreparedFlow, credentials?: CredentialDirectory): void {
  if (!prepared.flow.active) return;
  const problems = findUnreadyProblems(prepared, credentials);
  if (problems.length > 0) throw new FlowNotReadyError(problems);
}
