import { countSegments } from '../../../src/domain/segments/count-segments.ts'
import {
  forcingUcs2Characters,
  type Ucs2Occurrence,
} from '../../../src/domain/segments/forcing-ucs2-characters.ts'
import { format, useText } from '../text/use-text.ts'
import { codePoint } from '../ui/code-point.ts'

/** A character as shown in the list: invisible ones (a no-break space…) by their code point. */
function visible(character: string): string {
  if (!/^\s$/u.test(character)) return character
  return codePoint(character)
}

/**
 * What a text will cost, counted as the server bills it: the encoding (GSM-7 or UCS-2), the
 * segments, the characters left in the last one, and which characters force UCS-2 (with a
 * GSM-7 stand-in when there is one). Updates as the agent types.
 */
export function SegmentCounter({ text: body, id }: { text: string; id?: string }) {
  const text = useText()
  const t = text.desk.counter
  const count = countSegments(body)
  const forcing = count.encoding === 'ucs2' ? forcingUcs2Characters(body) : []
  const distinct: Ucs2Occurrence[] = [...new Map(forcing.map((o) => [o.character, o])).values()]
  return (
    <div className="segment-counter" id={id}>
      <span>
        <span className={count.encoding === 'gsm7' ? 'badge badge-ok' : 'badge badge-warn'}>
          {count.encoding === 'gsm7' ? t.gsm7 : t.ucs2}
        </span>{' '}
        {format(t.summary, {
          segments:
            count.segments === 1 ? t.segmentsOne : format(t.segmentsMany, { n: count.segments }),
          remaining: count.remaining,
        })}
      </span>
      {distinct.length > 0 && (
        <span className="segment-forcing">
          {t.forcing}{' '}
          {distinct.map((o, i) => (
            <span key={o.character}>
              {i > 0 && ', '}
              <code>{visible(o.character)}</code>
              {o.suggestion !== undefined && (
                <>
                  {' '}
                  ({t.instead} <code>{visible(o.suggestion)}</code>)
                </>
              )}
            </span>
          ))}
        </span>
      )}
    </div>
  )
}
