import { ApiError } from '../api/api-error.ts'
import type { Messages } from '../text/en.ts'
import { format } from '../text/use-text.ts'

/**
 * The message carried by whatever a failed call threw.
 * @example errorText(new TypeError('Failed to fetch')) // 'Failed to fetch'
 */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * A refusal as a sentence for the person: the server's message (it names the field and the
 * rule), or the generic error text for anything else.
 * @example errorMessage(text, new ApiError(400, 'password_too_short', 'a password has at least 12 characters'))
 */
export function errorMessage(text: Messages, error: unknown): string {
  if (error instanceof ApiError) return error.message
  return format(text.states.error, { message: errorText(error) })
}
