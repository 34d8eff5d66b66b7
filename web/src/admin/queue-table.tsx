import { format, useText } from '../text/use-text.ts'
import { formatDuration } from '../ui/format-duration.ts'
import type { RoutingConfig } from './admin-types.ts'

/** The configured queues: service level, aging, skill relaxing, dispositions, acknowledgement. */
export function QueueTable({ queues }: { queues: RoutingConfig['queues'] }) {
  const text = useText()
  const t = text.admin.routing
  return (
    <section className="stack" aria-labelledby="admin-queues-title">
      <h2 id="admin-queues-title">{t.queues}</h2>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.columns.queue}</th>
              <th scope="col">{t.columns.serviceLevel}</th>
              <th scope="col">{t.columns.aging}</th>
              <th scope="col">{t.columns.relaxSkills}</th>
              <th scope="col">{t.columns.dispositions}</th>
              <th scope="col">{t.columns.acknowledgement}</th>
            </tr>
          </thead>
          <tbody>
            {queues.map((q) => (
              <tr key={q.id}>
                <th scope="row">
                  {q.name}
                  <br />
                  <code className="small">{q.id}</code>
                </th>
                <td>{formatDuration(q.serviceLevelSeconds * 1000)}</td>
                <td>
                  {format(t.agingRule, {
                    step: q.aging.step,
                    every: formatDuration(q.aging.everySeconds * 1000),
                    max: q.aging.max,
                  })}
                </td>
                <td>
                  {q.relaxSkillsAfterSeconds.length === 0
                    ? t.never
                    : q.relaxSkillsAfterSeconds.map((s) => formatDuration(s * 1000)).join(', ')}
                </td>
                <td>
                  <ul className="plain-list">
                    {q.dispositions.map((d) => (
                      <li key={d.code}>{d.label}</li>
                    ))}
                  </ul>
                </td>
                <td>{q.acknowledgementTemplate ?? t.none}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
