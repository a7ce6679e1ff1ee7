import type { RequestHandler } from 'express';
import { requestIdFrom } from '../http/request-id.js';
import type { Logger } from '../logger.js';
import './request-user.js';

/**
 * One log line per `/api` request once answered: method, path (no query, no body, no headers),
 * status, user, duration and request id. Changes and refusals
 * log at info, reads at debug.
 */
export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.once('finish', () => {
      const unsafe = req.method !== 'GET' && req.method !== 'HEAD';
      const level = unsafe || res.statusCode === 401 || res.statusCode === 403 || res.statusCode === 429 ? 'info' : 'debug';
      logger[level](
        { method: req.method, path: `${req.baseUrl}${req.path}`.slice(0, 300), status: res.statusCode, user: req.user?.username, requestId: requestIdFrom(res), ms: Math.round(performance.now() - started) },
        'api request',
      );
    });
    next();
  };
}
