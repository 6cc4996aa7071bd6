/**
 * The `batch` input: a list of videos, each with a `name` and any per-video input under its
 * action.yml name. Pure: every entry is checked and
 * every problem is reported at once, each prefixed with its entry's name.
 */
import { closestMatch } from 'leven'
import { InputError } from '../errors.js'
import { CHAIN_PREFIX } from '../video/request.js'
import type { GetInput } from './inputs.js'
import { ENTRY_KEYS, ENTRY_KINDS, REQUEST_INPUTS } from '../video/input-table.js'
import { readJsonOrYaml } from './json-or-yaml.js'

/** Past this many videos one runner is the wrong tool: shard the list over a matrix. */
export const MAX_ENTRIES = 100
/** Levels of lists and mappings in the parsed list: an entry's `media` items sit at 4. */
const MAX_DEPTH = 16
/** Characters of an inline list, as many as a batch file may have bytes. */
export const MAX_BATCH_CHARS = 1024 * 1024
const NAME = /^[A-Za-z0-9_.-]{1,64}$/

export interface BatchEntry {
  name: string
  /** `first-frame: { after: <name> }`: the entry whose last frame this one starts from. */
  after?: string
  /** The entry's inputs as the step would receive them: strings. */
  values: Record<string, string>
  /** What is wrong with the entry itself (unknown keys, a bad or repeated name), each a sentence. */
  problems: string[]
}

/** What a request is made of: an entry that collects a `task-id` takes none of these from the step. */
const REQUEST_KEYS: ReadonlySet<string> = new Set(REQUEST_INPUTS)

/** An entry's inputs over the step's: an entry's value wins, the step's is the default (read for the entry's own request only). */
export function entryInput(entry: BatchEntry, stepInput: GetInput): GetInput {
  const collects = Object.hasOwn(entry.values, 'task-id')
  return (name) => {
    if (Object.hasOwn(entry.values, name)) return entry.values[name] as string
    if (collects && REQUEST_KEYS.has(name)) return ''
    return stepInput(name)
  }
}

/**
 * Parses the list. A document that is not a list of entries throws; each entry's own problems
 * are in its `problems`, so the caller can report them with the rest of its checks.
 */
export async function parseBatch(text: string, inputName = 'batch', shards = 1): Promise<BatchEntry[]> {
  const data = parseDocument(text, inputName)
  if (!Array.isArray(data))
    throw new InputError(
      `Input \`${inputName}\` must be a list of videos (a YAML or JSON list of entries, each with a \`name\` and inputs such as \`prompt\`).`
    )
  if (data.length === 0) throw new InputError(`Input \`${inputName}\` is an empty list: give at least one video.`)
  // With `shard: i/n` the file holds every share: each step takes at most MAX_ENTRIES of it.
  if (data.length > MAX_ENTRIES * shards) {
    throw new InputError(
      shards === 1
        ? `Input \`${inputName}\` has ${data.length} entries; one step takes at most ${MAX_ENTRIES}. Shard the list over a \`strategy.matrix\` with \`shard: \${{ matrix.shard }}/<n>\` (see the README).`
        : `Input \`${inputName}\` has ${data.length} entries; ${shards} shards take at most ${MAX_ENTRIES * shards} (${MAX_ENTRIES} each): raise n in \`shard\`.`
    )
  }
  const entries: BatchEntry[] = []
  const seen = new Map<string, number>()
  data.forEach((raw, i) => {
    const fallback = `video-${i + 1}`
    const label = (name: string): string => `Batch entry "${name}"`
    const problems: string[] = []
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      entries.push({
        name: fallback,
        values: {},
        problems: [`${label(fallback)} (item ${i + 1}) must be a mapping of inputs such as {name: teaser, prompt: ...}.`]
      })
      return
    }
    const item = raw as Record<string, unknown>
    let name = fallback
    if (item.name !== undefined) {
      if (typeof item.name !== 'string' && typeof item.name !== 'number') problems.push(`Batch item ${i + 1}: \`name\` must be text.`)
      else if (!NAME.test(String(item.name))) {
        problems.push(
          `Batch item ${i + 1}: \`name\` must be 1-64 letters, digits, \`-\`, \`_\` or \`.\` (got ${JSON.stringify(String(item.name).slice(0, 70))}).`
        )
      } else name = String(item.name)
    }
    const before = seen.get(name)
    if (before !== undefined) problems.push(`${label(name)}: the name is used by item ${before + 1} too; names must be unique.`)
    else seen.set(name, i)
    const values: Record<string, string> = {}
    let after: string | undefined
    for (const [key, value] of Object.entries(item)) {
      if (key === 'name') continue
      if (isMapping(value) && (key === 'first-frame' || key === 'last-frame')) {
        const follows = value.after
        if (key === 'last-frame')
          problems.push(
            `${label(name)}: only \`first-frame\` can be \`{ after: <entry name> }\` (a shot starts where another ends); \`last-frame\` takes a URL or a file.`
          )
        else if (Object.keys(value).length !== 1 || typeof follows !== 'string' || follows.trim() === '') {
          problems.push(
            `${label(name)}: \`first-frame\` as a mapping must be exactly \`{ after: <entry name> }\`, the entry whose last frame this one starts from.`
          )
        } else {
          after = follows.trim()
          values[key] = chainPlaceholder(after)
        }
        continue
      }
      if (!ENTRY_KEYS.includes(key)) {
        const near = nearest(key)
        problems.push(`${label(name)} has an unknown key \`${key}\`${near ? `; did you mean \`${near}\`?` : ''}`)
        continue
      }
      const text = asInput(key, value)
      const kind = ENTRY_KINDS.get(key)
      if (text === undefined)
        problems.push(
          `${label(name)}: \`${key}\` must be text, a number, true/false${kind === 'list' ? ' or a list' : kind === 'items' ? ' or a list of media items' : ''}.`
        )
      else values[key] = text
    }
    entries.push({ name, values, problems, ...(after !== undefined ? { after } : {}) })
  })
  checkChains(entries)
  return entries
}

