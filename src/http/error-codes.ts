/**
 * The one registry of stable error codes the HTTP API answers with, and their
 * statuses. Clients branch on `code`; the message is for people.
 */
export const ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  not_ready: 503,
} as const satisfies Record<string, number>

export type ErrorCode = keyof typeof ERROR_STATUS

/** The body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown; requestId: string }
}

/** An error an HTTP handler raises on purpose; anything else is an internal error. */
export class HttpError extends Error {
  override readonly name = 'HttpError'

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
  }

  get status(): number {
    return ERROR_STATUS[this.code]
  }
}
