/**
 * The one registry of stable error codes the HTTP API answers with, and their
 * statuses. Clients branch on `code`; the message is for people.
 */
export const ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  not_ready: 503,
  // outbound: the request was understood but cannot be carried out as asked
  program_not_found: 422,
  invalid_number: 422,
  destination_not_allowed: 422,
  template_not_found: 422,
  template_not_approved: 422,
  template_language_unavailable: 422,
  missing_personalisation: 422,
  consent_required: 422,
  invalid_send_at: 400,
  idempotency_key_reused: 422,
  sandbox_unavailable: 422,
  recipient_rate_limited: 429,
  invalid_consent: 400,
  trunk_not_found: 404,
  invalid_signature: 403,
  invalid_csv: 400,
  no_recipients: 400,
  already_cancelled: 409,
  verification_rate_limited: 429,
  // agents and supervisors
  conversation_not_found: 404,
  wrong_conversation_state: 409,
  invalid_disposition: 422,
  invalid_status_reason: 422,
  agent_not_found: 404,
  agent_unavailable: 409,
  queue_not_found: 404,
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
