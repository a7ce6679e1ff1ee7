/**
 * What a node's retry policy is when its flow file leaves a setting out. Plain data without
 * imports, so that the editor shows the same numbers as placeholders.
 */
export const retryDefaults = {
  /** Total tries: 1 tries once, without retries. */
  attempts: 1,
  /** The first wait; each later wait doubles it. */
  backoffMs: 1000,
  /** No wait is longer (unless backoffMs itself is). */
  maxBackoffMs: 60_000,
  /** Each wait is random between 0 and its back-off, so that many retrying executions spread out. */
  jitter: true,
  /** Retry when the node throws (a network failure, a timeout, an error of its own). */
  errors: true,
  /** Retry when the node's error output carries one of these HTTP statuses. */
  statuses: [408, 429, 500, 502, 503, 504] as readonly number[],
} as const;

/** The limits of the policy settings, shared by the flow schema and the editor's fields. */
export const policyLimits = {
  maxAttempts: 10,
  maxBackoffMs: 600_000,
  maxNodeTimeoutMs: 3_600_000,
  minFlowTimeoutMs: 1000,
  maxFlowTimeoutMs: 86_400_000,
} as const;
