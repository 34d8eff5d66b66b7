import type { ReactNode } from 'react'

/**
 * One labelled number of a board, as a term and its definition ("Waiting" → 3).
 * @example <dl><Figure term="Waiting" big>3</Figure></dl>
 */
export function Figure({
  term,
  children,
  big = false,
}: {
  term: string
  children: ReactNode
  big?: boolean
}) {
  return (
    <div className={big ? 'sv-figure sv-figure-big' : 'sv-figure'}>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  )
}