/** Stands in for a chained entry's first frame until the entry it follows has its last frame. */
function chainPlaceholder(after: string): string {
  return `${CHAIN_PREFIX}${after}`
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * Every `{ after: <name> }` names another entry, no chain runs in a circle, and each entry that
 * is followed is asked for its last frame (`return-last-frame: true`, unless it says false: a problem).
 */
function checkChains(entries: BatchEntry[]): void {
  const byName = new Map(entries.map((e) => [e.name, e]))
  for (const e of entries) {
    if (e.after === undefined) continue
    const target = byName.get(e.after)
    if (target === undefined) {
      const near = nearestOf(
        e.after,
        [...byName.keys()].filter((n) => n !== e.name)
      )
      e.problems.push(
        `Batch entry "${e.name}": \`first-frame: { after: ${e.after} }\` names no entry of this batch${near ? `; did you mean \`${near}\`?` : '.'}`
      )
      e.after = undefined
      continue
    }
    const given = target.values['return-last-frame']
    if (given !== undefined && given.trim().toLowerCase() === 'false') {
      target.problems.push(`Batch entry "${target.name}" is followed by "${e.name}", which starts from its last frame: remove \`return-last-frame: false\`.`)
    } else target.values['return-last-frame'] = 'true'
  }
  const reported = new Set<string>()
  for (const start of entries) {
    const path: string[] = []
    let at: BatchEntry | undefined = start
    while (at !== undefined && !path.includes(at.name)) {
      path.push(at.name)
      at = at.after !== undefined ? byName.get(at.after) : undefined
    }
    if (at === undefined || reported.has(at.name)) continue
    const circle = path.slice(path.indexOf(at.name))
    for (const n of circle) reported.add(n)
    at.problems.push(
      `Batch entry "${at.name}": the entries ${[...circle, at.name].map((n) => `"${n}"`).join(' -> ')} follow each other in a circle; one of them must start without \`{ after: ... }\`.`
    )
  }
}

/** A value as the step's input of that name would carry it. */
function asInput(key: string, value: unknown): string | undefined {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  const kind = ENTRY_KINDS.get(key)
  if (kind === 'items' && typeof value === 'object') return JSON.stringify(value)
  if (kind === 'list' && Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('\n')
  return undefined
}

/** JSON, else YAML, by the one reader: its size and the nesting of the parsed list bounded. */
function parseDocument(text: string, inputName: string): unknown {
  const data = readJsonOrYaml(text, {
    input: inputName,
    maxChars: MAX_BATCH_CHARS,
    maxDepth: MAX_DEPTH,
    maxAliases: 50,
    tooDeep: `Input \`${inputName}\` is nested more than ${MAX_DEPTH} levels deep; a batch list is a list of flat entries.`,
    invalid: (detail) => `Input \`${inputName}\` is not a valid YAML or JSON list (${detail}).`,
    tooLong: (length) => `Input \`${inputName}\` is ${length} characters long; a batch list may have at most ${MAX_BATCH_CHARS} (1 MB).`
  })
  if (data === undefined) throw new InputError(`Input \`${inputName}\` is empty.`)
  return data
}

/** The known key closest to `key`, if it is close enough to be a typo. */
export function nearest(key: string): string | undefined {
  return nearestOf(key.toLowerCase(), ENTRY_KEYS)
}

/** The word of `known` closest to `word` (Levenshtein distance; the first of a tie), if it is close enough to be a typo. */
export function nearestOf(word: string, known: readonly string[]): string | undefined {
  // A typo takes at most 2 edits, or a third of a longer word.
  return closestMatch(word, known, { maxDistance: Math.max(2, Math.floor(word.length / 3)) })
}
