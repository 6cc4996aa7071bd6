export const id = 717;
export const ids = [717];
export const modules = {

/***/ 7018:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Js: () => (/* binding */ abortReason),
/* harmony export */   LH: () => (/* binding */ withRetries),
/* harmony export */   MS: () => (/* binding */ gaveUpText),
/* harmony export */   Mf: () => (/* binding */ abortableSleep),
/* harmony export */   Rn: () => (/* binding */ retryLine),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter),
/* harmony export */   yy: () => (/* binding */ sleep)
/* harmony export */ });
/* unused harmony exports BACKOFF, MAX_RETRY_AFTER_MS, backoffMs, retryDelayMs, DeadlineError */
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6264);
/**
 * The one retry engine: when to try again, how long to wait first, and the wait itself.
 * Used by the API client, the Asset Library and the download. Time, randomness and the
 * sleep are passed in, so tests run it without waiting.
 */

/** The one backoff setting: 1 s, doubling, at most 30 s, with jitter. */
const BACKOFF = { baseMs: 1000, capMs: 30_000 };
/** The longest a server's `Retry-After` is honoured for one wait. */
const MAX_RETRY_AFTER_MS = 300_000;
/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so
 * parallel matrix jobs that hit a rate limit together do not come back together.
 * `attempt` counts from 0.
 */
function backoffMs(attempt, { baseMs, capMs, random = Math.random }) {
    const full = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
    return Math.round(full / 2 + (random() * full) / 2);
}
/** A `Retry-After` header (seconds or an HTTP date) as milliseconds from `now`, or undefined. */
function parseRetryAfter(value, now = Date.now()) {
    if (!value)
        return undefined;
    const v = value.trim();
    if (/^\d+(\.\d+)?$/.test(v))
        return Math.round(Number(v) * 1000);
    const date = Date.parse(v);
    if (Number.isNaN(date))
        return undefined;
    return Math.max(0, date - now);
}
/** The server's wish wins, within reason; otherwise back off. */
function retryDelayMs(attempt, retryAfterMs, backoff, maxMs = MAX_RETRY_AFTER_MS) {
    if (retryAfterMs !== undefined)
        return Math.min(retryAfterMs, maxMs);
    return backoffMs(attempt, backoff);
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Why a signal aborted, as an Error (the reason the caller gave, else an AbortError). */
function abortReason(signal) {
    const reason = signal.reason;
    return reason instanceof Error ? reason : new DOMException('The operation was cancelled.', 'AbortError');
}
/**
 * A sleep that ends early, rejecting with the signal's reason, when the signal aborts.
 * `base` is the sleep to make abortable (a fake one in tests).
 */
function abortableSleep(signal, base = sleep) {
    if (!signal)
        return base;
    return (ms) => new Promise((resolve, reject) => {
        if (signal.aborted)
            return reject(abortReason(signal));
        let timer;
        const onAbort = () => {
            if (timer !== undefined)
                clearTimeout(timer);
            reject(abortReason(signal));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        const done = (err) => {
            signal.removeEventListener('abort', onAbort);
            if (err === undefined)
                resolve();
            else
                reject(err);
        };
        if (base === sleep)
            timer = setTimeout(() => done(), ms);
        else
            base(ms).then(() => done(), (err) => done(err ?? new Error('sleep failed')));
    });
}
/** The `Retry-After` a failure carries, if any. */
function retryAfterOf(err) {
    const ms = err?.retryAfterMs;
    return typeof ms === 'number' ? ms : undefined;
}
/** A wait that would run past the deadline. */
class DeadlineError extends Error {
    name = 'DeadlineError';
}
/** Runs `attempt` until it succeeds, a failure is final, or the retries are used up. */
async function withRetries(attempt, o) {
    const now = o.now ?? Date.now;
    let failures = 0;
    for (;;) {
        try {
            return await attempt();
        }
        catch (err) {
            if (o.signal?.aborted)
                throw abortReason(o.signal);
            if (!o.retryable(err))
                throw err;
            if (o.progressed?.())
                failures = 0;
            if (failures >= o.maxRetries)
                throw o.giveUp ? o.giveUp(err, o.maxRetries) : err;
            const asked = retryAfterOf(err);
            // With a deadline the server's wish is honoured whole when it fits, and refused when it does not.
            const delay = o.deadline !== undefined && asked !== undefined ? asked : retryDelayMs(failures, asked, { ...BACKOFF, random: o.random });
            if (o.deadline !== undefined && now() + delay > o.deadline) {
                const message = err instanceof Error ? err.message.replace(/\.$/, '') : String(err);
                const wait = asked !== undefined ? `the server asked to wait ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(asked)}` : `the next try would wait ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(delay)}`;
                throw new DeadlineError(`${message}; ${wait}, longer than \`timeout\` leaves (${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(Math.max(0, o.deadline - now()))}).`);
            }
            failures++;
            o.onRetry?.(err, delay, failures);
            await o.sleep(delay);
        }
    }
}
/** `<message> Retrying in 1.0 s (1/4).` */
function retryLine(message, delayMs, retry, maxRetries, verb = 'Retrying') {
    return `${message.replace(/\.?$/, '.')} ${verb} in ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(delayMs, true)} (${retry}/${maxRetries}).`;
}
/** `Gave up after 2 retries (\`max-retries\`)`. */
function gaveUpText(maxRetries) {
    return maxRetries === 0 ? '`max-retries` is 0' : `gave up after ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .retries */ .ZI)(maxRetries)} (\`max-retries\`)`;
}


/***/ }),

