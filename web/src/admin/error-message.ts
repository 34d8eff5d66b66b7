import { ApiError } from '../api/api-error.ts'
import type { Messages } from '../text/en.ts'
import { format } from '../text/use-text.ts'

/**
 * A refusal as a sentence for the person: the server's message (it names the field and the
 * rule), or the generic error text for anything else.
 * @example errorMessage(text, new ApiError(400, 'password_too_short', 'a password has at least 12 characters'))
 */
export function errorMessage(text: Messages, error: unknown): string {
  if (error instanceof ApiError) return error.message
  return format(text.states.error, {
    message: error instanceof Error ? error.message : String(error),
  })
}
