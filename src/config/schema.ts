import { Type, type Static, type TSchema, type TObject, type TProperties } from '@sinclair/typebox'

/**
 * The typed schema of Parley's configuration file. Every object is closed
 * (unknown keys are errors) so a typo is reported instead of silently ignored.
 * Secrets never live here: a trunk names the environment variable that holds
 * its secret (`authTokenEnv`, `passwordEnv`), and the loader resolves it.
 */
const closed = <T extends TProperties>(
  properties: T,
  options: { default?: object } = {},
): TObject<T> => Type.Object(properties, { additionalProperties: false, ...options })

/** A union of string literals whose static type stays the literal union (not `string`). */
const oneOf = <const T extends string>(values: readonly T[], options: { default?: unknown } = {}) =>
  Type.Union(
    values.map((value) => Type.Literal(value)),
    options,
  )

const Id = Type.String({ pattern: '^[A-Za-z0-9_.-]+$', minLength: 1, maxLength: 64 })
const Language = Type.Union([Type.Literal('en'), Type.Literal('fr')])
const PerLanguage = <T extends TSchema>(schema: T) =>
  closed({ en: Type.Optional(schema), fr: Type.Optional(schema) })
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' })
const CountryCode = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' })
const SenderNumber = Type.String({
  pattern: '^(\\+[1-9]\\d{6,14}|\\d{3,8})$',
  description: 'E.164 long code (+12505550100) or short code digits (78787)',
})

export const ServerSchema = closed(
  {
    host: Type.String({ default: '127.0.0.1' }),
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
    publicUrl: Type.String({
      default: 'http://localhost:3000',
      pattern: '^https?://',
      description: 'The URL carriers call; Twilio signatures are checked against it',
    }),
    trustProxy: Type.Boolean({ default: false }),
    shutdownTimeoutMs: Type.Integer({ minimum: 100, maximum: 60000, default: 10000 }),
  },
  { default: {} },
)

export const DatabaseSchema = closed(
  {
    file: Type.String({ default: './data/parley.db', description: 'SQLite file (embedded store)' }),
    busyTimeoutMs: Type.Integer({ minimum: 0, default: 5000 }),
    poolSize: Type.Integer({
      minimum: 1,
      maximum: 100,
      default: 10,
      description: 'PostgreSQL pool',
    }),
  },
  { default: {} },
)

export const LogSchema = closed(
  {
    level: Type.Union(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
      { default: 'info' },
    ),
  },
  { default: {} },
)

const SandboxTrunk = closed({
  type: Type.Literal('sandbox'),
  enabled: Type.Boolean({ default: true }),
  deliveryDelayMs: Type.Integer({ minimum: 0, default: 500 }),
  failTemporary: Type.Array(SenderNumber, { default: [] }),
  failPermanent: Type.Array(SenderNumber, { default: [] }),
  rejectAtSubmit: Type.Array(SenderNumber, {
    default: [],
    description: 'numbers refused at submit (invalid_number, not retryable)',
  }),
})

const TwilioTrunk = closed({
  type: Type.Literal('twilio'),
  enabled: Type.Boolean({ default: true }),
  accountSid: Type.String({ pattern: '^AC[0-9a-fA-F]{32}$' }),
  authTokenEnv: Type.String({
    pattern: '^[A-Z][A-Z0-9_]*$',
    description: 'env var holding the auth token',
  }),
  baseUrl: Type.String({ default: 'https://api.twilio.com', pattern: '^https?://' }),
  timeoutMs: Type.Integer({ minimum: 100, default: 10000 }),
})

const SmppTrunk = closed({
  type: Type.Literal('smpp'),
  enabled: Type.Boolean({ default: true }),
  host: Type.String(),
  port: Type.Integer({ minimum: 1, maximum: 65535 }),
  systemId: Type.String({ maxLength: 16 }),
  passwordEnv: Type.String({
    pattern: '^[A-Z][A-Z0-9_]*$',
    description: 'env var holding the bind password',
  }),
  systemType: Type.String({ default: '', maxLength: 13 }),
  window: Type.Integer({ minimum: 1, maximum: 1000, default: 10 }),
  enquireLinkMs: Type.Integer({ minimum: 1000, default: 30000 }),
  receiptIdBase: Type.Union([Type.Literal('hex'), Type.Literal('decimal'), Type.Literal('auto')], {
    default: 'auto',
  }),
  submitTimeoutMs: Type.Integer({ minimum: 100, default: 10000 }),
  throttleBackoffMs: Type.Integer({ minimum: 0, default: 1000 }),
  rebindInitialMs: Type.Integer({ minimum: 10, default: 1000 }),
  rebindMaxMs: Type.Integer({ minimum: 10, default: 60000 }),
})