/***/ 1717:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  checkEntryFiles: () => (/* binding */ checkEntryFiles),
  closeEntries: () => (/* binding */ closeEntries),
  dryRun: () => (/* binding */ dryRun),
  findRelease: () => (/* binding */ findRelease),
  lookUpReuse: () => (/* binding */ lookUpReuse),
  runEntries: () => (/* binding */ runEntries)
});

// UNUSED EXPORTS: DOWNLOADS_AT_ONCE

;// CONCATENATED MODULE: ./src/step/dry-run.ts
/** What a dry run prints: the exact body, and a curl command that sends it. */
/** Shell single-quoting. */
function sq(s) {
    return `'${s.replace(/'/g, `'\\''`)}'`;
}
function curlCommand(baseUrl, bodyJson) {
    const marker = bodyJson.includes('\nJSON\n') ? 'SEEDANCE_JSON_BODY' : 'JSON';
    return [
        `curl -sS -X POST ${sq(`${baseUrl}/v1/videos`)} \\`,
        `  -H "Authorization: Bearer $POWERTOKENS_API_KEY" \\`,
        `  -H 'Content-Type: application/json' \\`,
        `  --data-binary @- <<'${marker}'`,
        bodyJson,
        marker
    ].join('\n');
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/step/inputs.ts + 1 modules
var inputs = __webpack_require__(1437);
// EXTERNAL MODULE: ./src/format.ts
var format = __webpack_require__(6264);
// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(6670);
// EXTERNAL MODULE: ./src/api/retry.ts
var retry = __webpack_require__(7018);
// EXTERNAL MODULE: ./src/api/status.ts
var api_status = __webpack_require__(7348);
;// CONCATENATED MODULE: ./src/video/pipeline.ts





/** One entry's last frame, promised to its followers from the start of the run. */
class FramePromise {
    promise;
    resolve;
    settled = false;
    constructor() {
        this.promise = new Promise((resolve) => (this.resolve = resolve));
    }
    settle(frame) {
        if (this.settled)
            return;
        this.settled = true;
        this.resolve(frame);
    }
}
/** A counting semaphore whose waits end on abort. */
class Slots {
    free;
    waiting = [];
    constructor(size) {
        this.free = size;
    }
    async acquire(signal) {
        if (this.free > 0) {
            this.free--;
            return;
        }
        await new Promise((resolve, reject) => {
            const onAbort = () => {
                const i = this.waiting.indexOf(grant);
                if (i >= 0)
                    this.waiting.splice(i, 1);
                reject(signal.reason);
            };
            const grant = () => {
                signal.removeEventListener('abort', onAbort);
                resolve();
            };
            if (signal.aborted)
                return onAbort();
            signal.addEventListener('abort', onAbort, { once: true });
            this.waiting.push(grant);
        });
    }
    release() {
        const next = this.waiting.shift();
        if (next)
            next();
        else
            this.free++;
    }
}
/** Runs one entry to its end. Never throws: what went wrong is in `state.error` and `state.failure`. */
async function runEntry(ctx, entry, state) {
    const { config } = entry;
    const log = (line) => ctx.info(`${entry.tag}${line}`);
    const warn = (line) => ctx.warn(`${entry.tag}${line}`);
    const client = ctx.client(log);
    const changed = () => ctx.changed(state);
    const record = (result) => {
        state.status = result.task.status;
        state.progress = result.task.progress;
        state.response = result.raw.trim();
        changed();
    };
    let holding = false;
    const frame = ctx.frames.get(entry.name);
    try {
        if (entry.hit)
            return await deliverCached(ctx, entry, state, entry.hit, log, warn);
        let result;
        let collect = config.taskId;
        if (collect === undefined && entry.reuse && config.resume) {
            const earlier = await earlierAttempt(entry, state, client, log);
            if (earlier) {
                collect = earlier.taskId;
                result = earlier.result;
            }
        }
        if (collect !== undefined) {
            state.taskId = collect;
            changed();
            if (!result) {
                log(`Reading task ${collect} from ${config.baseUrl}.`);
                result = await client.getTask(collect);
            }
        }
        else {
            // A shot that continues another starts (and takes a slot) only once that one has its last frame.
            if (entry.after !== undefined)
                await startFrom(ctx, entry, entry.after, log);
            const assets = await ctx.place(entry);
            if (Object.keys(assets).length > 0)
                state.assets = assets;
            await ctx.slots.acquire(ctx.signal);
            holding = true;
            const body = config.request.body;
            state.request = (0,redact/* shortenDataUrls */.ER)(body);
            changed();
            log(`Submitting to ${config.baseUrl}/v1/videos: ${describeRequest(body)}.`);
            result = await client.submit(body);
            state.taskId = result.task.id;
            state.created = true;
            log(`Created task ${state.taskId} (${result.task.rawStatus ?? 'no status'}).`);
            const reuse = entry.reuse;
            if (reuse && config.resume)
                ctx.remembering.push(__webpack_require__.e(/* import() */ 396).then(__webpack_require__.bind(__webpack_require__, 5396)).then((r) => r.rememberTask(reuse, state.taskId)));
        }
        record(result);
        if (entry.wait) {
            const { waitForTask } = await __webpack_require__.e(/* import() */ 859).then(__webpack_require__.bind(__webpack_require__, 7859));
            const waited = await waitForTask({
                client,
                taskId: state.taskId,
                timeoutMs: config.timeoutMs,
                deadline: ctx.deadline,
                pollIntervalMs: config.pollIntervalMs,
                initial: result,
                log,
                onUpdate: record,
                sleep: (0,retry/* abortableSleep */.Mf)(ctx.signal)
            });
            result = waited.result;
            state.timings = waited.timings;
            changed();
        }
        // The entries that follow this one may start now, while its video comes down.
        if (frame && result.task.status === 'succeeded') {
            const { checkLink } = await Promise.all(/* import() */[__webpack_require__.e(364), __webpack_require__.e(973)]).then(__webpack_require__.bind(__webpack_require__, 8973));
            const url = checkLink(result.task.lastFrameUrl, 'last frame', () => undefined);
            frame.settle(url ? { url } : { reason: 'gave no last frame' });
        }
        // The task has ended: its slot goes to the next entry while this video comes down.
        if (holding) {
            holding = false;
            ctx.slots.release();
        }
        if (result.task.status !== 'succeeded')
            return;
        await ctx.downloads.acquire(ctx.signal);
        try {
            await deliverMade(ctx, entry, state, client, result, log, warn);
        }
        finally {
            ctx.downloads.release();
        }
    }
    catch (err) {
        state.failure = err;
        state.error = ctx.signal.aborted
            ? state.taskId
                ? 'stopped before the task ended'
                : 'stopped before the task was created'
            : // "Task <id> failed: <reason>" says the id and the status twice beside the entry's own.
                (0,redact/* cleanText */.X5)((0,errors/* errorMessage */.gJ)(err), 1000).replace(/^Task \S+ (failed: |was cancelled: |expired before it ran: )?/, '');
        state.status ??= 'failed';
        if (entry.tag !== '' && !ctx.signal.aborted)
            log(`Failed: ${state.error}`);
        changed();
    }
    finally {
        if (holding)
            ctx.slots.release();
        frame?.settle({ reason: state.error?.startsWith('not started') ? 'was not started' : state.status === 'succeeded' ? 'gave no last frame' : (state.status ?? 'failed') === 'unknown' ? 'did not finish' : (state.status ?? 'failed') });
    }
}
/**
 * Waits until the entry followed has its last frame, then puts it in the first-frame item: the
 * link the API just returned as it is, or (a frame restored from the cache, whose link may have
 * expired) the saved file, checked and placed like a workspace image.
 */
async function startFrom(ctx, entry, after, log) {
    const before = ctx.frames.get(after);
    if (!before)
        throw new NotStarted(`not started: \`${after}\` is not in this batch`);
    const frame = await untilAborted(before.promise, ctx.signal);
    if ('reason' in frame)
        throw new NotStarted(`not started: \`${after}\` ${frame.reason}`);
    const body = entry.config.request.body;
    const index = body.media.findIndex((m) => m.type === 'first_frame');
    const item = body.media[index];
    if (!item || item.type === 'text')
        throw new Error(`Entry ${entry.name} has no first frame to fill`);
    if ('url' in frame) {
        item.url = frame.url;
        log(`Starts from the last frame of \`${after}\` (its link).`);
        return;
    }
    const { checkLocalMedia } = await Promise.all(/* import() */[__webpack_require__.e(364), __webpack_require__.e(950)]).then(__webpack_require__.bind(__webpack_require__, 7950));
    entry.checked.push(...(await checkLocalMedia([{ index, path: frame.file, type: 'first_frame', input: 'first-frame' }], ctx.roots, log)));
    log(`Starts from the last frame of \`${after}\` (the saved frame: a cached link may have expired).`);
}
/** An entry that was never submitted because the entry it follows did not end well. */
class NotStarted extends Error {
    name = 'NotStarted';
}
function untilAborted(promise, signal) {
    if (signal.aborted)
        return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
        const onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        promise.then((v) => {
            signal.removeEventListener('abort', onAbort);
            resolve(v);
        }, (e) => {
            signal.removeEventListener('abort', onAbort);
            reject(e);
        });
    });
}
/**
 * The task an earlier attempt of this run created for this entry, if it may be collected.
 * Only a clear "not found" (or a task that failed, was cancelled or expired) lets the entry be
 * submitted again; anything else (5xx, timeouts, refused connections, the deadline) fails the
 * entry with the task id, since a blind re-submit could pay for the same video twice.
 */
