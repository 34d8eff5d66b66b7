import type { FastifyRequest } from 'fastify'
import type { App } from '../app/compose.ts'
import type { ApiKeyRecord, ApiKeyScope } from '../store/api-keys.ts'
import { HttpError } from './error-codes.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The API key that authenticated this request (set by requireApiKey). */
    apiKey?: ApiKeyRecord
  }
}

/**
 * An onRequest hook (it runs before body validation, so a stranger learns nothing about the schema) admitting requests whose `Authorization: Bearer pk_…` key is
 * active and holds one of `scopes` (admin holds them all).
 * @example server.post('/v1/messages', { onRequest: requireApiKey(app, ['send']) }, handler)
 */
export function requireApiKey(app: App, scopes: readonly ApiKeyScope[]) {
  return async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization ?? ''
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1]
    if (!token)
      throw new HttpError('unauthorized', 'send an API key as Authorization: Bearer <key>')
    const key = await app.authenticateApiKey(token)
    if (!key) throw new HttpError('unauthorized', 'the API key is not valid or has been revoked')
    if (!key.scopes.includes('admin') && !scopes.some((s) => key.scopes.includes(s))) {
      throw new HttpError('forbidden', `this key needs one of the scopes: ${scopes.join(', ')}`)
    }
    request.apiKey = key
  }
}

/** The authenticated key; only call after requireApiKey. */
export function apiKeyOf(request: FastifyRequest): ApiKeyRecord {
  if (!request.apiKey) throw new HttpError('unauthorized', 'no API key')
  return request.apiKey
}
