import { describeSegments } from '../domain/segments/describe-segments.ts'
import type { Ucs2Occurrence } from '../domain/segments/forcing-ucs2-characters.ts'
import type { SmsEncoding } from '../domain/segments/sms-encoding.ts'
import { listPlaceholders } from '../domain/templates/list-placeholders.ts'
import { isReviewOverdue } from '../domain/templates/next-review-due.ts'
import { transitionTemplate } from '../domain/templates/transition-template.ts'
import {
  TEMPLATE_LANGUAGES,
  type EmailVariant,
  type TemplateCategory,
  type TemplateStatus,
} from '../domain/templates/template-version.ts'
import type { Language } from '../domain/language.ts'
import type { Store } from '../store/connect.ts'
import { listAllTemplateVersions, type StoredTemplateVersion } from '../store/templates.ts'
import type { Clock } from './ports.ts'

/** One language's SMS body with what it costs; placeholders are counted as their `((name))`. */
export interface TemplateBodyView {
  body: string
  placeholders: string[]
  encoding: SmsEncoding
  segments: number
  units: number
  perSegment: number
  remaining: number
  /** Characters that force UCS-2, with positions in `body` and a GSM-7 stand-in when one exists. */
  ucs2Characters: Ucs2Occurrence[]
}

export interface TemplateVersionView {
  version: number
  status: TemplateStatus
  reviewDue: string | undefined
  createdBy: string
  createdAt: string
  approvedBy: string | undefined
  approvedAt: string | undefined
  /** Whether POST …/approve would succeed now (only a draft can be approved). */
  canApprove: boolean
  en: TemplateBodyView | undefined
  fr: TemplateBodyView | undefined
  email: Partial<Record<Language, EmailVariant>> | undefined
}

export interface TemplateView {
  key: string
  category: TemplateCategory
  owner: string
  /** The newest version's status. */
  status: TemplateStatus
  /** The version texts are sent from: the newest approved one (none: the key cannot send). */
  sendableVersion: number | undefined
  /** The review date of the version in force (the sendable one, else the newest). */
  reviewDue: string | undefined
  /** True when today (UTC) is after `reviewDue`. */
  overdue: boolean
  /** Newest first. */
  versions: TemplateVersionView[]
}

/**
 * Every template in the store (seeded from the configuration, then versioned and approved
 * here) with its versions, each language's segment count and the characters forcing UCS-2.
 * `overdueOnly` keeps the templates whose review date has passed.
 * @example const [first] = await readTemplates(deps) // { key: 'acknowledgement', sendableVersion: 1, overdue: false, … }
 */
export async function readTemplates(
  deps: { store: Store; clock: Clock },
  options: { overdueOnly?: boolean } = {},
): Promise<TemplateView[]> {
  const today = new Date(deps.clock.now()).toISOString().slice(0, 10)
  const byKey = new Map<string, StoredTemplateVersion[]>()
  for (const version of await listAllTemplateVersions(deps.store.db)) {
    const versions = byKey.get(version.key) ?? []
    versions.push(version)
    byKey.set(version.key, versions)
  }
  const views = [...byKey.values()].flatMap((versions) => {
    const [newest] = versions
    return newest ? [templateView(newest, versions, today)] : []
  })
  return options.overdueOnly ? views.filter((t) => t.overdue) : views
}

function templateView(
  newest: StoredTemplateVersion,
  versions: readonly StoredTemplateVersion[],
  today: string,
): TemplateView {
  const sendable = versions.find((v) => v.status === 'approved')
  const reviewDue = (sendable ?? newest).reviewDue || undefined
  return {
    key: newest.key,
    category: newest.category,
    owner: newest.owner,
    status: newest.status,
    sendableVersion: sendable?.version,
    reviewDue,
    overdue: reviewDue !== undefined && isReviewOverdue({ reviewDue }, today),
    versions: versions.map(versionView),
  }
}

function versionView(version: StoredTemplateVersion): TemplateVersionView {
  const [en, fr] = TEMPLATE_LANGUAGES.map((language) => {
    const variant = version.variants[language]
    return variant ? bodyView(variant.body) : undefined
  })
  return {
    version: version.version,
    status: version.status,
    reviewDue: version.reviewDue || undefined,
    createdBy: version.createdBy,
    createdAt: iso(version.createdAt),
    approvedBy: version.approvedBy,
    approvedAt: version.approvedAt === undefined ? undefined : iso(version.approvedAt),
    canApprove: transitionTemplate(version.status, 'approve').ok,
    en,
    fr,
    email: version.email,
  }
}

function bodyView(body: string): TemplateBodyView {
  const { encoding, segments, units, perSegment, remaining, ucs2Characters } =
    describeSegments(body)
  return {
    body,
    placeholders: listPlaceholders(body),
    encoding,
    segments,
    units,
    perSegment,
    remaining,
    ucs2Characters: [...ucs2Characters],
  }
}

const iso = (ms: number) => new Date(ms).toISOString()
