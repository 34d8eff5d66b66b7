import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

/** Where `npm run build:web` (vite build) writes the single-page app. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist/', import.meta.url))

/** Paths that belong to the API and operations, never to the single-page app. */
const NOT_THE_APP = /^\/(v1|webhooks|docs|openapi\.json|healthz|readyz|metrics)(\/|$|\?)/

/** The app talks only to its own origin (the API and the event WebSocket). */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ')

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Parley</title>
<h1>Parley is running</h1><p>The web app has not been built: run <code>npm run build:web</code>
(<code>npm start</code> does it), then reload. The API is at <a href="/docs">/docs</a>.</p></html>`

/**
 * Serves the web app's files (hashed assets cached for a year) and answers any other browser
 * navigation (Accept: text/html) with index.html, so /desk or /admin/templates survive a
 * reload. Returns whether a request was such a navigation and has been answered.
 * @example await registerWebApp(server, DEFAULT_WEB_ROOT)
 */
export async function registerWebApp(
  server: FastifyInstance,
  webRoot: string,
): Promise<(request: FastifyRequest, reply: FastifyReply) => boolean> {
  const built = existsSync(join(webRoot, 'index.html'))
  if (built) {
    await server.register(fastifyStatic, {
      root: webRoot,
      prefix: '/',
      wildcard: false,
      index: false,
      serve: true,
      setHeaders: (reply, path) => {
        void reply.header(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        )
      },
    })
  }
  return (request, reply) => {
    const isNavigation =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !NOT_THE_APP.test(request.url) &&
      (request.headers.accept ?? '').includes('text/html')
    if (!isNavigation) return false
    void reply
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
    if (!built) {
      void reply.status(503).type('text/html; charset=utf-8').send(NOT_BUILT)
      return true
    }
    void reply.header('cache-control', 'no-cache').sendFile('index.html', webRoot)
    return true
  }
}
