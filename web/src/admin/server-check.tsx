import { format, useText } from '../text/use-text.ts'
import { errorMessage } from '../ui/error-message.ts'
import { useServerPreview } from './use-server-preview.ts'

/**
 * The server's own count of the previewed text, under the instant one: they agree unless the
 * browser runs an older copy of the counting code.
 */
export function ServerCheck({
  body,
  values,
  local,
}: {
  body: string
  values: Record<string, string>
  local: { encoding: 'gsm7' | 'ucs2'; segments: number }
}) {
  const text = useText()
  const t = text.admin.templates
  const server = useServerPreview(body, values)
  if (server.state === 'checking') return <p className="muted small">{t.serverChecking}</p>
  if (server.state === 'failed')
    return (
      <p className="muted small">
        {format(t.serverFailed, { message: errorMessage(text, server.error) })}
      </p>
    )
  const { encoding, segments } = server.preview
  const counted = format(t.serverCount, {
    encoding: t.encodings[encoding],
    segments: format(segments === 1 ? t.oneSegment : t.segments, { n: segments }),
  })
  const agrees = encoding === local.encoding && segments === local.segments
  return (
    <p className={agrees ? 'muted small' : 'small warn-text'}>
      {counted} {agrees ? t.serverAgrees : t.serverDiffers}
    </p>
  )
}
