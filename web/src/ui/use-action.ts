import { useState } from 'react'
import { format, useText } from '../text/use-text.ts'
import { errorMessage, errorText } from './error-message.ts'

export interface Action<A extends unknown[]> {
  /** Runs the action; resolves true when it succeeded. Never rejects. */
  run: (...args: A) => Promise<boolean>
  busy: boolean
  /** Why the last run failed, for the person. */
  failure: string | undefined
  /** The success notice the last run returned, if any. */
  done: string | undefined
  /** Shows a failure found before calling the server (a form check). */
  fail: (message: string) => void
}

export interface ActionOptions {
  /**
   * How a failure reads: a text with {message} for the error's message, or a function of the
   * error. By default the server's refusal, or the generic error text.
   */
  describe?: string | ((error: unknown) => string)
  /** Keep `busy` after a success, for forms that go away once done (no second submit). */
  keepBusyOnSuccess?: boolean
}

/**
 * The state every form shares while it calls the server: busy, a failure to show, and the
 * success notice `act` returns (when it returns a string).
 * @example const save = useAction(async () => { await api.post(url, body); return t.saved })
 */
export function useAction<A extends unknown[] = []>(
  act: (...args: A) => Promise<unknown>,
  options: ActionOptions = {},
): Action<A> {
  const text = useText()
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string>()
  const [done, setDone] = useState<string>()
  const { describe, keepBusyOnSuccess = false } = options

  const run = async (...args: A) => {
    setBusy(true)
    setFailure(undefined)
    setDone(undefined)
    try {
      const result = await act(...args)
      setDone(typeof result === 'string' ? result : undefined)
      if (!keepBusyOnSuccess) setBusy(false)
      return true
    } catch (error) {
      if (typeof describe === 'string') setFailure(format(describe, { message: errorText(error) }))
      else setFailure(describe ? describe(error) : errorMessage(text, error))
      setBusy(false)
      return false
    }
  }
  const fail = (message: string) => {
    setDone(undefined)
    setFailure(message)
  }
  return { run, busy, failure, done, fail }
}
