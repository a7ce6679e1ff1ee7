import type { AuthUser } from './auth-data.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The authenticated user on `/api` routes (set by the access guard). */
      user?: AuthUser;
      /** The session id when the request came with the session cookie (not with an API token). */
      sessionId?: string;
    }
  }
}
