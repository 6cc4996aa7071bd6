/**
 * The dry run: each entry's exact body and an equivalent curl (the key as
 * `$POWERTOKENS_API_KEY`), what would be uploaded, and nothing sent.
 */
import { displayLinks } from '../http/url-policy.js'
import { Budget } from '../http/budget.js'
import { planRemote } from '../media/remote-media.js'
import type { Config } from './step-settings.js'
import type { VideoEntry } from './entry.js'
import { CHAIN_PREFIX } from './request.js'
import { mediaUploader } from './entry-media.js'

/** The dry run: each entry's exact body and an equivalent curl; nothing is sent. */
export async function dryRun(entries: readonly VideoEntry[], step: Config, info: (line: string) => void): Promise<void> {
  const uploadMedia = mediaUploader(step, Budget.of(new AbortController().signal, step.timeoutMs), info)
  const linksSaid = new Set<string>()
  for (const e of entries) {
    const log = (line: string): void => info(`${e.tag}${line}`)
    if (e.taskId !== undefined) {
      log(`Dry run: would read task ${e.taskId} from ${step.baseUrl}/v1/videos/${e.taskId}; nothing was sent.`)
      continue
    }
    await uploadMedia(e)
    const asAsset = step.remoteMediaAs === 'asset'
    if (asAsset) planRemote(e.request!.body, e.request!, linksSaid, step.assetBaseUrl, log)
    if (e.after !== undefined) {
      const how = asAsset ? ', fetched and uploaded to the Asset Library' : ''
      log(`first frame: the last frame of \`${e.after}\`, once it has succeeded${how} (shown below as ${CHAIN_PREFIX}${e.after}).`)
    }
    const body = e.request!.body
    const shown = JSON.stringify(displayLinks(body), null, 2)
    log(`${!e.inBatch ? 'Dry run: the request is valid; nothing was sent. Body' : 'body'} of POST ${step.baseUrl}/v1/videos:`)
    info(shown)
    log(!e.inBatch ? 'The same request with curl (export POWERTOKENS_API_KEY first):' : 'the same request with curl:')
    info(curlCommand(step.baseUrl, shown))
    if (shown !== JSON.stringify(body, null, 2))
      log('(Long data: URLs are shortened above, and links shown without user info, query or fragment; the real body carries them whole.)')
  }
}

/** Shell single-quoting. */
function sq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`
}

export function curlCommand(baseUrl: string, bodyJson: string): string {
  const marker = bodyJson.includes('\nJSON\n') ? 'SEEDANCE_JSON_BODY' : 'JSON'
  return [
    `curl -sS -X POST ${sq(`${baseUrl}/v1/videos`)} \\`,
    `  -H "Authorization: Bearer $POWERTOKENS_API_KEY" \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  --data-binary @- <<'${marker}'`,
    bodyJson,
    marker
  ].join('\n')
}