/** Trunk schemas by `type`; the loader validates each trunk against the one its type names. */
export const TrunkSchemas = { sandbox: SandboxTrunk, twilio: TwilioTrunk, smpp: SmppTrunk } as const
export type TrunkType = keyof typeof TrunkSchemas
export type SandboxTrunkConfig = Static<typeof SandboxTrunk> & { name: string }
export type TwilioTrunkConfig = Static<typeof TwilioTrunk> & { name: string }
export type SmppTrunkConfig = Static<typeof SmppTrunk> & { name: string }
export type TrunkConfig = SandboxTrunkConfig | TwilioTrunkConfig | SmppTrunkConfig

const KeywordGroupOverride = closed({
  words: Type.Optional(PerLanguage(Type.Array(Type.String({ minLength: 1 })))),
  reply: Type.Optional(PerLanguage(Type.String({ minLength: 1, maxLength: 320 }))),
})
const KeywordOverrides = closed({
  optOut: Type.Optional(KeywordGroupOverride),
  optIn: Type.Optional(KeywordGroupOverride),
  help: Type.Optional(KeywordGroupOverride),
})

const SenderSchema = closed({
  number: SenderNumber,
  trunk: Id,
  label: Type.Optional(Type.String()),
  segmentsPerSecond: Type.Optional(
    Type.Number({ exclusiveMinimum: 0, description: 'overrides the default for the sender type' }),
  ),
  keywords: Type.Optional(KeywordOverrides),
})

const CaptureRule = closed({
  name: Id,
  pattern: Type.String({ minLength: 1, description: 'RE2 syntax, one capture group' }),
  attribute: Id,
  mask: Type.Optional(Type.String()),
})

/** PII kinds masked in agents' view of inbound texts when a program does not say (`maskPii`). */
export const DEFAULT_MASK_PII = Object.freeze(['payment_card', 'sin', 'bc_phn'] as const)

const ProgramSchema = closed({
  id: Id,
  name: Type.String({ minLength: 1 }),
  sender: SenderNumber,
  failoverTrunk: Type.Optional(Id),
  supportNumber: Type.String({ description: 'toll-free number given in HELP replies' }),
  requiresOptIn: Type.Boolean({
    default: true,
    description: 'false only for programs that may lawfully send without opt-in; say so explicitly',
  }),
  keywords: Type.Optional(KeywordOverrides),
  captures: Type.Array(CaptureRule, { default: [], maxItems: 3 }),
  maskPii: Type.Array(oneOf(['payment_card', 'sin', 'bc_phn', 'email', 'phone']), {
    default: [...DEFAULT_MASK_PII],
  }),
})

const NamedCode = closed({ code: Id, label: Type.String({ minLength: 1 }) })

const QueueSchema = closed({
  id: Id,
  name: Type.String({ minLength: 1 }),
  description: Type.Optional(Type.String()),
  dispositions: Type.Array(Id, { minItems: 1, description: 'codes from `dispositions`' }),
  acknowledgementTemplate: Type.Optional(Id),
  serviceLevelSeconds: Type.Integer({ minimum: 1, default: 300 }),
  aging: closed(
    {
      everySeconds: Type.Integer({ minimum: 1, default: 60 }),
      step: Type.Integer({ minimum: 0, default: 1 }),
      max: Type.Integer({ minimum: 0, default: 100 }),
    },
    { default: {} },
  ),
  relaxSkillsAfterSeconds: Type.Array(Type.Integer({ minimum: 1 }), { default: [] }),
  offerTimeoutSeconds: Type.Integer({
    minimum: 5,
    maximum: 600,
    default: 30,
    description: 'an offer not accepted in this time moves on; the agent becomes not ready',
  }),
  excludeAgentForSeconds: Type.Integer({
    minimum: 0,
    maximum: 86400,
    default: 300,
    description:
      'an agent who declined a conversation or let its offer time out is passed over for it this long (0: not at all)',
  }),
})

const ScreeningRule = closed({
  name: Id,
  match: Type.Optional(
    closed({
      keyword: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
      pattern: Type.Optional(Type.String({ minLength: 1, description: 'RE2 syntax' })),
      from: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
      fromPrefix: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
      to: Type.Optional(Type.Array(SenderNumber, { minItems: 1 })),
    }),
  ),
  category: Id,
  queue: Id,
  priority: Type.Integer({ minimum: 1, maximum: 10, default: 5 }),
  skills: Type.Array(Id, { default: [] }),
})

