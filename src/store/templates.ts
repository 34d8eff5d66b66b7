import type { Kysely } from 'kysely'
import type { TemplateVersion } from '../domain/templates/template-version.ts'
import type { Database, TemplateVersionRow } from './database.ts'

export interface StoredTemplateVersion extends TemplateVersion {
  createdBy: string
  createdAt: number
  approvedBy: string | undefined
  approvedAt: number | undefined
}

function fromRow(
  row: TemplateVersionRow & { category: string; owner: string },
): StoredTemplateVersion {
  return {
    key: row.template_key,
    version: row.version,
    category: row.category as TemplateVersion['category'],
    status: row.status as TemplateVersion['status'],
    owner: row.owner,
    reviewDue: row.review_due ?? '',
    variants: JSON.parse(row.variants) as TemplateVersion['variants'],
    ...(row.email ? { email: JSON.parse(row.email) as NonNullable<TemplateVersion['email']> } : {}),
    createdBy: row.created_by,
    createdAt: row.created_at,
    approvedBy: row.approved_by ?? undefined,
    approvedAt: row.approved_at ?? undefined,
  }
}

const versionColumns = [
  'template_versions.template_key',
  'template_versions.version',
  'template_versions.status',
  'template_versions.review_due',
  'template_versions.variants',
  'template_versions.email',
  'template_versions.created_by',
  'template_versions.created_at',
  'template_versions.approved_by',
  'template_versions.approved_at',
  'templates.category',
  'templates.owner',
] as const

/**
 * How long findSendableTemplate reuses what it read. Changes made through this module in this
 * process count at once (they bump `sendableGeneration`); another server's approval or
 * retirement reaches this one's sends within this time.
 */
export const SENDABLE_TEMPLATE_TTL_MS = 1_000

/** Bumped after every write of template versions in this process: cached reads are stale. */
let sendableGeneration = 0

type SendableCache = Map<string, { generation: number; until: number; value: SendableTemplate }>

const sendableCache = new WeakMap<Kysely<Database>, SendableCache>()

/**
 * Adds a template version (creating the template on its first version).
 * Versions are immutable once written; a change is a new version.
 */
export async function insertTemplateVersion(
  db: Kysely<Database>,
  version: StoredTemplateVersion,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('templates')
      .values({
        key: version.key,
        category: version.category,
        owner: version.owner,
        created_at: version.createdAt,
        updated_at: version.createdAt,
      })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ owner: version.owner, updated_at: version.createdAt }),
      )
      .execute()
    await trx
      .insertInto('template_versions')
      .values({
        template_key: version.key,
        version: version.version,
        status: version.status,
        review_due: version.reviewDue || null,
        variants: JSON.stringify(version.variants),
        email: version.email ? JSON.stringify(version.email) : null,
        created_by: version.createdBy,
        created_at: version.createdAt,
        approved_by: version.approvedBy ?? null,
        approved_at: version.approvedAt ?? null,
      })
      .execute()
  })
  sendableGeneration++
}

/** Every version of a template, newest first (empty when the key is unknown). */
export async function listTemplateVersions(
  db: Kysely<Database>,
  key: string,
): Promise<StoredTemplateVersion[]> {
  const rows = await db
    .selectFrom('template_versions')
    .innerJoin('templates', 'templates.key', 'template_versions.template_key')
    .select(versionColumns)
    .where('template_versions.template_key', '=', key)
    .orderBy('template_versions.version', 'desc')
    .execute()
  return rows.map(fromRow)
}

/** The newest version of each template. */
export async function listLatestTemplates(db: Kysely<Database>): Promise<StoredTemplateVersion[]> {
  const rows = await db
    .selectFrom('template_versions')
    .innerJoin('templates', 'templates.key', 'template_versions.template_key')
    .select(versionColumns)
    .where((eb) =>
      eb(
        'template_versions.version',
        '=',
        eb
          .selectFrom('template_versions as v')
          .select(({ fn }) => fn.max('v.version').as('max'))
          .whereRef('v.template_key', '=', 'template_versions.template_key'),
      ),
    )
    .orderBy('template_versions.template_key')
    .execute()
  return rows.map(fromRow)
}

