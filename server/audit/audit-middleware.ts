import type { RequestHandler } from 'express';
import { findAccessRule, paramsOf } from '../auth/access-table.js';
import '../auth/request-user.js';
import { auditedRoutes } from './audit-actions.js';
import type { AuditLog } from './audit-log.js';

/**
 * Records every successful change made through `/api` (flows, imports, token rotations,
 * credentials, users, API tokens) once its answer is sent, so the routers need no audit code.
 * Mount it on `/api` after the access guard; refused and failed requests are not recorded.
 */
export function auditMiddleware(audit: AuditLog): RequestHandler {
  return (req, res, next) => {
    const path = `${req.baseUrl}${req.path}`;
    const row = req.method === 'GET' || req.method === 'HEAD' ? undefined : findAccessRule(req.method, path);
    const audited = row && auditedRoutes[`${row.method} ${row.path}`];
    if (audited && row) {
      res.once('finish', () => {
        if (res.statusCode >= 400 || !req.user) return;
        const params = paramsOf(row, path);
        const target = audited.target(req, params);
        const details = audited.details?.(req);
        audit.record({ actor: req.user.username, action: audited.action, ...(target ? { target } : {}), ...(req.ip ? { ip: req.ip } : {}), ...(details ? { details } : {}) });
      });
    }
    next();
  };
}
