import { errorText } from '../ui/error-message.ts'
import { useAction } from '../ui/use-action.ts'

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
    report({ tone: 'error', message: errorText(error) })
  }
}

/**
 * A row's form: `run(call, success)` runs the call while `busy`, and reports its outcome to
 * the screen, which announces it.
 * @example const move = useRowAction(onDone); void move.run(() => api.post(url, body), 'Moved.')
 */
export function useRowAction(report: (outcome: ActionOutcome) => void) {
  return useAction((call: () => Promise<unknown>, success: string) =>
    runAction(call, success, report),
  )
}
