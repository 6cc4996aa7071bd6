export const id = 983;
export const ids = [983,809];
export const modules = {

/***/ 2983:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   batchFailure: () => (/* binding */ batchFailure),
/* harmony export */   collectAdvice: () => (/* binding */ collectAdvice),
/* harmony export */   resultsOf: () => (/* binding */ resultsOf),
/* harmony export */   runBatch: () => (/* binding */ runBatch)
/* harmony export */ });
/* unused harmony exports DOWNLOADS_AT_ONCE, succeeded */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6670);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9809);



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
/**
 * Videos saved at once. A download runs at hundreds of MB/s (a 50 MB video in well under a
 * second), so one at a time costs no wall time worth counting, while parallel ones each hold
 * their socket and write buffers: ten 50 MB videos peak at 77 MB RSS one by one, 137 MB two by two.
 */
const DOWNLOADS_AT_ONCE = 1;
async function runBatch(o) {
    const states = o.states ?? [];
    states.push(...o.entries.map((e) => ({ name: e.name })));
    const slots = new Slots(Math.max(1, o.maxConcurrency));
    const downloads = new Slots(DOWNLOADS_AT_ONCE);
    const remembering = [];
    await Promise.all(o.entries.map((entry, i) => runEntry(o, entry, states[i], slots, downloads, remembering)));
    await Promise.all(remembering);
    return states;
}
async function runEntry(o, entry, state, slots, downloads, remembering) {
    const { config } = entry;
    const tag = `[${entry.name}]`;
    const log = (line) => o.log(`${tag} ${line}`);
    const client = o.makeClient({ log: (line) => o.warn(`${tag} ${line}`) });
    const changed = () => o.onChange?.(state);
    const record = (result) => {
        state.status = result.task.status;
        state.progress = result.task.progress;
        state.response = result.raw.trim();
        changed();
    };
    let holding = false;
    const reuse = o.reuse?.get(entry.name);
    const hit = o.hits?.get(entry.name);
    try {
        if (hit)
            return await fromCache(o, entry, state, hit, log, changed);
        let result;
        let collect = config.taskId;
        if (collect === undefined && reuse && o.step.resume) {
            const { findPreviousTask } = await __webpack_require__.e(/* import() */ 671).then(__webpack_require__.bind(__webpack_require__, 2671));
            const previous = await findPreviousTask(reuse);
            if (previous) {
                const earlier = await client.getTask(previous.taskId).catch(() => undefined);
                const ended = earlier?.task.status === 'failed' || earlier?.task.status === 'cancelled' || earlier?.task.status === 'expired';
                if (earlier && !ended) {
                    log(`Task ${previous.taskId} was created by attempt ${previous.attempt} of this run; collecting it instead of paying for a new one.`);
                    collect = previous.taskId;
                    result = earlier;
                }
                else
                    log(`Task ${previous.taskId} from attempt ${previous.attempt} of this run ${earlier ? `ended ${earlier.task.status}` : 'is unknown to PowerTokens'}; submitting the request again.`);
            }
        }
        if (collect !== undefined) {
            state.taskId = collect;
            if (!result) {
                log(`Collecting task ${collect}.`);
                result = await client.getTask(collect);
            }
        }
        else if (o.step.apiKey === '') {
            throw new Error('Input `api-key` is required: the cache had no video for this entry.');
        }
        else {
            await slots.acquire(o.signal);
            holding = true;
            log('Submitting.');
            result = await client.submit(config.request.body);
            state.taskId = result.task.id;
            state.created = true;
            log(`Created task ${state.taskId} (${result.task.rawStatus ?? 'no status'}).`);
            if (reuse && o.step.resume)
                remembering.push(__webpack_require__.e(/* import() */ 671).then(__webpack_require__.bind(__webpack_require__, 2671)).then((r) => r.rememberTask(reuse, result.task.id)));
        }
        record(result);
        const { waitForTask } = await __webpack_require__.e(/* import() */ 348).then(__webpack_require__.bind(__webpack_require__, 2348));
        const waited = await waitForTask({
            client,
            taskId: state.taskId,
            timeoutMs: o.step.timeoutMs,
            deadline: o.deadline,
            pollIntervalMs: o.step.pollIntervalMs,
            initial: result,
            log,
            onUpdate: record,
            sleep: (0,_retry_js__WEBPACK_IMPORTED_MODULE_1__.abortableSleep)(o.signal)
        });
        state.timings = waited.timings;
        // The task has ended: its slot goes to the next entry while this video comes down.
        if (holding) {
            holding = false;
            slots.release();
        }
        const { deliver } = await Promise.all(/* import() */[__webpack_require__.e(256), __webpack_require__.e(630)]).then(__webpack_require__.bind(__webpack_require__, 1630));
        const { join } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 6760, 23));
        const { lastFramePath } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 8431));
        await downloads.acquire(o.signal);
        try {
            await deliver({
                client,
                task: waited.result.task,
                taskId: state.taskId,
                dest: o.outputDir !== undefined ? join(o.outputDir, `${entry.name}.mp4`) : o.step.cache ? join(o.tempDir, `${entry.name}.mp4`) : undefined,
                tempDir: o.tempDir,
                lastFramePath: (video) => lastFramePath(video),
                maxRetries: o.step.maxRetries,
                timeoutMs: o.step.requestTimeoutMs,
                deadline: o.deadline,
                release: o.release && { target: o.release, token: o.step.githubToken, tag: o.step.releaseTag, assetName: `${entry.name}.mp4` },
                log,
                warn: (line) => o.warn(`${tag} ${line}`),
                show: o.show,
                record: (fact) => {
                    Object.assign(state, fact);
                    changed();
                },
                signal: o.signal
            });
        }
        finally {
            downloads.release();
        }
        if (o.step.cache && reuse && state.videoPath) {
            const { saveResult } = await __webpack_require__.e(/* import() */ 671).then(__webpack_require__.bind(__webpack_require__, 2671));
            if (await saveResult(reuse, { response: state.response ?? '{}', videoFile: state.videoPath, lastFrameFile: state.lastFramePath }))
                log("Kept the video in GitHub's cache.");
        }
    }
    catch (err) {
        // A GitHub call cut off by the step's timeout says itself what was left undone (and where the paid video is).
        const stopped = o.signal.aborted && !(err instanceof Error && err.name === 'ReleaseError');
        if (stopped) {
            state.error = state.taskId ? 'stopped before the task ended' : 'stopped before the task was created';
        }
        else {
            // "Task <id> failed: <reason>" says the id and the status twice beside the entry's own.
            state.error = (0,_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .cleanText */ .X5)((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(err), 1000).replace(/^Task \S+ (failed: |was cancelled: |expired before it ran: )?/, '');
        }
        state.status ??= 'failed';
        if (!stopped)
            log(`Failed: ${state.error}`);
        changed();
    }
    finally {
        if (holding)
            slots.release();
    }
}
/** An entry whose video came from the cache: placed where a made one would be, attached to the release. */
async function fromCache(o, entry, state, hit, log, changed) {
    const { cachedTask, place } = await __webpack_require__.e(/* import() */ 671).then(__webpack_require__.bind(__webpack_require__, 2671));
    const { checkLink } = await Promise.all(/* import() */[__webpack_require__.e(256), __webpack_require__.e(630)]).then(__webpack_require__.bind(__webpack_require__, 1630));
    const { join } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 6760, 23));
    const { lastFramePath } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 8431));
    const task = await cachedTask(hit);
    Object.assign(state, { taskId: task.id, status: 'succeeded', cacheHit: true, response: hit.response.trim() });
    log(`The video came from GitHub's cache (made by task ${task.id ?? 'unknown'}); nothing was sent to PowerTokens.`);
    const link = checkLink(task.videoUrl, 'video', (line) => o.warn(`[${entry.name}] ${line}`));
    if (link)
        state.videoUrl = link;
    const dest = join(o.outputDir ?? o.tempDir, `${entry.name}.mp4`);
    await place(hit.videoFile, dest);
    state.videoPath = dest;
    if (hit.lastFrameFile && o.outputDir !== undefined) {
        await place(hit.lastFrameFile, lastFramePath(dest));
        state.lastFramePath = lastFramePath(dest);
    }
    if (o.release) {
        const { uploadToRelease } = await __webpack_require__.e(/* import() */ 202).then(__webpack_require__.bind(__webpack_require__, 4202));
        const asset = await uploadToRelease({ token: o.step.githubToken, file: dest, name: `${entry.name}.mp4`, contentType: 'video/mp4', tag: o.step.releaseTag, log, timeoutMs: o.step.requestTimeoutMs, deadline: o.deadline, signal: o.signal }, o.release);
        state.releaseAssetUrl = asset.url;
    }
    changed();
}
/** `results`: one object per entry, in entry order, with the fields that apply. */
function resultsOf(states) {
    return states.map((s) => {
        const r = { name: s.name };
        const put = (key, value) => {
            if (value !== undefined)
                r[key] = value;
        };
        put('task-id', s.taskId);
        put('status', s.status ?? 'unknown');
        put('video-url', s.videoUrl);
        put('video-path', s.videoPath);
        put('last-frame-url', s.lastFrameUrl);
        put('last-frame-path', s.lastFramePath);
        put('release-asset-url', s.releaseAssetUrl);
        put('error', s.error);
        put('cache-hit', s.cacheHit ? 'true' : 'false');
        return r;
    });
}
/** Did this entry deliver what was asked? */
function succeeded(s) {
    return s.status === 'succeeded' && s.error === undefined;
}
/** The step's failure: each entry that did not succeed, with its reason and task id. */
function batchFailure(states) {
    const failed = states.filter((s) => !succeeded(s));
    if (failed.length === 0)
        return undefined;
    const parts = failed.map((s) => `${s.name} (${s.taskId ? `task ${s.taskId}, ` : 'no task, '}${s.status ?? 'failed'}${s.error ? `: ${s.error.replace(/\.$/, '')}` : ''})`);
    return `${failed.length} of ${states.length} batch ${states.length === 1 ? 'entry' : 'entries'} did not succeed: ${parts.join('; ')}.`;
}
/** After a cancel or timeout: every created task, and the batch entries that collect them. */
function collectAdvice(states) {
    const live = states.filter((s) => s.taskId !== undefined && !succeeded(s));
    if (live.length === 0)
        return [];
    return [
        'These tasks go on; collect them later (within 7 days) with these batch entries:',
        ...live.map((s) => `  - { name: ${s.name}, task-id: ${s.taskId} }`)
    ];
}


/***/ }),

/***/ 9809:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Js: () => (/* binding */ abortReason),
/* harmony export */   LH: () => (/* binding */ withRetries),
/* harmony export */   MS: () => (/* binding */ gaveUpText),
/* harmony export */   Rn: () => (/* binding */ retryLine),
/* harmony export */   abortableSleep: () => (/* binding */ abortableSleep),
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


/***/ })

};
