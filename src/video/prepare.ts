/**
 * Before anything is sent: every entry's workspace files checked (and kept open), its identity
 * and cached video looked up, and the key required only where something must be sent.
 */
import { InputError } from '../errors.js'
import { checkLocalMedia, closeLocalMedia } from '../media/uploader.js'
import { requestIdentity } from '../reuse/request-identity.js'
import { restoreResult } from '../reuse/reuse.js'
import { apiKeyRequired, type Config } from './step-settings.js'
import type { VideoEntry } from './entry.js'

/** One entry whose files break a rule: the entry, and the sentence that says which rule. */
export interface EntryProblem {
  entry: VideoEntry
  message: string
}

/**
 * Checks every entry's workspace files (they stay open until `closeEntries`); checks them all
 * and returns each entry whose files break a rule.
 */
export async function checkEntryFiles(
  entries: readonly VideoEntry[],
  step: Pick<Config, 'workspace' | 'runnerTemp'>,
  log: (line: string) => void
): Promise<EntryProblem[]> {
  const problems: EntryProblem[] = []
  for (const entry of entries) {
    if (!entry.request || entry.request.locals.length === 0) continue
    try {
      entry.checked = await checkLocalMedia(entry.request.locals, { workspace: step.workspace, runnerTemp: step.runnerTemp }, log)
    } catch (err) {
      if (!(err instanceof InputError)) throw err
      problems.push({ entry, message: err.message })
    }
  }
  return problems
}

/** Other shards' entries whose files are checked (then closed) at once: a bound on open files. */
const OTHERS_AT_ONCE = 20

/**
 * Checks the workspace files of the entries other shards run, a few at a time, closing them
 * again: a bad file anywhere in the batch refuses every shard.
 */
export async function checkOtherFiles(others: readonly VideoEntry[], step: Pick<Config, 'workspace' | 'runnerTemp'>): Promise<EntryProblem[]> {
  const problems: EntryProblem[] = []
  for (let i = 0; i < others.length; i += OTHERS_AT_ONCE) {
    const chunk = others.slice(i, i + OTHERS_AT_ONCE)
    try {
      problems.push(...(await checkEntryFiles(chunk, step, () => undefined)))
    } finally {
      await closeEntries(chunk)
    }
  }
  return problems
}

/** Closes the files `checkEntryFiles` opened. */
export async function closeEntries(entries: readonly VideoEntry[]): Promise<void> {
  for (const e of entries) await closeLocalMedia(e.checked)
}

/**
 * Never pay twice (reuse.ts): each entry's identity (its workspace files by content), then its
 * cached video, before any upload.
 */
export async function lookUpReuse(entries: readonly VideoEntry[], step: Config, warn: (line: string) => void): Promise<void> {
  if (step.dryRun) return
  if (step.resume || step.cache) {
    const byName = new Map(entries.map((e) => [e.name, e]))
    const identities = new Map<string, string>()
    // An entry that follows another counts that entry's identity, never its link (new on every run).
    const identityOf = (e: VideoEntry): string => {
      let id = identities.get(e.name)
      if (id !== undefined) return id
      const before = e.after !== undefined ? byName.get(e.after) : undefined
      const after = before === undefined ? undefined : before.request ? identityOf(before) : `task:${before.taskId ?? ''}`
      id = requestIdentity({ baseUrl: step.baseUrl, body: e.request!.body, localFiles: new Map(e.checked.map((c) => [c.index, c.info.sha256])), after })
      identities.set(e.name, id)
      return id
    }
    for (const e of entries) {
      if (!e.request) continue
      e.reuse = {
        identity: identityOf(e),
        runId: step.runId,
        job: step.job,
        attempt: Number(step.runAttempt) || 1,
        entry: e.name,
        runnerTemp: step.runnerTemp,
        warn
      }
      if (step.cache) e.hit = await restoreResult(e.reuse)
    }
  }
}

/** The key: refused before anything is sent, unless every entry came from the cache. */
export function requireKey(entries: readonly VideoEntry[], step: Pick<Config, 'apiKey'>): void {
  const missing = entries.filter((e) => !e.hit)
  if (step.apiKey !== '' || missing.length === 0) return
  const which = entries.length === 1 ? 'this request' : `batch ${missing.length === 1 ? 'entry' : 'entries'} ${missing.map((e) => `"${e.name}"`).join(', ')}`
  throw new InputError(apiKeyRequired(`the cache had no video for ${which}`))
}
