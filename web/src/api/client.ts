import { ApiError } from './api-error.ts'

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** Called when any request finds the session gone, so the shell can return to sign-in. */
let onSignedOut: () => void = () => undefined

/** @example setSignedOutHandler(() => setUser(undefined)) */
export function setSignedOutHandler(handler: () => void): void {
  onSignedOut = handler
}

/**
 * Calls the Parley HTTP API with the session cookie (same origin, HttpOnly) and JSON bodies.
 * Refusals throw ApiError with the server's stable code; a 401 also signs the shell out.
 * @example const me = await request<User>('GET', '/v1/me')
 */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  })
  if (response.status === 204) return undefined as T
  const text = await response.text()
  const parsed: unknown = text ? JSON.parse(text) : undefined
  if (!response.ok) {
    if (response.status === 401 && path !== '/v1/sessions') onSignedOut()
    throw toApiError(response.status, parsed)
  }
  return parsed as T
}

function toApiError(status: number, body: unknown): ApiError {
  const error =
    typeof body === 'object' && body !== null
      ? (body as { error?: { code?: string; message?: string; details?: unknown } }).error
      : undefined
  return new ApiError(
    status,
    error?.code ?? 'http_' + String(status),
    error?.message ?? `the server answered ${String(status)}`,
    error?.details,
  )
}

/** Short forms of `request` for each method. */
export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
}