async function earlierAttempt(entry, state, client, log) {
    const { findPreviousTask } = await __webpack_require__.e(/* import() */ 396).then(__webpack_require__.bind(__webpack_require__, 5396));
    const previous = await findPreviousTask(entry.reuse);
    if (!previous)
        return undefined;
    let earlier;
    try {
        earlier = await client.getTask(previous.taskId);
    }
    catch (err) {
        if (!(err instanceof errors/* ApiError */.hD && err.kind === 'not-found')) {
            // The task exists and was paid for: it is reported with its id, whatever happens next.
            state.taskId = previous.taskId;
            const how = entry.tag === '' ? `\`task-id: ${previous.taskId}\`` : `the batch entry \`{ name: ${entry.name}, task-id: ${previous.taskId} }\``;
            throw new errors/* TaskError */.Ik(`Task ${previous.taskId} from attempt ${previous.attempt} of this run could not be read (${(0,redact/* cleanText */.X5)((0,errors/* errorMessage */.gJ)(err), 300).replace(/\.$/, '')}), so it was not submitted again (that could pay for the same video twice): collect it with ${how} (within 7 days), or re-run when PowerTokens answers.`);
        }
    }
    const status = earlier?.task.status;
    if (earlier && status !== undefined && !(0,api_status/* endedUnsuccessfully */.NA)(status)) {
        log(`Task ${previous.taskId} was created by attempt ${previous.attempt} of this run; collecting it instead of paying for a new one.`);
        return { taskId: previous.taskId, result: earlier };
    }
    log(`Task ${previous.taskId} from attempt ${previous.attempt} of this run ${earlier ? `ended ${status}` : 'is unknown to PowerTokens'}; submitting the request again.`);
    return undefined;
}
/** A finished task: its links, the video saved and attached, then kept in the cache. */
async function deliverMade(ctx, entry, state, client, result, log, warn) {
    const { config } = entry;
    const taskId = state.taskId;
    const { deliver } = await Promise.all(/* import() */[__webpack_require__.e(364), __webpack_require__.e(973)]).then(__webpack_require__.bind(__webpack_require__, 8973));
    const { lastFramePath } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 9208));
    await deliver({
        client,
        task: result.task,
        taskId,
        // With `cache`, the video is saved (to RUNNER_TEMP at least) so it can be kept.
        dest: entry.saveTo?.(taskId) ?? (config.cache ? entry.tempFile(taskId) : undefined),
        tempFile: entry.tempFile(taskId),
        lastFramePath: (video) => lastFramePath(video),
        maxRetries: config.maxRetries,
        timeoutMs: config.requestTimeoutMs,
        deadline: ctx.deadline,
        release: ctx.release && { target: ctx.release, token: config.githubToken, tag: config.releaseTag, assetName: (saved) => entry.assetName(ctx.release, saved, taskId) },
        log,
        warn,
        show: (abs) => (0,format/* displayPath */.Gt)(abs, ctx.workspace),
        record: (fact) => {
            Object.assign(state, fact);
            ctx.changed(state);
        },
        signal: ctx.signal
    });
    if (config.cache && entry.reuse && state.videoPath) {
        const { saveResult } = await __webpack_require__.e(/* import() */ 396).then(__webpack_require__.bind(__webpack_require__, 5396));
        if (await saveResult(entry.reuse, { response: state.response ?? '{}', videoFile: state.videoPath, lastFrameFile: state.lastFramePath })) {
            log("Kept the video in GitHub's cache: the same request will not be paid for again while the entry lives.");
        }
    }
}
/** A video restored from GitHub's cache: placed where a made one would be, attached to the release; nothing sent to PowerTokens. */
async function deliverCached(ctx, entry, state, hit, log, warn) {
    const { cachedTask, place } = await __webpack_require__.e(/* import() */ 396).then(__webpack_require__.bind(__webpack_require__, 5396));
    const { checkLink } = await Promise.all(/* import() */[__webpack_require__.e(364), __webpack_require__.e(973)]).then(__webpack_require__.bind(__webpack_require__, 8973));
    const { lastFramePath } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 9208));
    const task = await cachedTask(hit);
    const id = task.id ?? 'cached';
    Object.assign(state, { taskId: task.id, status: 'succeeded', cacheHit: true, response: hit.response.trim() });
    ctx.changed(state);
    log(`The video for this request came from GitHub's cache (made by task ${id}); nothing was sent to PowerTokens.`);
    const link = checkLink(task.videoUrl, 'video', warn);
    if (link)
        state.videoUrl = link;
    const dest = entry.saveTo?.(id) ?? entry.tempFile(id);
    await place(hit.videoFile, dest);
    state.videoPath = dest;
    ctx.changed(state);
    log(`Saved the video to ${(0,format/* displayPath */.Gt)(dest, ctx.workspace)}.`);
    if (hit.lastFrameFile && entry.saveTo) {
        const frame = lastFramePath(dest);
        await place(hit.lastFrameFile, frame);
        state.lastFramePath = frame;
        ctx.changed(state);
    }
    // A follower gets the frame itself: the cached task's link may have expired.
    ctx.frames.get(entry.name)?.settle(hit.lastFrameFile ? { file: state.lastFramePath ?? hit.lastFrameFile } : { reason: 'has no last frame in the cache' });
    if (ctx.release) {
        const { uploadToRelease } = await __webpack_require__.e(/* import() */ 957).then(__webpack_require__.bind(__webpack_require__, 6338));
        const name = await entry.assetName(ctx.release, dest, id);
        const { config } = entry;
        const asset = await uploadToRelease({ token: config.githubToken, file: dest, name, contentType: 'video/mp4', tag: config.releaseTag, log }, ctx.release);
        state.releaseAssetUrl = asset.url;
        ctx.changed(state);
        log(`Attached ${name} to the release: ${asset.url}`);
    }
}
/** The submit's log line: model, media counts, and the settings given. */
function describeRequest(body) {
    const types = body.media.map((m) => m.type);
    const counts = [...new Set(types)].map((t) => `${types.filter((x) => x === t).length} ${t}`);
    const extras = ['seconds', 'size', 'ratio'].filter((k) => body[k] !== undefined).map((k) => `${k} ${body[k]}`);
    return [`model ${body.model}`, `media ${counts.join(', ')}`, ...extras].join('; ');
}

