import type { Config } from '../config/schema.ts'
import type { ConversationView } from './conversation-access.ts'

/**
 * A conversation as people see it in lists and transcripts: values a capture rule took from
 * the citizen's text (a BCeID user id…) are replaced by the rule's mask. Reading one in clear
 * is a separate, audited act (revealAttribute); the desk, the board and the WebSocket never
 * carry it. Every program's capture attributes count, so a view is masked whatever program
 * the conversation came through.
 * @example maskCaptured(config, view).attributes.bceidUser // '[user id]'
 */
export function maskCaptured<T extends Pick<ConversationView, 'attributes'>>(
  config: Pick<Config, 'programs'>,
  view: T,
): T {
  const masks = captureMasks(config)
  let attributes: Record<string, unknown> | undefined
  for (const name of Object.keys(view.attributes)) {
    const mask = masks.get(name)
    if (mask === undefined) continue
    attributes ??= { ...view.attributes }
    attributes[name] = mask
  }
  return attributes ? { ...view, attributes } : view
}

const cache = new WeakMap<object, Map<string, string>>()

function captureMasks(config: Pick<Config, 'programs'>): Map<string, string> {
  let masks = cache.get(config.programs)
  if (!masks) {
    masks = new Map()
    for (const program of config.programs)
      for (const capture of program.captures)
        masks.set(capture.attribute, capture.mask ?? `[${capture.name}]`)
    cache.set(config.programs, masks)
  }
  return masks
}
