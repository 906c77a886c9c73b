import fastifyStatic from '@fastify/static';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
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

/** /console, /console/… and /console?…: the console's own requests, not the API's. */
const isConsoleUrl = (url: string): boolean =>
  url.startsWith('/console') && (url.length === 8 || url[8] === '/' || url[8] === '?');

function securityHeaders(reply: FastifyReply): void {
  reply.header('Content-Security-Policy', CONSOLE_CSP);
  reply.header('X-Content-Type-Options', 'nosniff');
  // The sign-in link carries the token in the fragment, which no Referer holds; no path either.
  reply.header('Referrer-Policy', 'no-referrer');
  reply.header('Cross-Origin-Opener-Policy', 'same-origin');
}

/**
 * Serves the built console at /console/ on the API's own origin: assets with a
 * long immutable cache (an unknown one is the API's 404), every other GET (a
 * page the browser reloads, e.g. /console/reviewer) answered with index.html,
 * which is never cached so a new build is picked up at once.
 */
export function mountConsole(app: NestFastifyApplication, dir = consoleDir()): void {
  const fastify = app.getHttpAdapter().getInstance();
  // A hook, not a route option: 404s and redirects under /console carry the headers too.
  fastify.addHook('onRequest', (request, reply, done) => {
    if (isConsoleUrl(request.url)) securityHeaders(reply);
    done();
  });
  if (!dir) {
    const notBuilt = (_request: FastifyRequest, reply: FastifyReply) =>
      reply.status(503).send({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'the console is not built: run `npm run build`',
      });
    fastify.all('/console', notBuilt);
    fastify.all('/console/*', notBuilt);
    return;
  }
  void fastify.register(fastifyStatic, {
    root: path.join(dir, 'assets'),
    prefix: '/console/assets/',
    index: false,
    immutable: true,
    maxAge: ASSET_MAX_AGE_MS,
    decorateReply: false,
  });
  const indexHtml = path.join(dir, 'index.html');
  const page = async (request: FastifyRequest, reply: FastifyReply) => {
    // The router takes /console and /console/ as one route (ignoreTrailingSlash).
    if (request.url.split('?')[0] === '/console') return reply.redirect('/console/', 301);
    const html = await fs.promises.readFile(indexHtml);
    return reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').send(html);
  };
  fastify.get('/console', page);
  fastify.get('/console/*', page);
}
