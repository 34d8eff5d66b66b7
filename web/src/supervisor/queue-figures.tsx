import { useText } from '../text/use-text.ts'
import { formatDuration } from '../ui/format-duration.ts'
import type { BoardQueue } from './board-types.ts'
import { Figure } from './figure.tsx'

/**
 * A queue's live numbers: waiting, the longest wait (ticking from when the board was read),
 * offered, active and awaiting wrap-up.
 */
export function QueueFigures({ queue, elapsedMs }: { queue: BoardQueue; elapsedMs: number }) {
  const text = useText()
  const t = text.supervisor.figures
  const longest =
    queue.counts.waiting > 0 ? formatDuration(queue.oldestWaitMs + elapsedMs) : t.noWait
  return (
    <dl className="sv-figures">
      <Figure term={t.waiting} big>
        {queue.counts.waiting}
      </Figure>
      <Figure term={t.longestWait} big>
        {longest}
      </Figure>
      <Figure term={t.offered}>{queue.counts.offered}</Figure>
      <Figure term={t.active}>{queue.counts.active}</Figure>
      <Figure term={t.wrapUp}>{queue.counts.ended}</Figure>
    </dl>
  )
}
