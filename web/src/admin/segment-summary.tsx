import { format, useText } from '../text/use-text.ts'

interface Count {
  encoding: 'gsm7' | 'ucs2'
  segments: number
  perSegment: number
  remaining: number
}

/** "UCS-2 · 2 segments · 67 characters per segment · 16 left", announced as it changes. */
export function SegmentSummary({ id, count }: { id?: string; count: Count }) {
  const text = useText()
  const t = text.admin.templates
  return (
    <p id={id} className="segment-summary" aria-live="polite">
      <span className={count.encoding === 'ucs2' ? 'badge badge-warn' : 'badge badge-ok'}>
        {t.encodings[count.encoding]}
      </span>{' '}
      {format(count.segments === 1 ? t.oneSegment : t.segments, { n: count.segments })}
      {' · '}
      {format(t.perSegment, { n: count.perSegment })}
      {' · '}
      {format(t.remaining, { n: count.remaining })}
    </p>
  )
}
