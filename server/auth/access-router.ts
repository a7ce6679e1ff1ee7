import express, { Router } from 'express';
import { auditMiddleware } from '../audit/audit-middleware.js';
import { auditRouter } from '../audit/audit-routes.js';
import type { ReadableAuditLog } from '../audit/audit-log.js';
import type { Logger } from '../logger.js';
import { accessLog } from './access-log.js';
import { accessGuard } from './access-guard.js';
import { tokensRouter, usersRouter } from './account-routes.js';
import { authRouter } from './auth-routes.js';
import type { AuthStore } from './auth-store.js';
import { LoginThrottle } from './login-throttle.js';

export interface AccessOptions {
  auth: AuthStore;
  audit: ReadableAuditLog;
  publicUrl: string | undefined;
  logger: Logger;
}

/**
 * Everything about who may use the API, as one router to mount first on `/api`: a log line per
 * request, the access guard (authentication, CSRF, roles), the audit of changes, and the account
 * routes (`/auth`, `/tokens`, `/users`, `/audit`), whose small bodies are parsed here with a
 * 16 kB limit, before the API's own 5 MB parser.
 */
export function accessRouter(options: AccessOptions): Router {
  const { auth, audit, publicUrl } = options;
  const router = Router();
  router.use(accessLog(options.logger));
  router.use(accessGuard(auth, publicUrl));
  router.use(auditMiddleware(audit));
  const small = express.json({ limit: '16kb' });
  router.use('/auth', small, authRouter({ auth, audit, throttle: new LoginThrottle(), publicUrl }));
  router.use('/tokens', small, tokensRouter(auth));
  router.use('/users', small, usersRouter(auth));
  router.use('/audit', auditRouter(audit));
  return router;
}