// EXTERNAL MODULE: ./src/video/request.ts + 1 modules
var request = __webpack_require__(6683);
;// CONCATENATED MODULE: ./src/video/run-entries.ts
/**
 * One scheduler for one video or many: every entry's workspace files checked, its identity
 * and cached video looked up, the key required only where something must be sent, one dry
 * run, one release lookup; then each entry's pipeline (pipeline.ts), at most `maxConcurrency`
 * tasks queued or running at once. A single step is a run of one entry.
 */






/**
 * Videos saved at once. A download runs at hundreds of MB/s (a 50 MB video in well under a
 * second), so one at a time costs no wall time worth counting, while parallel ones each hold
 * their socket and write buffers: ten 50 MB videos peak at 77 MB RSS one by one, 137 MB two by two.
 */
const DOWNLOADS_AT_ONCE = 1;
/**
 * Checks every entry's workspace files (they stay open until `closeEntries`). Returns one
 * sentence per entry whose files break a rule, each after `label(entry)`; checks them all.
 */
async function checkEntryFiles(entries, step, label, log) {
    const problems = [];
    const withFiles = entries.filter((e) => e.config.request && e.config.request.locals.length > 0);
    if (withFiles.length === 0)
        return problems;
    const { checkLocalMedia } = await Promise.all(/* import() */[__webpack_require__.e(364), __webpack_require__.e(950)]).then(__webpack_require__.bind(__webpack_require__, 7950));
    for (const e of withFiles) {
        try {
            e.checked = await checkLocalMedia(e.config.request.locals, { workspace: step.workspace, runnerTemp: step.runnerTemp }, log);
        }
        catch (err) {
            if (!(err instanceof errors/* InputError */.dz))
                throw err;
            problems.push(`${label(e)}${err.message}`);
        }
    }
    return problems;
}
/** Closes the files `checkEntryFiles` opened. */
async function closeEntries(entries) {
    if (!entries.some((e) => e.checked.length > 0))
        return;
    const { closeLocalMedia } = await Promise.all(/* import() */[__webpack_require__.e(364), __webpack_require__.e(950)]).then(__webpack_require__.bind(__webpack_require__, 7950));
    for (const e of entries)
        await closeLocalMedia(e.checked);
}
/**
 * Never pay twice (reuse.ts): each entry's identity (its workspace files by content), then its
 * cached video, before any upload. Then the key: refused before anything is sent unless every
 * entry came from the cache.
 */
