import { format, useText } from '../text/use-text.ts'
import type { ServiceLevel } from './board-types.ts'
import { formatThreshold } from './format-threshold.ts'

/**
 * Today's service level against the queue's target time: the share answered in time, how many
 * outcomes it is based on, and the conversations already waiting past the target.
 */
export function ServiceLevelLine({
  level,
  targetSeconds,
}: {
  level: ServiceLevel | undefined
  targetSeconds: number | undefined
}) {
  const text = useText()
  const t = text.supervisor.serviceLevel
  const threshold = level?.thresholdSeconds ?? targetSeconds
  const decided = level ? level.answered + level.abandoned + level.waitingPastThreshold : 0
  return (
    <div className="sv-service-level">
      <span className="sv-service-level-title">{t.title}</span>
      <span className="sv-service-level-value">
        {level?.percent == null ? (
          <span className="muted">{t.none}</span>
        ) : (
          <strong>{format(t.percent, { percent: level.percent })}</strong>
        )}
      </span>
      {level && decided > 0 && (
        <span className="muted small">
          {format(t.detail, { within: level.answeredWithinThreshold, decided })}
        </span>
      )}
      {level && level.waitingPastThreshold > 0 && (
        <span className="badge badge-warn">
          {format(t.pastTarget, { n: level.waitingPastThreshold })}
        </span>
      )}
      {threshold !== undefined && (
        <span className="muted small sv-service-level-target">
          {format(t.target, { target: formatThreshold(text, threshold) })}
        </span>
      )}
    </div>
  )
}
