import type { TemplateWarning } from '../domain/templates/validate-template.ts'
import { validateTemplate } from '../domain/templates/validate-template.ts'
import type { TemplateConfig } from './schema.ts'

/** A configured template's warnings, for `parley doctor`. */
export interface TemplateWarnings {
  readonly key: string
  readonly warnings: readonly TemplateWarning[]
}

/**
 * Runs validateTemplate on every template the configuration seeds. Warnings never make the
 * configuration invalid (a French variant with ê may be the right wording); they are printed
 * so someone decides. Templates without warnings are left out.
 * @example templateWarnings(config)
 * // [{ key: 'satisfaction_survey', warnings: [{ code: 'ucs2_characters', language: 'fr', … }] }]
 */
export function templateWarnings(config: {
  readonly templates: readonly TemplateConfig[]
}): TemplateWarnings[] {
  return config.templates
    .map((template) => ({
      key: template.key,
      warnings: validateTemplate({
        key: template.key,
        version: 1,
        category: template.category,
        status: template.status,
        owner: template.owner,
        // validateTemplate does not look at the review date.
        reviewDue: template.reviewDue ?? '',
        variants: {
          ...(template.en && { en: template.en }),
          ...(template.fr && { fr: template.fr }),
        },
        ...(template.email && { email: template.email }),
      }),
    }))
    .filter((result) => result.warnings.length > 0)
}
