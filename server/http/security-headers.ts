import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * helmet's security headers for everything Express serves (editor, API, status URLs), with a
 * Content-Security-Policy the built editor works under: its scripts and styles come from
 * `/assets` (React sets inline `style` attributes, hence `'unsafe-inline'` for styles only), its
 * icon is a `data:` URL, and it talks only to this server. Pages may not be framed.
 * HSTS and upgrade-insecure-requests only when the public URL is https: on plain http they would
 * break a server reached by its address on a private network.
 */
export function securityHeaders(publicUrl: string | undefined): RequestHandler {
  const https = publicUrl?.startsWith('https:') === true;
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        ...(https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    strictTransportSecurity: https ? { maxAge: 31_536_000 } : false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}
