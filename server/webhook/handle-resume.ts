import { parse as parseQuery } from 'node:querystring';
import { recordRequest } from '../engine/record-request.js';
import { BadRequestError, FlowError } from '../errors.js';
import { requestIdFrom } from '../http/request-id.js';
import { sendError, sendJson } from '../http/send.js';
import type { Logger } from '../logger.js';
import { NotWaitingError, type Executor } from '../runtime/executor.js';
import type { ResumeLinks } from '../runtime/resume-links.js';
import { parseBody } from './parse-body.js';
import { readRawBody } from './read-body.js';
import type { WebhookHandler } from './handle-webhook.js';
import { toTriggerRequest } from './to-trigger.js';

export interface ResumeDeps {
  executor: Executor;
  links: ResumeLinks;
  logger: Logger;
  maxBodyBytes: number;
}

const methods = new Set(['GET', 'POST', 'PUT', 'PATCH']);
const shape = /^([0-9a-f-]{36})\/([A-Za-z0-9_-]{43})$/;

/**
 * Serves `/webhook-resume/<executionId>/<signature>`: the call ends the execution's wait at its
 * wait-for-webhook node, which goes on with the call (method, headers with credentials redacted,
 * query, body) as its item. 202 once the execution's new state is written; 404 for a wrong,
 * unknown or finished URL (all alike, so the answer tells a guesser nothing); 409 when the
 * execution exists but is not waiting for a call right now.
 */
export function createResumeHandler(deps: ResumeDeps): WebhookHandler {
  return async (req, res, rest) => {
    const queryAt = rest.indexOf('?');
    const path = queryAt < 0 ? rest : rest.slice(0, queryAt);
    try {
      const match = shape.exec(path);
      if (!match || !deps.links.verify(match[1]!, match[2]!)) throw NotWaitingError.unknown();
      const method = req.method ?? 'GET';
      if (!methods.has(method)) {
        return sendError(res, new BadRequestError(`A resume URL accepts ${[...methods].join(', ')}, not ${method}.`, 'METHOD_NOT_ALLOWED', 405), { allow: [...methods].join(', ') });
      }
      const raw = await readRawBody(req, deps.maxBodyBytes);
      const query = queryAt < 0 ? {} : (parseQuery(rest.slice(queryAt + 1)) as Record<string, string | string[]>);
      const call = recordRequest(toTriggerRequest(req, `/webhook-resume/${match[1]}`, query, parseBody(raw, req.headers['content-type'], req.headers['content-encoding'])));
      await deps.executor.resume(match[1]!, { method: call.method, headers: call.headers, query: call.query, body: call.body });
      sendJson(res, 202, { executionId: match[1], status: 'resumed' });
    } catch (error) {
      if (!(error instanceof FlowError)) deps.logger.error({ err: error, requestId: requestIdFrom(res) }, 'resume call failed');
      if (!res.headersSent) sendError(res, error);
    }
  };
}
