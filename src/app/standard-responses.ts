import type { Config, TemplateConfig } from '../config/schema.ts'
import { listPlaceholders } from '../domain/templates/list-placeholders.ts'

/**
 * Template categories an agent may send in a conversation. Codes, alerts, surveys and automatic
 * replies are sent by Parley itself: an agent typing a "verification code" would defeat it.
 */
const AGENT_CATEGORIES: ReadonlySet<TemplateConfig['category']> = new Set([
  'standard_response',
  'notification',
  'reminder',
])

/**
 * The templates an agent may reply with: approved ones of the standard-response, notification
 * and reminder categories (replyToConversation accepts exactly these).
 * @example standardResponses(config).map((t) => t.key) // ['appointment_reminder', 'bceid_password_reset', …]
 */
export function standardResponses(config: Pick<Config, 'templates'>): readonly TemplateConfig[] {
  return config.templates.filter((t) => t.status === 'approved' && AGENT_CATEGORIES.has(t.category))
}

/**
 * The approved template with this key, if an agent may reply with it.
 * @example findStandardResponse(config, 'case_update')?.en?.body
 */
export function findStandardResponse(
  config: Pick<Config, 'templates'>,
  key: string,
): TemplateConfig | undefined {
  return standardResponses(config).find((t) => t.key === key)
}

/**
 * A standard response as the desk shows it: its bodies and the ((placeholders)) they use, each
 * once, in order of first appearance across English then French.
 * @example describeStandardResponse(template) // { key: 'case_update', category: 'notification', en: '…', placeholders: ['caseNumber', 'status'] }
 */
export function describeStandardResponse(template: TemplateConfig): {
  key: string
  category: string
  en: string | undefined
  fr: string | undefined
  placeholders: string[]
} {
  const en = template.en?.body
  const fr = template.fr?.body
  const placeholders = [...new Set([en, fr].flatMap((b) => (b ? listPlaceholders(b) : [])))]
  return { key: template.key, category: template.category, en, fr, placeholders }
}