/** Sets a version's status (approve, retire), recording who approved it. */
export async function setTemplateVersionStatus(
  db: Kysely<Database>,
  change: {
    key: string
    version: number
    status: TemplateVersion['status']
    by: string
    at: number
  },
): Promise<void> {
  await db
    .updateTable('template_versions')
    .set({
      status: change.status,
      ...(change.status === 'approved' ? { approved_by: change.by, approved_at: change.at } : {}),
    })
    .where('template_key', '=', change.key)
    .where('version', '=', change.version)
    .execute()
  sendableGeneration++
}

export interface SendableTemplate {
  exists: boolean
  /** The newest approved version; undefined when none is approved. */
  approved: StoredTemplateVersion | undefined
}

/**
 * What sending needs to know about a template key: whether it exists, and its newest approved
 * version. Sends, acknowledgements and broadcasts ask for the same few keys many times a second,
 * so an answer is reused for SENDABLE_TEMPLATE_TTL_MS (see there); the version returned is
 * shared between callers and must not be changed.
 * @example await findSendableTemplate(db, 'appointment_reminder') // { exists: true, approved: { version: 3, … } }
 */
export async function findSendableTemplate(
  db: Kysely<Database>,
  key: string,
): Promise<SendableTemplate> {
  let cache = sendableCache.get(db)
  if (!cache) sendableCache.set(db, (cache = new Map() as SendableCache))
  const now = performance.now()
  const cached = cache.get(key)
  if (cached && cached.generation === sendableGeneration && cached.until > now) return cached.value
  // a write while this read runs bumps the generation: what it read is not kept past this call
  const generation = sendableGeneration
  const value = await readSendableTemplate(db, key)
  cache.set(key, { generation, until: now + SENDABLE_TEMPLATE_TTL_MS, value })
  return value
}

async function readSendableTemplate(db: Kysely<Database>, key: string): Promise<SendableTemplate> {
  const row = await db
    .selectFrom('template_versions')
    .innerJoin('templates', 'templates.key', 'template_versions.template_key')
    .select(versionColumns)
    .where('template_versions.template_key', '=', key)
    .orderBy(({ eb }) =>
      eb.case().when('template_versions.status', '=', 'approved').then(0).else(1).end(),
    )
    .orderBy('template_versions.version', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!row) return { exists: false, approved: undefined }
  return { exists: true, approved: row.status === 'approved' ? fromRow(row) : undefined }
}

/** One exact version of a template. */
export async function getTemplateVersion(
  db: Kysely<Database>,
  key: string,
  version: number,
): Promise<StoredTemplateVersion | undefined> {
  const row = await db
    .selectFrom('template_versions')
    .innerJoin('templates', 'templates.key', 'template_versions.template_key')
    .select(versionColumns)
    .where('template_versions.template_key', '=', key)
    .where('template_versions.version', '=', version)
    .executeTakeFirst()
  return row ? fromRow(row) : undefined
}

/** Every version of every template, by key, newest version first. */
export async function listAllTemplateVersions(
  db: Kysely<Database>,
): Promise<StoredTemplateVersion[]> {
  const rows = await db
    .selectFrom('template_versions')
    .innerJoin('templates', 'templates.key', 'template_versions.template_key')
    .select(versionColumns)
    .orderBy('template_versions.template_key')
    .orderBy('template_versions.version', 'desc')
    .execute()
  return rows.map(fromRow)
}

/**
 * Approves a version only if it is still a draft, recording who and when; false when it was
 * not a draft (anymore), so two people approving at once cannot both record themselves.
 * @example await approveDraftVersion(db, { key: 'case_update', version: 2, by: 'ana', at: now }) // true
 */
export async function approveDraftVersion(
  db: Kysely<Database>,
  approval: { key: string; version: number; by: string; at: number },
): Promise<boolean> {
  const result = await db
    .updateTable('template_versions')
    .set({ status: 'approved', approved_by: approval.by, approved_at: approval.at })
    .where('template_key', '=', approval.key)
    .where('version', '=', approval.version)
    .where('status', '=', 'draft')
    .executeTakeFirst()
  sendableGeneration++
  return result.numUpdatedRows > 0n
}
