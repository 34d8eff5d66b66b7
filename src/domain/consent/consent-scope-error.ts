/**
 * Thrown when events for different numbers or programs are combined into one consent state.
 * Consent is per (phone, program): mixing them is a programming error, not an expected outcome.
 */
export class ConsentScopeError extends Error {
  override readonly name = 'ConsentScopeError'
  readonly code = 'mixed_consent_scope'
}
