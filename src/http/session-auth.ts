import type { FastifyRequest } from 'fastify'
import type { App } from '../app/compose.ts'
import type { Role, User } from '../app/manage-users.ts'
import { authenticateSession, isSessionToken } from '../app/sign-in.ts'
import { HttpError } from './error-codes.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person, set by a `requireUser` preHandler. */
    user?: User
    /** The session token that signed this request in, set with `user`. */
    sessionToken?: string
  }
}

export const SESSION_COOKIE = 'parley_session'

/**
 * The session token a request carries: `Authorization: Bearer ps_…` first,
 * else the `parley_session` cookie. An API key in the header is not a session
 * and is ignored here (machines are not people).
 */
export function sessionTokenOf(request: Pick<FastifyRequest, 'headers'>): string | undefined {
  const header = request.headers.authorization
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
    if (match?.[1] && isSessionToken(match[1])) return match[1]
  }
  return cookieValue(request.headers.cookie, SESSION_COOKIE)
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=')
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim() || undefined
  }
  return undefined
}

/**
 * The Set-Cookie value that carries a session to a browser: HttpOnly (no
 * script reads it), SameSite=Strict (no other site sends it), Secure when the
 * public URL is https. No Max-Age: it ends when the browser closes (shared
 * desks), and the server alone decides when an idle session ends.
 * @example reply.header('set-cookie', sessionCookie(app, token))
 */
export function sessionCookie(app: Pick<App, 'config'>, token: string): string {
  return cookie(app, token)
}

/** The Set-Cookie value that removes the session cookie. */
export function clearedSessionCookie(app: Pick<App, 'config'>): string {
  return cookie(app, '', 0)
}

function cookie(app: Pick<App, 'config'>, value: string, maxAge?: number): string {
  const secure = app.config.server.publicUrl.startsWith('https:') ? '; Secure' : ''
  const age = maxAge === undefined ? '' : `; Max-Age=${maxAge}`
  return `${SESSION_COOKIE}=${value}; Path=/${age}; HttpOnly; SameSite=Strict${secure}`
}

/**
 * A preHandler that lets only a signed-in person through, optionally only in
 * one of the given roles, and puts them on `request.user`. Throws
 * `unauthorized` (401) without a live session, `forbidden` (403) for another role.
 * @example server.get('/v1/queues', { preHandler: requireUser(app, ['supervisor', 'admin']) }, handler)
 */
export function requireUser(
  app: Pick<App, 'store' | 'clock'>,
  roles?: readonly Role[],
): (request: FastifyRequest) => Promise<void> {
  const deps = { store: app.store, clock: app.clock }
  return async (request) => {
    const token = sessionTokenOf(request)
    if (!token)
      throw new HttpError(
        'unauthorized',
        `sign in first (POST /v1/sessions), then send the token as "Authorization: Bearer ps_…" or the ${SESSION_COOKIE} cookie`,
      )
    const signedIn = await authenticateSession(deps, token)
    if (!signedIn)
      throw new HttpError('unauthorized', 'the session has ended or is not valid; sign in again')
    if (roles && !roles.includes(signedIn.user.role))
      throw new HttpError('forbidden', `this needs the role ${roles.join(' or ')}`, {
        role: signedIn.user.role,
      })
    request.user = signedIn.user
    request.sessionToken = token
  }
}

/**
 * The signed-in person on a request that went through `requireUser`.
 * @example const me = signedInUser(request)
 */
export function signedInUser(request: FastifyRequest): User {
  if (!request.user) throw new HttpError('unauthorized', 'sign in first')
  return request.user
}