async function lookUpReuse(entries, step, warn) {
    if (step.dryRun)
        return;
    if (step.resume || step.cache) {
        const { requestIdentity } = await __webpack_require__.e(/* import() */ 916).then(__webpack_require__.bind(__webpack_require__, 9916));
        const { restoreResult } = await __webpack_require__.e(/* import() */ 396).then(__webpack_require__.bind(__webpack_require__, 5396));
        const byName = new Map(entries.map((e) => [e.name, e]));
        const identities = new Map();
        // An entry that follows another counts that entry's identity, never its link (new on every run).
        const identityOf = (e) => {
            let id = identities.get(e.name);
            if (id !== undefined)
                return id;
            const before = e.after !== undefined ? byName.get(e.after) : undefined;
            const after = before === undefined ? undefined : before.config.request ? identityOf(before) : `task:${before.config.taskId ?? ''}`;
            id = requestIdentity({ baseUrl: e.config.baseUrl, body: e.config.request.body, localFiles: new Map(e.checked.map((c) => [c.index, c.info.sha256])), after });
            identities.set(e.name, id);
            return id;
        };
        for (const e of entries) {
            if (!e.config.request)
                continue;
            e.reuse = {
                identity: identityOf(e),
                runId: step.runId,
                job: step.job,
                attempt: Number(step.runAttempt) || 1,
                entry: e.name,
                runnerTemp: step.runnerTemp,
                warn
            };
            if (step.cache)
                e.hit = await restoreResult(e.reuse);
        }
    }
    const missing = entries.filter((e) => !e.hit);
    if (step.apiKey === '' && missing.length > 0) {
        const which = entries.length === 1 ? 'this request' : `batch ${missing.length === 1 ? 'entry' : 'entries'} ${missing.map((e) => `"${e.name}"`).join(', ')}`;
        throw new errors/* InputError */.dz(`${inputs/* API_KEY_REQUIRED */.Pp.replace(/\.$/, '')}; the cache had no video for ${which}.`);
    }
}
/** The dry run: each entry's exact body and an equivalent curl; nothing is sent. */
async function dryRun(entries, step, info) {
    const place = placer(step, Date.now() + step.timeoutMs, new AbortController().signal, info);
    for (const e of entries) {
        const log = (line) => info(`${e.tag}${line}`);
        if (e.config.taskId !== undefined) {
            log(`Dry run: would read task ${e.config.taskId} from ${step.baseUrl}/v1/videos/${e.config.taskId}; nothing was sent.`);
            continue;
        }
        await place(e);
        if (e.after !== undefined)
            log(`first frame: the last frame of \`${e.after}\`, once it has succeeded (shown below as ${request/* CHAIN_PREFIX */.hX}${e.after}).`);
        const body = e.config.request.body;
        const shown = JSON.stringify((0,redact/* shortenDataUrls */.ER)(body), null, 2);
        log(`${e.tag === '' ? 'Dry run: the request is valid; nothing was sent. Body' : 'body'} of POST ${step.baseUrl}/v1/videos:`);
        info(shown);
        log(e.tag === '' ? 'The same request with curl (export POWERTOKENS_API_KEY first):' : 'the same request with curl:');
        info(curlCommand(step.baseUrl, shown));
        if (shown !== JSON.stringify(body, null, 2))
            log('(Long data: URLs are shortened above; the real body carries them whole.)');
    }
}
/** The release the videos go to, found and proven writable before anything is paid for. */
async function findRelease(step, count, info, deadline, signal) {
    const { findRelease: find } = await __webpack_require__.e(/* import() */ 957).then(__webpack_require__.bind(__webpack_require__, 6338));
    const target = await find({ token: step.githubToken, tag: step.releaseTag, timeoutMs: step.requestTimeoutMs, deadline, signal });
    info(`The ${count === 1 ? 'video' : 'videos'} will be attached to release ${target.release.tag_name ?? target.release.id}.`);
    return target;
}
/** Each entry's workspace files placed by one placer: a file named by many entries is uploaded once. */
function placer(step, deadline, signal, log) {
    let shared;
    const make = async () => {
        const { Placer } = await Promise.all(/* import() */[__webpack_require__.e(364), __webpack_require__.e(950)]).then(__webpack_require__.bind(__webpack_require__, 7950));
        const { USER_AGENT } = await Promise.all(/* import() */[__webpack_require__.e(364), __webpack_require__.e(624)]).then(__webpack_require__.bind(__webpack_require__, 6624));
        const p = new Placer({
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
                deadline,
                signal
            }
        });
        return { place: (e) => p.place(e.config.request.body, e.checked) };
    };
    return async (entry) => {
        if (entry.checked.length === 0)
            return {};
        shared ??= make();
        return (await shared).place(entry);
    };
}
/** Runs every entry's pipeline; resolves when each has ended (they never throw). */
async function runEntries(o) {
    o.states.push(...o.entries.map((e) => ({ name: e.name })));
    const { VideoClient } = await Promise.all(/* import() */[__webpack_require__.e(364), __webpack_require__.e(624)]).then(__webpack_require__.bind(__webpack_require__, 6624));
    const { step } = o;
    const ctx = {
        deadline: o.deadline,
        signal: o.signal,
        release: o.release,
        slots: new Slots(Math.max(1, o.maxConcurrency)),
        downloads: new Slots(DOWNLOADS_AT_ONCE),
        client: (log) => new VideoClient({
            baseUrl: step.baseUrl,
            apiKey: step.apiKey,
            timeoutMs: step.requestTimeoutMs,
            maxRetries: step.maxRetries,
            // Retries are progress, not something the user must act on: info, not warnings.
            log,
            debug: o.logs.debug,
            signal: o.signal,
            deadline: o.deadline
        }),
        place: placer(step, o.deadline, o.signal, o.logs.info),
        workspace: o.workspace,
        info: o.logs.info,
        warn: o.logs.warn,
        changed: (state) => o.changed?.(state),
        remembering: [],
        frames: new Map(o.entries.map((e) => [e.name, new FramePromise()])),
        roots: { workspace: step.workspace, runnerTemp: step.runnerTemp }
    };
    await Promise.all(o.entries.map((entry, i) => runEntry(ctx, entry, o.states[i])));
    await Promise.all(ctx.remembering);
    return o.states;
}


/***/ })

};