const TemplateVariant = closed({ body: Type.String({ minLength: 1 }) })
const EmailVariant = closed({
  subject: Type.String({ minLength: 1 }),
  body: Type.String({ minLength: 1 }),
})
const TemplateSchema = closed({
  key: Id,
  category: oneOf([
    'notification',
    'reminder',
    'survey',
    'alert',
    'verification',
    'acknowledgement',
    'keyword_reply',
    'standard_response',
  ]),
  status: Type.Union([Type.Literal('draft'), Type.Literal('approved'), Type.Literal('retired')], {
    default: 'draft',
  }),
  owner: Type.String({ minLength: 1 }),
  reviewDue: Type.Optional(IsoDate),
  en: Type.Optional(TemplateVariant),
  fr: Type.Optional(TemplateVariant),
  email: Type.Optional(PerLanguage(EmailVariant)),
})

const RetrySchema = closed(
  {
    initialDelayMs: Type.Integer({ minimum: 10, default: 1000 }),
    maxDelayMs: Type.Integer({ minimum: 10, default: 300000 }),
    deadlineMs: Type.Integer({ minimum: 1000, default: 86400000, description: 'give up after' }),
  },
  { default: {} },
)

/** The outbox dispatcher (src/app/dispatch-outbox.ts); the defaults suit one process. */
const OutboxSchema = closed(
  {
    dispatch: Type.Boolean({
      default: true,
      description: 'false: this process accepts texts but never sends them (an API-only node)',
    }),
    maxInFlight: Type.Integer({
      minimum: 1,
      maximum: 10000,
      default: 200,
      description: 'most texts being sent at once; after a crash, at most this many are sent twice',
    }),
    batchSize: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
    leaseMs: Type.Integer({
      minimum: 1000,
      default: 60000,
      description:
        "how long a claimed text is a process's own; a dead process's texts are requeued after it",
    }),
  },
  { default: {} },
)

/**
 * The inbound intake (src/app/inbound-intake.ts, inbound-worker.ts; decision 0009): a carrier's
 * text is stored before the carrier is answered, then processed in batches.
 */
const InboundSchema = closed(
  {
    maxPending: Type.Integer({
      minimum: 1,
      maximum: 1000000,
      default: 5000,
      description:
        'texts waiting to be stored at most; beyond, a webhook answers 503 with Retry-After and a deliver_sm ESME_RTHROTTLED',
    }),
    commitBatch: Type.Integer({
      minimum: 1,
      maximum: 5000,
      default: 500,
      description: 'texts stored by one commit at most (group commit)',
    }),
    retryAfterSeconds: Type.Integer({
      minimum: 1,
      maximum: 3600,
      default: 1,
      description: 'the Retry-After of a refused webhook',
    }),
    batchSize: Type.Integer({
      minimum: 1,
      maximum: 2000,
      default: 200,
      description: 'stored texts processed (threaded, routed) together',
    }),
    concurrency: Type.Integer({
      minimum: 1,
      maximum: 32,
      default: 4,
      description:
        'batches processed at once while a backlog lasts (PostgreSQL; SQLite always processes one)',
    }),
    workerShare: Type.Number({
      minimum: 0.05,
      maximum: 1,
      default: 0.5,
      description:
        "while webhooks wait to be stored, the most of the process's time processing may take",
    }),
    claimGapMs: Type.Integer({
      minimum: 0,
      maximum: 1000,
      default: 2,
      description:
        'the least time between two batches: texts arriving faster share a batch (a text after a quiet spell is taken at once)',
    }),
    leaseMs: Type.Integer({
      minimum: 1000,
      default: 60000,
      description: "how long texts being processed are a process's own; a dead process's after it",
    }),
    maxAttempts: Type.Integer({
      minimum: 1,
      maximum: 100,
      default: 10,
      description: 'failed attempts after which a text is stored without a conversation',
    }),
  },
  { default: {} },
)

const SmtpSchema = closed({
  host: Type.String(),
  port: Type.Integer({ minimum: 1, maximum: 65535, default: 587 }),
  secure: Type.Boolean({ default: false }),
  from: Type.String({ minLength: 3 }),
  user: Type.Optional(Type.String()),
  passwordEnv: Type.Optional(Type.String({ pattern: '^[A-Z][A-Z0-9_]*$' })),
})

