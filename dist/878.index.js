export const id = 878;
export const ids = [878];
export const modules = {

/***/ 6878:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runBatchStep: () => (/* binding */ runBatchStep)
});

// UNUSED EXPORTS: batchText, entryConfigs, maxConcurrency, outputDir, placeBatchFiles, printDryRun

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/inputs.ts + 4 modules
var inputs = __webpack_require__(5461);
;// CONCATENATED MODULE: ./src/batch-file.ts
/**
 * The `batch` input: a list of videos, each with a `name` and any per-video input under its
 * action.yml name. Pure apart from the lazily loaded YAML parser: every entry is checked and
 * every problem is reported at once, each prefixed with its entry's name.
 */


/** The inputs an entry may set; everything else comes from the step. */
const ENTRY_KEYS = [
    'name',
    ...inputs/* REQUEST_INPUTS */.cg,
    'model',
    'seconds',
    'size',
    'ratio',
    'seed',
    'watermark',
    'generate-audio',
    'return-last-frame',
    'safety-identifier',
    'task-id'
];
/** Inputs that are lists: a YAML list, or a string with one item per line. */
const LIST_KEYS = new Set(['reference-images', 'reference-videos', 'reference-audios']);
/** Past this many videos one runner is the wrong tool: shard the list over a matrix. */
const MAX_ENTRIES = 100;
const MAX_DEPTH = 16;
const NAME = /^[A-Za-z0-9_.-]{1,64}$/;
/** What a request is made of: an entry that collects a `task-id` takes none of these from the step. */
const REQUEST_KEYS = new Set(inputs/* REQUEST_INPUTS */.cg);
/** An entry's inputs over the step's: an entry's value wins, the step's is the default. */
function entryInput(entry, stepInput) {
    const collects = Object.hasOwn(entry.values, 'task-id');
    return (name) => {
        if (Object.hasOwn(entry.values, name))
            return entry.values[name];
        if (collects && REQUEST_KEYS.has(name))
            return '';
        return stepInput(name);
    };
}
/**
 * Parses the list. A document that is not a list of entries throws; each entry's own problems
 * are in its `problems`, so the caller can report them with the rest of its checks.
 */
async function parseBatch(text, inputName = 'batch') {
    const data = await parseDocument(text, inputName);
    if (!Array.isArray(data))
        throw new errors/* InputError */.dz(`Input \`${inputName}\` must be a list of videos (a YAML or JSON list of entries, each with a \`name\` and inputs such as \`prompt\`).`);
    if (data.length === 0)
        throw new errors/* InputError */.dz(`Input \`${inputName}\` is an empty list: give at least one video.`);
    if (data.length > MAX_ENTRIES) {
        throw new errors/* InputError */.dz(`Input \`${inputName}\` has ${data.length} entries; one step takes at most ${MAX_ENTRIES}. Shard the list over a \`strategy.matrix\`, one batch file per job.`);
    }
    const entries = [];
    const seen = new Map();
    data.forEach((raw, i) => {
        const fallback = `video-${i + 1}`;
        const label = (name) => `Batch entry "${name}"`;
        const problems = [];
        if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
            entries.push({ name: fallback, values: {}, problems: [`${label(fallback)} (item ${i + 1}) must be a mapping of inputs such as {name: teaser, prompt: ...}.`] });
            return;
        }
        const item = raw;
        let name = fallback;
        if (item.name !== undefined) {
            if (typeof item.name !== 'string' && typeof item.name !== 'number')
                problems.push(`Batch item ${i + 1}: \`name\` must be text.`);
            else if (!NAME.test(String(item.name))) {
                problems.push(`Batch item ${i + 1}: \`name\` must be 1-64 letters, digits, \`-\`, \`_\` or \`.\` (got ${JSON.stringify(String(item.name).slice(0, 70))}).`);
            }
            else
                name = String(item.name);
        }
        const before = seen.get(name);
        if (before !== undefined)
            problems.push(`${label(name)}: the name is used by item ${before + 1} too; names must be unique.`);
        else
            seen.set(name, i);
        const values = {};
        for (const [key, value] of Object.entries(item)) {
            if (key === 'name')
                continue;
            if (!ENTRY_KEYS.includes(key)) {
                const near = nearest(key);
                problems.push(`${label(name)} has an unknown key \`${key}\`${near ? `; did you mean \`${near}\`?` : ''}`);
                continue;
            }
            const text = asInput(key, value);
            if (text === undefined)
                problems.push(`${label(name)}: \`${key}\` must be text, a number, true/false${LIST_KEYS.has(key) ? ' or a list' : ''}${key === 'media' ? ' or a list of media items' : ''}.`);
            else
                values[key] = text;
        }
        entries.push({ name, values, problems });
    });
    return entries;
}
/** A value as the step's input of that name would carry it. */
function asInput(key, value) {
    if (value === null || value === undefined)
        return '';
    if (typeof value === 'string')
        return value;
    if (typeof value === 'number' || typeof value === 'boolean')
        return String(value);
    if (key === 'media' && typeof value === 'object')
        return JSON.stringify(value);
    if (LIST_KEYS.has(key) && Array.isArray(value) && value.every((v) => typeof v === 'string'))
        return value.join('\n');
    return undefined;
}
/** JSON, else YAML (loaded only then); deep nesting and YAML tags and warnings are refused. */
async function parseDocument(text, inputName) {
    const t = text.trim();
    if (t === '')
        throw new errors/* InputError */.dz(`Input \`${inputName}\` is empty.`);
    if (depthOf(t) > MAX_DEPTH)
        throw new errors/* InputError */.dz(`Input \`${inputName}\` is nested more than ${MAX_DEPTH} levels deep; a batch list is a list of flat entries.`);
    try {
        return JSON.parse(t);
    }
    catch {
        // Not JSON: YAML below.
    }
    const { parseDocument: parseYaml } = await __webpack_require__.e(/* import() */ 815).then(__webpack_require__.t.bind(__webpack_require__, 8815, 19));
    const doc = parseYaml(t, { prettyErrors: false, uniqueKeys: true });
    const problem = doc.errors[0] ?? doc.warnings[0];
    if (problem)
        throw new errors/* InputError */.dz(`Input \`${inputName}\` is not a valid YAML or JSON list (${problem.message.split('\n')[0]}).`);
    return doc.toJS({ maxAliasCount: 50 });
}
/** How deep brackets nest, counted without parsing (a parser would recurse that deep). */
function depthOf(text) {
    let depth = 0;
    let max = 0;
    for (const c of text) {
        if (c === '[' || c === '{')
            max = Math.max(max, ++depth);
        else if (c === ']' || c === '}')
            depth--;
    }
    return max;
}
/** The known key closest to `key`, if it is close enough to be a typo. */
function nearest(key) {
    let best;
    let bestDistance = Infinity;
    for (const known of ENTRY_KEYS) {
        const d = distance(key.toLowerCase(), known);
        if (d < bestDistance) {
            best = known;
            bestDistance = d;
        }
    }
    return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}
