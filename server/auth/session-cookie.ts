import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { parseCookie, stringifySetCookie } from 'cookie';
import { defaultSessionLimits } from './sessions.js';

export const sessionCookieName = 'hookflow_session';

/** The session id the browser sent, if any. */
export function readSessionId(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie;
  if (!header || header.length > 8192) return undefined;
  const value = parseCookie(header)[sessionCookieName];
  return value && value.length <= 128 ? value : undefined;
}

/** Cookies are Secure when the public URL is https or this request came over TLS. */
export function isSecureRequest(req: IncomingMessage, publicUrl: string | undefined): boolean {
  return publicUrl?.startsWith('https:') === true || (req.socket as TLSSocket).encrypted === true;
}

/** HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Path=/. */
export function setSessionCookie(res: ServerResponse, sessionId: string | undefined, secure: boolean): void {
  res.appendHeader(
    'set-cookie',
    stringifySetCookie({
      name: sessionCookieName,
      value: sessionId ?? '',
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      secure,
      maxAge: sessionId === undefined ? 0 : Math.floor(defaultSessionLimits.absoluteMs / 1000),
    }),
  );
}