/** Screen-pop data from a CRM, looked up when a conversation opens; never delays routing. */
const CrmSchema = closed({
  lookupUrl: Type.String({
    pattern: '^https?://',
    description:
      'GET {lookupUrl}?phone=+1250…; a JSON object answer is kept as the `crm` attribute',
  }),
  timeoutMs: Type.Integer({ minimum: 50, maximum: 10000, default: 800 }),
})

/** A criterion a supervisor scores when reviewing a conversation (quality assurance). */
const ReviewCriterion = closed({
  id: Id,
  label: Type.String({ minLength: 1 }),
  maxScore: Type.Integer({ minimum: 1, maximum: 10, default: 5 }),
})

/** The default scorecard when the configuration has no `qualityReview` section. */
export const DEFAULT_REVIEW_CRITERIA = Object.freeze([
  { id: 'greeting', label: 'Greeting and identification', maxScore: 5 },
  { id: 'accuracy', label: 'Accurate, complete answer', maxScore: 5 },
  { id: 'tone', label: 'Plain, courteous language', maxScore: 5 },
])

const QualityReviewSchema = closed(
  {
    criteria: Type.Array(ReviewCriterion, {
      minItems: 1,
      maxItems: 20,
      default: DEFAULT_REVIEW_CRITERIA.map((c) => ({ ...c })),
    }),
  },
  { default: {} },
)

export const ConfigSchema = closed({
  server: ServerSchema,
  database: DatabaseSchema,
  log: LogSchema,
  defaultRegion: Type.Intersect([CountryCode], { default: 'CA' }),
  defaultLanguage: Type.Intersect([Language], { default: 'en' }),
  allowedCountries: Type.Array(CountryCode, { default: ['CA', 'US'], minItems: 1 }),
  retentionMonths: Type.Integer({ minimum: 1, maximum: 120, default: 13 }),
  threadingWindowHours: Type.Integer({ minimum: 1, default: 72 }),
  trunks: Type.Record(Id, Type.Unknown(), { description: 'by name; each validated by its `type`' }),
  defaultTrunk: Type.Intersect([Id], { default: 'sandbox' }),
  senders: Type.Array(SenderSchema, { minItems: 1 }),
  programs: Type.Array(ProgramSchema, { minItems: 1 }),
  keywords: Type.Optional(KeywordOverrides),
  skills: Type.Array(closed({ id: Id, name: Type.String({ minLength: 1 }) }), { default: [] }),
  queues: Type.Array(QueueSchema, { minItems: 1 }),
  screening: Type.Array(ScreeningRule, { minItems: 1 }),
  templates: Type.Array(TemplateSchema, { default: [] }),
  dispositions: Type.Array(NamedCode, { minItems: 1 }),
  notReadyReasons: Type.Array(NamedCode, { minItems: 1 }),
  retry: RetrySchema,
  surveys: closed(
    {
      windowHours: Type.Integer({
        minimum: 1,
        maximum: 720,
        default: 24,
        description: 'a reply this soon after a survey text answers it',
      }),
      followUpAtOrBelow: Type.Integer({
        minimum: 0,
        maximum: 5,
        default: 2,
        description: 'ratings this low (and every free-text answer) open a conversation',
      }),
      queue: Type.String({
        default: 'SBC_HD_SMS_SURVEY',
        description: 'where follow-up conversations wait',
      }),
    },
    { default: {} },
  ),
  outbox: OutboxSchema,
  inbound: InboundSchema,
  smtp: Type.Optional(SmtpSchema),
  crm: Type.Optional(CrmSchema),
  qualityReview: QualityReviewSchema,
})

export type RawConfig = Static<typeof ConfigSchema>
export type SenderConfig = Static<typeof SenderSchema>
export type ProgramConfig = Static<typeof ProgramSchema>
export type QueueConfig = Static<typeof QueueSchema>
export type ScreeningRuleConfig = Static<typeof ScreeningRule>
export type TemplateConfig = Static<typeof TemplateSchema>
export type CrmConfig = Static<typeof CrmSchema>
export type ReviewCriterionConfig = Static<typeof ReviewCriterion>

/** The validated, frozen configuration the application runs with. */
export type Config = Readonly<
  Omit<RawConfig, 'trunks'> & {
    trunks: Readonly<Record<string, TrunkConfig>>
    /** postgres:// URL from DATABASE_URL; absent means the embedded SQLite file. */
    databaseUrl: string | undefined
    /** Secret values by env var name, resolved from the environment; never printed. */
    secrets: Readonly<Record<string, string>>
    /** Where the configuration came from, for messages and `parley doctor`. */
    source: string
  }
>
