/**
 * A submit the API refused (HTTP 400) while its body carried media URLs: PowerTokens' Seedance 2.0
 * guide asks that every image, video and audio come from its Asset Library, so the failure says so
 * and names the fix. Decided by the error's kind and status and by the body that was sent, never
 * by the server's words.
 */
import { ApiError } from '../errors.js'
import type { VideoRequest } from '../api/request-schema.js'

/** The fix, as the failure names it. */
export const ASSET_HINT =
  'PowerTokens asks that Seedance 2.0 media come from its Asset Library: set `remote-media-as: asset` (with the Asset Library enabled once on the account, free) so the action uploads them and sends asset:// ids'

/** `http(s)://` links among a body's media items (`asset://` and `data:` are not links the API fetches). */
export function mediaUrlsIn(body: VideoRequest): string[] {
  return body.media.flatMap((m) => (m.type !== 'text' && /^https?:\/\//i.test(m.url) ? [m.url] : []))
}

/** A 400 on a body with media URLs, as an ApiError of the same kind that names them and the fix; any other error as it was. */
export function withAssetHint(err: unknown, body: VideoRequest): unknown {
  if (!(err instanceof ApiError) || err.kind !== 'rejected' || err.status !== 400) return err
  const count = mediaUrlsIn(body).length
  if (count === 0) return err
  const links = count === 1 ? 'a media URL' : `${count} media URLs`
  return new ApiError(
    `${err.message.replace(/\.$/, '')}; the request carried ${links} (not Asset Library ids). ${ASSET_HINT}. Nothing was created, so nothing was paid.`,
    err.kind,
    err.status,
    err.retryAfterMs,
    err.code
  )
}
