import { format, useText } from '../text/use-text.ts'
import type { ScreeningTest } from './admin-types.ts'

/** What a tested message would do: keyword, rule, routing, captured values, masked text. */
export function ScreeningResult({ result }: { result: ScreeningTest }) {
  const text = useText()
  const t = text.admin.rules.result
  const { keyword, screening } = result
  const attributes = Object.entries(screening.attributes)
  const intent = (t.intents as Record<string, string>)[keyword.intent] ?? keyword.intent
  return (
    <section className="stack screening-result" aria-labelledby="screening-result-title">
      <h3 id="screening-result-title">{t.title}</h3>
      {keyword.intent !== 'none' && (
        <p className="notice notice-warning">
          {format(t.keyword, {
            intent,
            keyword: keyword.keyword ?? '',
            language: text.admin.templates.languages[keyword.language === 'fr' ? 'fr' : 'en'],
          })}
        </p>
      )}
      <dl className="facts">
        <div>
          <dt>{t.rule}</dt>
          <dd>
            <strong>{screening.rule}</strong>
          </dd>
        </div>
        <div>
          <dt>{t.category}</dt>
          <dd>{screening.category}</dd>
        </div>
        <div>
          <dt>{t.queue}</dt>
          <dd>
            <code>{screening.queue}</code>
          </dd>
        </div>
        <div>
          <dt>{t.priority}</dt>
          <dd>{screening.priority}</dd>
        </div>
        <div>
          <dt>{t.skills}</dt>
          <dd>{screening.skills.join(', ') || t.none}</dd>
        </div>
        <div>
          <dt>{t.program}</dt>
          <dd>{result.program ?? t.none}</dd>
        </div>
      </dl>
      <div>
        <h4>{t.maskedText}</h4>
        <p className="masked-text">{screening.maskedText}</p>
        <p className="muted small">
          {result.pii.length > 0
            ? format(t.piiFound, { kinds: result.pii.map((k) => t.piiKinds[k] ?? k).join(', ') })
            : t.noPii}
        </p>
      </div>
      <div>
        <h4>{t.attributes}</h4>
        {attributes.length === 0 ? (
          <p className="muted">{t.noAttributes}</p>
        ) : (
          <dl className="facts">
            {attributes.map(([name, value]) => (
              <div key={name}>
                <dt>{name}</dt>
                <dd>
                  <code>{value}</code>
                </dd>
              </div>
            ))}
          </dl>
        )}
      </div>
    </section>
  )
}