/** Levenshtein distance (two rows). */
function distance(a, b) {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const row = [i];
        for (let j = 1; j <= b.length; j++)
            row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = row;
    }
    return prev[b.length];
}

// EXTERNAL MODULE: ./src/dry-run.ts
var dry_run = __webpack_require__(4394);
// EXTERNAL MODULE: ./src/format.ts
var format = __webpack_require__(6264);
// EXTERNAL MODULE: ./src/parse.ts
var parse = __webpack_require__(2828);
// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(6670);
;// CONCATENATED MODULE: ./src/batch-step.ts
/**
 * The step in batch mode: the `batch` list -> one validated request per entry (all checked
 * before anything is sent) -> local files placed once for all -> runBatch -> `results`,
 * the summary, and one failure naming each entry that did not succeed.
 */








/** The most a batch file may be: thousands of entries' worth of YAML. */
const MAX_BATCH_FILE_BYTES = 1024 * 1024;
/** The `batch` input's text: inline YAML/JSON, or the content of the workspace file it names. */
async function batchText(value, ctx) {
    const v = value.trim();
    const inline = v.includes('\n') || /^[[{-]/.test(v);
    if (inline)
        return v;
    const { openLocalFile } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 1436));
    const file = await openLocalFile(v, { workspace: ctx.workspace, runnerTemp: ctx.runnerTemp }, 'batch');
    try {
        const { size } = await file.handle.stat();
        if (size > MAX_BATCH_FILE_BYTES)
            throw new errors/* InputError */.dz(`Input \`batch\`: ${v} is ${size} bytes; a batch file may be at most 1 MB.`);
        const { readHead } = await __webpack_require__.e(/* import() */ 107).then(__webpack_require__.bind(__webpack_require__, 7107));
        return (await readHead(file.handle, size)).toString('utf8');
    }
    finally {
        await file.handle.close();
    }
}
/** Every entry validated exactly as a single step would be; every failing entry is named. */
async function entryConfigs(text, stepInput, env) {
    const entries = await parseBatch(text, 'batch');
    const problems = [];
    const configs = [];
    let bad = 0;
    for (const entry of entries) {
        if (entry.problems.length > 0) {
            bad++;
            problems.push(...entry.problems);
            continue;
        }
        try {
            const config = await (0,inputs/* parseConfig */.o4)(entryInput(entry, stepInput), () => undefined, env);
            configs.push({ name: entry.name, config });
        }
        catch (err) {
            if (!(err instanceof errors/* InputError */.dz))
                throw err;
            bad++;
            problems.push(`Batch entry "${entry.name}": ${err.message}`);
        }
    }
    if (problems.length > 0)
        throw new errors/* InputError */.dz(batchRefusal(problems, bad, entries.length));
    return configs;
}
/** One message listing every problem (GitHub shows an error as one annotation). */
function batchRefusal(problems, bad, total) {
    const head = `${bad} of ${total} batch ${total === 1 ? 'entry is' : 'entries are'} not valid, so nothing was sent:`;
    return [head, ...problems].join(' ');
}
/** Checks every entry's workspace files, then uploads each distinct file once for the whole batch. */
async function placeBatchFiles(ctx, entries, 
/** Told each entry's file hashes after the checks; returns the entries whose files need no upload (cached). */
gate = async () => new Set()) {
    const withFiles = entries.filter((e) => e.config.request && e.config.request.locals.length > 0);
    if (withFiles.length === 0) {
        await gate(new Map());
        return {};
    }
    const { checkLocalMedia, closeLocalMedia, placeAll } = await Promise.all(/* import() */[__webpack_require__.e(256), __webpack_require__.e(344)]).then(__webpack_require__.bind(__webpack_require__, 1344));
    const { USER_AGENT } = await Promise.all(/* import() */[__webpack_require__.e(256), __webpack_require__.e(579)]).then(__webpack_require__.bind(__webpack_require__, 1579));
    const log = (line) => ctx.io.info(line);
    const roots = { workspace: ctx.workspace, runnerTemp: ctx.runnerTemp };
    const checked = [];
    const problems = [];
    try {
        for (const e of withFiles) {
            try {
                checked.push({ body: e.config.request.body, checked: await checkLocalMedia(e.config.request.locals, roots, log) });
            }
            catch (err) {
                if (!(err instanceof errors/* InputError */.dz))
                    throw err;
                problems.push(`Batch entry "${e.name}": ${err.message}`);
            }
        }
        if (problems.length > 0)
            throw new errors/* InputError */.dz(batchRefusal(problems, problems.length, entries.length));
        const shas = new Map(withFiles.map((e, i) => [e.name, new Map((checked[i]?.checked ?? []).map((c) => [c.index, c.info.sha256]))]));
        const skip = await gate(shas);
        const { step } = ctx;
        return await placeAll(checked.filter((_, i) => !skip.has(withFiles[i].name)), {
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
                deadline: ctx.deadline,
                signal: ctx.signal
            }
        });
    }
    finally {
        for (const c of checked)
            await closeLocalMedia(c.checked);
    }
}
function printDryRun(io, step, entries) {
    io.info(`Dry run: all ${entries.length} batch entries are valid; nothing was sent.`);
    for (const e of entries) {
        if (e.config.taskId !== undefined) {
            io.info(`[${e.name}] would collect task ${e.config.taskId}.`);
            continue;
        }
        const shown = JSON.stringify((0,redact/* shortenDataUrls */.ER)(e.config.request.body), null, 2);
        io.info(`[${e.name}] body of POST ${step.baseUrl}/v1/videos:`);
        io.info(shown);
        io.info(`[${e.name}] the same request with curl:`);
        io.info((0,dry_run/* curlCommand */.O)(step.baseUrl, shown));
    }
}
/** In batch mode `output-path` is a folder that gets `<name>.mp4` for each entry. */
function outputDir(step, workspace) {
    if (step.outputPath === undefined)
        return undefined;
    return (0,external_node_path_.isAbsolute)(step.outputPath) ? step.outputPath : (0,external_node_path_.resolve)(workspace, step.outputPath);
}
/** Reads `max-concurrency`. */
function maxConcurrency(getInput) {
    return (0,parse/* parseInteger */.cG)('max-concurrency', getInput('max-concurrency').trim(), 1, 20) ?? 2;
}
/**
 * Runs the step in batch mode. Writes `results`, the summary, and the failure itself (naming
 * every entry that did not succeed, and after a cancel or timeout every task that goes on).
 * Throws only before any request is sent (bad input), for the caller's one-line failure.
 */
