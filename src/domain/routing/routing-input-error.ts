export type RoutingInputErrorCode =
  'invalid_agent' | 'invalid_conversation' | 'invalid_queue_policy' | 'unknown_queue'

/**
 * Thrown by the router when handed data it cannot index (a proficiency of 7, a conversation for
 * a queue it was not built with). The runtime validates at the border, so this is a programming
 * error, not an expected outcome.
 */
export class RoutingInputError extends Error {
  override readonly name = 'RoutingInputError'
  constructor(
    readonly code: RoutingInputErrorCode,
    message: string,
  ) {
    super(message)
  }
}
