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
  attribute_not_found: 404,
  // quality reviews: the scores do not fit the configured scorecard
  unknown_criterion: 400,
  score_out_of_range: 400,
  missing_score: 400,
  // administration (users, API keys, templates, the sandbox phone simulator)
  user_not_found: 404,
  username_taken: 409,
  invalid_username: 422,
  invalid_display_name: 422,
  invalid_role: 422,
  password_too_short: 422,
  password_too_long: 422,
  unknown_skill: 422,
  invalid_proficiency: 422,
  unknown_queue: 422,
  invalid_capacity: 422,
  self_lockout: 409,
  api_key_not_found: 404,
  api_key_already_revoked: 409,
  template_version_not_found: 404,
  template_transition_not_allowed: 409,
  unknown_sender: 422,
  sandbox_not_enabled: 404,
  // inbound intake (decision 0009): the text was not stored; the carrier should offer it again
  inbound_busy: 503,
  inbound_unavailable: 503,
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