async function runBatchStep(ctx, value, stepInput) {
    const { io, step } = ctx;
    const text = await batchText(value, ctx);
    const entries = await entryConfigs(text, stepInput, io.env);
    if (step.outputPath !== undefined && /\.(mp4|mov)$/i.test(step.outputPath)) {
        throw new errors/* InputError */.dz('Input `output-path` must be a folder with `batch` (each video is saved as `<name>.mp4` in it), not a file name.');
    }
    const concurrency = maxConcurrency(stepInput);
    const requests = entries.map((e) => e.config.request?.body);
    // Never pay twice (reuse.ts): each entry's identity, then cached videos before any upload.
    const reuses = new Map();
    const hits = new Map();
    const gate = async (shas) => {
        if (step.dryRun || (!step.resume && !step.cache))
            return new Set();
        const { requestIdentity } = await __webpack_require__.e(/* import() */ 597).then(__webpack_require__.bind(__webpack_require__, 597));
        const { restoreResult } = await __webpack_require__.e(/* import() */ 671).then(__webpack_require__.bind(__webpack_require__, 2671));
        for (const e of entries) {
            if (!e.config.request)
                continue;
            const reuse = {
                identity: requestIdentity({ baseUrl: step.baseUrl, body: e.config.request.body, localFiles: shas.get(e.name) ?? new Map() }),
                runId: step.runId,
                job: step.job,
                attempt: Number(step.runAttempt) || 1,
                entry: e.name,
                runnerTemp: ctx.runnerTemp,
                warn: (line) => io.warning(line)
            };
            reuses.set(e.name, reuse);
            const hit = step.cache ? await restoreResult({ ...reuse, runnerTemp: ctx.runnerTemp }) : undefined;
            if (hit)
                hits.set(e.name, hit);
        }
        return new Set(hits.keys());
    };
    const assets = await placeBatchFiles(ctx, entries, gate);
    if (Object.keys(assets).length > 0)
        ctx.outputs.set('assets', JSON.stringify(assets));
    if (step.dryRun) {
        printDryRun(io, step, entries);
        ctx.states.push(...entries.map((e) => ({ name: e.name })));
        const { renderBatchSummary } = await __webpack_require__.e(/* import() */ 918).then(__webpack_require__.bind(__webpack_require__, 5918));
        await ctx.summary(renderBatchSummary({ entries: ctx.states, requests, dryRun: true, next: ['Remove `dry-run` (and set `api-key`) to submit these requests.'] }));
        return;
    }
    let release;
    if (step.uploadToRelease) {
        const { findRelease } = await __webpack_require__.e(/* import() */ 202).then(__webpack_require__.bind(__webpack_require__, 4202));
        release = await findRelease({ token: step.githubToken, tag: step.releaseTag, timeoutMs: step.requestTimeoutMs, deadline: ctx.deadline, signal: ctx.signal });
        io.info(`The videos will be attached to release ${release.release.tag_name ?? release.release.id}.`);
    }
    io.info(`Batch of ${entries.length} videos, at most ${concurrency} in flight at once.`);
    const { runBatch, resultsOf, batchFailure, collectAdvice } = await __webpack_require__.e(/* import() */ 983).then(__webpack_require__.bind(__webpack_require__, 2983));
    const { VideoClient } = await Promise.all(/* import() */[__webpack_require__.e(256), __webpack_require__.e(579)]).then(__webpack_require__.bind(__webpack_require__, 1579));
    const dir = outputDir(step, ctx.workspace);
    const publish = () => ctx.outputs.set('results', JSON.stringify(resultsOf(ctx.states)));
    const states = await runBatch({
        entries,
        step,
        maxConcurrency: concurrency,
        deadline: ctx.deadline,
        outputDir: dir,
        tempDir: ctx.runnerTemp,
        release,
        makeClient: ({ log }) => new VideoClient({
            baseUrl: step.baseUrl,
            apiKey: step.apiKey,
            timeoutMs: step.requestTimeoutMs,
            maxRetries: step.maxRetries,
            log,
            debug: (line) => io.debug(line),
            signal: ctx.signal,
            deadline: ctx.deadline
        }),
        log: (line) => io.info(line),
        warn: (line) => io.warning(line),
        show: (abs) => (0,format/* displayPath */.Gt)(abs, ctx.workspace),
        signal: ctx.signal,
        states: ctx.states,
        reuse: reuses,
        hits
    });
    publish();
    const shown = states.map((s) => ({ ...s, videoPath: s.videoPath && (0,format/* displayPath */.Gt)(s.videoPath, ctx.workspace) }));
    let failure = batchFailure(states);
    if (ctx.signal.aborted) {
        const advice = collectAdvice(states);
        for (const line of advice)
            io.info(line);
        const why = ctx.stopReason();
        failure = `${why}${advice.length > 0 ? `; ${states.filter((s) => s.taskId && s.status !== 'succeeded').length} tasks go on: collect them with batch entries that give their \`task-id\` (listed in the log)` : ''}. ${failure ?? ''}`.trim();
    }
    const { renderBatchSummary } = await __webpack_require__.e(/* import() */ 918).then(__webpack_require__.bind(__webpack_require__, 5918));
    await ctx.summary(renderBatchSummary({ entries: shown, requests, error: failure }));
    if (failure)
        io.setFailed(failure);
}


/***/ })

};
