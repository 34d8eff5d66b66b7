import { ApiError } from '../api/api-error.ts'

/** What a row action reports to its screen: a success to announce, or the server's refusal. */
export type ActionOutcome =
  { tone: 'success'; message: string } | { tone: 'error'; message: string }

/**
 * Runs one supervisor action and turns its result into an outcome to announce.
 * @example await runAction(() => api.post(url, body), 'Moved.', report)
 */
export async function runAction(
  call: () => Promise<unknown>,
  success: string,
  report: (outcome: ActionOutcome) => void,
): Promise<void> {
  try {
    await call()
    report({ tone: 'success', message: success })
  } catch (error) {
    const message =
      error instanceof ApiError || error instanceof Error ? error.message : String(error)
    report({ tone: 'error', message })
  }
}
