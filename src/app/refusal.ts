/**
 * An expected "no" from a use case (no consent, unknown template, …): a value
 * with a stable code, not an exception. The HTTP layer maps codes to statuses.
 */
export interface Refusal<Code extends string = string> {
  readonly ok: false
  readonly code: Code
  readonly message: string
  readonly details?: Record<string, unknown>
}

export function refuse<Code extends string>(
  code: Code,
  message: string,
  details?: Record<string, unknown>,
): Refusal<Code> {
  return details ? { ok: false, code, message, details } : { ok: false, code, message }
}
