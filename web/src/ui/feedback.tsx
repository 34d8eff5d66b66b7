import type { ReactNode } from 'react'
import { format, useText } from '../text/use-text.ts'
import type { Loaded } from './use-load.ts'

/**
 * Shows a loaded value, or the loading and failure states every screen shares.
 * @example <LoadGate loaded={queues}>{(data) => <QueueTable queues={data} />}</LoadGate>
 */
export function LoadGate<T>({
  loaded,
  children,
}: {
  loaded: Loaded<T>
  children: (data: T) => ReactNode
}) {
  const text = useText()
  if (loaded.state === 'loading') return <p className="muted">{text.states.loading}</p>
  if (loaded.state === 'failed')
    return (
      <div className="notice notice-error" role="alert">
        {format(text.states.error, { message: loaded.error.message })}{' '}
        <button type="button" className="button" onClick={loaded.reload}>
          {text.actions.retry}
        </button>
      </div>
    )
  return <>{children(loaded.data)}</>
}

/** A message that screen readers announce; `tone` sets its colour. */
export function Notice({
  tone = 'info',
  children,
}: {
  tone?: 'info' | 'success' | 'warning' | 'error'
  children: ReactNode
}) {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  )
}

/**
 * What the last run of a form's action came to: its failure, or its success notice.
 * @example <ActionNotice action={save} />
 */
export function ActionNotice({ action }: { action: { failure?: string; done?: string } }) {
  if (action.failure) return <Notice tone="error">{action.failure}</Notice>
  if (action.done) return <Notice tone="success">{action.done}</Notice>
  return null
}
