import { NestExpressApplication } from '@nestjs/platform-express';
import express, { NextFunction, Request, Response } from 'express';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The console's Content-Security-Policy: only the console's own files run or
 * load (Vite emits no inline script; `npm test` checks that), nothing frames it
 * (clickjacking of the pay button), no plugin, no <base> rewriting, and fetches
 * go to this origin only. ECharts draws on a canvas and styles through the
 * CSSOM, which `style-src 'self'` allows.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Hashed file names (`index-Dz0A3puW.js`) never change content: cache them for a year. */
const ASSET_MAX_AGE_MS = 365 * 24 * 3600 * 1000;

/**
 * Where `vite build` put the console: dist/console beside the built API, or
 * under the working directory when the API runs from its TypeScript sources.
 */
export function consoleDir(): string | undefined {
  const candidates = [
    path.resolve(__dirname, '../../../../../console'),
    path.resolve(process.cwd(), 'dist/console'),
  ];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html')));
}

function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Content-Security-Policy', CONSOLE_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // The sign-in link carries the token in the fragment, which no Referer holds; no path either.
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  next();
}

const notFound = (res: Response, message: string) =>
  res.status(404).json({ statusCode: 404, error: 'Not Found', message });

/**
 * Serves the built console at /console/ on the API's own origin: assets with a
 * long immutable cache, every other GET (a page the browser reloads, e.g.
 * /console/reviewer) answered with index.html, which is never cached so a new
 * build is picked up at once.
 */
export function mountConsole(app: NestExpressApplication, dir = consoleDir()): void {
  const router = express.Router();
  router.use(securityHeaders);
  router.use((req, res, next) => {
    if (req.originalUrl === '/console') return res.redirect(301, '/console/');
    next();
  });
  if (!dir) {
    router.use((_req, res) => {
      res.status(503).json({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'the console is not built: run `npm run build`',
      });
    });
    app.use('/console', router);
    return;
  }
  router.use(
    '/assets',
    express.static(path.join(dir, 'assets'), {
      index: false,
      immutable: true,
      maxAge: ASSET_MAX_AGE_MS,
      fallthrough: true,
    }),
    (req: Request, res: Response) => notFound(res, `no console asset ${req.path}`),
  );
  router.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(dir, 'index.html'));
  });
  app.use('/console', router);
}
