import type { Config, TemplateConfig } from '../config/schema.ts'
import { nextReviewDue } from '../domain/templates/next-review-due.ts'
import type { TemplateVersion } from '../domain/templates/template-version.ts'
import type { Store } from '../store/connect.ts'
import { insertTemplateVersion, listLatestTemplates } from '../store/templates.ts'
import type { Clock } from './ports.ts'

/**
 * Seeds the template store from the configuration: a template key the store
 * has never seen becomes version 1. Existing templates are left alone; later
 * versions are made and approved through the API, with their history.
 * Returns the keys it added.
 */
export async function syncTemplates(deps: {
  config: Config
  store: Store
  clock: Clock
}): Promise<string[]> {
  const known = new Set((await listLatestTemplates(deps.store.db)).map((t) => t.key))
  const now = deps.clock.now()
  const added: string[] = []
  for (const template of deps.config.templates) {
    if (known.has(template.key)) continue
    await insertTemplateVersion(deps.store.db, {
      ...fromConfig(template, now),
      createdBy: 'config',
      createdAt: now,
      approvedBy: template.status === 'approved' ? 'config' : undefined,
      approvedAt: template.status === 'approved' ? now : undefined,
    })
    added.push(template.key)
  }
  return added
}

function fromConfig(template: TemplateConfig, now: number): TemplateVersion {
  const today = new Date(now).toISOString().slice(0, 10)
  return {
    key: template.key,
    version: 1,
    category: template.category,
    status: template.status,
    owner: template.owner,
    reviewDue: template.reviewDue ?? nextReviewDue(today),
    variants: {
      ...(template.en ? { en: template.en } : {}),
      ...(template.fr ? { fr: template.fr } : {}),
    },
    ...(template.email ? { email: template.email } : {}),
  }
}
