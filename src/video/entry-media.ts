/**
 * An entry's media made ready before it is submitted: workspace files uploaded (or inlined) by
 * one MediaUploader for the whole run, so a file named by many entries is uploaded once; with
 * `remote-media-as: asset`, every media link fetched and checked first, so a bad link fails the
 * step before anything is paid for.
 */
import { USER_AGENT } from '../api/client.js'
import { InputError } from '../errors.js'
import { isLoopbackHost } from '../http/url-policy.js'
import type { Budget } from '../http/budget.js'
import { checkTotals } from '../media/limits.js'
import { MediaUploader } from '../media/uploader.js'
import { RemoteMedia, remoteItems } from '../media/remote-media.js'
import type { Config } from './step-settings.js'
import type { VideoEntry } from './entry.js'
import type { RunContext } from './pipeline.js'

/** Uploads each entry's workspace files into its request, through one MediaUploader: a file named by many entries is uploaded once. */
export function mediaUploader(step: Config, budget: Budget, log: (line: string) => void): (entry: VideoEntry) => Promise<Record<string, string>> {
  let shared: MediaUploader | undefined
  return async (entry) => {
    if (entry.checked.length === 0) return {}
    shared ??= new MediaUploader({
      imagesAs: step.localImagesAs,
      dryRun: step.dryRun,
      log,
      library: {
        baseUrl: step.assetBaseUrl,
        apiKey: step.apiKey,
        groupId: step.assetGroupId,
        userAgent: USER_AGENT,
        timeoutMs: step.requestTimeoutMs,
        maxRetries: step.maxRetries,
        budget
      }
    })
    return shared.uploadInto(entry.request!.body, entry.checked)
  }
}

/**
 * `remote-media-as: asset`: every entry's media links fetched (each link once for the step) and
 * checked before any entry starts, so a bad link fails the step before anything is paid for; the
 * MediaUploader then uploads them with the workspace files. Chained entries get their last frame the same way.
 */
export async function fetchRemote(
  o: { entries: readonly VideoEntry[]; step: Config; budget: Budget; logs: { info: (line: string) => void } },
  ctx: Pick<RunContext, 'fetchFrame'>
): Promise<RemoteMedia | undefined> {
  const todo = o.step.remoteMediaAs === 'asset' ? o.entries.filter((e) => e.request && e.taskId === undefined && !e.hit) : []
  if (todo.length === 0) return undefined
  const { step } = o
  const remote = new RemoteMedia({
    runnerTemp: step.runnerTemp,
    userAgent: USER_AGENT,
    timeoutMs: step.requestTimeoutMs,
    maxRetries: step.maxRetries,
    budget: o.budget,
    allowLoopback: isLoopbackHost(new URL(step.baseUrl).hostname),
    log: o.logs.info
  })
  ctx.fetchFrame = (url, index) => remote.check({ index, url, type: 'first_frame', input: 'first-frame' })
  const problems: string[] = []
  try {
    for (const e of todo) {
      try {
        for (const item of remoteItems(e.request!)) e.checked.push(await remote.check(item))
        checkTotals(e.checked.map((c) => c.info)) // 15 s of reference clips in all, links and files together
      } catch (err) {
        if (!(err instanceof InputError) || o.budget.signal.aborted) throw err
        problems.push(`${e.inBatch ? `Batch entry "${e.name}": ` : ''}${err.message}`)
      }
    }
  } catch (err) {
    await remote.close()
    throw err
  }
  if (problems.length > 0) {
    await remote.close()
    const more = problems.length > 1 ? ` (${problems.length - 1} more ${problems.length === 2 ? 'link fails' : 'links fail'} too; nothing was submitted)` : ''
    throw new InputError(`${problems[0]!.replace(/\.$/, '')}${more}.`)
  }
  return remote
}
