export const id = 859;
export const ids = [859];
export const modules = {

/***/ 7859:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  waitForTask: () => (/* binding */ waitForTask)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/api/status.ts
var api_status = __webpack_require__(7348);
// EXTERNAL MODULE: ./src/format.ts
var format = __webpack_require__(6264);
;// CONCATENATED MODULE: ./src/api/poll-schedule.ts
// Pure poll schedule for waiting on a video task. No imports, no clock, no randomness:
// the caller passes the elapsed time and what the last answer said; we return the next delay.
const MAX_MS = 30_000;
const RETRY_AFTER_MAX_MS = 60_000;
/**
 * Without progress, a steady interval a little above `poll-interval` (6 s at the default 5 s):
 * typical Seedance tasks end between 30 s and 5 min, so any end is seen within a few seconds.
 */
const FALLBACK_FACTOR = 1.2;
function createPollState(pollIntervalMs) {
    return { baseMs: Math.max(1, Math.round(pollIntervalMs)), samples: [] };
}
function clamp(v, lo, hi) {
    return Math.min(hi, Math.max(lo, v));
}
/** Next delay in ms. Mutates state.samples (keeps the progress history). */
function nextPollDelay(state, obs) {
    const base = state.baseMs;
    if (obs.retryAfterMs !== undefined && Number.isFinite(obs.retryAfterMs) && obs.retryAfterMs > 0) {
        return Math.round(clamp(obs.retryAfterMs, 1000, RETRY_AFTER_MAX_MS));
    }
    const p = obs.progress;
    if (p !== undefined && Number.isFinite(p) && p > 0 && p < 100) {
        state.samples.push({ t: obs.elapsedMs, p });
        if (state.samples.length > 8)
            state.samples.shift();
        const first = state.samples.length > 1 ? state.samples[0] : undefined;
        // rate from the earliest kept sample (or from submission) to now
        const t0 = first?.t ?? 0;
        const p0 = first?.p ?? 0;
        const rate = (p - p0) / Math.max(1, obs.elapsedMs - t0); // % per ms
        if (rate > 0) {
            const remaining = (100 - p) / rate;
            // poll at half the remaining time while far, then every ~2-3 s close to the end
            const d = remaining > 12_000 ? remaining / 2 : Math.min(remaining, 2_500);
            return Math.round(clamp(d, Math.min(base, 2_500), MAX_MS));
        }
    }
    if (obs.pollAfterMs !== undefined && Number.isFinite(obs.pollAfterMs) && obs.pollAfterMs > 0) {
        return Math.round(clamp(obs.pollAfterMs, Math.min(base, 2_000), MAX_MS));
    }
    // no progress: the first interval honours poll-interval, then a steady short interval
    if (obs.elapsedMs < base)
        return base;
    return Math.min(MAX_MS, Math.round(base * FALLBACK_FACTOR));
}

;// CONCATENATED MODULE: ./src/api/wait.ts




async function waitForTask(o) {
    const now = o.now ?? Date.now;
    const started = now();
    const deadline = o.deadline ?? started + o.timeoutMs;
    let firstRunning;
    let lastLine = '';
    const schedule = createPollState(o.pollIntervalMs);
    let result = o.initial ?? (await o.client.getTask(o.taskId));
    o.onUpdate(result);
    for (;;) {
        const { status, progress, rawStatus } = result.task;
        if (status === 'running' && firstRunning === undefined)
            firstRunning = now();
        const line = `Task ${o.taskId}: ${status}${status === 'unknown' ? ` ("${rawStatus ?? ''}")` : ''}${progress !== undefined && !(0,api_status/* isFinal */.dR)(status) ? ` ${progress}%` : ''}`;
        if (line !== lastLine) {
            o.log(`${line} (${(0,format/* formatDuration */.a3)(now() - started)})`);
            lastLine = line;
        }
        if ((0,api_status/* isFinal */.dR)(status))
            break;
        const remaining = deadline - now();
        if (remaining <= 0)
            throw timeoutError(o.taskId, status, o.timeoutMs);
        const delay = nextPollDelay(schedule, { elapsedMs: now() - started, progress, retryAfterMs: result.retryAfterMs, pollAfterMs: result.pollAfterMs });
        await o.sleep(Math.min(delay, remaining));
        if (now() >= deadline)
            throw timeoutError(o.taskId, status, o.timeoutMs);
        result = await o.client.getTask(o.taskId);
        o.onUpdate(result);
    }
    const ended = now();
    const timings = { total: ended - started };
    if (firstRunning !== undefined) {
        timings.queued = firstRunning - started;
        timings.running = ended - firstRunning;
    }
    const { task } = result;
    if (task.status !== 'succeeded') {
        const why = [task.error?.message, task.error?.code && `(${task.error.code})`].filter(Boolean).join(' ');
        throw new errors/* TaskError */.Ik(`Task ${o.taskId} ${describeEnd(task.status)}${why ? `: ${why}` : ' without an error message'}.`);
    }
    return { result, timings };
}
function describeEnd(status) {
    if (status === 'failed')
        return 'failed';
    if (status === 'cancelled')
        return 'was cancelled';
    return 'expired before it ran';
}
function timeoutError(taskId, status, timeoutMs) {
    return new errors/* TaskError */.Ik(`Stopped waiting for task ${taskId} after ${(0,format/* formatDuration */.a3)(timeoutMs)} (\`timeout\`) while it was ${status}; ` +
        `the task goes on: collect it later (within 7 days) with \`task-id: ${taskId}\` and \`output-path\`, or raise \`timeout\`.`);
}


/***/ })

};
